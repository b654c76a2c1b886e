import django_filters

from core.filtersets import BaseFilterSet
from orglife.choices import LectureKind, MeetingStatus, MeetingType, ProblemStatus
from orglife.models import Appraisal, Lecture, Meeting, MeetingRule, PlannedMeeting, Problem
from orgs.models import Organization


class OrgFilterMixin:
    """An 所在党组织（含下级） filter whose choices are the user's scope."""

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


class MeetingFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("topic", "place", "content")
    organization = org_filter()
    meeting_type = django_filters.ChoiceFilter(choices=MeetingType.choices, label="会议类型")
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, label="备案状态")
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label="召开日期从")
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label="召开日期至")

    class Meta:
        model = Meeting
        fields = ["q", "organization", "meeting_type", "status", "held_after", "held_before"]


class MeetingRuleFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("rule_id", "note")
    organization = org_filter()

    class Meta:
        model = MeetingRule
        fields = ["q", "organization", "meeting_type", "effective_year"]


class PlannedMeetingFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("topic",)
    organization = org_filter()
    year = django_filters.NumberFilter(field_name="planned_date", lookup_expr="year", label="年度")

    class Meta:
        model = PlannedMeeting
        fields = ["q", "organization", "meeting_type", "year"]


class ProblemFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("description", "measure", "owner__name")
    organization = org_filter()
    status = django_filters.ChoiceFilter(choices=ProblemStatus.choices, label="状态")

    class Meta:
        model = Problem
        fields = ["q", "organization", "status"]


class LectureFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("title", "lecturer__name")
    organization = org_filter()
    kind = django_filters.ChoiceFilter(choices=LectureKind.choices, label="类别")
    year = django_filters.NumberFilter(field_name="given_on", lookup_expr="year", label="年度")

    class Meta:
        model = Lecture
        fields = ["q", "organization", "kind", "year"]


class AppraisalFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("organization__name",)
    organization = org_filter()

    class Meta:
        model = Appraisal
        fields = ["q", "organization", "year"]
