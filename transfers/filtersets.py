import django_filters

from core.filtersets import BaseFilterSet
from orgs.models import Organization
from transfers.choices import (
    CaseState,
    DecisionKind,
    DecisionStatus,
    MobileDirection,
    MobileStatus,
    RetentionStatus,
    TransferKind,
    TransferStatus,
)
from transfers.models import GraduateRetention, LostContactCase, MobileMember, StandingDecision, Transfer


class OrgFilterMixin:
    """An 所在党组织（含下级） filter whose choices are the user's organizations."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and "organization" in self.filters:
            self.filters["organization"].queryset = Organization.objects.restrict(request.user).active()

    def filter_org(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path) if value else queryset


def org_filter():
    return django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), method="filter_org", label="党组织（含下级）"
    )


class TransferFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("person__name", "person__staff_no", "letter_no", "external_org", "batch")
    kind = django_filters.ChoiceFilter(choices=TransferKind.choices, label="类型")
    status = django_filters.ChoiceFilter(choices=TransferStatus.choices, label="状态")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="逾期未回执")
    organization = org_filter()

    class Meta:
        model = Transfer
        fields = ["q", "kind", "status", "overdue", "organization"]

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        if value is None:
            return queryset
        overdue = {
            "kind": TransferKind.OUT,
            "status": TransferStatus.ISSUED,
            "valid_until__lt": timezone.localdate(),
        }
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


class GraduateRetentionFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("person__name", "person__staff_no", "contact_name", "whereabouts")
    status = django_filters.ChoiceFilter(choices=RetentionStatus.choices, label="状态")
    abroad = django_filters.BooleanFilter(label="出国（境）")
    organization = org_filter()

    class Meta:
        model = GraduateRetention
        fields = ["q", "status", "abroad", "organization"]


class MobileMemberFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("name", "person__name", "location", "certificate_no", "home_org_name")
    direction = django_filters.ChoiceFilter(choices=MobileDirection.choices, label="流向")
    status = django_filters.ChoiceFilter(choices=MobileStatus.choices, label="状态")
    organization = org_filter()

    class Meta:
        model = MobileMember
        fields = ["q", "direction", "status", "organization"]


class LostContactCaseFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("person__name", "person__staff_no", "note")
    state = django_filters.ChoiceFilter(choices=CaseState.choices, label="状态")
    organization = org_filter()

    class Meta:
        model = LostContactCase
        fields = ["q", "state", "organization"]


class StandingDecisionFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("person__name", "person__staff_no", "approval_ref", "reason")
    kind = django_filters.ChoiceFilter(choices=DecisionKind.choices, label="事项")
    status = django_filters.ChoiceFilter(choices=DecisionStatus.choices, label="状态")
    organization = org_filter()

    class Meta:
        model = StandingDecision
        fields = ["q", "kind", "status", "organization"]
