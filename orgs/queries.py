"""Counts per organization over its whole subtree, as correlated subqueries (one query for any number of rows)."""

from django.db.models import F, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from members.choices import PARTY_MEMBER_STATUSES, PoliticalStatus
from orgs.choices import BRANCH_TYPES, OrgStatus


def count_of(queryset):
    """COUNT(*) of ``queryset`` as a scalar subquery (no GROUP BY)."""
    counted = queryset.order_by().annotate(_n=Func(F("pk"), function="COUNT")).values("_n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(queryset):
    """Annotate party members, full members, people and active branches in each org's subtree."""
    from members.models import Person
    from orgs.models import Organization

    people = Person.objects.filter(organization__path__startswith=OuterRef("path"))
    return queryset.annotate(
        member_count=count_of(people.filter(political_status__in=PARTY_MEMBER_STATUSES)),
        full_member_count=count_of(people.filter(political_status=PoliticalStatus.FULL_MEMBER)),
        people_count=count_of(people),
        branch_count=count_of(
            Organization.objects.filter(
                path__startswith=OuterRef("path"), org_type__in=BRANCH_TYPES, status=OrgStatus.ACTIVE
            )
        ),
    )
