import datetime as dt
from collections import Counter
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from core import views as generic
from core.models import Event
from members.choices import PARTY_MEMBER_STATUSES
from members.models import Person
from transfers import forms, letters, rules, services, signals
from transfers.choices import (
    CaseState,
    ContactPurpose,
    DecisionStatus,
    MobileDirection,
    MobileStatus,
    TransferKind,
    TransferStatus,
)
from transfers.filtersets import (
    GraduateRetentionFilterSet,
    LostContactCaseFilterSet,
    MobileMemberFilterSet,
    StandingDecisionFilterSet,
    TransferFilterSet,
)
from transfers.models import (
    GraduateRetention,
    LostContactCase,
    MobileMember,
    MobileReport,
    StandingDecision,
    Transfer,
)
from transfers.tables import (
    GraduateRetentionTable,
    LostContactCaseTable,
    MobileMemberTable,
    StandingDecisionTable,
    TransferTable,
)


def today():
    return timezone.localdate()


class ActionView(generic.ScopedMixin, View):
    """A form that calls one service: on an object (``pk`` in the URL) or creating something new."""

    action = "change"
    form_class = None
    label = ""
    template_name = "transfers/action.html"

    def get_object(self):
        return super().get_object() if "pk" in self.kwargs else None

    def initial(self, obj):
        return {"on": today()}

    def form_kwargs(self, obj):
        return {}

    def form(self, obj, data=None):
        return self.form_class(
            data, user=self.request.user, initial=self.initial(obj), **self.form_kwargs(obj)
        )

    def render(self, obj, form, status=200):
        title = f"{self.label}：{obj}" if obj else self.label
        back = obj.get_absolute_url() if obj else reverse(self.model.url_name("_list"))
        context = {"object": obj, "form": form, "title": title, "label": self.label, "back": back}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.render(obj, self.form(obj))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.form(obj, request.POST)
        if form.is_valid():
            try:
                result = self.perform(obj, form.cleaned_data)
            except ValidationError as exc:
                generic.add_form_errors(form, exc)
            else:
                messages.success(request, f"{self.label}完成。")
                return redirect(result if isinstance(result, str) else result.get_absolute_url())
        return self.render(obj, form, status=400)

    def perform(self, obj, data):
        raise NotImplementedError


class DetailView(generic.ObjectView):
    """Detail pages share one template: a field list, actions and related sections."""

    template_name = "transfers/detail.html"
    related = ()

    def get_object(self):
        return get_object_or_404(self.get_queryset().select_related(*self.related), pk=self.kwargs["pk"])

    def can_change(self, obj):
        return type(obj).objects.restrict(self.request.user, "change").filter(pk=obj.pk).exists()

    def get_extra_context(self, request, obj):
        context = self.extra(request, obj)
        person = context.get("person")
        # the timeline is scoped like the member record; link to it only for those who may open it
        context["show_timeline"] = bool(
            person and Person.objects.restrict(request.user, "change").filter(pk=person.pk).exists()
        )
        return context


def _fields(obj, names):
    out = []
    for name in names:
        field = obj._meta.get_field(name)
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if display else getattr(obj, name)
        if isinstance(value, bool):
            value = "是" if value else "否"
        out.append((field.verbose_name, value if value not in (None, "") else "—"))
    return out


# --- transfers --------------------------------------------------------------------------
class TransferListView(generic.ObjectListView):
    model = Transfer
    filterset_class = TransferFilterSet
    table_class = TransferTable
    title = "组织关系转接"
    template_name = "transfers/transfer_list.html"

    def base_queryset(self):
        return self.get_queryset().select_related("person", "organization", "target_org")

    def extra_context(self, request):
        return {"can_add": self.can("add")}


