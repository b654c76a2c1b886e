from django import forms

from core.forms import PlainForm, ScopedModelForm
from development.choices import ProbationOutcome, VoteKind
from development.models import CalendarDay, DevelopmentFile, Publicity, ThoughtReport
from members.choices import PARTY_MEMBER_STATUSES
from members.models import Person
from orgs.models import Organization


class DevelopmentFileForm(ScopedModelForm):
    """Opening a 发展档案 = recording step 1 (递交入党申请书)."""

    scope_action = "add"
    applied_on = forms.DateField(label="递交入党申请书日期", widget=forms.DateInput())
    notes = forms.CharField(label="情况记录", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(
        label="越过规则的理由（仅组织部管理员）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = DevelopmentFile
        fields = ["person", "youth_league_recommended"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            self.fields["person"]
            .queryset.exclude(political_status__in=PARTY_MEMBER_STATUSES)
            .filter(development_file__isnull=True)
        )
        self.fields["person"].help_text = "先在“人员与党员”中登记申请人，再建立发展档案"


class StepRecordForm(PlainForm):
    """The fields a step needs: date, people, approving organization, step data, the vote, an override reason."""

    on = forms.DateField(label="日期", widget=forms.DateInput())
    document_no = forms.CharField(label="文号/编号", required=False, max_length=60)
    notes = forms.CharField(label="情况记录", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label="附件", required=False)

    def __init__(self, *args, file=None, step=None, can_override=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        n = step.number
        if step.people_label:
            self.fields["people"] = forms.ModelMultipleChoiceField(
                label=step.people_label,
                queryset=Person.objects.restrict(self.user, "view").select_related("organization"),
                help_text=f"{step.people_min}–{step.people_max} 人" if step.people_max else "",
            )
        if step.needs_approving_org:
            org = file.organization
            paths = [org.path[: i * org.steplen] for i in range(1, org.depth)]
            self.fields["approving_org"] = forms.ModelChoiceField(
                label="审批/预审/备案党组织", queryset=Organization.objects.filter(path__in=paths)
            )
        if n == 10:
            self.fields["conclusion"] = forms.CharField(
                label="政治审查结论（书面）", widget=forms.Textarea(attrs={"rows": 3})
            )
        if n == 11:
            self.fields["days"] = forms.DecimalField(label="培训天数", required=False, min_value=0)
            self.fields["hours"] = forms.DecimalField(label="培训学时", required=False, min_value=0)
        if n == 23:
            self.fields["outcome"] = forms.ChoiceField(label="支部大会决定", choices=ProbationOutcome.choices)
            self.fields["extension_months"] = forms.IntegerField(
                label="延长预备期（月）", required=False, min_value=0, max_value=24
            )
        if n in (17, 24):
            self.fields["special"] = forms.BooleanField(
                label="特殊情况（审批期限放宽至六个月）", required=False
            )
        if n in (15, 23):
            for name, label in [
                ("should_attend", "应到有表决权党员"),
                ("present", "实到有表决权党员"),
                ("yes", "赞成"),
                ("no", "反对"),
                ("abstain", "弃权"),
                ("written_yes", "缺席书面赞成"),
                ("written_no", "缺席书面反对"),
                ("written_abstain", "缺席书面弃权"),
            ]:
                required = name in ("should_attend", "present", "yes")
                self.fields[name] = forms.IntegerField(label=label, min_value=0, required=required, initial=0)
            self.fields["declared_passed"] = forms.BooleanField(
                label="表决结果：通过", required=False, initial=True
            )
        if can_override:
            self.fields["override_reason"] = forms.CharField(
                label="越过规则的理由（组织部管理员补录历史档案时填写）",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.style_fields()

    def step_data(self):
        c = self.cleaned_data
        data = {}
        for key in ("conclusion", "outcome", "extension_months", "special"):
            if c.get(key) not in (None, ""):
                data[key] = c[key]
        for key in ("days", "hours"):
            if c.get(key) is not None:
                data[key] = float(c[key])
        return data

    def vote_counts(self):
        from development.rules import VoteCounts

        if self.step.number not in (15, 23):
            return None
        c = self.cleaned_data
        kind = VoteKind.ADMISSION
        if self.step.number == 23:
            kind = {"convert": "conversion", "extend": "extension", "cancel": "cancellation"}[c["outcome"]]
        return VoteCounts(
            should_attend=c["should_attend"],
            present=c["present"],
            yes=c["yes"],
            no=c.get("no") or 0,
            abstain=c.get("abstain") or 0,
            written_yes=c.get("written_yes") or 0,
            written_no=c.get("written_no") or 0,
            written_abstain=c.get("written_abstain") or 0,
            kind=kind,
            declared_passed=c.get("declared_passed", False),
        )


class PublicityForm(ScopedModelForm):
    class Meta:
        model = Publicity
        fields = ["file", "kind", "start", "working_days", "contact", "result"]
        widgets = {"start": forms.DateInput()}


class ThoughtReportForm(ScopedModelForm):
    # members hand in their own reports: choices come from what they may see, the service checks who
    scope_action = "view"

    class Meta:
        model = ThoughtReport
        fields = ["file", "submitted_on", "title", "content", "attachment"]
        widgets = {"submitted_on": forms.DateInput(), "content": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].queryset = (
            self.fields["file"]
            .queryset.filter(person__political_status__in=("activist", "candidate"))
            .select_related("person")
        )
        self.fields["submitted_on"].required = False


class CommentForm(PlainForm):
    comment = forms.CharField(label="培养联系人意见", widget=forms.Textarea(attrs={"rows": 4}))


class CalendarDayForm(ScopedModelForm):
    class Meta:
        model = CalendarDay
        fields = ["organization", "date", "kind", "name"]
        widgets = {"date": forms.DateInput()}
