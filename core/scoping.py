"""One scoping mechanism: a user's Scope (from accounts.roles) turned into a queryset filter.

A model says how it hangs off the organization tree (``scope_org_field``, the path to an
Organization; "" for Organization itself) and, optionally, which field names its person
(``scope_person_field``) so that members see their own records. The module a model belongs
to is its app label unless it sets ``scope_module``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string

ACTIONS = ("view", "add", "change", "delete", "sensitive")
ALL_ACTIONS = frozenset(ACTIONS)


@dataclass(frozen=True)
class Grant:
    """What one role gives: actions on modules, over org subtrees (paths) or over one person's records."""

    actions: frozenset
    modules: frozenset | None = None  # None: every module
    paths: tuple | None = None  # org path prefixes; None: the whole tree
    person_id: int | None = None  # set: only this person's own records
    label: str = ""

    def covers(self, module: str, action: str) -> bool:
        return action in self.actions and (self.modules is None or module in self.modules)


@dataclass
class Scope:
    """Everything a user may do: the union of their grants."""

    grants: list = field(default_factory=list)
    is_superuser: bool = False

    def _grants(self, module, action, model=None):
        for grant in self.grants:
            if not grant.covers(module, action):
                continue
            if grant.person_id is not None and (model is None or not scope_person_field(model)):
                continue
            yield grant

    def allows(self, module: str, action: str = "view", model=None) -> bool:
        """Whether the user has any right of this kind at all (no right → 403, not 404)."""
        return self.is_superuser or any(self._grants(module, action, model))

    def q_for(self, model, action: str) -> Q | None:
        """A filter selecting the rows in scope; None means every row."""
        if self.is_superuser:
            return None
        module = scope_module(model)
        org_field = getattr(model, "scope_org_field", None)
        person_field = scope_person_field(model)
        clauses = []
        for grant in self._grants(module, action, model):
            if grant.person_id is not None:
                clauses.append(Q(**{person_field: grant.person_id}))
            elif org_field is None:
                continue
            elif grant.paths is None:
                return None
            else:
                prefix = f"{org_field}__path" if org_field else "path"
                clauses.extend(Q(**{f"{prefix}__startswith": path}) for path in grant.paths)
        if not clauses:
            return Q(pk__in=[])
        return reduce(or_, clauses)

    def covers_org(self, module: str, action: str, org_path: str) -> bool:
        """Whether an org-wide grant (not an own-records one) reaches the organization at ``org_path``."""
        if self.is_superuser:
            return True
        return any(
            grant.person_id is None
            and (grant.paths is None or any(org_path.startswith(p) for p in grant.paths))
            for grant in self._grants(module, action)
        )

    def root_paths(self, module: str = "orgs", action: str = "view"):
        """The tops of the subtrees the user sees (None: the whole tree)."""
        if self.is_superuser:
            return None
        paths = set()
        for grant in self._grants(module, action):
            if grant.person_id is not None:
                continue
            if grant.paths is None:
                return None
            paths.update(grant.paths)
        # drop paths inside another path of the set
        return sorted(p for p in paths if not any(p != q and p.startswith(q) for q in paths))


def scope_module(model) -> str:
    return getattr(model, "scope_module", None) or model._meta.app_label


def scope_person_field(model):
    return getattr(model, "scope_person_field", None)


def get_scope(user) -> Scope:
    """The user's scope, computed once per user object (i.e. once per request)."""
    if user is None or not user.is_authenticated:
        return Scope()
    cached = getattr(user, "_scope_cache", None)
    if cached is None:
        cached = import_string(settings.SCOPE_RESOLVER)(user)
        user._scope_cache = cached
    return cached
