import datetime as dt

from django import forms

from core.forms import PlainForm, ScopedModelForm
from dues.choices import CaseOutcome
from dues.models import DuesAnnualNotice, DuesBase, DuesHandover, DuesPayment, DuesReduction
from orgs.choices import BRANCH_TYPES, OrgType


class MonthInput(forms.TextInput):
    input_type = "month"

    def format_value(self, value):
        if isinstance(value, dt.date):
            return value.strftime("%Y-%m")
        return super().format_value(value)


def month_field(label):
    return forms.DateField(label=label, input_formats=["%Y-%m", "%Y-%m-%d"], widget=MonthInput())


class MemberChoiceMixin:
    """Person choices: party members inside the user's scope."""

    def limit_people(self):
        if "person" in self.fields:
            self.fields["person"].queryset = (
                self.fields["person"].queryset.party_members().select_related("organization")
            )


class DuesBaseForm(MemberChoiceMixin, ScopedModelForm):
    class Meta:
        model = DuesBase
        fields = ["person", "year", "kind", "base", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_people()
        self.fields["kind"].required = False
        self.fields[
            "kind"
        ].help_text = "不选则按人员类别：教职工按工资、离退休按基本离退休费、学生等按固定标准"


class DuesPaymentForm(MemberChoiceMixin, ScopedModelForm):
    from_month = month_field("起始月份")
    to_month = month_field("截止月份")

    class Meta:
        model = DuesPayment
        fields = [
            "person",
            "paid_on",
            "from_month",
            "to_month",
            "amount",
            "method",
            "reference",
            "paid_by",
            "back_reason",
            "note",
        ]
        widgets = {"paid_on": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_people()


class DuesReductionForm(MemberChoiceMixin, ScopedModelForm):
    from_month = month_field("起始月份")
    to_month = month_field("截止月份")

    class Meta:
        model = DuesReduction
        fields = ["person", "kind", "from_month", "to_month", "monthly_amount", "reason", "decided_on"]
        widgets = {"decided_on": forms.DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_people()


class HandoverOrgMixin:
    def limit_orgs(self, types):
        self.fields["organization"].queryset = self.fields["organization"].queryset.filter(org_type__in=types)


class DuesHandoverForm(HandoverOrgMixin, ScopedModelForm):
    month = month_field("月份")

    class Meta:
        model = DuesHandover
        fields = ["organization", "month", "declared_amount", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_orgs((*BRANCH_TYPES, OrgType.GENERAL_BRANCH))
        if self.instance.pk:
            self.fields["organization"].disabled = True
            self.fields["month"].disabled = True


class DuesAnnualNoticeForm(HandoverOrgMixin, ScopedModelForm):
    class Meta:
        model = DuesAnnualNotice
        fields = ["organization", "year", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_orgs((*BRANCH_TYPES, OrgType.GENERAL_BRANCH, OrgType.COMMITTEE))


class DecisionForm(PlainForm):
    approve = forms.TypedChoiceField(
        label="审批结果", choices=[("1", "批准"), ("0", "不予批准")], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label="审批意见", max_length=200, required=False)


class ConfirmHandoverForm(PlainForm):
    received_amount = forms.DecimalField(label="实收金额（元）", max_digits=12, decimal_places=2, min_value=0)


class ReturnHandoverForm(PlainForm):
    note = forms.CharField(label="退回原因", max_length=200)


class CloseCaseForm(PlainForm):
    outcome = forms.ChoiceField(label="处理结果", choices=CaseOutcome.choices)
    note = forms.CharField(label="处理情况", widget=forms.Textarea(attrs={"rows": 3}))