class TransferView(DetailView):
    model = Transfer
    related = ("person", "organization", "target_org")

    def extra(self, request, obj):
        fields = [("党员", obj.person), ("转出/责任党组织", obj.organization)]
        if obj.target_org_id:
            fields.append(("转入党组织", obj.target_org))
        fields += _fields(
            obj,
            [
                "kind",
                "status",
                "letter_no",
                "external_org",
                "external_address",
                "issued_on",
                "valid_days",
                "valid_until",
                "received_on",
                "receipt_note",
                "reason",
                "batch",
            ],
        )
        fields.append(("党费交至", obj.dues_paid_to.strftime("%Y年%m月") if obj.dues_paid_to else "—"))
        actions = []
        if self.can_change(obj) and obj.status == TransferStatus.ISSUED:
            actions = [
                ("登记回执", reverse("transfers:transfer_receipt", args=[obj.pk]), "btn-primary"),
                ("撤销", reverse("transfers:transfer_cancel", args=[obj.pk]), ""),
            ]
        if self.can_change(obj):
            actions.append(("打印介绍信（.docx）", reverse("transfers:transfer_letter", args=[obj.pk]), ""))
        alert = ""
        if obj.is_overdue(today()):
            alert = f"介绍信已于 {obj.valid_until} 过期仍未收到回执（REL-LETTER），请联系接收方或党员本人。"
        return {"fields": fields, "actions": actions, "alert": alert, "person": obj.person}


class TransferChangelogView(generic.ObjectChangelogView):
    model = Transfer


class TransferOutView(generic.ObjectEditView):
    """转出：开具介绍信 (the ``transfer_add`` page)."""

    model = Transfer
    form_class = forms.TransferOutForm

    def save(self, form):
        return services.issue_transfer_out(form.instance, self.request.user)

    def render(self, obj, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"object": obj, "form": form, "title": "转出：开具介绍信"},
            status=status,
        )


class TransferWithinView(ActionView):
    model = Transfer
    action = "add"
    form_class = forms.TransferWithinForm
    label = "校内转接"

    def perform(self, obj, data):
        return services.transfer_within(
            data["person"], data["target_org"], self.request.user, on=data["on"], reason=data["reason"]
        )


class TransferInView(ActionView):
    model = Transfer
    action = "add"
    form_class = forms.TransferInForm
    label = "转入：接收介绍信"

    def perform(self, obj, data):
        person = Person(
            name=data["name"],
            gender=data["gender"],
            staff_no=data["staff_no"] or None,
            category=data["category"],
            phone=data["phone"],
            political_status=data["political_status"],
            joined_on=data["joined_on"],
            full_member_on=data["full_member_on"],
        )
        return services.receive_in(
            person,
            data["organization"],
            self.request.user,
            letter_no=data["letter_no"],
            external_org=data["external_org"],
            external_address=data["external_address"],
            issued_on=data["issued_on"],
            on=data["on"],
            dues_paid_to=data["dues_paid_to"],
            reason=data["reason"],
        )


class GraduationBatchView(ActionView):
    model = Transfer
    action = "add"
    form_class = forms.GraduationBatchForm
    label = "毕业生批量转出"

    def initial(self, obj):
        return {"issued_on": today(), "valid_days": rules.LETTER_DEFAULT_DAYS}

    def perform(self, obj, data):
        letter = {
            k: data[k]
            for k in ("external_org", "external_address", "issued_on", "valid_days", "dues_paid_to")
        }
        issued = services.issue_batch(data["people"], self.request.user, batch=data["batch"], **letter)
        messages.info(self.request, f"已为 {len(issued)} 名党员开具介绍信（批次：{data['batch']}）。")
        return reverse("transfers:transfer_list") + "?" + urlencode({"q": data["batch"]})


class TransferReceiptView(ActionView):
    model = Transfer
    form_class = forms.ReceiptForm
    label = "登记回执"

    def perform(self, obj, data):
        return services.record_receipt(obj, self.request.user, on=data["on"], note=data["note"])


class TransferCancelView(ActionView):
    model = Transfer
    form_class = forms.CancelForm
    label = "撤销介绍信"

    def perform(self, obj, data):
        return services.cancel_transfer(obj, self.request.user, reason=data["reason"])


class TransferLetterView(generic.ScopedMixin, View):
    """The letter as .docx (for a transfer in: the record of the letter received)."""

    model = Transfer
    action = "change"

    def get(self, request, pk):
        transfer = get_object_or_404(
            self.get_queryset().select_related("person", "organization", "target_org"), pk=pk
        )
        return letters.letter_response(transfer)


# --- graduates kept at school (REL-GRAD) ----------------------------------------------------
class GraduateRetentionListView(generic.ObjectListView):
    model = GraduateRetention
    filterset_class = GraduateRetentionFilterSet
    table_class = GraduateRetentionTable
    title = "毕业生党员组织关系保留"

    def base_queryset(self):
        return self.get_queryset().select_related("person", "organization")


