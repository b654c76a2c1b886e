"""Counts per organization over its whole subtree, in two grouped queries whatever the number of organizations."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Count, Q

from members.choices import ON_ROSTER_STANDINGS, PARTY_MEMBER_STATUSES, PoliticalStatus
from orgs.choices import BRANCH_TYPES, OrgStatus


def _top_paths(paths):
    paths = sorted(set(paths))
    tops = []
    for path in paths:
        if not tops or not path.startswith(tops[-1]):
            tops.append(path)
    return tops


def attach_counts(orgs):
    """Set member_count, full_member_count, people_count and branch_count (whole subtree) on each org."""
    from members.models import Person
    from orgs.models import Organization

    orgs = list(orgs)
    if not orgs:
        return orgs
    tops = _top_paths(o.path for o in orgs)
    people = (
        Person.objects.filter(reduce(or_, (Q(organization__path__startswith=p) for p in tops)))
        .filter(
            party_standing__in=ON_ROSTER_STANDINGS
        )  # the dead and the transferred-out stay as history only
        .values_list("organization__path", "political_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    step = Organization.steplen
    # every count is added to each ancestor path, so a subtree total is one dictionary lookup
    totals = defaultdict(lambda: defaultdict(int))
    for path, status, n in people:
        for end in range(step, len(path) + 1, step):
            totals[path[:end]][status] += n
    branch_totals = defaultdict(int)
    for path in (
        Organization.objects.filter(
            reduce(or_, (Q(path__startswith=p) for p in tops)),
            org_type__in=BRANCH_TYPES,
            status=OrgStatus.ACTIVE,
        )
        .values_list("path", flat=True)
        .order_by()
    ):
        for end in range(step, len(path) + 1, step):
            branch_totals[path[:end]] += 1
    for org in orgs:
        statuses = totals[org.path]
        org.member_count = sum(statuses[s] for s in PARTY_MEMBER_STATUSES)
        org.full_member_count = statuses[PoliticalStatus.FULL_MEMBER]
        org.people_count = sum(statuses.values())
        org.branch_count = branch_totals[org.path]
    return orgs


def with_parent(queryset):
    """Annotate parent_name and parent_pk (one correlated lookup on the unique path)."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Substr

    from orgs.models import Organization

    parent = Organization.objects.filter(
        path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Organization.steplen)
    )
    return queryset.annotate(
        parent_name=Subquery(parent.values("name")[:1]), parent_pk=Subquery(parent.values("pk")[:1])
    )


def count_of(queryset):
    """COUNT(*) of ``queryset`` as a scalar subquery (no GROUP BY), for per-row counts in annotations."""
    from django.db.models import F, Func, IntegerField, Subquery
    from django.db.models.functions import Coalesce

    counted = queryset.order_by().annotate(_n=Func(F("pk"), function="COUNT")).values("_n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
