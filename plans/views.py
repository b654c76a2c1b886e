from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from core import views as generic
from plans import forms, services
from plans.choices import ReportStatus
from plans.filtersets import (
    AssignmentFilterSet,
    DutyListFilterSet,
    PlanFilterSet,
    RegularMeetingFilterSet,
    ResponsibilityLetterFilterSet,
    TaskFilterSet,
)
from plans.importers import TaskBreakdownImporter
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
from plans.tables import (
    AssignmentTable,
    DutyListTable,
    PlanTable,
    RegularMeetingTable,
    ResponsibilityLetterTable,
    TaskTable,
)


class SavedByService(generic.ObjectEditView):
    """Edit views whose save is one service call."""

    service = staticmethod(services.save_related)

    def save(self, form):
        return type(self).service(form.instance, self.request.user)


# 计划 -------------------------------------------------------------------------------
class PlanListView(generic.ObjectListView):
    model = Plan
    filterset_class = PlanFilterSet
    table_class = PlanTable
    title = "工作计划"
    default_ordering = ("-issued_on", "-pk")
    import_url_name = "plans:plan_import"

    def base_queryset(self):
        return self.get_queryset().select_related("organization").annotate(task_count=Count("tasks"))


class PlanView(generic.ObjectView):
    model = Plan

    def get_extra_context(self, request, plan):
        tasks = list(
            plan.tasks.annotate(
                assignment_count=Count("assignments"),
                done_count=Count("assignments", filter=_status("done")),
                overdue_count=Count("assignments", filter=_status("overdue")),
            )
        )
        sections = {}
        for task in tasks:
            sections.setdefault(task.section or "（未分部分）", []).append(task)
        return {
            "sections": sections,
            "can_change": Plan.objects.restrict(request.user, "change").filter(pk=plan.pk).exists(),
            "can_add_task": self.can("add", Task),
        }


def _status(value):
    from django.db.models import Q

    return Q(assignments__status=value)


class PlanEditView(SavedByService):
    model = Plan
    form_class = forms.PlanForm
    service = staticmethod(services.save_plan)

    def save(self, form):
        return services.save_plan(form.instance, self.request.user, action=self.action)


class PlanDeleteView(generic.ObjectDeleteView):
    model = Plan


class PlanChangelogView(generic.ObjectChangelogView):
    model = Plan


