"""Working days for 公示: weekends off, public holidays off, make-up workdays on — configurable per year."""

import datetime as dt

from development.models import CalendarDay


def calendar_overrides(organization, start, end) -> dict:
    """{date: is_workday} from the CalendarDay rows of ``organization`` and its ancestors (deeper wins)."""
    steplen = type(organization).steplen
    paths = [organization.path[: i * steplen] for i in range(1, organization.depth + 1)]
    rows = CalendarDay.objects.filter(
        organization__path__in=paths, date__gte=start, date__lte=end
    ).values_list("date", "kind", "organization__depth")
    out = {}
    for day, kind, _depth in sorted(rows, key=lambda r: r[2]):
        out[day] = kind == "workday"
    return out


def is_workday(day: dt.date, overrides: dict) -> bool:
    return overrides.get(day, day.weekday() < 5)


def add_working_days(start: dt.date, count: int, overrides: dict) -> dt.date:
    """The last day of a period of ``count`` working days beginning on ``start`` (or the next working day)."""
    day, seen = start, 0
    while True:
        if is_workday(day, overrides):
            seen += 1
            if seen >= count:
                return day
        day += dt.timedelta(days=1)


def working_days_between(start: dt.date, end: dt.date, overrides: dict) -> int:
    """Working days from ``start`` to ``end``, both included."""
    days = (end - start).days + 1
    return sum(1 for i in range(max(days, 0)) if is_workday(start + dt.timedelta(days=i), overrides))


def publicity_end(organization, start, count):
    """End date of a 公示 of ``count`` working days starting ``start`` for this organization's calendar."""
    overrides = calendar_overrides(organization, start, start + dt.timedelta(days=count * 3 + 30))
    return add_working_days(start, count, overrides)
