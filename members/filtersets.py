import django_filters

from core.filtersets import BaseFilterSet
from members.choices import Gender, PersonCategory, PoliticalStatus
from members.models import Person
from orgs.models import Organization


class PersonFilterSet(BaseFilterSet):
    search_fields = ("name", "staff_no", "phone", "unit")
    political_status = django_filters.ChoiceFilter(choices=PoliticalStatus.choices, label="政治面貌")
    category = django_filters.ChoiceFilter(choices=PersonCategory.choices, label="人员类别")
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label="性别")
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), method="filter_org", label="所在党组织（含下级）"
    )

    class Meta:
        model = Person
        fields = ["q", "organization", "political_status", "category", "gender"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organization"].queryset = Organization.objects.restrict(request.user).active()

    def filter_org(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path) if value else queryset