class GraduateRetentionView(DetailView):
    model = GraduateRetention
    related = ("person", "organization")

    def extra(self, request, obj):
        fields = [("毕业生党员", obj.person), ("党组织", obj.organization)] + _fields(
            obj,
            [
                "graduated_on",
                "until",
                "contact_name",
                "contact_phone",
                "whereabouts",
                "abroad",
                "last_contact_on",
                "status",
                "note",
            ],
        )
        alerts = []
        if obj.until - dt.timedelta(days=rules.GRAD_REMIND_DAYS) <= today():
            alerts.append(f"组织关系最长保留至 {obj.until}（REL-GRAD），请督促转出。")
        if obj.abroad and obj.next_contact_due <= today():
            alerts.append(f"出国（境）学生应每半年联系一次，应于 {obj.next_contact_due} 前联系（REL-GRAD）。")
        actions = []
        if self.can_change(obj):
            actions = [
                ("编辑", reverse("transfers:graduateretention_edit", args=[obj.pk]), ""),
                ("记录联系", reverse("transfers:graduateretention_contact", args=[obj.pk]), "btn-primary"),
            ]
        contacts = [
            [c.on, c.get_method_display(), c.by_whom, "取得联系" if c.reached else "未联系上", c.result]
            for c in obj.contacts.all()
        ]
        return {
            "fields": fields,
            "actions": actions,
            "alert": " ".join(alerts),
            "person": obj.person,
            "sections": [
                {"title": "联系记录", "header": ["日期", "方式", "联系人", "结果", "说明"], "rows": contacts}
            ],
        }


class GraduateRetentionEditView(generic.ObjectEditView):
    model = GraduateRetention
    form_class = forms.GraduateRetentionForm

    def save(self, form):
        return services.save_retention(form.instance, self.request.user)


class GraduateRetentionChangelogView(generic.ObjectChangelogView):
    model = GraduateRetention


class ContactView(ActionView):
    """记录联系 on a retention or 记录查找 on a lost-contact case."""

    form_class = forms.ContactForm
    label = "记录联系"
    purpose = ContactPurpose.RETENTION

    def perform(self, obj, data):
        is_case = isinstance(obj, LostContactCase)
        purpose = (
            ContactPurpose.SEARCH if is_case else (ContactPurpose.ABROAD if obj.abroad else self.purpose)
        )
        services.add_contact(
            obj.person,
            self.request.user,
            purpose=purpose,
            case=obj if is_case else None,
            retention=None if is_case else obj,
            **data,
        )
        return obj


class GraduateRetentionContactView(ContactView):
    model = GraduateRetention


# --- 流动党员 (REL-MOBILE) -------------------------------------------------------------
def with_report_year(queryset, year):
    return queryset.annotate(
        last_report_year=Max("reports__year"),
        reported_this_year=Exists(MobileReport.objects.filter(entry=OuterRef("pk"), year=year)),
    )


class MobileMemberListView(generic.ObjectListView):
    model = MobileMember
    filterset_class = MobileMemberFilterSet
    table_class = MobileMemberTable
    title = "流动党员管理台账"
    default_ordering = ("direction", "-left_on", "pk")

    def base_queryset(self):
        queryset = with_report_year(
            self.get_queryset().select_related("person", "organization"), today().year
        )
        if self.request.GET.get("review"):
            # REL-MOBILE review list: active entries with no report this year
            queryset = queryset.filter(status=MobileStatus.ACTIVE, reported_this_year=False)
        return queryset

    def extra_context(self, request):
        if request.GET.get("review"):
            return {"title": f"流动党员：{today().year} 年尚未报告"}
        return {}


