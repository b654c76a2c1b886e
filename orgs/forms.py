from django import forms

from core.forms import PlainForm, ScopedModelForm
from members.models import Person
from orgs.choices import OrgType
from orgs.models import DualLeaderProfile, Organization, Position


class OrganizationForm(ScopedModelForm):
    parent = forms.ModelChoiceField(Organization.objects.active(), label="上级组织", required=False)

    class Meta:
        model = Organization
        fields = [
            "parent",
            "name",
            "short_name",
            "code",
            "org_type",
            "category",
            "established",
            "term_start",
            "term_end",
            "modules",
            "note",
        ]
        widgets = {
            "established": forms.DateInput(),
            "term_start": forms.DateInput(),
            "term_end": forms.DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    scope_action = "add"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # the parent is changed with "移动"; the type is fixed once created
            del self.fields["parent"]
            self.fields["org_type"].disabled = True
        if "parent" in self.fields and self.initial.get("parent"):
            self.fields["parent"].initial = self.initial["parent"]


class MoveForm(PlainForm):
    parent = forms.ModelChoiceField(Organization.objects.active(), label="新的上级组织")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (
            Organization.objects.active().restrict(self.user, "change").exclude(org_type=OrgType.GROUP)
        )


class DissolveForm(PlainForm):
    on = forms.DateField(label="撤销日期", widget=forms.DateInput())
    reason = forms.CharField(label="撤销原因", max_length=200)


class MergeForm(PlainForm):
    target = forms.ModelChoiceField(Organization.objects.none(), label="并入的支部")
    on = forms.DateField(label="合并日期", widget=forms.DateInput())

    def __init__(self, *args, source=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Organization.objects.active()
            .restrict(self.user, "change")
            .filter(org_type=source.org_type)
            .exclude(pk=source.pk)
        )


class SplitForm(PlainForm):
    name = forms.CharField(label="新支部名称", max_length=100)
    code = forms.CharField(label="新支部编码", max_length=40)
    people = forms.ModelMultipleChoiceField(
        Person.objects.none(), label="转入新支部的人员", widget=forms.CheckboxSelectMultiple
    )
    on = forms.DateField(label="拆分日期", widget=forms.DateInput())

    def __init__(self, *args, source=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(organization=source).order_by("name")
        self.fields["people"].widget.attrs = {}

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if Organization.objects.filter(code=code).exists():
            raise forms.ValidationError("该编码已被使用。")
        return code


class PositionForm(ScopedModelForm):
    class Meta:
        model = Position
        fields = ["person", "organization", "post", "start", "end", "note"]
        widgets = {"start": forms.DateInput(), "end": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = self.fields["person"].queryset.select_related("organization")
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.name}（{p.staff_no or '无工号'}，{p.organization.display_short}）"
        )


class DualLeaderProfileForm(ScopedModelForm):
    class Meta:
        model = DualLeaderProfile
        fields = [
            "discipline_leader",
            "teaching_committee",
            "academic_committee",
            "high_level_talent",
            "teaching_team_leader",
            "projects",
            "note",
        ]
        widgets = {"projects": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 2})}
