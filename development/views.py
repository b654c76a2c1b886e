from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from core import views as generic
from core.exporting import file_response
from development import services
from development.choices import Stage
from development.filtersets import (
    CalendarDayFilterSet,
    DevelopmentFileFilterSet,
    PublicityFilterSet,
    ThoughtReportFilterSet,
    WorkListFilterSet,
)
from development.forms import (
    CalendarDayForm,
    CommentForm,
    DevelopmentFileForm,
    PublicityForm,
    StepRecordForm,
    ThoughtReportForm,
)
from development.models import (
    CalendarDay,
    DevelopmentFile,
    Publicity,
    StepDefinition,
    StepRecord,
    ThoughtReport,
)
from development.papers import PAPERS, TEMPLATE_NAMES
from development.tables import (
    CalendarDayTable,
    DevelopmentFileTable,
    PublicityTable,
    ThoughtReportTable,
    work_list_table,
)
from development.worklists import BY_KEY, DEFAULT_PENDING_DAYS, WORK_LISTS, work_list


# --- 发展档案 ------------------------------------------------------------------
class DevelopmentFileListView(generic.ObjectListView):
    model = DevelopmentFile
    filterset_class = DevelopmentFileFilterSet
    table_class = DevelopmentFileTable
    title = "发展档案"
    actions = ("add", "export")

    def base_queryset(self):
        return self.get_queryset().select_related("person", "organization")


class DevelopmentFileView(generic.ObjectView):
    """The 档案: the 25 steps with what was recorded, overrides, votes, 公示, 思想汇报, papers."""

    model = DevelopmentFile

    def get_object(self):
        return get_object_or_404(
            self.get_queryset().select_related("person", "organization", "rule_set"), pk=self.kwargs["pk"]
        )

    def get_extra_context(self, request, file):
        records = {}
        for record in (
            file.records.select_related("step", "approving_org", "vote", "recorded_by")
            .prefetch_related("people")
            .order_by("on", "pk")
        ):
            records.setdefault(record.step.number, []).append(record)
        steps = list(file.rule_set.steps.all())
        can_change = DevelopmentFile.objects.restrict(request.user, "change").filter(pk=file.pk).exists()
        stages = []
        for stage in Stage:
            rows = [(s, records.get(s.number, [])) for s in steps if s.stage == stage]
            stages.append((stage.label, rows))
        return {
            "stages": stages,
            "can_change": can_change,
            "next_step": file.current_step + 1 if file.current_step < 25 else None,
            "mentors": list(file.mentors.all()),
            "sponsors": list(file.sponsors.all()),
            "publicities": list(file.publicities.all()),
            "reports": list(file.reports.all()[:20]),
            "overrides": [r for rs in records.values() for r in rs if r.override],
            "papers": PAPERS,
        }


class DevelopmentFileChangelogView(generic.ObjectChangelogView):
    model = DevelopmentFile


class DevelopmentFileEditView(generic.ObjectEditView):
    model = DevelopmentFile
    form_class = DevelopmentFileForm

    def save(self, form):
        return services.open_file(
            form.cleaned_data["person"],
            self.request.user,
            applied_on=form.cleaned_data["applied_on"],
            youth_league_recommended=form.cleaned_data["youth_league_recommended"],
            notes=form.cleaned_data["notes"],
            override_reason=form.cleaned_data["override_reason"],
        )


