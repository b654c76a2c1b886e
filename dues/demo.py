"""Demo dues: a base for last year and this year per party member, payments with arrears, advances,
proxies and online references, one approved waiver, and last month's hand-overs."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dues import months, rules, services
from dues.choices import ApprovalStatus, PaymentMethod
from dues.models import DuesBase, DuesHandover, DuesPayment, DuesReduction
from members.choices import PARTY_MEMBER_STATUSES
from members.models import Person
from orgs.choices import BRANCH_TYPES

SALARY = {rules.SALARIED: (2600, 14000), rules.RETIRED: (3500, 7500)}


def _bases(people, years, rng):
    out = []
    for p in people:
        kind = services.default_kind(p)
        low_high = SALARY.get(kind)
        salary = (
            Decimal(rng.randint(*low_high)) + Decimal(rng.choice(["0", "0.5", "0.01"])) if low_high else None
        )
        for year in years:
            calc = rules.monthly_amount(kind, salary, dt.date(year, 1, 1))
            out.append(
                DuesBase(
                    person=p,
                    organization_id=p.organization_id,
                    year=year,
                    kind=kind,
                    base=salary,
                    rate=calc.rate,
                    bracket=calc.bracket,
                    monthly_amount=calc.amount,
                    capped=calc.capped,
                    rule_version=calc.version,
                )
            )
    return out


def load(ctx):
    if DuesBase.objects.exists():
        ctx["log"]("  党费数据已存在，跳过")
        return
    with transaction.atomic():  # all or nothing, so a rerun never sees half the data
        _load(ctx)


def _load(ctx):
    rng = ctx["rng"]
    today = timezone.localdate()
    this_month = months.month_of(today)
    years = (today.year - 1, today.year)
    people = list(Person.objects.filter(political_status__in=PARTY_MEMBER_STATUSES).order_by("pk"))
    bases = _bases(people, years, rng)
    DuesBase.objects.bulk_create(bases, batch_size=1000)
    monthly = {(b.person_id, b.year): b.monthly_amount for b in bases}
    payments = []
    for p in people:
        start = services.dues_start(p.joined_on, years[0])
        roll = rng.random()
        if roll < 0.03:
            last = months.add_months(this_month, -rng.randint(7, 9))  # DUES-LAPSE cases
        elif roll < 0.10:
            last = months.add_months(this_month, -rng.randint(4, 5))  # arrears warning
        elif roll < 0.15:
            last = dt.date(today.year, 12, 1)  # paid in advance
        else:
            last = months.add_months(this_month, -rng.choice([0, 1]))
        first = start
        while first <= last:  # one payment per year, paid in that year's last covered month
            end = min(last, dt.date(first.year, 12, 1))
            span = months.month_range(first, end)
            due = sum(monthly[(p.pk, m.year)] for m in span)
            paid_on = min(today, end + dt.timedelta(days=rng.randint(2, 20)))
            method = rng.choice([PaymentMethod.CASH, PaymentMethod.BANK, PaymentMethod.ONLINE])
            extra = Decimal(rng.choice([0, 0, 0, 0, 50, 100]))
            paid_month = months.month_of(paid_on)
            payments.append(
                DuesPayment(
                    person=p,
                    organization_id=p.organization_id,
                    paid_on=paid_on,
                    from_month=first,
                    to_month=end,
                    amount=due + extra,
                    due_amount=due,
                    extra_amount=extra,
                    overdue_months=sum(1 for m in span if m < paid_month),
                    advance_months=sum(1 for m in span if m > paid_month),
                    method=method,
                    reference=f"WX{paid_on:%Y%m%d}{p.pk:06d}" if method == PaymentMethod.ONLINE else "",
                    paid_by=rng.choice(["", "", "", "", "家属代缴", "同事代缴"]),
                    back_reason="年度集中收缴" if sum(1 for m in span if m < paid_month) > 6 else "",
                )
            )
            first = months.add_months(end, 1)
    DuesPayment.objects.bulk_create(payments, batch_size=1000)
    if people:
        p = people[len(people) // 2]
        DuesReduction.objects.create(
            person=p,
            organization_id=p.organization_id,
            kind="waive",
            from_month=months.add_months(this_month, 1),
            to_month=months.add_months(this_month, 3),
            reason="本人重病住院，家庭困难",
            decided_on=today,
            status=ApprovalStatus.APPROVED,
            approved_on=today,
            approval_note="同意免交三个月",
        )
    from orgs.models import Organization

    previous = months.add_months(this_month, -1)
    branches = list(Organization.objects.active().filter(org_type__in=BRANCH_TYPES, depth__gt=1))
    for branch in branches[: 12 if ctx["small"] else 30]:
        received = services.received_in(branch, previous, this_month - dt.timedelta(days=1))[0]
        handover = services.submit_handover(
            DuesHandover(organization=branch, month=previous, declared_amount=received), None, on=today
        )
        if rng.random() < 0.7:
            services.confirm_handover(handover, None, received_amount=received, on=today)
    ctx["log"](f"  党费：{len(bases)} 条基数，{len(payments)} 条缴纳记录")
