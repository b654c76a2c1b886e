import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from core import views as generic
from core.exporting import XLSX_TYPE, file_response, workbook_bytes
from members.models import Person
from orglife import compliance, exports, rules, services
from orglife.choices import MeetingStatus, MeetingType
from orglife.filtersets import (
    AppraisalFilterSet,
    LectureFilterSet,
    MeetingFilterSet,
    MeetingRuleFilterSet,
    PlannedMeetingFilterSet,
    ProblemFilterSet,
)
from orglife.forms import (
    AppraisalForm,
    CloseProblemForm,
    GradesForm,
    LectureForm,
    MeetingForm,
    MeetingRuleForm,
    PlannedMeetingForm,
    ProblemForm,
    ReasonForm,
)
from orglife.models import Appraisal, Attendance, Lecture, Meeting, MeetingRule, PlannedMeeting, Problem
from orglife.tables import (
    AppraisalTable,
    LectureTable,
    MeetingRuleTable,
    MeetingTable,
    PlannedMeetingTable,
    ProblemTable,
)
from orgs.choices import OrgType
from orgs.models import Organization

DETAIL = "orglife/detail.html"


def rows_of(obj, names):
    """(label, value) pairs for a detail card."""
    out = []
    for name in names:
        field = obj._meta.get_field(name)
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if display else getattr(obj, name)
        if isinstance(value, bool):
            value = "是" if value else "否"
        out.append((field.verbose_name, value if value not in (None, "") else "—"))
    return out


# --- meetings ------------------------------------------------------------------
class MeetingListView(generic.ObjectListView):
    model = Meeting
    filterset_class = MeetingFilterSet
    table_class = MeetingTable
    title = "组织生活记录"

    def base_queryset(self):
        return self.get_queryset().select_related("organization")


class MeetingView(generic.ObjectView):
    model = Meeting

    def get_object(self):
        return get_object_or_404(
            self.get_queryset().select_related("organization", "host", "recorder", "lecturer", "plan"),
            pk=self.kwargs["pk"],
        )

    def get_extra_context(self, request, meeting):
        can_change = Meeting.objects.restrict(request.user, "change").filter(pk=meeting.pk).exists()
        return {
            "attendance": list(meeting.attendance.select_related("person")),
            "problems": list(meeting.problems.select_related("owner")),
            "can_change": can_change,
            "editable": can_change and meeting.status in (MeetingStatus.DRAFT, MeetingStatus.RETURNED),
            "can_review": services.can_review(meeting, request.user),
            "reason_form": ReasonForm(),
            "breadcrumbs": meeting.organization.ancestors_and_self(),
        }


class MeetingEditView(generic.ObjectEditView):
    model = Meeting
    form_class = MeetingForm
    template_name = "orglife/meeting_edit.html"

    def save(self, form):
        meeting = services.save_meeting(form.instance, self.request.user, form.attendance())
        if self.request.POST.get("submit_now"):
            services.submit_meeting(meeting, self.request.user)
        return meeting


class MeetingDeleteView(generic.ObjectDeleteView):
    model = Meeting

    def delete(self, obj):
        if obj.status == MeetingStatus.APPROVED:
            raise ValidationError("已备案的记录不能删除。")
        super().delete(obj)


class MeetingChangelogView(generic.ObjectChangelogView):
    model = Meeting


