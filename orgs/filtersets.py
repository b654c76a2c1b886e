import django_filters

from core.filtersets import BaseFilterSet
from orgs.choices import BranchCategory, OrgStatus, OrgType, Post
from orgs.models import Organization, Position


class OrganizationFilterSet(BaseFilterSet):
    search_fields = ("name", "short_name", "code")
    org_type = django_filters.ChoiceFilter(choices=OrgType.choices, label="类型")
    category = django_filters.ChoiceFilter(choices=BranchCategory.choices, label="支部类别")
    status = django_filters.ChoiceFilter(choices=OrgStatus.choices, label="状态")
    within = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), method="filter_within", label="所属上级"
    )

    class Meta:
        model = Organization
        fields = ["q", "org_type", "category", "status", "within"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["within"].queryset = Organization.objects.restrict(request.user).exclude(
                org_type__in=["group", "branch", "functional_branch", "department"]
            )

    def filter_within(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path).exclude(pk=value.pk) if value else queryset


class PositionFilterSet(BaseFilterSet):
    search_fields = ("person__name", "person__staff_no", "organization__name")
    post = django_filters.ChoiceFilter(choices=Post.choices, label="职务")
    current = django_filters.BooleanFilter(method="filter_current", label="仅现任")

    class Meta:
        model = Position
        fields = ["q", "post", "current"]

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        current = queryset.current()
        return current if value else queryset.exclude(pk__in=current.values("pk"))
