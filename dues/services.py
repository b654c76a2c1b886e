"""Every change to dues data goes through here; also the queries other apps read (paid_up_to, unpaid_months)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, Sum
from django.utils import timezone

from core.audit import log_event
from core.scoping import get_scope
from core.services import ensure_in_scope
from dues import months, rules
from dues.choices import ApprovalStatus, CaseStatus, DuesKind, HandoverStatus
from dues.models import DuesAnnualNotice, DuesBase, DuesHandover, DuesPayment, DuesReduction, LapseCase
from members.choices import PARTY_MEMBER_STATUSES, PersonCategory
from members.models import Person
from orgs.choices import BRANCH_TYPES, OrgType
from orgs.models import Organization

ZERO = Decimal("0.00")


# --- small helpers ----------------------------------------------------------
def _ids(person_or_ids):
    """(list of person ids, whether a single person was given)."""
    if isinstance(person_or_ids, Person | int):
        return [getattr(person_or_ids, "pk", person_or_ids)], True
    return [getattr(p, "pk", p) for p in person_or_ids], False


def default_kind(person) -> str:
    """Students and people without a salary pay the flat amount; retirees on their pension; others on salary."""
    return {
        PersonCategory.STAFF: DuesKind.SALARIED,
        PersonCategory.RETIRED: DuesKind.RETIRED,
    }.get(person.category, DuesKind.FLAT)


def dues_start(joined_on: dt.date | None, first_base_year: int | None) -> dt.date | None:
    """First month a member owes dues: January of the first year with a base, or — DUES-PROB — the month of
    the branch meeting that admitted them (``Person.joined_on``) when that is later."""
    if first_base_year is None:
        return None
    start = dt.date(first_base_year, 1, 1)
    if joined_on and months.month_of(joined_on) > start:
        start = months.month_of(joined_on)
    return start


def covers_org(user, org, action="change") -> bool:
    """Whether ``user`` holds a dues right over ``org`` itself (not merely over a subtree below it)."""
    if user is None:  # system jobs and management commands act for the whole school
        return True
    return get_scope(user).covers_org("dues", action, org.path)


def higher_org(org):
    """The organization that approves for ``org``: the parent of the branch (a group's branch counts)."""
    node = org
    if node.org_type == OrgType.GROUP:
        node = Organization.objects.get_parent(node)
    return Organization.objects.get_parent(node) if node.depth > 1 else None


# --- the state every query needs, in a constant number of SQL queries ------------
@dataclass
class DuesState:
    """Dues facts for a set of people: starts, bases, approved reductions, payments."""

    starts: dict = field(default_factory=dict)  # person id → first owed month or None
    last_paid: dict = field(default_factory=dict)  # person id → last month covered by a payment
    bases: dict = field(default_factory=dict)  # (person id, year) → DuesBase
    reductions: dict = field(default_factory=lambda: defaultdict(list))  # person id → approved reductions

    @classmethod
    def load(cls, ids, *, with_bases=False):
        state = cls()
        for row in (
            Person.objects.filter(pk__in=ids)
            .annotate(first_year=Min("dues_bases__year"))
            .values("pk", "joined_on", "first_year")
        ):
            state.starts[row["pk"]] = dues_start(row["joined_on"], row["first_year"])
        state.last_paid = dict(
            DuesPayment.objects.filter(person_id__in=ids)
            .values("person_id")
            .annotate(last=Max("to_month"))
            .values_list("person_id", "last")
        )
        for red in DuesReduction.objects.filter(person_id__in=ids, status=ApprovalStatus.APPROVED).order_by(
            "from_month"
        ):
            state.reductions[red.person_id].append(red)
        if with_bases:
            for base in DuesBase.objects.filter(person_id__in=ids):
                state.bases[(base.person_id, base.year)] = base
        return state

    def reduction(self, pid, month):
        return next((r for r in self.reductions[pid] if r.from_month <= month <= r.to_month), None)

    def waived(self, pid, month) -> bool:
        red = self.reduction(pid, month)
        return red is not None and red.monthly_amount == 0

    def settled_to(self, pid):
        """Last month settled: paid, then extended through approved waivers that follow it."""
        start = self.starts.get(pid)
        last = self.last_paid.get(pid)
        if start is None:
            return last
        nxt = months.add_months(last, 1) if last else start
        while self.waived(pid, nxt):
            nxt = months.add_months(self.reduction(pid, nxt).to_month, 1)
        settled = months.add_months(nxt, -1)
        return settled if (last or settled >= start) else None

    def next_month(self, pid):
        settled = self.settled_to(pid)
        return months.add_months(settled, 1) if settled else self.starts.get(pid)

    def unpaid(self, pid, on: dt.date) -> tuple:
        """(first unpaid month, number of unpaid months up to the month before ``on``; waived months excluded)."""
        first = self.next_month(pid)
        if first is None:
            return None, 0
        last_closed = months.add_months(months.month_of(on), -1)
        count = sum(1 for m in months.month_range(first, last_closed) if not self.waived(pid, m))
        return first, count

    def due(self, pid, month):
        """Monthly due (Decimal), ZERO before the start, None when the year's base is not set."""
        start = self.starts.get(pid)
        if start is None or month < start:
            return ZERO
        red = self.reduction(pid, month)
        if red is not None:
            return red.monthly_amount
        base = self.bases.get((pid, month.year))
        return base.monthly_amount if base else None


# --- what other apps read -----------------------------------------------------
def paid_up_to(person_or_ids):
    """The last fully settled month (DUES-TRANSFER: "党费交至"), or None; a dict for several people. 3 queries."""
    ids, single = _ids(person_or_ids)
    state = DuesState.load(ids)
    result = {pid: state.settled_to(pid) for pid in ids}
    return result[ids[0]] if single else result


def unpaid_months(person_or_ids, on: dt.date | None = None):
    """Consecutive unpaid months up to the month before ``on`` (the current month is not yet late). 3 queries."""
    on = on or timezone.localdate()
    ids, single = _ids(person_or_ids)
    state = DuesState.load(ids)
    result = {pid: state.unpaid(pid, on)[1] for pid in ids}
    return result[ids[0]] if single else result


def transfer_paid_up_to_label(person) -> str:
    """DUES-TRANSFER: the month text for the transfer letter, e.g. "2026年5月"."""
    month = paid_up_to(person)
    return months.label(month) if month else "未缴纳"


# --- bases ------------------------------------------------------------------------
def save_base(base: DuesBase, user):
    """Set a member's yearly base and compute the monthly amount from the rules in force in January."""
    with transaction.atomic():
        person = base.person
        if person.political_status not in PARTY_MEMBER_STATUSES:
            raise ValidationError({"person": "只有党员（含预备党员）交纳党费。"})
        base.organization = person.organization
        base.kind = base.kind or default_kind(person)
        if base.kind == DuesKind.FLAT:
            base.base = None
        base.full_clean()
        calc = rules.monthly_amount(base.kind, base.base, dt.date(base.year, 1, 1))
        base.rate, base.bracket, base.monthly_amount = calc.rate, calc.bracket, calc.amount
        base.capped, base.rule_version = calc.capped, calc.version
        base.save()
        ensure_in_scope(base, user, "change")
    return base


def calculation(base: DuesBase) -> rules.Calculation:
    """How the monthly amount of ``base`` is computed (shown to the member)."""
    return rules.monthly_amount(base.kind, base.base, dt.date(base.year, 1, 1))


# --- payments -----------------------------------------------------------------------
def record_payment(payment: DuesPayment, user, *, today: dt.date | None = None):
    """Record a payment: it starts at the first unsettled month, pays at least the dues, and a back-payment
    of more than ``back_limit`` months carries a reason (DUES-BACK)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=payment.person_id)
        if person.political_status not in PARTY_MEMBER_STATUSES:
            raise ValidationError({"person": "只有党员（含预备党员）交纳党费。"})
        payment.organization = person.organization
        payment.full_clean()
        if payment.paid_on > today:
            raise ValidationError({"paid_on": "缴纳日期不能晚于今天。"})
        state = DuesState.load([person.pk], with_bases=True)
        expected = state.next_month(person.pk)
        if expected is None:
            raise ValidationError({"from_month": "尚未核定该党员的党费基数，请先录入年度基数。"})
        if payment.from_month != expected:
            settled = state.settled_to(person.pk)
            raise ValidationError(
                {
                    "from_month": f"应从{months.label(expected)}起缴纳"
                    + (f"（党费已交至{months.label(settled)}）。" if settled else "。")
                }
            )
        due = ZERO
        for month in months.month_range(payment.from_month, payment.to_month):
            amount = state.due(person.pk, month)
            if amount is None:
                raise ValidationError({"to_month": f"{month.year} 年度的党费基数尚未核定。"})
            due += amount
        if payment.amount < due:
            raise ValidationError({"amount": f"实缴金额少于应交金额 {due} 元。"})
        paid_month = months.month_of(payment.paid_on)
        span = months.month_range(payment.from_month, payment.to_month)
        payment.overdue_months = sum(1 for m in span if m < paid_month)
        payment.advance_months = sum(1 for m in span if m > paid_month)
        limit = rules.version_on(payment.paid_on).back_limit
        if payment.overdue_months > limit and not payment.back_reason.strip():
            raise ValidationError(
                {
                    "back_reason": f"补交 {payment.overdue_months} 个月，超过 {limit} 个月，须说明原因（DUES-BACK）。"
                }
            )
        payment.due_amount, payment.extra_amount = due, payment.amount - due
        payment.save()
        ensure_in_scope(payment, user, "add")
        log_event(
            payment,
            "缴纳党费",
            user,
            f"{person} {payment.months_label} 应交 {due} 元，实缴 {payment.amount} 元",
            amount=str(payment.amount),
            due=str(due),
        )
    return payment


def cancel_payment(payment: DuesPayment, user):
    """Remove a wrongly entered payment; only a member's latest one, so the months stay consecutive."""
    with transaction.atomic():
        ensure_in_scope(payment, user, "delete")
        if DuesPayment.objects.filter(person_id=payment.person_id, from_month__gt=payment.to_month).exists():
            raise ValidationError("只能撤销该党员最近一笔缴纳记录。")
        log_event(payment, "撤销缴纳记录", user, str(payment), amount=str(payment.amount))
        payment.delete()


# --- reductions (DUES-REDUCE) ------------------------------------------------------------
def submit_reduction(reduction: DuesReduction, user):
    """The branch records its decision on a reduction or waiver; it takes effect after higher approval."""
    with transaction.atomic():
        if reduction.pk:
            current = DuesReduction.objects.get(pk=reduction.pk)
            if current.status != ApprovalStatus.PENDING:
                raise ValidationError("已审批的减免不能修改。")
        reduction.organization = reduction.person.organization
        reduction.full_clean()
        overlap = (
            DuesReduction.objects.filter(
                person=reduction.person,
                from_month__lte=reduction.to_month,
                to_month__gte=reduction.from_month,
            )
            .exclude(status=ApprovalStatus.REJECTED)
            .exclude(pk=reduction.pk)
        )
        if overlap.exists():
            raise ValidationError({"from_month": "与该党员已有的减免期间重叠。"})
        reduction.save()
        ensure_in_scope(reduction, user, "change")
        log_event(reduction, "支部决定减免", user, str(reduction))
    return reduction


def decide_reduction(reduction: DuesReduction, user, *, approve: bool, note="", on=None):
    """The higher organization approves or refuses (DUES-REDUCE); the branch itself cannot approve."""
    on = on or timezone.localdate()
    with transaction.atomic():
        reduction = DuesReduction.objects.select_for_update().get(pk=reduction.pk)
        if reduction.status != ApprovalStatus.PENDING:
            raise ValidationError("该减免已审批。")
        higher = higher_org(reduction.organization)
        if higher is None or not covers_org(user, higher):
            raise ValidationError("减免须由上级党组织审批（DUES-REDUCE），您无权审批。")
        reduction.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
        reduction.approved_by = user if getattr(user, "is_authenticated", False) else None
        reduction.approved_on, reduction.approval_note = on, note
        reduction.save()
        log_event(reduction, "批准减免" if approve else "不予批准减免", user, note)
    return reduction


# --- arrears and lapse cases (DUES-LAPSE) -------------------------------------------------
@dataclass
class Arrears:
    person: Person
    paid_up_to: dt.date | None
    first_unpaid: dt.date | None
    months: int
    level: str  # "", "warn", "lapse"
    case: LapseCase | None = None

    @property
    def level_label(self):
        return {"warn": "预警", "lapse": "须立案处理"}.get(self.level, "")


def arrears(people, on: dt.date | None = None, *, minimum=1):
    """Members of ``people`` (a queryset) with at least ``minimum`` unpaid months, most months first. 5 queries."""
    on = on or timezone.localdate()
    rule = rules.version_on(on)
    people = list(people.select_related("organization"))
    ids = [p.pk for p in people]
    state = DuesState.load(ids)
    cases = {c.person_id: c for c in LapseCase.objects.filter(person_id__in=ids, status=CaseStatus.OPEN)}
    out = []
    for person in people:
        first, count = state.unpaid(person.pk, on)
        if count < minimum:
            continue
        level = "lapse" if count >= rule.lapse_months else "warn" if count >= rule.warn_months else ""
        out.append(Arrears(person, state.settled_to(person.pk), first, count, level, cases.get(person.pk)))
    out.sort(key=lambda a: (-a.months, a.person.organization.path, a.person.name))
    return out


def open_lapse_case(person, user, *, on=None):
    """Open a case for the branch when a member has not paid for ``lapse_months`` consecutive months."""
    on = on or timezone.localdate()
    with transaction.atomic():
        state = DuesState.load([person.pk])
        first, count = state.unpaid(person.pk, on)
        limit = rules.version_on(on).lapse_months
        if count < limit:
            raise ValidationError(f"连续未交 {count} 个月，未达到 {limit} 个月（DUES-LAPSE），无需立案。")
        if LapseCase.objects.filter(person=person, status=CaseStatus.OPEN).exists():
            raise ValidationError("该党员已有待处理的欠缴记录。")
        case = LapseCase.objects.create(
            person=person,
            organization=person.organization,
            opened_on=on,
            unpaid_from=first,
            unpaid_months=count,
        )
        ensure_in_scope(case, user, "add")
        log_event(case, "欠缴立案", user, str(case), months=count)
    return case


def close_lapse_case(case: LapseCase, user, *, outcome, note="", on=None):
    """Record what the branch decided; the member's status is changed only by people, elsewhere."""
    on = on or timezone.localdate()
    with transaction.atomic():
        case = LapseCase.objects.select_for_update().get(pk=case.pk)
        ensure_in_scope(case, user, "change")
        if case.status != CaseStatus.OPEN:
            raise ValidationError("该记录已办结。")
        case.status, case.outcome, case.closed_on = CaseStatus.CLOSED, outcome, on
        case.note = "\n".join(x for x in (case.note, note) if x)
        case.save()
        log_event(case, "欠缴办结", user, f"{case.get_outcome_display()}：{note}")
    return case


# --- hand-over: branch → general branch → school ---------------------------------------------
def received_in(org, first: dt.date, last: dt.date):
    """Money received (by payment date) in ``org``'s subtree between two dates: (amount, extra)."""
    totals = DuesPayment.objects.filter(
        organization__path__startswith=org.path, paid_on__gte=first, paid_on__lte=last
    ).aggregate(amount=Sum("amount"), extra=Sum("extra_amount"))
    return rules.money(totals["amount"] or ZERO), rules.money(totals["extra"] or ZERO)


def submit_handover(handover: DuesHandover, user, *, on=None):
    """Hand a month's dues to the organization above, with the ledger total and the children's totals."""
    on = on or timezone.localdate()
    with transaction.atomic():
        org = handover.organization
        if org.depth <= 1:
            raise ValidationError({"organization": "校党委为最高一级，无需上缴。"})
        if org.org_type not in (*BRANCH_TYPES, OrgType.GENERAL_BRANCH):
            raise ValidationError({"organization": "只有党支部和党总支逐级上缴党费。"})
        handover.submitted_on = on
        handover.full_clean(exclude=["organization"] if handover.pk else None)
        if handover.pk:
            current = DuesHandover.objects.select_for_update().get(pk=handover.pk)
            if current.status != HandoverStatus.RETURNED:
                raise ValidationError("只有被退回的上缴记录可以重新提交。")
        last_day = months.add_months(handover.month, 1) - dt.timedelta(days=1)
        handover.ledger_amount = received_in(org, handover.month, last_day)[0]
        children = DuesHandover.objects.filter(
            organization__path__startswith=org.path,
            organization__depth=org.depth + 1,
            month=handover.month,
        )
        handover.children_amount = (
            sum((c.received_amount for c in children if c.status == HandoverStatus.CONFIRMED), ZERO)
            if children
            else None
        )
        handover.status, handover.submitted_on = HandoverStatus.SUBMITTED, on
        handover.confirmed_on = handover.confirmed_by = handover.received_amount = None
        handover.save()
        ensure_in_scope(handover, user, "add")
        log_event(
            handover,
            "上缴党费",
            user,
            f"{handover}：上缴 {handover.declared_amount} 元，台账 {handover.ledger_amount} 元",
        )
    return handover


def _decide_handover(handover, user, on):
    handover = DuesHandover.objects.select_for_update().get(pk=handover.pk)
    if handover.status != HandoverStatus.SUBMITTED:
        raise ValidationError("该上缴记录不在待确认状态。")
    higher = Organization.objects.get_parent(handover.organization)
    if not covers_org(user, higher):
        raise ValidationError("须由上一级党组织确认。")
    return handover


def confirm_handover(handover: DuesHandover, user, *, received_amount, on=None):
    """The organization above confirms receipt; a difference from the declared amount stays visible."""
    on = on or timezone.localdate()
    with transaction.atomic():
        handover = _decide_handover(handover, user, on)
        handover.status, handover.confirmed_on = HandoverStatus.CONFIRMED, on
        handover.confirmed_by = user if getattr(user, "is_authenticated", False) else None
        handover.received_amount = rules.money(received_amount)
        handover.save()
        log_event(
            handover,
            "确认收到上缴党费",
            user,
            f"实收 {handover.received_amount} 元",
            diff=str(handover.received_difference),
        )
    return handover


def return_handover(handover: DuesHandover, user, *, note, on=None):
    """The organization above sends a hand-over back for correction."""
    with transaction.atomic():
        handover = _decide_handover(handover, user, on)
        handover.status = HandoverStatus.RETURNED
        handover.note = note[:200]
        handover.save()
        log_event(handover, "退回上缴党费", user, note)
    return handover


# --- the year's ledger and totals ------------------------------------------------------------
PAID, WAIVED, UNPAID, OPEN, NONE, UNSET = "paid", "waived", "unpaid", "open", "none", "unset"
STATE_LABELS = {PAID: "已交", WAIVED: "免交", UNPAID: "欠交", OPEN: "未到期", NONE: "", UNSET: "基数未核定"}


@dataclass
class LedgerRow:
    person: Person
    base: DuesBase | None
    cells: list  # (month, due or None, state, payment or None, state label)
    due_total: Decimal = ZERO
    settled_total: Decimal = ZERO
    paid_up_to: dt.date | None = None


def party_members(org):
    return (
        Person.objects.party_members()
        .filter(organization__path__startswith=org.path)
        .select_related("organization")
    )


def year_ledger(people, year: int, on: dt.date | None = None):
    """One row per member, one cell per month of ``year`` (due, state, payment). A constant number of queries."""
    on = on or timezone.localdate()
    people = list(people)
    ids = [p.pk for p in people]
    state = DuesState.load(ids, with_bases=True)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 1)
    payments = defaultdict(list)
    for pay in DuesPayment.objects.filter(person_id__in=ids, from_month__lte=last, to_month__gte=first):
        payments[pay.person_id].append(pay)
    current = months.month_of(on)
    rows = []
    for person in people:
        settled = state.settled_to(person.pk)
        row = LedgerRow(person, state.bases.get((person.pk, year)), [], paid_up_to=settled)
        for month in months.month_range(first, last):
            due = state.due(person.pk, month)
            start = state.starts.get(person.pk)
            pay = next((p for p in payments[person.pk] if p.from_month <= month <= p.to_month), None)
            if start is None or month < start:
                cell_state, due = NONE, None
            elif settled and month <= settled:
                cell_state = WAIVED if pay is None else PAID
            elif due is None:
                cell_state = UNSET
            else:
                cell_state = UNPAID if month < current else OPEN
            if due is not None and cell_state != NONE:
                row.due_total += due
                if cell_state in (PAID, WAIVED):
                    row.settled_total += due
            row.cells.append((month, due, cell_state, pay, STATE_LABELS[cell_state]))
        rows.append(row)
    return rows


