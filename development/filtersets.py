import django_filters

from core.filtersets import BaseFilterSet
from development.choices import CalendarDayKind, FileStatus, PublicityKind
from development.models import CalendarDay, DevelopmentFile, Publicity, ThoughtReport
from members.choices import PersonCategory, PoliticalStatus
from orgs.models import Organization


class OrgFilterMixin:
    org_field = "organization"

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and "organization" in self.filters:
            self.filters["organization"].queryset = Organization.objects.restrict(request.user).active()

    def filter_org(self, queryset, name, value):
        return queryset.filter(**{f"{self.org_field}__path__startswith": value.path}) if value else queryset


def org_filter():
    return django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), method="filter_org", label="党组织（含下级）"
    )


class DevelopmentFileFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("person__name", "person__staff_no")
    organization = org_filter()
    status = django_filters.ChoiceFilter(choices=FileStatus.choices, label="状态")
    political_status = django_filters.ChoiceFilter(
        field_name="person__political_status", choices=PoliticalStatus.choices, label="政治面貌"
    )
    category = django_filters.ChoiceFilter(
        field_name="person__category", choices=PersonCategory.choices, label="人员类别"
    )

    class Meta:
        model = DevelopmentFile
        fields = ["q", "organization", "status", "political_status", "category"]


class WorkListFilterSet(OrgFilterMixin, BaseFilterSet):
    search_fields = ("person__name", "person__staff_no")
    organization = org_filter()

    class Meta:
        model = DevelopmentFile
        fields = ["q", "organization"]


class ThoughtReportFilterSet(OrgFilterMixin, BaseFilterSet):
    org_field = "file__organization"
    search_fields = ("file__person__name", "title")
    organization = org_filter()
    uncommented = django_filters.BooleanFilter(
        field_name="commented_on", lookup_expr="isnull", label="未批阅"
    )

    class Meta:
        model = ThoughtReport
        fields = ["q", "organization", "uncommented"]


class PublicityFilterSet(OrgFilterMixin, BaseFilterSet):
    org_field = "file__organization"
    search_fields = ("file__person__name",)
    organization = org_filter()
    kind = django_filters.ChoiceFilter(choices=PublicityKind.choices, label="公示类型")

    class Meta:
        model = Publicity
        fields = ["q", "organization", "kind"]


class CalendarDayFilterSet(BaseFilterSet):
    search_fields = ("name",)
    kind = django_filters.ChoiceFilter(choices=CalendarDayKind.choices, label="类型")
    year = django_filters.NumberFilter(field_name="date__year", label="年份")

    class Meta:
        model = CalendarDay
        fields = ["q", "year", "kind"]