class MobileMemberView(DetailView):
    model = MobileMember
    related = ("person", "organization")

    def extra(self, request, obj):
        fields = [("党支部", obj.organization)] + _fields(
            obj,
            [
                "direction",
                "name",
                "home_org_name",
                "location",
                "contact_phone",
                "certificate_no",
                "left_on",
                "expected_return",
                "dues_paid_locally",
                "status",
                "ended_on",
                "note",
            ],
        )
        if obj.direction == MobileDirection.INCOMING:
            fields.append(("表决权", "持活动证参加组织生活、交纳党费，不参加表决（REL-MOBILE）"))
        reports = list(obj.reports.all())
        alert = ""
        if obj.status == MobileStatus.ACTIVE and rules.mobile_report_missing(
            [r.year for r in reports], today()
        ):
            alert = f"{today().year} 年尚未报告（流动党员每年至少报告一次，REL-MOBILE）。"
        actions = []
        if self.can_change(obj) and obj.status == MobileStatus.ACTIVE:
            actions = [
                ("编辑", reverse("transfers:mobilemember_edit", args=[obj.pk]), ""),
                ("登记年度报告", reverse("transfers:mobilemember_report", args=[obj.pk]), "btn-primary"),
                ("结束流动", reverse("transfers:mobilemember_end", args=[obj.pk]), ""),
            ]
        rows = [[r.year, r.reported_on, r.content] for r in reports]
        return {
            "fields": fields,
            "actions": actions,
            "alert": alert,
            "person": obj.person,
            "sections": [{"title": "年度报告", "header": ["年度", "报告日期", "内容"], "rows": rows}],
        }


class MobileMemberEditView(generic.ObjectEditView):
    model = MobileMember
    form_class = forms.MobileMemberForm

    def save(self, form):
        entry = form.instance
        if entry.direction == MobileDirection.OUTGOING and entry.person_id:
            entry.organization = entry.person.organization
        return services.save_mobile(entry, self.request.user)


class MobileMemberChangelogView(generic.ObjectChangelogView):
    model = MobileMember


class MobileReportView(ActionView):
    model = MobileMember
    form_class = forms.MobileReportForm
    label = "登记年度报告"

    def initial(self, obj):
        return {"year": today().year, "reported_on": today()}

    def perform(self, obj, data):
        services.add_mobile_report(obj, self.request.user, **data)
        return obj


class MobileEndView(ActionView):
    model = MobileMember
    form_class = forms.EndMobileForm
    label = "结束流动"

    def perform(self, obj, data):
        return services.end_mobile(obj, self.request.user, **data)


# --- lost contact (REL-LOST) -----------------------------------------------------------
class LostContactCaseListView(generic.ObjectListView):
    model = LostContactCase
    filterset_class = LostContactCaseFilterSet
    table_class = LostContactCaseTable
    title = "失联党员查找"
    default_ordering = ("state", "last_contact_on", "pk")
    template_name = "transfers/case_list.html"

    def base_queryset(self):
        return (
            self.get_queryset()
            .select_related("person", "organization")
            .annotate(contact_count=Count("contacts"))
        )


class LostContactCaseView(DetailView):
    model = LostContactCase
    related = ("person", "organization")

    def extra(self, request, obj):
        fields = [("党员", obj.person), ("党组织", obj.organization)] + _fields(
            obj, ["state", "opened_on", "last_contact_on", "closed_on", "note"]
        )
        fields.append(("发现线索", "；".join(obj.signals) or "—"))
        alert = ""
        if obj.state == CaseState.SEARCHING:
            alert = f"最后联系 {obj.last_contact_on}；{obj.stop_allowed_from} 起仍无联系可提出停止党籍（REL-LOST）。"
        elif obj.state == CaseState.STOPPED:
            stopped = services.standing_stopped_on(obj.person)
            if stopped:
                alert = (
                    f"已于 {stopped} 停止党籍；{rules.quit_proposal_allowed_from(stopped)} 起仍无联系可提出"
                    "自行脱党（REL-LOST）；恢复联系后请提出恢复党籍。"
                )
        actions = []
        if self.can_change(obj) and obj.state in services.OPEN_CASE_STATES:
            actions = [
                ("记录查找", reverse("transfers:lostcontactcase_contact", args=[obj.pk]), "btn-primary"),
                (
                    "提出党籍事项",
                    reverse("transfers:standingdecision_add") + f"?person={obj.person_id}&case={obj.pk}",
                    "",
                ),
            ]
        contacts = [
            [c.on, c.get_method_display(), c.by_whom, "取得联系" if c.reached else "未联系上", c.result]
            for c in obj.contacts.all()
        ]
        decisions = [
            [
                d.get_kind_display(),
                d.get_status_display(),
                d.proposed_on,
                f"{d.approver} {d.approval_ref}".strip(),
            ]
            for d in obj.decisions.all()
        ]
        return {
            "fields": fields,
            "actions": actions,
            "alert": alert,
            "person": obj.person,
            "sections": [
                {"title": "查找记录", "header": ["日期", "方式", "查找人", "结果", "说明"], "rows": contacts},
                {"title": "党籍事项", "header": ["事项", "状态", "提出日期", "批准"], "rows": decisions},
            ],
        }


