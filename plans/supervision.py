"""督查 figures straight from the data: completion by plan, section and unit, and the 督查通报 (.docx)."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from plans.choices import AssignmentStatus

S = AssignmentStatus


def _counts(queryset, *group):
    """Counts per status for each group, one query."""
    return list(
        queryset.values(*group)
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=S.DONE)),
            overdue=Count("pk", filter=Q(status=S.OVERDUE)),
            pending=Count("pk", filter=Q(status=S.PENDING)),
        )
        .order_by(*group)
    )


def dashboard_data(assignments):
    """Completion by plan, section and unit; open and overdue counts per unit (information, not a ranking)."""
    by_plan = _counts(assignments, "task__plan_id", "task__plan__title")
    by_section = _counts(assignments, "task__plan_id", "task__section_order", "task__section")
    by_unit = _counts(assignments, "organization__path", "organization_id", "organization__name")
    for row in by_unit:
        row["open"] = row["total"] - row["done"]
    totals = assignments.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=S.DONE)),
        overdue=Count("pk", filter=Q(status=S.OVERDUE)),
        pending=Count("pk", filter=Q(status=S.PENDING)),
    )
    return {"by_plan": by_plan, "by_section": by_section, "by_unit": by_unit, "totals": totals}


def completion_chart(rows, label_key, title):
    """An ECharts stacked bar: 已完成 / 逾期 / 其他未完成 per row."""
    labels = [str(r[label_key])[:16] for r in rows]
    done = [r["done"] for r in rows]
    overdue = [r["overdue"] for r in rows]
    other = [r["total"] - r["done"] - r["overdue"] for r in rows]
    series = [
        {"name": "已完成", "type": "bar", "stack": "s", "data": done, "itemStyle": {"color": "#2fb344"}},
        {
            "name": "进行中/待审核/未开始",
            "type": "bar",
            "stack": "s",
            "data": other,
            "itemStyle": {"color": "#4299e1"},
        },
        {"name": "已逾期", "type": "bar", "stack": "s", "data": overdue, "itemStyle": {"color": "#d63939"}},
    ]
    return {
        "title": {"text": title, "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 24},
        "grid": {"left": 8, "right": 8, "top": 60, "bottom": 8, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": labels,
            "axisLabel": {"interval": 0, "rotate": 30 if len(labels) > 5 else 0},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": series,
    }


@dataclass
class UnitReport:
    name: str
    completed: list = field(default_factory=list)
    in_progress: list = field(default_factory=list)
    overdue: list = field(default_factory=list)


def notice_data(assignments, start: dt.date, end: dt.date):
    """Per unit: assignments completed within the period, still in progress, and overdue."""
    units: dict[int, UnitReport] = {}
    rows = assignments.select_related("organization", "task__plan").order_by(
        "organization__path", "task__plan_id", "task__section_order", "task__number"
    )
    for a in rows:
        unit = units.setdefault(a.organization_id, UnitReport(a.organization.name))
        if a.status == S.DONE:
            if a.completed_on and start <= a.completed_on <= end:
                unit.completed.append(a)
        elif a.status == S.OVERDUE:
            unit.overdue.append(a)
        else:
            unit.in_progress.append(a)
    out = [u for u in units.values() if u.completed or u.in_progress or u.overdue]
    totals = defaultdict(int)
    for u in out:
        totals["completed"] += len(u.completed)
        totals["in_progress"] += len(u.in_progress)
        totals["overdue"] += len(u.overdue)
    return out, dict(totals)


def supervision_notice_docx(assignments, start, end, *, issuer="组织部", number="") -> bytes:
    """The 督查通报 for ``start``–``end`` as a Word document, from the data."""
    import docx
    from docx.shared import Pt

    units, totals = notice_data(assignments, start, end)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    heading = document.add_heading("党建工作任务落实情况督查通报", level=1)
    heading.alignment = 1
    if number:
        document.add_paragraph(number).alignment = 1
    period = f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}"
    document.add_paragraph(
        f"现将{period}党建工作任务落实情况通报如下：本期办结 {totals.get('completed', 0)} 项，"
        f"正在推进 {totals.get('in_progress', 0)} 项，逾期未完成 {totals.get('overdue', 0)} 项。"
        "逾期单位要分析原因、明确时限，尽快整改落实。"
    )
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("责任单位", "本期办结", "正在推进", "逾期未完成"), strict=True
    ):
        cell.text = text
    for unit in units:
        cells = table.add_row().cells
        cells[0].text = unit.name
        cells[1].text = str(len(unit.completed))
        cells[2].text = str(len(unit.in_progress))
        cells[3].text = str(len(unit.overdue))
    sections = (
        ("completed", "一、本期办结的任务"),
        ("in_progress", "二、正在推进的任务"),
        ("overdue", "三、逾期未完成的任务"),
    )
    for attr, title in sections:
        document.add_heading(title, level=2)
        any_rows = False
        for unit in units:
            items = getattr(unit, attr)
            if not items:
                continue
            any_rows = True
            document.add_paragraph(f"{unit.name}（{len(items)} 项）", style="List Bullet")
            for a in items:
                due = a.task.deadline_text or (f"{a.task.due_date:%Y年%m月%d日}" if a.task.due_date else "")
                extra = (
                    f"，完成于 {a.completed_on:%Y-%m-%d}" if attr == "completed" and a.completed_on else ""
                )
                document.add_paragraph(
                    f"{a.task.plan.title} · {a.task.number}. {a.task.title}（时限：{due}{extra}）"
                )
        if not any_rows:
            document.add_paragraph("无。")
    document.add_paragraph(issuer).alignment = 2
    document.add_paragraph(f"{end:%Y年%m月%d日}").alignment = 2
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_coverage(year, organizations, letters):
    """Which general branches and branches have not signed this year's 责任书 (school → 党总支 → 党支部)."""
    signed = {letter.organization_id for letter in letters if letter.year == year}
    return [(org, org.pk in signed) for org in organizations]
