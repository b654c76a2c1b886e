from django import forms
from django.utils import timezone

from core.forms import PlainForm, ScopedModelForm
from members.choices import PARTY_MEMBER_STATUSES, Gender, PersonCategory, PoliticalStatus
from members.models import Person
from orgs.choices import BRANCH_TYPES
from orgs.models import Organization
from transfers.choices import ContactMethod, DecisionKind
from transfers.models import GraduateRetention, LostContactCase, MobileMember, StandingDecision, Transfer

DATE = forms.DateInput()


def members_in_scope(user, action="change"):
    return (
        Person.objects.restrict(user, action)
        .filter(political_status__in=PARTY_MEMBER_STATUSES)
        .select_related("organization")
    )


def branches():
    return Organization.objects.active().filter(org_type__in=BRANCH_TYPES)


class TransferOutForm(ScopedModelForm):
    scope_action = "change"

    class Meta:
        model = Transfer
        fields = [
            "person",
            "letter_no",
            "external_org",
            "external_address",
            "issued_on",
            "valid_days",
            "dues_paid_to",
            "reason",
        ]
        widgets = {"issued_on": DATE, "dues_paid_to": DATE}
        help_texts = {"letter_no": "留空则自动编号", "dues_paid_to": "填写该月任意一天，按月记录"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members_in_scope(self.user)
        self.fields["issued_on"].initial = timezone.localdate()
        self.fields["external_org"].required = True


class TransferWithinForm(PlainForm):
    person = forms.ModelChoiceField(Person.objects.none(), label="党员")
    target_org = forms.ModelChoiceField(Organization.objects.none(), label="转入党支部")
    on = forms.DateField(label="转接日期", widget=DATE)
    reason = forms.CharField(label="原因", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members_in_scope(self.user)
        # the receiving branch may be anywhere in the school: both sides then see the transfer
        self.fields["target_org"].queryset = branches()


class TransferInForm(PlainForm):
    name = forms.CharField(label="姓名", max_length=50)
    gender = forms.ChoiceField(label="性别", choices=Gender.choices)
    staff_no = forms.CharField(label="工号/学号", max_length=30, required=False)
    category = forms.ChoiceField(label="人员类别", choices=PersonCategory.choices)
    phone = forms.CharField(label="手机", max_length=20, required=False)
    political_status = forms.ChoiceField(
        label="政治面貌", choices=[(s, PoliticalStatus(s).label) for s in PARTY_MEMBER_STATUSES]
    )
    joined_on = forms.DateField(label="入党日期", widget=DATE)
    full_member_on = forms.DateField(label="转正日期", widget=DATE, required=False)
    organization = forms.ModelChoiceField(Organization.objects.none(), label="接收党支部")
    external_org = forms.CharField(label="原党组织", max_length=120)
    external_address = forms.CharField(label="原党组织地址/联系方式", max_length=200, required=False)
    letter_no = forms.CharField(label="介绍信编号", max_length=40, required=False)
    issued_on = forms.DateField(label="介绍信开具日期", widget=DATE)
    on = forms.DateField(label="接收日期", widget=DATE)
    dues_paid_to = forms.DateField(label="党费交至（月）", widget=DATE, required=False)
    reason = forms.CharField(label="转入原因", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = branches().restrict(self.user, "change")


class GraduationBatchForm(PlainForm):
    batch = forms.CharField(label="批次（班级/届别）", max_length=60)
    people = forms.ModelMultipleChoiceField(
        Person.objects.none(), label="党员", widget=forms.SelectMultiple(attrs={"size": 12})
    )
    external_org = forms.CharField(label="去往党组织", max_length=120)
    external_address = forms.CharField(label="地址/联系方式", max_length=200, required=False)
    issued_on = forms.DateField(label="开具日期", widget=DATE)
    valid_days = forms.IntegerField(label="有效期（天）", initial=30, min_value=1)
    dues_paid_to = forms.DateField(label="党费交至（月）", widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = members_in_scope(self.user).filter(category=PersonCategory.STUDENT)


class ReceiptForm(PlainForm):
    on = forms.DateField(label="回执日期", widget=DATE)
    note = forms.CharField(label="回执说明", max_length=200, required=False)


class ConfirmForm(PlainForm):
    """No fields: the button confirms."""


class CancelForm(PlainForm):
    reason = forms.CharField(label="撤销原因", max_length=200)


class GraduateRetentionForm(ScopedModelForm):
    class Meta:
        model = GraduateRetention
        fields = [
            "person",
            "graduated_on",
            "contact_name",
            "contact_phone",
            "whereabouts",
            "abroad",
            "status",
            "note",
        ]
        widgets = {"graduated_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members_in_scope(self.user)


class MobileMemberForm(ScopedModelForm):
    class Meta:
        model = MobileMember
        fields = [
            "direction",
            "person",
            "name",
            "home_org_name",
            "organization",
            "location",
            "contact_phone",
            "certificate_no",
            "left_on",
            "expected_return",
            "dues_paid_locally",
            "fixed_place",
            "note",
        ]
        widgets = {"left_on": DATE, "expected_return": DATE}
        help_texts = {"organization": "外出党员取本人所在支部；流入党员为参加组织生活的支部"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members_in_scope(self.user)
        self.fields["organization"].required = False

    def clean(self):
        data = super().clean()
        if data.get("direction") == "incoming" and not data.get("organization"):
            self.add_error("organization", "请选择流入党员参加组织生活的党支部。")
        return data


class MobileReportForm(PlainForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    reported_on = forms.DateField(label="报告日期", widget=DATE)
    content = forms.CharField(label="报告内容（思想、工作、参加组织生活情况）", widget=forms.Textarea)


class EndMobileForm(PlainForm):
    on = forms.DateField(label="结束日期", widget=DATE)
    note = forms.CharField(label="说明", max_length=200, required=False)


class OpenCaseForm(ScopedModelForm):
    class Meta:
        model = LostContactCase
        fields = ["person", "opened_on", "last_contact_on", "note"]
        widgets = {"opened_on": DATE, "last_contact_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members_in_scope(self.user)


class ContactForm(PlainForm):
    on = forms.DateField(label="日期", widget=DATE)
    method = forms.ChoiceField(label="方式", choices=ContactMethod.choices)
    by_whom = forms.CharField(label="查找/联系人", max_length=50)
    reached = forms.BooleanField(label="取得联系", required=False)
    result = forms.CharField(label="结果", widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(ScopedModelForm):
    class Meta:
        model = StandingDecision
        fields = ["person", "kind", "discipline_level", "probation_months", "case", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members_in_scope(self.user)
        self.fields["case"].queryset = LostContactCase.objects.restrict(self.user, "change").select_related(
            "person"
        )
        self.fields["kind"].choices = DecisionKind.choices


class ApproveForm(PlainForm):
    on = forms.DateField(label="审批日期", widget=DATE)
    approver = forms.CharField(label="批准机关", max_length=100)
    approval_ref = forms.CharField(label="批准文号/会议", max_length=100)
    effective_on = forms.DateField(label="生效日期", widget=DATE, required=False)


class RejectForm(PlainForm):
    on = forms.DateField(label="审批日期", widget=DATE)
    note = forms.CharField(label="不予批准的理由", max_length=200)