class PlanImportView(generic.ImportView):
    """Upload a 任务分解表 (.docx/.xlsx) → preview with unit matching → all-or-nothing import as a new plan.

    The generic view only accepts .xlsx uploads, so the upload step is done here; the preview and the
    commit are the generic ones.
    """

    model = Plan
    importer_class = TaskBreakdownImporter
    template_name = "plans/import.html"
    success_url_name = "plans:plan_list"

    def importer(self):
        return TaskBreakdownImporter(
            user=self.request.user,
            plan_title=self.request.session.get("plan_title", ""),
            resolutions=self.resolutions(),
        )

    def unit_choices(self):
        from orgs.models import Organization

        return (
            Organization.objects.restrict(self.request.user)
            .active()
            .exclude(org_type="group")
            .only("id", "name")
        )

    def resolutions(self):
        """Units the admin picked in the preview for names that matched no organization (unit::<name> fields)."""
        picked = {
            key.split("::", 1)[1]: self.request.POST.getlist(key)
            for key in self.request.POST
            if key.startswith("unit::")
        }
        if not picked:
            return {}
        wanted = {int(pk) for pks in picked.values() for pk in pks if pk.isdigit()}
        orgs = {o.pk: o for o in self.unit_choices().filter(pk__in=wanted)}
        return {
            name: [orgs[int(pk)] for pk in pks if pk.isdigit() and int(pk) in orgs]
            for name, pks in picked.items()
        }

    def render_preview(self, request, context, status=200):
        context["unit_choices"] = list(self.unit_choices()) if context.get("result") else []
        return render(request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            return super().get(request, *args, **kwargs)
        return render(
            request,
            self.template_name,
            {"title": "导入任务分解表", "form": forms.UploadBreakdownForm(), "importer": self.importer()},
        )

    def post(self, request, *args, **kwargs):
        import uuid

        from core.importing import ImportFileError

        if request.POST.get("token"):
            return super().post(request, *args, **kwargs)
        form = forms.UploadBreakdownForm(request.POST, request.FILES)
        importer = self.importer()
        context = {"title": "导入任务分解表", "form": form, "importer": importer}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        request.session["plan_title"] = form.cleaned_data["plan_title"]
        importer.plan_title = form.cleaned_data["plan_title"]
        token = uuid.uuid4().hex
        path = self._path(token)
        with path.open("wb") as fh:
            for chunk in form.cleaned_data["file"].chunks():
                fh.write(chunk)
        try:
            result = importer.run(path, commit=False)
        except ImportFileError as exc:
            path.unlink(missing_ok=True)
            form.add_error("file", str(exc))
            return render(request, self.template_name, context, status=400)
        request.session["import_token"] = token
        context.update({"result": result, "token": token if result.ok else ""})
        return self.render_preview(request, context)


# 任务 -------------------------------------------------------------------------------
class TaskListView(generic.ObjectListView):
    model = Task
    filterset_class = TaskFilterSet
    table_class = TaskTable
    title = "工作任务"
    default_ordering = ("plan", "section_order", "number", "pk")

    def base_queryset(self):
        return self.get_queryset().select_related("plan").annotate(assignment_count=Count("assignments"))


class TaskView(generic.ObjectView):
    model = Task

    def get_object(self):
        return get_object_or_404(
            self.get_queryset().select_related("plan", "organization"), pk=self.kwargs["pk"]
        )

    def get_extra_context(self, request, task):
        can_change = Task.objects.restrict(request.user, "change").filter(pk=task.pk).exists()
        return {
            "assignments": list(task.assignments.select_related("organization", "owner")),
            "can_change": can_change,
            "resolve_form": forms.ResolveUnitsForm(user=request.user) if can_change else None,
        }


class TaskEditView(generic.ObjectEditView):
    model = Task
    form_class = forms.TaskForm

    def save(self, form):
        units = form.units() if "lead_units" in form.fields else None
        return services.save_task(form.instance, self.request.user, units=units)


class TaskResolveUnitsView(generic.ScopedMixin, View):
    """指定责任单位 for names the import could not match."""

    model = Task
    action = "change"

    def post(self, request, pk):
        task = self.get_object()
        form = forms.ResolveUnitsForm(request.POST, user=request.user)
        if form.is_valid():
            role = form.cleaned_data["role"]
            created = services.resolve_units(
                task, [(o, role) for o in form.cleaned_data["units"]], request.user
            )
            messages.success(request, f"已指定 {len(created)} 个责任单位。")
        else:
            messages.error(request, "请选择责任单位。")
        return redirect(task.get_absolute_url())


class TaskDeleteView(generic.ObjectDeleteView):
    model = Task


class TaskChangelogView(generic.ObjectChangelogView):
    model = Task


# 任务落实 ------------------------------------------------------------------------------
class AssignmentListView(generic.ObjectListView):
    model = Assignment
    filterset_class = AssignmentFilterSet
    table_class = AssignmentTable
    title = "任务落实（工作清单）"
    default_ordering = ("task__plan", "task__section_order", "task__number", "organization__path", "pk")
    actions = ("export",)

    def base_queryset(self):
        return self.get_queryset().select_related("organization", "task__plan", "owner")


class AssignmentView(generic.ObjectView):
    model = Assignment

    def get_object(self):
        return get_object_or_404(
            self.get_queryset().select_related("organization", "task__plan", "owner"), pk=self.kwargs["pk"]
        )

    def get_extra_context(self, request, assignment):
        reports = list(assignment.reports.select_related("reviewer"))
        can_review = services.can_review(assignment.task, request.user)
        can_change = Assignment.objects.restrict(request.user, "change").filter(pk=assignment.pk).exists()
        return {
            "subtasks": list(assignment.subtasks.all()),
            "reports": reports,
            "can_change": can_change,
            "can_review": can_review,
            "review_form": forms.ReviewForm() if can_review else None,
            "pending": [r for r in reports if r.status == ReportStatus.SUBMITTED],
            "overdue_reason": services.overdue_reason(assignment, _today())
            if assignment.status == "overdue"
            else "",
        }


def _today():
    from django.utils import timezone

    return timezone.localdate()


class AssignmentEditView(generic.ObjectEditView):
    model = Assignment
    form_class = forms.AssignmentForm

    def save(self, form):
        return services.save_assignment(form.instance, self.request.user)


class AssignmentDeleteView(generic.ObjectDeleteView):
    model = Assignment


class AssignmentChangelogView(generic.ObjectChangelogView):
    model = Assignment


# 细化任务, 进展报送 -------------------------------------------------------------------------
class SubTaskEditView(SavedByService):
    model = SubTask
    form_class = forms.SubTaskForm
    service = staticmethod(services.save_subtask)


class SubTaskDeleteView(generic.ObjectDeleteView):
    model = SubTask
    success_url_name = "plans:assignment_list"


class ProgressReportEditView(generic.ObjectEditView):
    """报送进展 (reports are records: submitted once, then reviewed; never edited)."""

    model = ProgressReport
    form_class = forms.ProgressReportForm

    def save(self, form):
        return services.submit_report(form.instance, self.request.user)


class ProgressReportReviewView(generic.ScopedMixin, View):
    model = ProgressReport
    action = "view"

    def post(self, request, pk):
        report = self.get_object()
        form = forms.ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.review_report(
                    report,
                    request.user,
                    accept=form.cleaned_data["decision"] == ReportStatus.ACCEPTED,
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, "已审核。")
        return redirect(report.assignment.get_absolute_url())


# 例会 ---------------------------------------------------------------------------------
class RegularMeetingListView(generic.ObjectListView):
    model = RegularMeeting
    filterset_class = RegularMeetingFilterSet
    table_class = RegularMeetingTable
    title = "书记例会"
    default_ordering = ("-held_on", "-pk")

    def base_queryset(self):
        return self.get_queryset().select_related("organization")


class RegularMeetingView(generic.ObjectView):
    model = RegularMeeting

    def get_extra_context(self, request, meeting):
        return {
            "agenda": list(meeting.agenda.select_related("task")),
            "followups": list(meeting.followups.select_related("unit", "owner")),
            "can_change": RegularMeeting.objects.restrict(request.user, "change")
            .filter(pk=meeting.pk)
            .exists(),
        }


class RegularMeetingEditView(SavedByService):
    model = RegularMeeting
    form_class = forms.RegularMeetingForm


class RegularMeetingDeleteView(generic.ObjectDeleteView):
    model = RegularMeeting


class RegularMeetingChangelogView(generic.ObjectChangelogView):
    model = RegularMeeting


class AgendaItemEditView(SavedByService):
    model = AgendaItem
    form_class = forms.AgendaItemForm


class AgendaItemDeleteView(generic.ObjectDeleteView):
    model = AgendaItem
    success_url_name = "plans:regularmeeting_list"


class FollowUpEditView(SavedByService):
    model = FollowUp
    form_class = forms.FollowUpForm


class FollowUpDeleteView(generic.ObjectDeleteView):
    model = FollowUp
    success_url_name = "plans:regularmeeting_list"


# 清单 ---------------------------------------------------------------------------------
class DutyListListView(generic.ObjectListView):
    model = DutyList
    filterset_class = DutyListFilterSet
    table_class = DutyListTable
    title = "责任清单"
    default_ordering = ("-year", "organization__path", "kind", "pk")

    def base_queryset(self):
        return self.get_queryset().select_related("organization").annotate(item_count=Count("items"))


class DutyListView(generic.ObjectView):
    model = DutyList

    def get_extra_context(self, request, duty_list):
        return {
            "items": list(duty_list.items.all()),
            "can_change": DutyList.objects.restrict(request.user, "change").filter(pk=duty_list.pk).exists(),
        }


class DutyListEditView(SavedByService):
    model = DutyList
    form_class = forms.DutyListForm


class DutyListDeleteView(generic.ObjectDeleteView):
    model = DutyList


class DutyListChangelogView(generic.ObjectChangelogView):
    model = DutyList


class DutyListItemEditView(SavedByService):
    model = DutyListItem
    form_class = forms.DutyListItemForm


class DutyListItemDeleteView(generic.ObjectDeleteView):
    model = DutyListItem
    success_url_name = "plans:dutylist_list"


# 责任书 --------------------------------------------------------------------------------
class ResponsibilityLetterListView(generic.ObjectListView):
    model = ResponsibilityLetter
    filterset_class = ResponsibilityLetterFilterSet
    table_class = ResponsibilityLetterTable
    title = "党风廉政建设责任书"
    default_ordering = ("-year", "organization__path", "pk")

    def base_queryset(self):
        return self.get_queryset().select_related("organization", "superior")

    def extra_context(self, request):
        return {"coverage_url": reverse("plans:letter_coverage")}


class ResponsibilityLetterView(generic.ObjectView):
    model = ResponsibilityLetter


class ResponsibilityLetterEditView(SavedByService):
    model = ResponsibilityLetter
    form_class = forms.ResponsibilityLetterForm
    service = staticmethod(services.save_letter)


class ResponsibilityLetterDeleteView(generic.ObjectDeleteView):
    model = ResponsibilityLetter


class ResponsibilityLetterChangelogView(generic.ObjectChangelogView):
    model = ResponsibilityLetter


# 督查 ---------------------------------------------------------------------------------
def _period(request):
    """The 督查 period from ?start=&end= (default: the current quarter)."""
    from core.parsing import parse_date
    from plans.rules import period_of

    quarter = period_of(_today())
    try:
        start = parse_date(request.GET.get("start")) or quarter.start
        end = parse_date(request.GET.get("end")) or quarter.end
    except ValueError:
        start, end = quarter.start, quarter.end
    return (start, end) if start <= end else (end, start)


class DashboardView(generic.ScopedMixin, View):
    """组织部's supervision dashboard: completion by plan, section, unit; overdue list; 督查通报 button."""

    model = Assignment

    def get(self, request):
        from plans.supervision import completion_chart, dashboard_data

        assignments = self.get_queryset()
        data = dashboard_data(assignments)
        start, end = _period(request)
        overdue = list(
            assignments.filter(status="overdue")
            .select_related("organization", "task__plan", "owner")
            .order_by("task__due_date", "organization__path")[:50]
        )
        return render(
            request,
            "plans/dashboard.html",
            {
                "title": "督查督办",
                **data,
                "overdue": overdue,
                "plan_chart": completion_chart(data["by_plan"], "task__plan__title", "按计划"),
                "section_chart": completion_chart(data["by_section"], "task__section", "按主要内容"),
                "unit_chart": completion_chart(data["by_unit"], "organization__name", "按责任单位"),
                "start": start,
                "end": end,
            },
        )


class SupervisionNoticeView(generic.ScopedMixin, View):
    """一键生成督查通报 (.docx) for a period, from the assignments in the user's scope."""

    model = Assignment

    def get(self, request):
        from core.exporting import file_response
        from plans.supervision import supervision_notice_docx

        start, end = _period(request)
        content = supervision_notice_docx(self.get_queryset(), start, end)
        return file_response(
            content,
            f"督查通报-{start:%Y%m%d}-{end:%Y%m%d}.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )


class LetterCoverageView(generic.ScopedMixin, View):
    """Who has not signed this year's 党风廉政建设责任书 (general branches and branches in scope)."""

    model = ResponsibilityLetter

    def get(self, request):
        from orgs.choices import OrgType
        from orgs.models import Organization
        from plans.supervision import letter_coverage

        try:
            year = int(request.GET.get("year") or _today().year)
        except ValueError:
            year = _today().year
        orgs = list(
            Organization.objects.restrict(request.user)
            .active()
            .filter(org_type__in=(OrgType.GENERAL_BRANCH, OrgType.BRANCH, OrgType.FUNCTIONAL_BRANCH))
            .only("id", "name", "path", "depth", "org_type")
        )
        letters = list(self.get_queryset().filter(year=year).only("id", "organization_id", "year"))
        rows = letter_coverage(year, orgs, letters)
        return render(
            request,
            "plans/letter_coverage.html",
            {
                "title": f"{year}年党风廉政建设责任书签订情况",
                "year": year,
                "rows": rows,
                "missing": [org for org, signed in rows if not signed],
                "signed": sum(1 for _, signed in rows if signed),
            },
        )
