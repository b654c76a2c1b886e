import django_filters

from core.filtersets import BaseFilterSet
from dues.choices import ApprovalStatus, CaseStatus, DuesKind, HandoverStatus, PaymentMethod
from dues.models import DuesAnnualNotice, DuesBase, DuesHandover, DuesPayment, DuesReduction, LapseCase
from orgs.models import Organization


class OrgFilterMixin(BaseFilterSet):
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), method="filter_org", label="党组织（含下级）"
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organization"].queryset = Organization.objects.restrict(request.user).active()

    def filter_org(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path) if value else queryset


class DuesBaseFilterSet(OrgFilterMixin):
    search_fields = ("person__name", "person__staff_no")
    year = django_filters.NumberFilter(label="年度")
    kind = django_filters.ChoiceFilter(choices=DuesKind.choices, label="交纳类别")

    class Meta:
        model = DuesBase
        fields = ["q", "organization", "year", "kind"]


class DuesPaymentFilterSet(OrgFilterMixin):
    search_fields = ("person__name", "person__staff_no", "reference", "paid_by")
    method = django_filters.ChoiceFilter(choices=PaymentMethod.choices, label="缴纳方式")
    paid_after = django_filters.DateFilter(field_name="paid_on", lookup_expr="gte", label="缴纳日期起")
    paid_before = django_filters.DateFilter(field_name="paid_on", lookup_expr="lte", label="缴纳日期止")

    class Meta:
        model = DuesPayment
        fields = ["q", "organization", "method", "paid_after", "paid_before"]


class DuesReductionFilterSet(OrgFilterMixin):
    search_fields = ("person__name", "reason")
    status = django_filters.ChoiceFilter(choices=ApprovalStatus.choices, label="审批状态")

    class Meta:
        model = DuesReduction
        fields = ["q", "organization", "status"]


class LapseCaseFilterSet(OrgFilterMixin):
    search_fields = ("person__name", "note")
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label="状态")

    class Meta:
        model = LapseCase
        fields = ["q", "organization", "status"]


class DuesHandoverFilterSet(OrgFilterMixin):
    search_fields = ("organization__name", "note")
    status = django_filters.ChoiceFilter(choices=HandoverStatus.choices, label="状态")

    class Meta:
        model = DuesHandover
        fields = ["q", "organization", "status"]


class DuesAnnualNoticeFilterSet(OrgFilterMixin):
    search_fields = ("organization__name",)
    year = django_filters.NumberFilter(label="年度")

    class Meta:
        model = DuesAnnualNotice
        fields = ["q", "organization", "year"]