class StepRecordAddView(generic.ScopedMixin, View):
    """Record step ``number`` on a file; rule refusals are shown with their ids and dates."""

    model = DevelopmentFile
    action = "change"
    template_name = "development/record_step.html"

    def setup_objects(self):
        file = self.get_object()
        step = get_object_or_404(StepDefinition, rule_set=file.rule_set, number=self.kwargs["number"])
        return file, step

    def form(self, file, step, data=None, files=None):
        return StepRecordForm(
            data,
            files,
            user=self.request.user,
            file=file,
            step=step,
            can_override=services.is_org_admin(self.request.user),
            initial={"on": timezone.localdate()},
        )

    def get(self, request, pk, number):
        file, step = self.setup_objects()
        return self.render(file, step, self.form(file, step))

    def post(self, request, pk, number):
        file, step = self.setup_objects()
        form = self.form(file, step, request.POST, request.FILES)
        if form.is_valid():
            c = form.cleaned_data
            try:
                services.record_step(
                    file,
                    step.number,
                    request.user,
                    on=c["on"],
                    people=c.get("people") or [],
                    data=form.step_data(),
                    approving_org=c.get("approving_org"),
                    notes=c["notes"],
                    document_no=c["document_no"],
                    attachment=c.get("attachment"),
                    vote=form.vote_counts(),
                    override_reason=c.get("override_reason", ""),
                )
            except ValidationError as exc:
                generic.add_form_errors(form, exc)
            else:
                messages.success(request, f"已记录：{step}")
                return redirect(file.get_absolute_url())
        return self.render(file, step, form, status=400)

    def render(self, file, step, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"object": file, "step": step, "form": form, "title": f"{file.person.name} · 第 {step}"},
            status=status,
        )


class StepRecordView(generic.ObjectView):
    model = StepRecord

    def get_object(self):
        return get_object_or_404(
            self.get_queryset().select_related("file__person", "step", "approving_org", "recorded_by"),
            pk=self.kwargs["pk"],
        )

    def get_extra_context(self, request, record):
        return {"vote": getattr(record, "vote", None), "people": list(record.people.all())}


# --- work lists ------------------------------------------------------------------
class WorkListIndexView(generic.ScopedMixin, View):
    """Counts of every work list for the user's scope (one query per list)."""

    model = DevelopmentFile

    def get(self, request):
        today = timezone.localdate()
        base = self.get_queryset()
        rows = [(w, work_list(w.key, base, today).count()) for w in WORK_LISTS]
        return render(request, "development/worklists.html", {"title": "发展党员工作清单", "rows": rows})


class WorkListView(generic.ObjectListView):
    model = DevelopmentFile
    filterset_class = WorkListFilterSet
    actions = ("export",)
    template_name = "development/worklist.html"

    def dispatch(self, request, *args, **kwargs):
        self.spec = BY_KEY.get(kwargs["kind"])
        if self.spec is None:
            raise Http404("没有这个工作清单。")
        self.title = self.export_title = self.spec.label
        self.table_class = lambda: work_list_table(self.spec.key, self.spec.due_label)
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self):
        try:
            days = int(self.request.GET.get("days", DEFAULT_PENDING_DAYS))
        except ValueError:
            days = DEFAULT_PENDING_DAYS
        qs = work_list(self.spec.key, self.get_queryset(), timezone.localdate(), pending_days=days)
        return qs.select_related("person", "organization").order_by(
            "organization__path", "person__name", "pk"
        )

    def extra_context(self, request):
        return {"spec": self.spec, "lists": WORK_LISTS}


# --- 思想汇报 ------------------------------------------------------------------------
class ThoughtReportListView(generic.ObjectListView):
    model = ThoughtReport
    filterset_class = ThoughtReportFilterSet
    table_class = ThoughtReportTable
    title = "思想汇报"
    actions = ("add", "export")

    def base_queryset(self):
        return self.get_queryset().select_related("file__person", "file__organization")

    def extra_context(self, request):
        return {"add_url": reverse("development:thoughtreport_add")}


class ThoughtReportView(generic.ObjectView):
    model = ThoughtReport

    def get_extra_context(self, request, report):
        return {"form": CommentForm(user=request.user)}


class ThoughtReportEditView(generic.ObjectEditView):
    """Members hand in their own reports, so adding needs only the view right; the service checks who."""

    model = ThoughtReport
    form_class = ThoughtReportForm

    def dispatch(self, request, *args, **kwargs):
        self.action = "view"
        return generic.ScopedMixin.dispatch(self, request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, "view")

    def save(self, form):
        return services.submit_thought_report(form.instance, self.request.user)


class ThoughtReportCommentView(generic.ScopedMixin, View):
    model = ThoughtReport

    def post(self, request, pk):
        report = self.get_object()
        form = CommentForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.comment_thought_report(report, request.user, form.cleaned_data["comment"])
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, "已批阅。")
        return redirect(report.get_absolute_url())


