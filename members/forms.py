from django import forms

from core.forms import PlainForm, ScopedModelForm
from members.choices import ExitType, StandingEventKind
from members.models import ChangeRequest, MemberRecord, Person


class PersonForm(ScopedModelForm):
    id_number = forms.CharField(
        label="身份证号",
        max_length=18,
        required=False,
        help_text="18 位，保存时校验校验位和出生日期，加密存储",
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "id_number",
            "phone",
            "email",
            "staff_no",
            "category",
            "education",
            "title",
            "unit",
            "organization",
            "group",
            "political_status",
            "source",
            "joined_on",
            "full_member_on",
        ]
        widgets = {
            "birth_date": forms.DateInput(),
            "joined_on": forms.DateInput(),
            "full_member_on": forms.DateInput(),
        }

    def __init__(self, *args, can_see_id=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = self.fields["group"].queryset.filter(org_type="group")
        if self.instance.pk and self.instance.id_number_cipher:
            if can_see_id:
                self.fields["id_number"].initial = self.instance.id_number
            else:
                self.fields[
                    "id_number"
                ].help_text = f"已登记（{self.instance.masked_id_number}）；留空保持不变"
        self.can_see_id = can_see_id

    def clean_staff_no(self):
        return self.cleaned_data.get("staff_no") or None


class StandingForm(PlainForm):
    """停止党籍 / 恢复党籍 / 出党 / 死亡 — recorded by members.services with history."""

    kind = forms.ChoiceField(label="事件", choices=StandingEventKind.choices)
    on = forms.DateField(label="日期", widget=forms.DateInput())
    exit_type = forms.ChoiceField(
        label="出党方式（出党时填写）", choices=[("", "—")] + ExitType.choices, required=False
    )
    document_no = forms.CharField(label="批准文号", required=False, max_length=60)
    reason = forms.CharField(label="原因与依据", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MemberRecordForm(ScopedModelForm):
    class Meta:
        model = MemberRecord
        fields = [
            "person",
            "category",
            "kind",
            "title",
            "decided_on",
            "decided_by",
            "document_no",
            "period_months",
            "suspends_rights",
            "note",
        ]
        widgets = {"decided_on": forms.DateInput(), "note": forms.Textarea(attrs={"rows": 3})}


class ChangeRequestForm(PlainForm):
    """The fields a member may ask to change in their own record."""

    reason = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ChangeRequest.EDITABLE_FIELDS:
            model_field = Person._meta.get_field(name)
            field = model_field.formfield(required=False)
            field.initial = getattr(person, name)
            self.fields[name] = field
        self.fields["reason"] = self.fields.pop("reason")
        self.style_fields()


class ReviewForm(PlainForm):
    decision = forms.ChoiceField(label="审核", choices=[("approve", "通过"), ("return", "退回")])
    note = forms.CharField(label="审核意见", required=False, max_length=200)
