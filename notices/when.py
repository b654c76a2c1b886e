"""Small date helpers for rule functions: "N days before/after a date", "before a period's end".

A rule decides what is due on the day the pass runs for; these keep the boundary arithmetic in one
place so every app counts days the same way (the boundary day itself is included).
"""

import datetime as dt


def window_open(on: dt.date, anchor: dt.date, *, days_before: int = 0, days_after: int | None = None) -> bool:
    """True from ``days_before`` days before ``anchor`` (inclusive); with ``days_after``, until that many days after."""
    if anchor is None:
        return False
    if on < anchor - dt.timedelta(days=days_before):
        return False
    return days_after is None or on <= anchor + dt.timedelta(days=days_after)


def quarter(on: dt.date) -> tuple[str, dt.date]:
    """The quarter label (e.g. "2026Q4") and its last day."""
    q = (on.month - 1) // 3 + 1
    end_month = q * 3
    next_first = dt.date(on.year + (end_month == 12), end_month % 12 + 1, 1)
    return f"{on.year}Q{q}", next_first - dt.timedelta(days=1)


def month(on: dt.date) -> tuple[str, dt.date]:
    """The month label (e.g. "2026-11") and its last day."""
    next_first = dt.date(on.year + (on.month == 12), on.month % 12 + 1, 1)
    return f"{on:%Y-%m}", next_first - dt.timedelta(days=1)


def before_period_end(on: dt.date, period_end: dt.date, days: int) -> bool:
    """True in the last ``days`` days of a period (the end day included)."""
    return period_end - dt.timedelta(days=days - 1) <= on <= period_end
