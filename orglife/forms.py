from django import forms

from core.forms import PlainForm, ScopedModelForm
from members.models import Person
from orglife import services
from orglife.choices import AbsenceReason, Grade
from orglife.models import Appraisal, Lecture, Meeting, MeetingRule, PlannedMeeting, Problem
from orgs.choices import BRANCH_TYPES, OrgType
from orgs.models import Organization

DATE = forms.DateInput()


def default_org(user):
    """The org a secretary records for without choosing: their first branch (else any org in scope)."""
    orgs = Organization.objects.restrict(user, "change").active()
    return orgs.filter(org_type__in=BRANCH_TYPES).first() or orgs.exclude(org_type=OrgType.DEPARTMENT).first()


class MeetingForm(ScopedModelForm):
    """Type, date, topic first; attendance pre-filled from the org's members (tick the absent)."""

    class Meta:
        model = Meeting
        fields = [
            "organization",
            "meeting_type",
            "held_on",
            "topic",
            "also_counts_as",
            "place",
            "host",
            "recorder",
            "lecturer",
            "invitees",
            "plan",
            "content",
            "decisions",
            "photo",
            "attachment",
        ]
        widgets = {
            "held_on": DATE,
            "content": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            self.fields["organization"].queryset.active().exclude(org_type=OrgType.DEPARTMENT)
        )
        org = self._current("organization", Organization)
        if org is None and self.user is not None:
            org = default_org(self.user)
            self.initial["organization"] = org.pk if org else None
        meeting_type = (
            self.data.get("meeting_type") or self.initial.get("meeting_type") or self.instance.meeting_type
        )
        if not meeting_type:
            meeting_type = self.fields["meeting_type"].choices[1][0]
            self.initial["meeting_type"] = meeting_type
        self.org, self.meeting_type = org, meeting_type
        if org is not None:
            people = Person.objects.filter(organization__path__startswith=org.path)
            for name in ("host", "recorder", "lecturer"):
                self.fields[name].queryset = self.fields[name].queryset.filter(pk__in=people.values("pk"))
            self.fields["plan"].queryset = self.fields["plan"].queryset.filter(
                organization=org, meeting__isnull=True
            ) | PlannedMeeting.objects.filter(pk=self.instance.plan_id or 0)
        self.attendees = self._attendees()

    def _current(self, name, model):
        value = self.data.get(name) or self.initial.get(name) or getattr(self.instance, f"{name}_id", None)
        if not value:
            return None
        try:
            return self.fields[name].queryset.filter(pk=int(getattr(value, "pk", value))).first()
        except (TypeError, ValueError):
            return None

    def _attendees(self):
        """(person, absent field, reason field) for everyone expected, with the recorded values when editing."""
        if self.org is None:
            return []
        people = services.expected_people(self.org, self.meeting_type)
        recorded = {}
        if self.instance.pk:
            recorded = {a.person_id: a for a in self.instance.attendance.select_related("person")}
            known = {p.pk for p in people}
            people += [a.person for pid, a in recorded.items() if pid not in known]
        rows = []
        for person in people:
            row = recorded.get(person.pk)
            absent_name, reason_name = f"absent_{person.pk}", f"reason_{person.pk}"
            self.fields[absent_name] = forms.BooleanField(
                label=person.name, required=False, initial=bool(row and not row.present)
            )
            self.fields[reason_name] = forms.ChoiceField(
                label="缺席原因",
                required=False,
                choices=[("", "—")] + list(AbsenceReason.choices),
                initial=row.absence_reason if row else "",
            )
            self.fields[absent_name].widget.attrs["class"] = "form-check-input"
            self.fields[reason_name].widget.attrs["class"] = "form-select form-select-sm"
            rows.append((person, self[absent_name], self[reason_name]))
        return rows

    def visible_main_fields(self):
        return [f for f in self.visible_fields() if not f.name.startswith(("absent_", "reason_"))]

    def attendance(self):
        """{person_id: (present, reason)} from the ticked boxes."""
        out = {}
        for person, absent, _reason in self.attendees:
            is_absent = self.cleaned_data.get(absent.name, False)
            out[person.pk] = (
                not is_absent,
                self.cleaned_data.get(f"reason_{person.pk}", "") if is_absent else "",
            )
        return out


class ReasonForm(PlainForm):
    reason = forms.CharField(label="退回原因", max_length=300, required=False)


class MeetingRuleForm(ScopedModelForm):
    class Meta:
        model = MeetingRule
        fields = [
            "organization",
            "rule_id",
            "meeting_type",
            "applies_to",
            "frequency",
            "min_count",
            "condition",
            "attendees",
            "required_fields",
            "effective_year",
            "active",
            "note",
        ]


class PlannedMeetingForm(ScopedModelForm):
    class Meta:
        model = PlannedMeeting
        fields = ["organization", "meeting_type", "planned_date", "topic", "note"]
        widgets = {"planned_date": DATE}


class ProblemForm(ScopedModelForm):
    class Meta:
        model = Problem
        fields = ["organization", "meeting", "description", "measure", "owner", "deadline"]
        widgets = {
            "deadline": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 3}),
        }


class CloseProblemForm(PlainForm):
    result = forms.CharField(label="整改结果", widget=forms.Textarea(attrs={"rows": 3}))


class LectureForm(ScopedModelForm):
    class Meta:
        model = Lecture
        fields = ["organization", "lecturer", "kind", "title", "given_on", "audience"]
        widgets = {"given_on": DATE}


class AppraisalForm(ScopedModelForm):
    class Meta:
        model = Appraisal
        fields = ["organization", "year", "meeting", "note"]


class GradesForm(PlainForm):
    """One row per member: grade, self-assessment, mutual assessment."""

    def __init__(self, *args, results=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for r in results:
            self.fields[f"grade_{r.pk}"] = forms.ChoiceField(
                label=r.person.name,
                required=False,
                choices=[("", "未评定")] + list(Grade.choices),
                initial=r.grade,
            )
            self.fields[f"self_{r.pk}"] = forms.CharField(
                label="自评", required=False, initial=r.self_assessment
            )
            self.fields[f"mutual_{r.pk}"] = forms.CharField(
                label="互评", required=False, initial=r.mutual_assessment
            )
            self.rows.append((r, self[f"grade_{r.pk}"], self[f"self_{r.pk}"], self[f"mutual_{r.pk}"]))
        self.style_fields()

    def grades(self):
        return {
            r.pk: (
                self.cleaned_data.get(f"grade_{r.pk}", ""),
                self.cleaned_data.get(f"self_{r.pk}", ""),
                self.cleaned_data.get(f"mutual_{r.pk}", ""),
            )
            for r, *_ in self.rows
        }
