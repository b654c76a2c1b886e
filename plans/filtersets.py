import django_filters

from core.filtersets import BaseFilterSet
from orgs.models import Organization
from plans.choices import AssignmentStatus, DutyListKind, UnitRole
from plans.models import Assignment, DutyList, Plan, RegularMeeting, ResponsibilityLetter, Task


class OrgFilterMixin:
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and "organization" in self.filters:
            self.filters["organization"].queryset = Organization.objects.restrict(request.user).active()

    def filter_org(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path) if value else queryset


def org_filter(label="党组织（含下级）"):
    return django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), method="filter_org", label=label
    )


class PlanFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("title", "doc_number", "issuer")
    organization = org_filter("下达单位")

    class Meta:
        model = Plan
        fields = ["q", "organization"]


class TaskFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("title", "measures", "section", "units_text")
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.none(), label="计划")
    ongoing = django_filters.BooleanFilter(label="长期坚持")

    class Meta:
        model = Task
        fields = ["q", "plan", "ongoing"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["plan"].queryset = Plan.objects.restrict(request.user)


class AssignmentFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("task__title", "organization__name", "owner__name")
    status = django_filters.ChoiceFilter(choices=AssignmentStatus.choices, label="状态")
    role = django_filters.ChoiceFilter(choices=UnitRole.choices, label="责任类型")
    organization = org_filter("责任单位（含下级）")
    plan = django_filters.ModelChoiceFilter(
        queryset=Plan.objects.none(), field_name="task__plan", label="计划"
    )

    class Meta:
        model = Assignment
        fields = ["q", "status", "organization", "plan", "role"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            # the plans of the assignments the user sees (school plans show up for the units working on them)
            mine = Assignment.objects.restrict(request.user).values("task__plan_id")
            self.filters["plan"].queryset = Plan.objects.filter(pk__in=mine).only("id", "title")


class RegularMeetingFilterSet(BaseFilterSet):
    search_fields = ("title", "decisions", "place")

    class Meta:
        model = RegularMeeting
        fields = ["q"]


class DutyListFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("title",)
    kind = django_filters.ChoiceFilter(choices=DutyListKind.choices, label="清单类型")
    organization = org_filter()

    class Meta:
        model = DutyList
        fields = ["q", "kind", "year", "organization"]


class ResponsibilityLetterFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("signer", "superior_signer", "organization__name")
    organization = org_filter()

    class Meta:
        model = ResponsibilityLetter
        fields = ["q", "year", "organization"]