class LostContactCaseAddView(generic.ObjectEditView):
    model = LostContactCase
    form_class = forms.OpenCaseForm

    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("opened_on", today())
        return initial

    def save(self, form):
        data = form.cleaned_data
        reasons = [r for r in self.request.GET.getlist("signal") if r]
        return services.open_case(
            data["person"],
            self.request.user,
            on=data["opened_on"],
            last_contact_on=data["last_contact_on"],
            signals=reasons,
            note=data["note"],
        )


class LostContactCaseChangelogView(generic.ObjectChangelogView):
    model = LostContactCase


class LostContactCaseContactView(ContactView):
    model = LostContactCase
    label = "记录查找"


class CandidatesView(generic.ScopedMixin, View):
    """失联/口袋党员线索: computed from attendance, dues and unanswered letters; people decide what to do."""

    model = LostContactCase

    def get(self, request):
        on = today()
        people = (
            Person.objects.restrict(request.user, "view")
            .filter(political_status__in=PARTY_MEMBER_STATUSES)
            .select_related("organization")
            .annotate(
                open_case=Exists(
                    LostContactCase.objects.filter(person=OuterRef("pk"), state__in=services.OPEN_CASE_STATES)
                )
            )
        )
        rows = signals.candidates(people, on)
        return render(
            request,
            "transfers/candidates.html",
            {
                "title": "失联（口袋）党员线索",
                "rows": rows,
                "note": signals.sources_note(),
                "on": on,
                "can_add": self.can("add"),
            },
        )


# --- 党籍 decisions ---------------------------------------------------------------------
class StandingDecisionListView(generic.ObjectListView):
    model = StandingDecision
    filterset_class = StandingDecisionFilterSet
    table_class = StandingDecisionTable
    title = "党籍事项"

    def base_queryset(self):
        return self.get_queryset().select_related("person", "organization")


class StandingDecisionView(DetailView):
    model = StandingDecision
    related = ("person", "organization", "case", "proposed_by", "decided_by")

    def extra(self, request, obj):
        fields = [("党员", obj.person), ("党组织", obj.organization)] + _fields(
            obj,
            [
                "kind",
                "discipline_level",
                "probation_months",
                "status",
                "reason",
                "proposed_on",
                "proposed_by",
                "decided_on",
                "decided_by",
                "approver",
                "approval_ref",
                "effective_on",
                "probation_ends",
                "applied_to_member",
                "applied_note",
            ],
        )
        if obj.case_id:
            fields.append(("失联查找案", obj.case))
        actions, alert = [], ""
        if self.can_change(obj):
            if obj.status == DecisionStatus.PROPOSED:
                actions = [
                    ("记录批准", reverse("transfers:standingdecision_approve", args=[obj.pk]), "btn-primary"),
                    ("不予批准", reverse("transfers:standingdecision_reject", args=[obj.pk]), ""),
                ]
            elif obj.status == DecisionStatus.APPROVED and not obj.applied_to_member:
                actions = [("同步党员状态", reverse("transfers:standingdecision_apply", args=[obj.pk]), "")]
        if obj.status == DecisionStatus.APPROVED and not obj.applied_to_member:
            alert = "已批准，但党员档案服务尚未接入，党员状态尚未同步。"
        return {"fields": fields, "actions": actions, "alert": alert, "person": obj.person}


class StandingDecisionAddView(generic.ObjectEditView):
    """提出党籍事项 (the ``standingdecision_add`` page)."""

    model = StandingDecision
    form_class = forms.DecisionForm

    def save(self, form):
        return services.propose_decision(form.instance, self.request.user, on=today())


class StandingDecisionChangelogView(generic.ObjectChangelogView):
    model = StandingDecision


class StandingDecisionApproveView(ActionView):
    model = StandingDecision
    form_class = forms.ApproveForm
    label = "记录批准"

    def perform(self, obj, data):
        return services.approve_decision(obj, self.request.user, **data)


class StandingDecisionRejectView(ActionView):
    model = StandingDecision
    form_class = forms.RejectForm
    label = "不予批准"

    def perform(self, obj, data):
        return services.reject_decision(obj, self.request.user, **data)


