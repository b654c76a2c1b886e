"""Dues pages: every one goes through the generic views / ScopedMixin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from core import views as generic
from dues import forms, months, reports, services
from dues import scoping as dues_scope
from dues.choices import ApprovalStatus, CaseStatus, HandoverStatus
from dues.filtersets import (
    DuesAnnualNoticeFilterSet,
    DuesBaseFilterSet,
    DuesHandoverFilterSet,
    DuesPaymentFilterSet,
    DuesReductionFilterSet,
    LapseCaseFilterSet,
)
from dues.importers import DuesBaseImporter
from dues.models import DuesAnnualNotice, DuesBase, DuesHandover, DuesPayment, DuesReduction, LapseCase
from dues.tables import (
    DuesAnnualNoticeTable,
    DuesBaseTable,
    DuesHandoverTable,
    DuesPaymentTable,
    DuesReductionTable,
    LapseCaseTable,
)
from orgs.models import Organization


class DetailView(generic.ObjectView):
    """One record as a list of labelled fields, with the actions the user may take."""

    template_name = "dues/detail.html"
    select = ("organization",)

    def get_object(self):
        return get_object_or_404(self.get_queryset().select_related(*self.select), pk=self.kwargs["pk"])

    def fields(self, obj):
        return []

    def actions(self, obj):
        return []

    def get_extra_context(self, request, obj):
        return {"fields": self.fields(obj), "actions": self.actions(obj)}

    def can_change(self, obj):
        return type(obj).objects.restrict(self.request.user, "change").filter(pk=obj.pk).exists()


class ActionView(generic.ScopedMixin, View):
    """A form that calls one service on one object (approve, confirm, close…)."""

    action = "change"
    form_class = None
    label = ""

    def form(self, data=None):
        return self.form_class(data, user=self.request.user)

    def page(self, obj, form, status=200):
        context = {"object": obj, "form": form, "title": f"{self.label}：{obj}", "label": self.label}
        return render(self.request, "dues/action.html", context, status=status)

    def get(self, request, pk):
        return self.page(self.get_object(), self.form())

    def post(self, request, pk):
        obj = self.get_object()
        form = self.form(request.POST)
        if form.is_valid():
            try:
                result = self.perform(obj, form.cleaned_data)
            except ValidationError as exc:
                generic.add_form_errors(form, exc)
            else:
                messages.success(request, f"{self.label}完成。")
                return redirect(result.get_absolute_url())
        return self.page(obj, form, status=400)


# --- yearly bases ------------------------------------------------------------------
class DuesBaseListView(generic.ObjectListView):
    model = DuesBase
    filterset_class = DuesBaseFilterSet
    table_class = DuesBaseTable
    title = "党费基数"
    import_url_name = "dues:duesbase_import"

    def base_queryset(self):
        return self.get_queryset().select_related("person", "organization")


class DuesBaseView(DetailView):
    model = DuesBase
    select = ("organization", "person")

    def fields(self, obj):
        calc = services.calculation(obj)
        return [
            ("党员", obj.person),
            ("所在党组织", obj.organization),
            ("年度", obj.year),
            ("交纳类别", obj.get_kind_display()),
            ("计算基数（元/月）", obj.base if obj.base is not None else "—"),
            ("档次", obj.bracket),
            ("比例", f"{calc.rate_percent}%" if calc.rate is not None else "—"),
            ("每月应交（元）", obj.monthly_amount),
            ("计算说明", calc.explanation),
            ("备注", obj.note or "—"),
        ]

    def actions(self, obj):
        if not self.can_change(obj):
            return []
        return [
            ("编辑", f"{obj.get_absolute_url()}edit/", "get"),
            ("党费台账", reports.statement_url(obj.person), "get"),
        ]


class DuesBaseEditView(generic.ObjectEditView):
    model = DuesBase
    form_class = forms.DuesBaseForm

    def save(self, form):
        return services.save_base(form.instance, self.request.user)


class DuesBaseDeleteView(generic.ObjectDeleteView):
    model = DuesBase


class DuesBaseChangelogView(generic.ObjectChangelogView):
    model = DuesBase


class DuesBaseImportView(generic.ImportView):
    model = DuesBase
    importer_class = DuesBaseImporter
    success_url_name = "dues:duesbase_list"


# --- payments ------------------------------------------------------------------------
class DuesPaymentListView(generic.ObjectListView):
    model = DuesPayment
    filterset_class = DuesPaymentFilterSet
    table_class = DuesPaymentTable
    title = "党费缴纳记录"

    def base_queryset(self):
        return self.get_queryset().select_related("person", "organization")


class DuesPaymentView(DetailView):
    model = DuesPayment
    select = ("organization", "person")

    def fields(self, obj):
        return [
            ("党员", obj.person),
            ("所在党组织", obj.organization),
            ("所交月份", obj.months_label),
            ("缴纳日期", obj.paid_on),
            ("应交（元）", obj.due_amount),
            ("实缴（元）", obj.amount),
            ("自愿多交（元）", obj.extra_amount),
            ("缴纳方式", obj.get_method_display()),
            ("交易流水号", obj.reference or "—"),
            ("代缴人", obj.paid_by or "—"),
            ("补交月数 / 预交月数", f"{obj.overdue_months} / {obj.advance_months}"),
            ("补交原因", obj.back_reason or "—"),
            ("备注", obj.note or "—"),
        ]

    def actions(self, obj):
        out = [("党费台账", reports.statement_url(obj.person), "get")]
        if DuesPayment.objects.restrict(self.request.user, "delete").filter(pk=obj.pk).exists():
            out.append(("撤销此记录", f"{obj.get_absolute_url()}delete/", "get"))
        return out


class DuesPaymentEditView(generic.ObjectEditView):
    model = DuesPayment
    form_class = forms.DuesPaymentForm

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:  # payments are corrected by cancelling and re-entering, never edited
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("paid_on", timezone.localdate())
        person = initial.get("person")
        if (
            person
            and str(person).isdigit()
            and dues_scope.members(self.request.user, "add").filter(pk=person).exists()
        ):
            state = services.DuesState.load([int(person)])
            nxt = state.next_month(int(person))
            if nxt:
                initial.setdefault("from_month", nxt)
                initial.setdefault("to_month", max(nxt, months.month_of(timezone.localdate())))
        return initial

    def save(self, form):
        return services.record_payment(form.instance, self.request.user)


class DuesPaymentDeleteView(generic.ObjectDeleteView):
    model = DuesPayment

    def delete(self, obj):
        services.cancel_payment(obj, self.request.user)


class DuesPaymentChangelogView(generic.ObjectChangelogView):
    model = DuesPayment


# --- reductions ------------------------------------------------------------------------------
class DuesReductionListView(generic.ObjectListView):
    model = DuesReduction
    filterset_class = DuesReductionFilterSet
    table_class = DuesReductionTable
    title = "党费减免"

    def base_queryset(self):
        return self.get_queryset().select_related("person", "organization")


class DuesReductionView(DetailView):
    model = DuesReduction
    select = ("organization", "person", "approved_by")

    def fields(self, obj):
        return [
            ("党员", obj.person),
            ("所在党组织", obj.organization),
            ("类型", obj.get_kind_display()),
            ("期间", f"{months.label(obj.from_month)}至{months.label(obj.to_month)}"),
            ("减交后每月（元）", obj.monthly_amount),
            ("原因", obj.reason),
            ("支部研究决定日期", obj.decided_on),
            ("审批状态", obj.get_status_display()),
            ("审批", f"{obj.approved_by or ''} {obj.approved_on or ''} {obj.approval_note}".strip() or "—"),
        ]

    def actions(self, obj):
        if obj.status != ApprovalStatus.PENDING or not self.can_change(obj):
            return []
        out = [("编辑", f"{obj.get_absolute_url()}edit/", "get")]
        higher = services.higher_org(obj.organization)
        if higher and services.covers_org(self.request.user, higher):
            out.append(("上级审批", f"{obj.get_absolute_url()}decide/", "get"))
        return out


class DuesReductionEditView(generic.ObjectEditView):
    model = DuesReduction
    form_class = forms.DuesReductionForm

    def save(self, form):
        return services.submit_reduction(form.instance, self.request.user)


class DuesReductionDecideView(ActionView):
    model = DuesReduction
    form_class = forms.DecisionForm
    label = "审批减免"

    def perform(self, obj, data):
        return services.decide_reduction(obj, self.request.user, approve=data["approve"], note=data["note"])


class DuesReductionChangelogView(generic.ObjectChangelogView):
    model = DuesReduction


# --- arrears and lapse cases -----------------------------------------------------------------
class ArrearsView(generic.ScopedMixin, View):
    """Members with consecutive unpaid months: warning at 3, a case for the branch at 6 (DUES-LAPSE)."""

    model = DuesHandover

    def get(self, request):
        on = reports.date_param(request, "on") or timezone.localdate()
        rows = services.arrears(dues_scope.members(request.user, "change"), on)
        if request.GET.get("export") == "xlsx":
            return reports.arrears_xlsx(rows, on)
        return render(
            request,
            "dues/arrears.html",
            {"title": "欠缴党费", "rows": rows, "on": on, "can_open": self.can("add", LapseCase)},
        )


class LapseCaseOpenView(generic.ScopedMixin, View):
    model = LapseCase
    action = "add"

    def post(self, request, person_pk):
        person = get_object_or_404(dues_scope.members(request.user, "change"), pk=person_pk)
        try:
            case = services.open_lapse_case(person, request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect("dues:arrears")
        messages.success(request, f"已立案：{case}")
        return redirect(case.get_absolute_url())


class LapseCaseListView(generic.ObjectListView):
    model = LapseCase
    filterset_class = LapseCaseFilterSet
    table_class = LapseCaseTable
    title = "欠缴党费处理"
    actions = ("export",)

    def base_queryset(self):
        return self.get_queryset().select_related("person", "organization")


class LapseCaseView(DetailView):
    model = LapseCase
    select = ("organization", "person")

    def fields(self, obj):
        return [
            ("党员", obj.person),
            ("所在党组织", obj.organization),
            ("未交起始月份", months.label(obj.unpaid_from)),
            ("立案时连续未交月数", obj.unpaid_months),
            ("立案日期", obj.opened_on),
            ("状态", obj.get_status_display()),
            ("处理结果", obj.get_outcome_display() or "—"),
            ("办结日期", obj.closed_on or "—"),
            ("处理情况", obj.note or "—"),
            ("说明", "按规定须由支部研究、个人决定处理；系统不会自动变更党员身份（DUES-LAPSE）。"),
        ]

    def actions(self, obj):
        out = [("党费台账", reports.statement_url(obj.person), "get")]
        if obj.status == CaseStatus.OPEN and self.can_change(obj):
            out.append(("办结", f"{obj.get_absolute_url()}close/", "get"))
        return out


class LapseCaseCloseView(ActionView):
    model = LapseCase
    form_class = forms.CloseCaseForm
    label = "办结欠缴记录"

    def perform(self, obj, data):
        return services.close_lapse_case(obj, self.request.user, outcome=data["outcome"], note=data["note"])


class LapseCaseChangelogView(generic.ObjectChangelogView):
    model = LapseCase


# --- hand-over -----------------------------------------------------------------------------
class DuesHandoverListView(generic.ObjectListView):
    model = DuesHandover
    filterset_class = DuesHandoverFilterSet
    table_class = DuesHandoverTable
    title = "党费上缴"

    def base_queryset(self):
        return self.get_queryset().select_related("organization")


class DuesHandoverView(DetailView):
    model = DuesHandover
    select = ("organization", "confirmed_by")

    def fields(self, obj):
        return [
            ("党组织", obj.organization),
            ("月份", months.label(obj.month)),
            ("台账收缴合计（元）", obj.ledger_amount),
            ("下级已确认上缴（元）", obj.children_amount if obj.children_amount is not None else "—"),
            ("本次上缴（元）", obj.declared_amount),
            ("与台账差额（元）", obj.ledger_difference),
            ("与下级差额（元）", obj.children_difference if obj.children_difference is not None else "—"),
            ("上级实收（元）", obj.received_amount if obj.received_amount is not None else "—"),
            ("实收差额（元）", obj.received_difference if obj.received_difference is not None else "—"),
            ("状态", obj.get_status_display()),
            ("上缴 / 确认日期", f"{obj.submitted_on} / {obj.confirmed_on or '—'}"),
            ("说明", obj.note or "—"),
        ]

    def actions(self, obj):
        out = []
        if obj.status == HandoverStatus.RETURNED and self.can_change(obj):
            out.append(("修改后重新上缴", f"{obj.get_absolute_url()}edit/", "get"))
        if obj.status == HandoverStatus.SUBMITTED and services.covers_org(
            self.request.user, Organization.objects.get_parent(obj.organization)
        ):
            out += [
                ("确认收到", f"{obj.get_absolute_url()}confirm/", "get"),
                ("退回", f"{obj.get_absolute_url()}return/", "get"),
            ]
        return out


class DuesHandoverEditView(generic.ObjectEditView):
    model = DuesHandover
    form_class = forms.DuesHandoverForm

    def save(self, form):
        return services.submit_handover(form.instance, self.request.user)


class DuesHandoverConfirmView(ActionView):
    model = DuesHandover
    form_class = forms.ConfirmHandoverForm
    label = "确认收到上缴党费"

    def perform(self, obj, data):
        return services.confirm_handover(obj, self.request.user, received_amount=data["received_amount"])


class DuesHandoverReturnView(ActionView):
    model = DuesHandover
    form_class = forms.ReturnHandoverForm
    label = "退回上缴记录"

    def perform(self, obj, data):
        return services.return_handover(obj, self.request.user, note=data["note"])


class DuesHandoverChangelogView(generic.ObjectChangelogView):
    model = DuesHandover


# --- yearly notice (公开) --------------------------------------------------------------------
class DuesAnnualNoticeListView(generic.ObjectListView):
    model = DuesAnnualNotice
    filterset_class = DuesAnnualNoticeFilterSet
    table_class = DuesAnnualNoticeTable
    title = "党费收缴公开"

    def base_queryset(self):
        return self.get_queryset().select_related("organization")


class DuesAnnualNoticeView(DetailView):
    model = DuesAnnualNotice

    def fields(self, obj):
        return [
            ("党组织", obj.organization),
            ("年度", obj.year),
            ("应交人数", obj.member_count),
            ("应交合计（元）", obj.due_total),
            ("实收合计（元）", obj.paid_total),
            ("其中自愿多交（元）", obj.extra_total),
            ("公开日期", obj.published_on),
            ("说明", obj.note or "—"),
        ]


class DuesAnnualNoticeEditView(generic.ObjectEditView):
    model = DuesAnnualNotice
    form_class = forms.DuesAnnualNoticeForm

    def save(self, form):
        data = form.cleaned_data
        return services.publish_year(data["organization"], data["year"], self.request.user, note=data["note"])


class DuesAnnualNoticeChangelogView(generic.ObjectChangelogView):
    model = DuesAnnualNotice


# --- ledger, statement, summary ---------------------------------------------------------------
class LedgerView(generic.ScopedMixin, View):
    """A branch's (or any org's) monthly ledger for one year; .xlsx export."""

    model = DuesHandover

    def get(self, request):
        orgs = dues_scope.organizations(request.user).filter(org_type__in=reports.LEDGER_ORG_TYPES)
        org_id = request.GET.get("org")
        org = (orgs.filter(pk=org_id).first() if org_id and org_id.isdigit() else None) or orgs.first()
        if org is None:
            raise Http404("没有可查看的党组织台账。")
        year = reports.int_param(request, "year", timezone.localdate().year)
        rows = services.year_ledger(services.party_members(org), year)
        if request.GET.get("export") == "xlsx":
            return reports.ledger_xlsx(org, year, rows)
        return render(
            request,
            "dues/ledger.html",
            {
                "title": f"党费台账：{org} {year} 年",
                "org": org,
                "orgs": orgs,
                "year": year,
                "rows": rows,
                "month_heads": [f"{m}月" for m in range(1, 13)],
                "totals": reports.ledger_totals(rows),
            },
        )


class StatementView(generic.ScopedMixin, View):
    """One member's dues statement: bases and how they were computed, payments, reductions, arrears."""

    model = DuesPayment

    def get(self, request, person_pk):
        person = get_object_or_404(
            dues_scope.people(request.user).select_related("organization"), pk=person_pk
        )
        data = reports.statement(person)
        if request.GET.get("export") == "xlsx":
            return reports.statement_xlsx(person, data)
        can_record = dues_scope.members(request.user, "add").filter(pk=person.pk).exists()
        return render(
            request, "dues/statement.html", {"title": f"党费台账：{person}", "can_record": can_record, **data}
        )


class MyDuesView(View):
    def get(self, request):
        if not request.user.is_authenticated or not request.user.person_id:
            raise Http404("您的账号未关联人员。")
        return redirect("dues:statement", request.user.person_id)


class SummaryView(generic.ScopedMixin, View):
    """The year's totals by organization, with collection-rate charts by month and by general branch."""

    model = DuesHandover

    def get(self, request):
        year = reports.int_param(request, "year", timezone.localdate().year)
        orgs = list(dues_scope.organizations(request.user).filter(org_type__in=reports.SUMMARY_ORG_TYPES))
        people = dues_scope.members(request.user).select_related("organization")
        summary = reports.summary(orgs, people, year)
        if request.GET.get("export") == "xlsx":
            return reports.summary_xlsx(year, summary)
        return render(
            request, "dues/summary.html", {"title": f"{year} 年党费收缴汇总", "year": year, **summary}
        )
