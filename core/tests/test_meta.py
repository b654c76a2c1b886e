"""Every routed model has a ViewTestCases class (and every API basename an APIViewTestCases class)."""

import importlib
from pathlib import Path

from django.apps import apps
from django.urls import get_resolver

from core.registry import project_apps
from core.testing.views import APIViewTestCases, ViewTestCases


def routed_models():
    """Models with a detail page named ``<app>:<model>``."""
    found = set()
    resolver = get_resolver()
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        for name in sub.reverse_dict:
            if isinstance(name, str):
                try:
                    found.add(apps.get_model(namespace, name))
                except (LookupError, ValueError):
                    continue
    return {m for m in found if m._meta.app_config in project_apps()}


def collect_test_classes():
    classes = []
    for config in project_apps():
        tests = Path(config.path) / "tests"
        for path in sorted(tests.glob("test_*.py")):
            module = importlib.import_module(f"{config.name}.tests.{path.stem}")
            classes.extend(
                v for v in vars(module).values() if isinstance(v, type) and getattr(v, "model", None)
            )
    return classes


def test_every_routed_model_has_a_view_test_class():
    tested = {c.model for c in collect_test_classes() if issubclass(c, ViewTestCases)}
    missing = sorted(m._meta.label for m in routed_models() - tested)
    assert not missing, f"routed models without a ViewTestCases test class: {missing}"


def test_every_api_endpoint_has_an_api_test_class():
    from dangjian.urls import api_router

    tested = {c.api_basename for c in collect_test_classes() if issubclass(c, APIViewTestCases)}
    basenames = {basename for _, _, basename in api_router().registry}
    assert basenames, "no API endpoints registered"
    assert not basenames - tested, f"API endpoints without APIViewTestCases: {sorted(basenames - tested)}"


def test_scope_covers_org_by_path_prefix(world):
    from core.scoping import get_scope

    scope = get_scope(world.users["secretary_a"])
    assert scope.covers_org("orglife", "change", world.a1.path)
    assert not scope.covers_org("orglife", "change", world.b1.path)
    # the own-records grant never reaches an organization
    assert not get_scope(world.users["member_a1"]).covers_org("orglife", "view", world.a1.path)
    assert get_scope(world.users["admin"]).covers_org("dues", "delete", world.b1.path)
