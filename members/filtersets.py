import django_filters

from core.filtersets import BaseFilterSet
from members.choices import ChangeRequestStatus, Gender, PartyStanding, PersonCategory, PoliticalStatus
from members.models import ChangeRequest, MemberRecord, Person, RecordCategory
from orgs.models import Organization


class PersonFilterSet(BaseFilterSet):
    search_fields = ("name", "staff_no", "phone", "unit")
    political_status = django_filters.ChoiceFilter(choices=PoliticalStatus.choices, label="政治面貌")
    category = django_filters.ChoiceFilter(choices=PersonCategory.choices, label="人员类别")
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label="性别")
    party_standing = django_filters.ChoiceFilter(choices=PartyStanding.choices, label="党籍状态")
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), method="filter_org", label="所在党组织（含下级）"
    )

    class Meta:
        model = Person
        fields = ["q", "organization", "political_status", "party_standing", "category", "gender"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organization"].queryset = Organization.objects.restrict(request.user).active()

    def filter_org(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path) if value else queryset


class MemberRecordFilterSet(BaseFilterSet):
    search_fields = ("person__name", "title", "document_no")
    category = django_filters.ChoiceFilter(choices=RecordCategory.choices, label="类别")

    class Meta:
        model = MemberRecord
        fields = ["q", "category"]


class ChangeRequestFilterSet(BaseFilterSet):
    search_fields = ("person__name",)
    status = django_filters.ChoiceFilter(choices=ChangeRequestStatus.choices, label="状态")

    class Meta:
        model = ChangeRequest
        fields = ["q", "status"]
