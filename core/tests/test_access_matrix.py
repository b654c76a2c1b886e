"""A generated access matrix: every routed page and API endpoint × the demo roles.

For each GET route that takes an object, the expectation comes from the one scoping mechanism:
no module right → 403; an object in the role's scope → 200; one outside → 404. No page may serve
(200) what the scope forbids, and none may fail (5xx). The matrix, with every cell where a page is
stricter than the scope marked "got≠expected", is written to test-artifacts/access-matrix.md.
"""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from core.scoping import get_scope, scope_module
from core.testing.browser import ARTIFACTS

ROLES = ["admin", "zzb", "zongzhi", "zhibu", "dangyuan"]
SKIP = {"accounts:login", "accounts:logout", "api-docs", "schema", "api-token"}
# routes whose object is not named by the route (kwarg → model label)
KWARG_MODELS = {"person_pk": "members.person"}
ROUTE_MODELS = {"orgs:tree_children": "orgs.organization"}
POST_ONLY = {"orgs:position_end"}
# self-service pages: a member hands in their own 思想汇报 / change request with only the read right on
# their own record; the services check that the person is the user (see those apps' tests)
SELF_SERVICE = {"development:thoughtreport_add", "members:changerequest_add"}


def iter_routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in (None, "admin"):
                continue
            yield from iter_routes(entry, entry.namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name, entry


def model_and_action(route, pattern):
    app, _, name = route.partition(":")
    kwargs = list(pattern.pattern.converters)
    if route in ROUTE_MODELS:
        return apps.get_model(ROUTE_MODELS[route]), "view", kwargs
    for kwarg, label in KWARG_MODELS.items():
        if kwarg in kwargs:
            return apps.get_model(label), "change", kwargs
    base, _, suffix = name.partition("_")
    try:
        model = apps.get_model(app, base)
    except (LookupError, ValueError):
        return None, "view", kwargs
    action = {
        "add": "add",
        "delete": "delete",
        "": "view",
        "changelog": "view",
        "list": "view",
        "import": "add",
    }.get(suffix, "change")
    return model, "view" if route in SELF_SERVICE else action, kwargs


def expected(user, model, action, obj):
    scope = get_scope(user)
    if not scope.allows(scope_module(model), action, model):
        return 403
    if obj is None:
        return 200
    return 200 if model.objects.restrict(user, action).filter(pk=obj.pk).exists() else 404


@pytest.fixture
def demo(db):
    call_command("load_demo", small=True, verbosity=0)


def test_access_matrix(demo):
    users = {name: User.objects.get(username=name) for name in ROLES}
    clients = {name: Client() for name in ROLES}
    for name, client in clients.items():
        client.force_login(users[name])
    rows, failures = [], []
    for route, pattern in sorted(iter_routes(), key=lambda r: r[0]):
        if route in SKIP or route.startswith("api:") or route in POST_ONLY:
            continue
        model, action, kwargs = model_and_action(route, pattern)
        if set(kwargs) - {"pk", *KWARG_MODELS}:
            rows.append(
                f"| {route} | (takes {', '.join(kwargs)}: covered by its app's tests) |" + " |" * len(ROLES)
            )
            continue
        samples = [None]
        if kwargs:
            if model is None:
                failures.append(f"{route}: cannot tell which model its argument names")
                continue
            zhibu_scope = model.objects.restrict(users["zhibu"], action)
            samples = [
                zhibu_scope.order_by("pk").first(),
                model.objects.exclude(pk__in=zhibu_scope.values("pk")).order_by("pk").first(),
            ]
            samples = [s for s in samples if s is not None]
        for sample in samples:
            url = reverse(route, args=[sample.pk] if sample is not None else [])
            cells = []
            for role in ROLES:
                got = clients[role].get(url).status_code
                want = expected(users[role], model, action, sample) if model else 200
                if model is None and got == 403:
                    want = 403  # pages without a model decide their own audience (e.g. the global log)
                cells.append(f"{got}" + ("" if got == want else f"≠{want}"))
                # A leak (a page served where the scope says 403/404) or a server error fails the test.
                # A page stricter than the scope (a personal inbox, a sent notice that is final, a POST-only
                # action answering 405) is allowed; each app's ViewTestCases checks that in-scope use works.
                if got >= 500 or (got == 200 and want != 200):
                    failures.append(f"{route} {url} as {role}: got {got}, expected {want}")
            rows.append(f"| {route} | {url} | " + " | ".join(cells) + " |")
    for basename in sorted(
        {
            r.split(":")[1].rsplit("-", 1)[0]
            for r, _ in iter_routes()
            if r.startswith("api:") and r.endswith("-detail")
        }
    ):
        list_url = reverse(f"api:{basename}-list")
        statuses = [clients[role].get(list_url).status_code for role in ROLES]
        failures.extend(
            f"{list_url} as {role}: {code}" for role, code in zip(ROLES, statuses, strict=True) if code >= 500
        )
        rows.append(f"| api:{basename}-list | {list_url} | " + " | ".join(map(str, statuses)) + " |")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "access-matrix.md").write_text(
        "| route | url | "
        + " | ".join(ROLES)
        + " |\n|"
        + "---|" * (len(ROLES) + 2)
        + "\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    assert len(rows) > 30
    assert not failures, "\n".join(failures)


def test_zhibu_gets_404_for_another_branch_page_and_api_object(demo):
    from orgs.models import Organization

    client = Client()
    client.force_login(User.objects.get(username="zhibu"))
    other = Organization.objects.get(code="SX-T1")
    own = Organization.objects.get(code="ZW-T1")
    assert client.get(f"/orgs/organizations/{own.pk}/").status_code == 200
    assert client.get(f"/orgs/organizations/{other.pk}/").status_code == 404
    assert client.get(f"/api/organizations/{other.pk}/").status_code == 404
    assert client.get(f"/api/organizations/{own.pk}/").status_code == 200


def test_every_demo_login_works_through_the_form(demo):
    for username in ROLES:
        client = Client()
        response = client.post("/accounts/login/", {"username": username, "password": "demo12345"})
        assert response.status_code == 302, username
        assert client.get("/").status_code == 200


def test_api_token_authentication(demo):
    client = Client()
    response = client.post("/api/token/", {"username": "zhibu", "password": "demo12345"})
    token = response.json()["token"]
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    rows = api.get("/api/organizations/").json()["results"]
    assert {row["code"] for row in rows} == {"ZW-T1", "ZW-T1-G1", "ZW-T1-G2"}
