from django import forms

from core.forms import PlainForm, ScopedModelForm
from orgs.models import Organization
from plans.choices import ReportStatus
from plans.models import (
    AgendaItem,
    Assignment,
    DutyList,
    DutyListItem,
    FollowUp,
    Plan,
    ProgressReport,
    RegularMeeting,
    ResponsibilityLetter,
    SubTask,
    Task,
)
from plans.rules import period_of

DATE = forms.DateInput()


class PlanForm(ScopedModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "doc_number",
            "issued_on",
            "issuer",
            "organization",
            "document",
            "units_add_tasks",
            "note",
        ]
        widgets = {"issued_on": DATE}


class TaskForm(ScopedModelForm):
    """A task: the deadline as written (PLAN-DEADLINE reads it) and the units that take it up."""

    lead_units = forms.ModelMultipleChoiceField(Organization.objects.none(), required=False, label="牵头单位")
    co_units = forms.ModelMultipleChoiceField(Organization.objects.none(), required=False, label="配合单位")

    class Meta:
        model = Task
        fields = ["plan", "organization", "section", "number", "title", "measures", "deadline_text", "cycle"]
        labels = {"deadline_text": "完成时限"}
        help_texts = {"deadline_text": "如 2023年9月（月底到期）、2023年9月30日 或 长期坚持"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        if user is not None:
            # plans without a table are open to every unit for its own tasks (DOMAIN: 各党总支自行分解)
            self.fields["plan"].queryset = (
                Plan.objects.restrict(user, "view") | Plan.objects.filter(units_add_tasks=True)
            ).distinct()
            units = Organization.objects.restrict(user, "change").active().exclude(org_type="group")
            self.fields["lead_units"].queryset = units
            self.fields["co_units"].queryset = units
        self.fields["deadline_text"].required = True
        if self.instance.pk:
            del self.fields["lead_units"], self.fields["co_units"]
        self.style_fields()

    def clean(self):
        data = super().clean()
        from plans.services import apply_deadline

        if data.get("deadline_text"):
            try:
                apply_deadline(self.instance, data["deadline_text"])
            except forms.ValidationError as exc:
                self.add_error("deadline_text", exc.error_dict["deadline_text"])
        return data

    def units(self):
        lead = [(o, "lead") for o in self.cleaned_data.get("lead_units") or []]
        return lead + [(o, "co") for o in self.cleaned_data.get("co_units") or []]


class ResolveUnitsForm(PlainForm):
    units = forms.ModelMultipleChoiceField(Organization.objects.none(), label="责任单位")
    role = forms.ChoiceField(choices=[("lead", "牵头"), ("co", "配合")], label="责任类型")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["units"].queryset = Organization.objects.restrict(self.user, "change").active()
        self.style_fields()


class AssignmentForm(ScopedModelForm):
    class Meta:
        model = Assignment
        fields = ["task", "organization", "role", "owner", "start", "note"]
        widgets = {"start": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("task", "organization", "role"):
                self.fields[name].disabled = True
            # the owner comes from the unit itself
            org = self.instance.organization
            self.fields["owner"].queryset = self.fields["owner"].queryset.filter(
                organization__path__startswith=org.path
            )


class SubTaskForm(ScopedModelForm):
    class Meta:
        model = SubTask
        fields = ["assignment", "title", "measures", "due_date", "done"]
        widgets = {"due_date": DATE}


class ProgressReportForm(ScopedModelForm):
    """Text, percentage or milestone, attachment; ongoing tasks name the cycle reported for."""

    class Meta:
        model = ProgressReport
        fields = [
            "assignment",
            "period",
            "reported_on",
            "text",
            "percent",
            "milestone",
            "attachment",
            "finished",
        ]
        widgets = {"reported_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        assignment = self._assignment()
        if assignment is not None and assignment.task.ongoing:
            self.fields["period"] = forms.ChoiceField(
                label="报送周期", required=False, choices=period_choices(assignment), widget=forms.Select
            )
            self.fields["period"].widget.attrs["class"] = "form-select"

    def _assignment(self):
        pk = self.data.get("assignment") or self.initial.get("assignment")
        if not str(pk or "").isdigit():
            return None
        return self.fields["assignment"].queryset.select_related("task").filter(pk=pk).first()

    def clean(self):
        data = super().clean()
        assignment = data.get("assignment")
        if assignment and assignment.task.ongoing and data.get("period") == "" and data.get("reported_on"):
            data["period"] = period_of(data["reported_on"], assignment.task.cycle).key
            self.instance.period = data["period"]
        if not (data.get("text") or data.get("milestone")):
            self.add_error("text", "请填写进展情况。")
        return data


def period_choices(assignment, on=None):
    """PLAN-CYCLE: the cycles not yet accepted (missed ones first), then the current one."""
    from django.utils import timezone

    from plans.rules import missed_periods
    from plans.services import accepted_periods

    on = on or timezone.localdate()
    task = assignment.task
    accepted = accepted_periods([assignment.pk]).get(assignment.pk, set())
    current = period_of(on, task.cycle)
    missed = missed_periods(assignment.start, on, task.cycle, accepted)
    choices = [("", f"本周期（{current.label}）")]
    choices += [(p.key, f"{p.label}（补报）") for p in missed]
    return choices


class ReviewForm(PlainForm):
    decision = forms.ChoiceField(
        choices=[(ReportStatus.ACCEPTED, "通过"), (ReportStatus.RETURNED, "退回")], label="审核结果"
    )
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RegularMeetingForm(ScopedModelForm):
    class Meta:
        model = RegularMeeting
        fields = ["organization", "title", "held_on", "place", "host", "decisions"]
        widgets = {"held_on": DATE}


class AgendaItemForm(ScopedModelForm):
    class Meta:
        model = AgendaItem
        fields = ["meeting", "topic", "task"]


class FollowUpForm(ScopedModelForm):
    scope_action = "view"  # the responsible unit may be any unit the convener sees

    class Meta:
        model = FollowUp
        fields = ["meeting", "title", "unit", "owner", "deadline", "done"]
        widgets = {"deadline": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["meeting"].queryset = RegularMeeting.objects.restrict(self.user, "change")


class DutyListForm(ScopedModelForm):
    class Meta:
        model = DutyList
        fields = ["organization", "kind", "year", "title"]


class DutyListItemForm(ScopedModelForm):
    class Meta:
        model = DutyListItem
        fields = ["duty_list", "content", "responsible", "due", "negative"]


class ResponsibilityLetterForm(ScopedModelForm):
    """The superior is always the level directly above (set by the service)."""

    class Meta:
        model = ResponsibilityLetter
        fields = ["organization", "year", "signer", "superior_signer", "signed_on", "scan"]
        widgets = {"signed_on": DATE}


class UploadBreakdownForm(PlainForm):
    file = forms.FileField(label="任务分解表（Word .docx 或 Excel .xlsx）")
    plan_title = forms.CharField(label="计划名称", required=False, help_text="留空则取文件中表格的标题")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".docx", ".xlsx", ".xlsm")):
            raise forms.ValidationError("请上传 Word（.docx）或 Excel（.xlsx）格式的任务分解表。")
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("文件超过 20 MB。")
        return upload
