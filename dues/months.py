"""Months as the first day of the month: arithmetic and labels."""

import datetime as dt


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> int:
    """Number of months from ``first`` to ``last`` inclusive (0 if last < first)."""
    return max(0, (last.year - first.year) * 12 + last.month - first.month + 1)


def month_range(first: dt.date, last: dt.date):
    return [add_months(first, i) for i in range(months_between(first, last))]


def label(month) -> str:
    return f"{month.year}年{month.month}月" if month else "—"
