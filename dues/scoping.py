"""Which people and organizations a user sees through the dues module (the core mechanism, applied to
Person and Organization as if they belonged to the dues module)."""

from django.db.models import Q

from core.scoping import get_scope
from members.models import Person
from orgs.models import Organization


class _PersonAsDues:
    scope_module = "dues"
    scope_org_field = "organization"
    scope_person_field = "pk"


class _OrgAsDues:
    scope_module = "dues"
    scope_org_field = ""


def people(user, action="view"):
    """Persons whose dues ``user`` may ``action`` (their own, or those in the organizations they cover)."""
    q = get_scope(user).q_for(_PersonAsDues, action)
    qs = Person.objects.all() if q is None else Person.objects.filter(q)
    return qs


def members(user, action="view"):
    return people(user, action).party_members()


def organizations(user, action="view"):
    """Organizations whose dues ledger ``user`` may ``action`` (not a member's own branch)."""
    q = get_scope(user).q_for(_OrgAsDues, action)
    qs = Organization.objects.active()
    return qs if q is None else qs.filter(q or Q(pk__in=[]))