def collection_by_month(rows, year, on=None):
    """Per month of ``year`` up to ``on``: (month, members owing, members settled, rate %)."""
    on = on or timezone.localdate()
    out = []
    for index, month in enumerate(months.month_range(dt.date(year, 1, 1), dt.date(year, 12, 1))):
        if month > months.month_of(on):
            break
        owing = [r.cells[index][2] for r in rows if r.cells[index][2] not in (NONE, WAIVED)]
        settled = sum(1 for s in owing if s == PAID)
        out.append((month, len(owing), settled, round(100 * settled / len(owing), 1) if owing else None))
    return out


def publish_year(org, year: int, user, *, on=None, note=""):
    """Publish the year's totals of ``org`` to its members (党费公开); republishing refreshes the figures."""
    on = on or timezone.localdate()
    with transaction.atomic():
        rows = year_ledger(party_members(org), year, on)
        received, extra = received_in(org, dt.date(year, 1, 1), dt.date(year, 12, 31))
        notice = DuesAnnualNotice.objects.filter(organization=org, year=year).first() or DuesAnnualNotice(
            organization=org, year=year
        )
        notice.member_count = sum(1 for r in rows if r.base is not None)
        notice.due_total = sum((r.due_total for r in rows), ZERO)
        notice.paid_total, notice.extra_total = received, extra
        notice.published_on, notice.note = on, note
        notice.full_clean()
        notice.save()
        ensure_in_scope(notice, user, "add")
        log_event(notice, "公开党费收缴情况", user, str(notice))
    return notice