class MeetingActionView(generic.ScopedMixin, View):
    """One transition (报送, 审核通过, 退回, 公开, 取消公开): GET asks to confirm, POST does it through the service."""

    model = Meeting
    action = "change"
    op = None
    LABELS = {
        "submit": "报送备案",
        "approve": "审核通过（备案）",
        "return": "退回",
        "publish": "向党员公开",
        "unpublish": "取消公开",
    }

    def get(self, request, pk):
        meeting = self.get_object()
        return render(
            request,
            "orglife/confirm.html",
            {
                "object": meeting,
                "title": f"{self.LABELS[self.op]}：{meeting}",
                "label": self.LABELS[self.op],
                "reason_form": ReasonForm() if self.op == "return" else None,
            },
        )

    def post(self, request, pk):
        meeting = self.get_object()
        op = self.op
        try:
            if op == "submit":
                services.submit_meeting(meeting, request.user)
                messages.success(request, "已报送上级党组织备案。")
            elif op in ("approve", "return"):
                form = ReasonForm(request.POST)
                form.is_valid()
                services.review_meeting(
                    meeting, request.user, approve=op == "approve", reason=form.cleaned_data.get("reason", "")
                )
                messages.success(request, "已备案。" if op == "approve" else "已退回。")
            else:
                services.publish_meeting(meeting, request.user, public=op == "publish")
                messages.success(request, "已向本组织党员公开。" if op == "publish" else "已取消公开。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect(meeting.get_absolute_url())


class MeetingDocxView(generic.ScopedMixin, View):
    """会议记录 as a formatted .docx."""

    model = Meeting

    def get(self, request, pk):
        meeting = self.get_object()
        content = exports.minutes_docx(meeting)
        return file_response(
            content, f"会议记录-{meeting.held_on:%Y%m%d}-{meeting.topic[:20]}.docx", exports.DOCX_TYPE
        )


# --- compliance ---------------------------------------------------------------------
class ComplianceMixin(generic.ScopedMixin):
    model = Meeting

    def params(self, request):
        """The org (default: the user's top org) and period (default: this year) asked for."""
        today = timezone.localdate()
        orgs = Organization.objects.restrict(request.user).active().exclude(org_type=OrgType.DEPARTMENT)
        org_id = request.GET.get("org")
        if org_id:
            org = get_object_or_404(orgs, pk=org_id)
        else:
            org = orgs.order_by("depth", "path").first()
            if org is None:
                raise PermissionDenied("您的管理范围内没有党组织。")
        try:
            period = rules.parse_period(request.GET.get("period") or str(today.year))
        except (ValueError, TypeError):
            period = rules.period_of("year", today)
        return org, period, today


class ComplianceView(ComplianceMixin, View):
    """Required / held / missing / late per rule and org, the branch × month heatmap, members' attendance."""

    def get(self, request):
        org, period, today = self.params(request)
        restricted = Organization.objects.restrict(request.user)
        results = compliance.compute(org, period, today, restricted)
        year_results = (
            results
            if period.kind == "year"
            else compliance.compute(org, rules.period_of("year", period.start), today, restricted)
        )
        heat = compliance.heatmap(year_results, period.start.year, today)
        try:
            streak_n = max(1, int(request.GET.get("n", 3)))
        except ValueError:
            streak_n = 3
        members = compliance.member_attendance(org, period, Person.objects.restrict(request.user), limit=500)
        absent = compliance.absent_in_a_row(org, streak_n, Person.objects.restrict(request.user))
        return render(
            request,
            "orglife/compliance.html",
            {
                "title": f"组织生活合规：{org.name} {period.label}",
                "org": org,
                "period": period,
                "results": results,
                "failing": [r for r in results if not r.compliant],
                "option": compliance.heatmap_option(heat, f"{period.start.year}年 各支部逐月缺项"),
                "heat_rows": heat,
                "months": compliance.MONTH_LABELS,
                "members": members,
                "absent": absent,
                "streak_n": streak_n,
                "dual": compliance.dual_life(org, period, today),
                "orgs": Organization.objects.restrict(request.user)
                .active()
                .exclude(org_type__in=(OrgType.DEPARTMENT, OrgType.GROUP))
                .only("id", "name", "depth"),
                "periods": compliance.period_choices(period.start.year),
                "years": range(today.year - 2, today.year + 1),
            },
        )


class ComplianceExportView(ComplianceMixin, View):
    """Compliance as .xlsx: one row per org and rule, plus the heatmap and members' attendance."""

    def get(self, request):
        org, period, today = self.params(request)
        restricted = Organization.objects.restrict(request.user)
        results = compliance.compute(org, period, today, restricted)
        rows = [
            (
                r.org.name,
                rr.rule.rule_id,
                MeetingType(rr.rule.meeting_type).label,
                rr.required,
                rr.held,
                rr.missing,
                rr.late,
                {"ok": "达标", "missing": "缺项", "pending": "进行中"}[rr.status],
            )
            for r in results
            for rr in r.results
        ]
        heat = compliance.heatmap(
            compliance.compute(org, rules.period_of("year", period.start), today, restricted),
            period.start.year,
            today,
        )
        heat_rows = [(o.name, *["" if c is None else c for c in cells]) for o, cells in heat]
        members = compliance.member_attendance(org, period, Person.objects.restrict(request.user))
        member_rows = [
            (m.organization.name, m.name, m.expected, m.attended, rate(m), m.absent_streak) for m in members
        ]
        content = workbook_bytes(
            [
                (
                    "合规检查",
                    ["党组织", "规则", "会议类型", "应开", "已开", "缺项", "逾期", "结论"],
                    rows,
                ),
                ("逐月缺项", ["党组织", *compliance.MONTH_LABELS], heat_rows),
                ("党员参会", ["党组织", "姓名", "应参加", "实参加", "参会率", "连续缺席"], member_rows),
            ]
        )
        return file_response(content, f"组织生活合规-{org.name}-{period.key}.xlsx", XLSX_TYPE)


def rate(member):
    return f"{member.attended * 100 // member.expected}%" if member.expected else "—"


class PlanVsHeldView(ComplianceMixin, View):
    """计划与执行: a branch's plan for the year beside what was held (and what was held without a plan)."""

    def get(self, request):
        org, period, today = self.params(request)
        year = period.start.year
        plans = list(
            PlannedMeeting.objects.restrict(request.user)
            .filter(organization__path__startswith=org.path, planned_date__year=year)
            .select_related("organization", "meeting")
            .order_by("planned_date", "pk")
        )
        unplanned = list(
            Meeting.objects.restrict(request.user)
            .filter(organization__path__startswith=org.path, held_on__year=year, plan__isnull=True)
            .select_related("organization")
            .order_by("held_on")
        )
        return render(
            request,
            "orglife/plan_vs_held.html",
            {
                "title": f"计划与执行：{org.name} {year}年",
                "org": org,
                "year": year,
                "plans": plans,
                "unplanned": unplanned,
                "today": today,
                "held_count": sum(1 for p in plans if hasattr(p, "meeting")),
            },
        )


class BookView(ComplianceMixin, View):
    """A branch's year of organizational life as one .docx 纪实 book."""

    def get(self, request):
        org, period, today = self.params(request)
        year = period.start.year
        meetings = (
            Meeting.objects.restrict(request.user)
            # the org's own life and its 党小组 (a 党总支's book does not repeat its branches' books)
            .filter(
                Q(organization=org)
                | Q(organization__path__startswith=org.path, organization__org_type=OrgType.GROUP),
                held_on__year=year,
            )
            .select_related("organization", "host", "recorder", "lecturer")
            .order_by("held_on", "pk")
        )
        attendance = (
            Attendance.objects.filter(meeting__in=meetings.values("pk"))
            .select_related("person")
            .order_by("person__name")
        )
        results = compliance.compute(
            org,
            rules.period_of("year", dt.date(year, 1, 1)),
            today,
            Organization.objects.restrict(request.user),
        )
        results = [r for r in results if r.org.pk == org.pk]
        content = exports.year_book_docx(org, year, list(meetings), results, list(attendance))
        return file_response(content, f"{org.name}{year}年组织生活纪实.docx", exports.DOCX_TYPE)


class MyOrgLifeView(generic.ScopedMixin, View):
    """我的组织生活: my attendance, my appraisal results, my lectures, and my branch's public meetings."""

    model = Attendance

    def get(self, request):
        person = request.user.person
        if person is None:
            raise PermissionDenied("您的账号未关联人员信息。")
        mine = (
            Attendance.objects.restrict(request.user)
            .filter(person=person)
            .select_related("meeting__organization")
            .order_by("-meeting__held_on")[:100]
        )
        from orglife.models import AppraisalResult

        results = (
            AppraisalResult.objects.restrict(request.user).filter(person=person).select_related("appraisal")
        )
        lectures = Lecture.objects.restrict(request.user).filter(lecturer=person)
        org = person.organization
        ancestors = [org.path[:i] for i in range(org.steplen, len(org.path) + 1, org.steplen)]
        public = (
            Meeting.objects.filter(
                organization__path__in=ancestors, is_public=True, status=MeetingStatus.APPROVED
            )
            .select_related("organization")
            .order_by("-held_on")[:100]
        )
        return render(
            request,
            "orglife/mine.html",
            {
                "title": "我的组织生活",
                "attendance": list(mine),
                "results": list(results),
                "lectures": list(lectures),
                "public": list(public),
            },
        )


class LectureStatsView(ComplianceMixin, View):
    """Secretaries' own lectures per person per year (LIFE-LECTURE: at least one a year)."""

    def get(self, request):
        from orgs.choices import BRANCH_TYPES, Post
        from orgs.models import Position

        org, period, today = self.params(request)
        year = period.start.year
        positions = list(
            Position.objects.current(today)
            .filter(
                post=Post.SECRETARY,
                organization__path__startswith=org.path,
                organization__org_type__in=(*BRANCH_TYPES, OrgType.GENERAL_BRANCH),
            )
            .select_related("person", "organization")
            .order_by("organization__path")
        )
        counts = services.lecture_counts({p.person_id for p in positions}, year)
        from orglife.choices import LectureKind

        rows = []
        for p in positions:
            c = counts.get(p.person_id, {})
            row = [c.get(k, 0) for k, _ in LectureKind.choices]
            rows.append((p, row, sum(row), c.get(LectureKind.PARTY_LECTURE, 0) >= rules.LECTURE_MIN_PER_YEAR))
        return render(
            request,
            "orglife/lecture_stats.html",
            {
                "title": f"书记讲党课统计：{org.name} {year}年",
                "rows": rows,
                "kinds": [label for _, label in LectureKind.choices],
                "year": year,
                "org": org,
            },
        )


# --- plain records (rules, plans, problems, lectures, appraisals) -----------------------------------
class SavingEditView(generic.ObjectEditView):
    service = None

    def save(self, form):
        return type(self).service(form.instance, self.request.user)


class MeetingRuleListView(generic.ObjectListView):
    model = MeetingRule
    filterset_class = MeetingRuleFilterSet
    table_class = MeetingRuleTable
    title = "组织生活频次规则"
    default_ordering = ("rule_id", "-effective_year")

    def base_queryset(self):
        return self.get_queryset().select_related("organization")

    def extra_context(self, request):
        return {"defaults": rules.DEFAULT_RULES}


class MeetingRuleView(generic.ObjectView):
    model = MeetingRule
    template_name = DETAIL

    def get_extra_context(self, request, obj):
        names = ["organization", "rule_id", "meeting_type", "applies_to", "frequency", "min_count",
                 "condition", "attendees", "required_fields", "effective_year", "active", "note"]  # fmt: skip
        return {"fields": rows_of(obj, names), "edit_name": "orglife:meetingrule_edit"}


class MeetingRuleEditView(generic.ObjectEditView):
    model = MeetingRule
    form_class = MeetingRuleForm

    def save(self, form):
        return services.save_object(
            form.instance, self.request.user, action="change" if form.instance.pk else "add"
        )


class MeetingRuleDeleteView(generic.ObjectDeleteView):
    model = MeetingRule


class MeetingRuleChangelogView(generic.ObjectChangelogView):
    model = MeetingRule


class PlannedMeetingListView(generic.ObjectListView):
    model = PlannedMeeting
    filterset_class = PlannedMeetingFilterSet
    table_class = PlannedMeetingTable
    title = "组织生活计划"

    def base_queryset(self):
        return self.get_queryset().select_related("organization").annotate(held_on=F("meeting__held_on"))


class PlannedMeetingView(generic.ObjectView):
    model = PlannedMeeting
    template_name = DETAIL

    def get_extra_context(self, request, obj):
        fields = rows_of(obj, ["organization", "meeting_type", "planned_date", "topic", "note"])
        held = getattr(obj, "meeting", None) if hasattr(obj, "meeting") else None
        fields.append(("实际召开", held or "未召开"))
        return {"fields": fields, "edit_name": "orglife:plannedmeeting_edit"}


class PlannedMeetingEditView(generic.ObjectEditView):
    model = PlannedMeeting
    form_class = PlannedMeetingForm

    def save(self, form):
        return services.save_object(
            form.instance, self.request.user, action="change" if form.instance.pk else "add"
        )


class PlannedMeetingDeleteView(generic.ObjectDeleteView):
    model = PlannedMeeting


class PlannedMeetingChangelogView(generic.ObjectChangelogView):
    model = PlannedMeeting


class ProblemListView(generic.ObjectListView):
    model = Problem
    filterset_class = ProblemFilterSet
    table_class = ProblemTable
    title = "问题整改清单"

    def base_queryset(self):
        return self.get_queryset().select_related("organization", "owner")


class ProblemView(generic.ObjectView):
    model = Problem
    template_name = "orglife/problem.html"

    def get_extra_context(self, request, obj):
        names = [
            "organization",
            "meeting",
            "description",
            "measure",
            "owner",
            "deadline",
            "status",
            "closed_on",
            "result",
        ]
        return {
            "fields": rows_of(obj, names),
            "edit_name": "orglife:problem_edit",
            "close_form": CloseProblemForm(),
            "overdue": obj.status == "open" and obj.deadline < timezone.localdate(),
        }


class ProblemEditView(SavingEditView):
    model = Problem
    form_class = ProblemForm
    service = services.save_problem


class ProblemCloseView(generic.ScopedMixin, View):
    """整改销号: GET shows the form, POST closes the item through the service."""

    model = Problem
    action = "change"

    def get(self, request, pk):
        problem = self.get_object()
        return render(
            request,
            "orglife/confirm.html",
            {
                "object": problem,
                "title": f"整改销号：{problem}",
                "label": "整改销号",
                "reason_form": CloseProblemForm(),
            },
        )

    def post(self, request, pk):
        problem = self.get_object()
        form = CloseProblemForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError("请填写整改结果。")
            services.close_problem(problem, request.user, form.cleaned_data["result"])
            messages.success(request, "已整改销号。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect(problem.get_absolute_url())


class ProblemDeleteView(generic.ObjectDeleteView):
    model = Problem


class ProblemChangelogView(generic.ObjectChangelogView):
    model = Problem


class LectureListView(generic.ObjectListView):
    model = Lecture
    filterset_class = LectureFilterSet
    table_class = LectureTable
    title = "讲党课与思政课"

    def base_queryset(self):
        return self.get_queryset().select_related("organization", "lecturer")


class LectureView(generic.ObjectView):
    model = Lecture
    template_name = DETAIL

    def get_extra_context(self, request, obj):
        fields = rows_of(obj, ["organization", "lecturer", "kind", "title", "given_on", "audience"])
        if obj.meeting_id:
            fields.append(("来源会议", obj.meeting))
        return {"fields": fields, "edit_name": "" if obj.meeting_id else "orglife:lecture_edit"}


class LectureEditView(SavingEditView):
    model = Lecture
    form_class = LectureForm
    service = services.save_lecture


class LectureDeleteView(generic.ObjectDeleteView):
    model = Lecture


class LectureChangelogView(generic.ObjectChangelogView):
    model = Lecture


class AppraisalListView(generic.ObjectListView):
    model = Appraisal
    filterset_class = AppraisalFilterSet
    table_class = AppraisalTable
    title = "民主评议党员"
    default_ordering = ("-year", "organization__path")

    def base_queryset(self):
        return (
            self.get_queryset()
            .select_related("organization")
            .annotate(
                n_results=Count("results"), n_excellent=Count("results", filter=Q(results__grade="excellent"))
            )
        )


class AppraisalView(generic.ObjectView):
    """The appraisal with one row per member; the grading form posts here."""

    model = Appraisal
    template_name = "orglife/appraisal.html"

    def get_extra_context(self, request, obj):
        results = list(obj.results.select_related("person"))
        can_change = Appraisal.objects.restrict(request.user, "change").filter(pk=obj.pk).exists()
        return {
            "form": GradesForm(results=results),
            "results": results,
            "can_change": can_change and obj.status == "open",
            "cap": rules.excellent_cap(len(results)),
        }

    def post(self, request, pk):
        obj = get_object_or_404(Appraisal.objects.restrict(request.user, "change"), pk=pk)
        results = list(obj.results.select_related("person"))
        form = GradesForm(request.POST, results=results)
        form.is_valid()
        try:
            services.save_results(obj, request.user, form.grades(), finish=bool(request.POST.get("finish")))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return render(
                request,
                self.template_name,
                {"object": obj, "title": str(obj), "tab": "main", "form": form, "results": results,
                 "can_change": True, "cap": rules.excellent_cap(len(results))},
                status=400,
            )  # fmt: skip
        messages.success(request, "评议结果已保存。")
        return redirect(obj.get_absolute_url())


class AppraisalEditView(generic.ObjectEditView):
    model = Appraisal
    form_class = AppraisalForm

    def save(self, form):
        return services.open_appraisal(form.instance, self.request.user)


class AppraisalDeleteView(generic.ObjectDeleteView):
    model = Appraisal


class AppraisalChangelogView(generic.ObjectChangelogView):
    model = Appraisal


class AttendeesView(generic.ScopedMixin, View):
    """htmx: the attendance block of the meeting form for the chosen org and type."""

    model = Meeting
    action = "add"

    def get(self, request):
        form = MeetingForm(initial=request.GET.dict(), user=request.user)
        return render(request, "orglife/attendees.html", {"form": form})