class StandingDecisionApplyView(ActionView):
    """Apply an approved decision again once the members service exists."""

    model = StandingDecision
    form_class = forms.ConfirmForm
    label = "同步党员状态"

    def perform(self, obj, data):
        return services.reapply_decision(obj, self.request.user)


# --- the member's timeline and statistics -------------------------------------------------
TIMELINE_MODELS = (Transfer, GraduateRetention, MobileMember, LostContactCase, StandingDecision)


class PersonTimelineView(generic.ScopedMixin, View):
    """One timeline of a person's transfer, mobile, lost-contact and 党籍 events (and moves between branches)."""

    model = Person  # scoped like the member record: whoever manages the person reads the timeline
    action = "change"

    def get(self, request, person_pk):
        person = get_object_or_404(
            Person.objects.restrict(request.user, "change").select_related("organization"), pk=person_pk
        )
        types = ContentType.objects.get_for_models(Person, *TIMELINE_MODELS)
        clauses = Q(content_type=types[Person], object_id=str(person.pk))
        for model in TIMELINE_MODELS:
            ids = [str(i) for i in model.objects.filter(person=person).values_list("pk", flat=True)]
            if ids:
                clauses |= Q(content_type=types[model], object_id__in=ids)
        events = (
            Event.objects.filter(clauses).select_related("actor", "content_type").order_by("-created", "-id")
        )
        labels = {types[m].pk: m._meta.verbose_name for m in (Person, *TIMELINE_MODELS)}
        rows = [(e, labels.get(e.content_type_id, "")) for e in events[:500]]
        return render(
            request,
            "transfers/timeline.html",
            {
                "title": f"{person.name}：党员事项时间线",
                "person": person,
                "rows": rows,
                "memberships": list(person.memberships.select_related("organization")),
            },
        )


class StatsView(generic.ScopedMixin, View):
    """Transfers in and out per month, ledger counts, lost-contact cases by state."""

    model = Transfer

    def get(self, request):
        on = today()
        start = rules.add_months(on.replace(day=1), -11)
        months = [rules.add_months(start, i) for i in range(12)]
        per_month = Counter()
        transfers = Transfer.objects.restrict(request.user).exclude(status=TransferStatus.CANCELLED)
        for row in (
            transfers.filter(issued_on__gte=start)
            .annotate(month=TruncMonth("issued_on"))
            .values("month", "kind")
            .annotate(n=Count("pk"))
        ):
            month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
            per_month[(month, row["kind"])] += row["n"]
        series = [
            {"name": label, "type": "bar", "data": [per_month[(m, kind)] for m in months]}
            for kind, label in TransferKind.choices
        ]
        chart = {
            "tooltip": {"trigger": "axis"},
            "legend": {},
            "xAxis": {"type": "category", "data": [m.strftime("%Y-%m") for m in months]},
            "yAxis": {"type": "value", "minInterval": 1},
            "series": series,
        }
        mobile = with_report_year(
            MobileMember.objects.restrict(request.user).filter(status=MobileStatus.ACTIVE), on.year
        )
        ledger = {d: 0 for d in MobileDirection.values}
        for row in mobile.values("direction").annotate(n=Count("pk")):
            ledger[row["direction"]] = row["n"]
        cases = dict(
            LostContactCase.objects.restrict(request.user).values_list("state").annotate(n=Count("pk"))
        )
        return render(
            request,
            "transfers/stats.html",
            {
                "title": "组织关系统计",
                "chart": chart,
                "totals": [
                    (label, sum(per_month[(m, kind)] for m in months)) for kind, label in TransferKind.choices
                ],
                "ledger": [(MobileDirection(d).label, n) for d, n in ledger.items()],
                "unreported": mobile.filter(reported_this_year=False).count(),
                "overdue": transfers.filter(
                    kind=TransferKind.OUT, status=TransferStatus.ISSUED, valid_until__lt=on
                ).count(),
                "retained": GraduateRetention.objects.restrict(request.user)
                .filter(status="retained")
                .count(),
                "cases": [(label, cases.get(state, 0)) for state, label in CaseState.choices],
                "pending": StandingDecision.objects.restrict(request.user)
                .filter(status=DecisionStatus.PROPOSED)
                .count(),
                "year": on.year,
            },
        )
