"""Read-side helpers for the dues pages: statement, ledger and summary figures, .xlsx files, chart options."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from core.exporting import XLSX_TYPE, file_response, workbook_bytes
from core.parsing import parse_date
from dues import months, rules, services
from dues.models import DuesAnnualNotice, DuesBase, DuesPayment, DuesReduction, LapseCase
from orgs.choices import BRANCH_TYPES, OrgType

LEDGER_ORG_TYPES = (*BRANCH_TYPES, OrgType.GENERAL_BRANCH)  # the school's figures are in the summary
SUMMARY_ORG_TYPES = (*BRANCH_TYPES, OrgType.GENERAL_BRANCH)
ZERO = Decimal("0.00")
STEP = 4  # treebeard's path step length


def statement_url(person):
    return reverse("dues:statement", args=[person.pk])


def int_param(request, name, default):
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and 1990 <= int(value) <= 2100 else default


def date_param(request, name):
    try:
        return parse_date(request.GET.get(name) or None)
    except ValueError:
        return None


def _xlsx(sheets, filename):
    stamp = timezone.localdate().strftime("%Y%m%d")
    return file_response(workbook_bytes(sheets), f"{filename}-{stamp}.xlsx", XLSX_TYPE)


# --- ledger -------------------------------------------------------------------------
def ledger_totals(rows):
    due = sum((r.due_total for r in rows), ZERO)
    settled = sum((r.settled_total for r in rows), ZERO)
    by_month = []
    for index in range(12):
        cells = [r.cells[index] for r in rows]
        by_month.append(
            (
                sum((c[1] for c in cells if c[1] is not None and c[2] != services.NONE), ZERO),
                sum(
                    (c[1] for c in cells if c[1] is not None and c[2] in (services.PAID, services.WAIVED)),
                    ZERO,
                ),
            )
        )
    return {"due": due, "settled": settled, "by_month": by_month}


def _cell_text(cell):
    month, due, state, pay, _ = cell
    if state == services.NONE:
        return ""
    label = services.STATE_LABELS[state]
    if state == services.PAID and pay is not None:
        return f"{due} {label} {pay.paid_on:%m-%d} {pay.get_method_display()}"
    return f"{due if due is not None else ''} {label}".strip()


def ledger_xlsx(org, year, rows):
    grid = [
        [
            r.person.name,
            r.person.organization.name,
            r.base.get_kind_display() if r.base else "未核定",
            r.base.base if r.base and r.base.base is not None else "",
            r.base.monthly_amount if r.base else "",
            *[_cell_text(c) for c in r.cells],
            r.due_total,
            r.settled_total,
            months.label(r.paid_up_to),
        ]
        for r in rows
    ]
    header = ["姓名", "所在党组织", "交纳类别", "基数（元）", "每月应交（元）"]
    header += [f"{m}月" for m in range(1, 13)] + ["全年应交（元）", "已交（元）", "党费交至"]
    payments = (
        DuesPayment.objects.filter(organization__path__startswith=org.path, paid_on__year=year)
        .select_related("person")
        .order_by("paid_on", "pk")
    )
    pay_rows = [
        [
            p.person.name,
            p.months_label,
            p.paid_on,
            p.due_amount,
            p.amount,
            p.extra_amount,
            p.get_method_display(),
            p.reference,
            p.paid_by,
            p.overdue_months,
            p.advance_months,
            p.back_reason,
        ]
        for p in payments
    ]
    pay_header = [
        "姓名",
        "所交月份",
        "缴纳日期",
        "应交",
        "实缴",
        "自愿多交",
        "方式",
        "流水号",
        "代缴人",
        "补交月数",
        "预交月数",
        "补交原因",
    ]
    return _xlsx(
        [(f"{year}年台账", header, grid), (f"{year}年缴纳明细", pay_header, pay_rows)], f"{org}党费台账{year}"
    )


# --- one member's statement ---------------------------------------------------------------
def statement(person, on=None):
    """Everything a member (or their secretary) needs to see about their dues."""
    on = on or timezone.localdate()
    state = services.DuesState.load([person.pk])
    first_unpaid, unpaid = state.unpaid(person.pk, on)
    bases = list(DuesBase.objects.filter(person=person).order_by("-year"))
    paths = [person.organization.path[:i] for i in range(STEP, len(person.organization.path) + 1, STEP)]
    return {
        "person": person,
        "bases": [(b, services.calculation(b)) for b in bases],
        "payments": list(DuesPayment.objects.filter(person=person).order_by("-from_month")),
        "reductions": list(DuesReduction.objects.filter(person=person)),
        "cases": list(LapseCase.objects.filter(person=person)),
        "paid_up_to": state.settled_to(person.pk),
        "next_month": state.next_month(person.pk),
        "first_unpaid": first_unpaid,
        "unpaid": unpaid,
        "rule": rules.version_on(on),
        "notices": list(
            DuesAnnualNotice.objects.filter(organization__path__in=paths).select_related("organization")
        ),
    }


def statement_xlsx(person, data):
    base_rows = [
        [
            b.year,
            b.get_kind_display(),
            b.base if b.base is not None else "",
            c.bracket,
            c.rate_percent,
            b.monthly_amount,
            c.explanation,
        ]
        for b, c in data["bases"]
    ]
    pay_rows = [
        [p.months_label, p.paid_on, p.due_amount, p.amount, p.extra_amount, p.get_method_display(), p.paid_by]
        for p in data["payments"]
    ]
    return _xlsx(
        [
            (
                "年度基数",
                ["年度", "交纳类别", "基数（元）", "档次", "比例（%）", "每月应交（元）", "计算说明"],
                base_rows,
            ),
            ("缴纳记录", ["所交月份", "缴纳日期", "应交", "实缴", "自愿多交", "方式", "代缴人"], pay_rows),
            ("当前状态", ["党费交至", "连续未交月数"], [[months.label(data["paid_up_to"]), data["unpaid"]]]),
        ],
        f"{person.name}党费缴纳明细",
    )


# --- arrears ---------------------------------------------------------------------------
def arrears_xlsx(rows, on):
    return _xlsx(
        [
            (
                "欠缴党费",
                ["姓名", "所在党组织", "党费交至", "未交起始", "连续未交月数", "提示"],
                [
                    [
                        a.person.name,
                        a.person.organization.name,
                        months.label(a.paid_up_to),
                        months.label(a.first_unpaid),
                        a.months,
                        a.level_label,
                    ]
                    for a in rows
                ],
            )
        ],
        f"欠缴党费{on:%Y%m%d}",
    )


# --- summary by org, charts ------------------------------------------------------------------
def summary(orgs, people, year, on=None):
    """Per organization (subtree): members with a base, dues due and settled, received; two chart options."""
    on = on or timezone.localdate()
    rows = services.year_ledger(people, year, on)
    buckets = defaultdict(lambda: {"members": 0, "due": ZERO, "settled": ZERO, "received": ZERO})
    for r in rows:
        path = r.person.organization.path
        for i in range(STEP, len(path) + 1, STEP):
            b = buckets[path[:i]]
            b["members"] += 1 if r.base else 0
            b["due"] += r.due_total
            b["settled"] += r.settled_total
    received = (
        DuesPayment.objects.filter(paid_on__year=year, person__in=[r.person.pk for r in rows])
        .values("organization__path")
        .annotate(total=Sum("amount"))
    )
    for item in received:
        path = item["organization__path"]
        for i in range(STEP, len(path) + 1, STEP):
            buckets[path[:i]]["received"] += rules.money(item["total"])
    table = []
    for org in orgs:
        b = buckets[org.path]
        rate = round(100 * b["settled"] / b["due"], 1) if b["due"] else None
        table.append({"org": org, **b, "rate": rate})
    by_month = services.collection_by_month(rows, year, on)
    generals = [t for t in table if t["org"].org_type == OrgType.GENERAL_BRANCH]
    return {
        "table": table,
        "month_chart": bar_option(
            "按月收缴率（%）", [months.label(m) for m, *_ in by_month], [rate for *_, rate in by_month]
        ),
        "general_chart": bar_option(
            "各党总支收缴率（%）", [t["org"].display_short for t in generals], [t["rate"] for t in generals]
        ),
        "by_month": by_month,
    }


def bar_option(title, categories, values):
    return {
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 20, "bottom": 60, "top": 40},
        "xAxis": {"type": "category", "data": categories, "axisLabel": {"rotate": 30}},
        "yAxis": {"type": "value", "min": 0, "max": 100},
        "series": [
            {
                "type": "bar",
                "data": [float(v) if v is not None else None for v in values],
                "itemStyle": {"color": "#c8102e"},
            }
        ],
    }


def summary_xlsx(year, data):
    rows = [
        [
            t["org"].name,
            t["org"].get_org_type_display(),
            t["members"],
            t["due"],
            t["settled"],
            t["rate"] if t["rate"] is not None else "",
            t["received"],
        ]
        for t in data["table"]
    ]
    months_rows = [
        [months.label(m), owing, settled, rate if rate is not None else ""]
        for m, owing, settled, rate in data["by_month"]
    ]
    return _xlsx(
        [
            (
                f"{year}年汇总",
                ["党组织", "类型", "应交人数", "应交（元）", "已交（元）", "收缴率（%）", "当年实收（元）"],
                rows,
            ),
            ("按月收缴率", ["月份", "应交人数", "已交人数", "收缴率（%）"], months_rows),
        ],
        f"{year}年党费收缴汇总",
    )