# --- 公示 -----------------------------------------------------------------------------
class PublicityListView(generic.ObjectListView):
    model = Publicity
    filterset_class = PublicityFilterSet
    table_class = PublicityTable
    title = "公示"
    actions = ("add", "export")

    def base_queryset(self):
        return self.get_queryset().select_related("file__person", "file__organization")


class PublicityView(generic.ObjectView):
    model = Publicity

    def get_extra_context(self, request, publicity):
        return {
            "can_change": Publicity.objects.restrict(request.user, "change").filter(pk=publicity.pk).exists()
        }


class PublicityEditView(generic.ObjectEditView):
    model = Publicity
    form_class = PublicityForm

    def get_form(self, obj, data=None, files=None):
        form = super().get_form(obj, data, files)
        form.fields["file"].queryset = form.fields["file"].queryset.select_related("person")
        return form

    def save(self, form):
        with transaction.atomic():
            return services.save_publicity(form.instance, self.request.user)


class PublicityDeleteView(generic.ObjectDeleteView):
    model = Publicity


class PublicityDocxView(generic.ScopedMixin, View):
    """The publicity notice (.docx) from the editable template."""

    model = Publicity

    def get(self, request, pk):
        from development.papers import publicity_docx

        return publicity_docx(self.get_object())


# --- papers -----------------------------------------------------------------------------
class PaperView(generic.ScopedMixin, View):
    model = DevelopmentFile

    def get(self, request, pk, kind):
        from development.papers import file_paper

        if kind not in PAPERS:
            raise Http404("没有这种表格。")
        return file_paper(self.get_object(), kind)


# --- 节假日 ----------------------------------------------------------------------------
class CalendarDayListView(generic.ObjectListView):
    model = CalendarDay
    filterset_class = CalendarDayFilterSet
    table_class = CalendarDayTable
    title = "节假日与调休（公示工作日计算）"
    actions = ("add", "export")

    def base_queryset(self):
        return self.get_queryset().select_related("organization")


class CalendarDayView(generic.ObjectView):
    model = CalendarDay


class CalendarDayEditView(generic.ObjectEditView):
    model = CalendarDay
    form_class = CalendarDayForm

    def save(self, form):
        from core.services import save_object

        return save_object(form.instance, self.request.user)


class CalendarDayDeleteView(generic.ObjectDeleteView):
    model = CalendarDay


class DocTemplateView(generic.ScopedMixin, View):
    """组织部 staff download a Word template, edit it (keeping the {{ … }} tags) and upload it back."""

    model = DevelopmentFile
    action = "change"

    def check_admin(self):
        if not services.is_org_admin(self.request.user):
            raise PermissionDenied("只有组织部管理员可以修改表格模板。")

    def get(self, request):
        self.check_admin()
        name = request.GET.get("download")
        if name in TEMPLATE_NAMES:
            from development.papers import DOCX_TYPE, template_path

            return file_response(
                template_path(name).read_bytes(), f"{TEMPLATE_NAMES[name]}模板.docx", DOCX_TYPE
            )
        return self.render()

    def post(self, request):
        from docxtpl import DocxTemplate

        from development.papers import edited_template_path

        self.check_admin()
        name, upload = request.POST.get("name"), request.FILES.get("file")
        if name not in TEMPLATE_NAMES or upload is None or not upload.name.lower().endswith(".docx"):
            messages.error(request, "请选择表格并上传 .docx 文件。")
            return self.render(status=400)
        try:
            DocxTemplate(upload).get_undeclared_template_variables()
        except Exception as exc:  # noqa: BLE001 — any parse error means the file is not a usable template
            messages.error(request, f"无法读取该模板：{exc.__class__.__name__}")
            return self.render(status=400)
        path = edited_template_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        upload.seek(0)
        path.write_bytes(upload.read())
        messages.success(request, f"已更新模板：{TEMPLATE_NAMES[name]}")
        return redirect(request.path)

    def render(self, status=200):
        from development.papers import edited_template_path

        rows = [(key, label, edited_template_path(key).exists()) for key, label in TEMPLATE_NAMES.items()]
        return render(
            self.request, "development/doc_templates.html", {"title": "表格模板", "rows": rows}, status=status
        )
