"""The plan rules, each encoded once: how a 完成时限 is read, what a reporting cycle is, when work is overdue.

PLAN-DEADLINE  a month ("2023年9月") is due on the last day of that month; a full date on that day;
               "长期坚持" (and similar) is ongoing, with a reporting cycle instead of a deadline.
PLAN-CYCLE     an ongoing task needs one accepted progress report per cycle; the default cycle is the
               calendar quarter, aligned with the secretaries' quarterly 例会.
PLAN-OVERDUE   a one-off assignment is overdue from the day after its deadline until it is accepted as done;
               an ongoing one is overdue when a cycle that has ended (since the assignment began) has no
               accepted report. The deadline day and the last day of a cycle are not yet overdue.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from plans.choices import Cycle

ONGOING_WORDS = ("长期坚持", "长期", "持续推进", "常态化", "经常性")
_MONTH = re.compile(r"^(\d{4})\s*[年\-./]\s*(\d{1,2})\s*月?(底|末)?$")
_DAY = re.compile(r"^(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?(前)?$")
_YEAR_END = re.compile(r"^(\d{4})\s*年\s*(底|末|年底)$")
CYCLE_MONTHS = {Cycle.MONTHLY: 1, Cycle.QUARTERLY: 3, Cycle.HALF_YEAR: 6, Cycle.YEARLY: 12}


@dataclass(frozen=True)
class Deadline:
    text: str
    due: dt.date | None
    ongoing: bool


def parse_deadline(text) -> Deadline:
    """PLAN-DEADLINE: read a 完成时限 as written; raises ValueError with a Chinese reason."""
    raw = re.sub(r"\s+", "", str(text or ""))
    if not raw:
        raise ValueError("完成时限为空")
    if any(word in raw for word in ONGOING_WORDS):
        return Deadline(raw, None, True)
    if m := _DAY.match(raw):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        _check_month(raw, month)
        try:
            return Deadline(raw, dt.date(year, month, day), False)
        except ValueError:
            raise ValueError(f"完成时限“{raw}”不是有效日期") from None
    if m := _MONTH.match(raw):
        year, month = int(m[1]), int(m[2])
        _check_month(raw, month)
        return Deadline(raw, month_end(year, month), False)
    if m := _YEAR_END.match(raw):
        return Deadline(raw, dt.date(int(m[1]), 12, 31), False)
    raise ValueError(f"无法识别的完成时限“{raw}”（可写 2023年9月、2023年9月30日 或 长期坚持）")


def _check_month(raw, month):
    if not 1 <= month <= 12:
        raise ValueError(f"完成时限“{raw}”中的月份 {month} 不存在")


def month_end(year, month) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: dt.date
    end: dt.date


def period_of(day: dt.date, cycle=Cycle.QUARTERLY) -> Period:
    """PLAN-CYCLE: the calendar cycle containing ``day``."""
    months = CYCLE_MONTHS[Cycle(cycle)]
    index = (day.month - 1) // months
    first = index * months + 1
    start, end = dt.date(day.year, first, 1), month_end(day.year, first + months - 1)
    if months == 1:
        key, label = f"{day.year}-{day.month:02d}", f"{day.year}年{day.month}月"
    elif months == 3:
        key, label = f"{day.year}Q{index + 1}", f"{day.year}年第{index + 1}季度"
    elif months == 6:
        key, label = f"{day.year}H{index + 1}", f"{day.year}年{'上' if index == 0 else '下'}半年"
    else:
        key, label = str(day.year), f"{day.year}年"
    return Period(key, label, start, end)


def ended_periods(start: dt.date, on: dt.date, cycle=Cycle.QUARTERLY) -> list[Period]:
    """Cycles from the one containing ``start`` that ended before ``on`` (the last day itself is not ended)."""
    out = []
    period = period_of(start, cycle)
    while period.end < on:
        out.append(period)
        period = period_of(period.end + dt.timedelta(days=1), cycle)
    return out


def missed_periods(start, on, cycle, accepted_keys) -> list[Period]:
    """PLAN-CYCLE: ended cycles without an accepted report."""
    return [p for p in ended_periods(start, on, cycle) if p.key not in accepted_keys]


def is_overdue(*, ongoing, due, start, on, cycle, done, accepted_keys=()) -> bool:
    """PLAN-OVERDUE (see module docstring)."""
    if ongoing:
        return bool(missed_periods(start, on, cycle, set(accepted_keys)))
    return not done and due is not None and on > due
