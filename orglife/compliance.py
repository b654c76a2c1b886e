"""Compliance from records: for orgs under a node and a period, each LIFE rule's required/held/missing/late.

A constant number of queries for any number of organizations and meetings (issue point 10):
orgs, committees, rule rows, and two GROUP BY aggregates over meetings (own type, and 'also counts as').
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q
from django.db.models.functions import ExtractMonth, ExtractYear

from orglife import rules
from orglife.choices import AppliesTo, Condition
from orglife.models import Meeting, MeetingRule
from orgs.choices import BRANCH_TYPES, OrgStatus, OrgType
from orgs.models import Organization, Position

MONTH_LABELS = [f"{m}月" for m in range(1, 13)]


@dataclass
class RuleResult:
    rule: object  # FrequencyRule or MeetingRule (same attribute names)
    required: int = 0
    held: int = 0
    missing: int = 0
    late: int = 0
    pending: int = 0
    slots: list = field(default_factory=list)  # (Period, required, held, status)

    @property
    def status(self):
        if self.missing:
            return "missing"
        return "pending" if self.pending else "ok"


@dataclass
class OrgResult:
    org: Organization
    results: list = field(default_factory=list)

    @property
    def missing(self):
        return sum(r.missing for r in self.results)

    @property
    def late(self):
        return sum(r.late for r in self.results)

    @property
    def compliant(self):
        return self.missing == 0


def rule_table(year, rows, org):
    """The rules in force for ``org`` in ``year``: defaults, overridden by the nearest school's newest versions."""
    table = {r.rule_id: r for r in rules.DEFAULT_RULES}
    # rows are ordered by depth then year, so nearer orgs and newer versions win
    for row in rows:
        if row.effective_year <= year and org.path.startswith(row.organization.path):
            table[row.rule_id] = row
    return [r for r in table.values() if getattr(r, "active", True)]


def applies(rule, org, committee, groups):
    if rule.applies_to == AppliesTo.BRANCH and org.org_type not in BRANCH_TYPES:
        return False
    if rule.applies_to == AppliesTo.GENERAL_BRANCH and org.org_type != OrgType.GENERAL_BRANCH:
        return False
    if rule.condition == Condition.HAS_COMMITTEE and committee < 3:  # ORG-COMMITTEE: 3–7 members
        return False
    if rule.condition == Condition.HAS_GROUPS and not groups:
        return False
    return True


def compute(under: Organization, period: rules.Period, on: dt.date, orgs_qs=None):
    """[OrgResult] for every active branch and general branch under ``under`` (inclusive)."""
    orgs_qs = orgs_qs if orgs_qs is not None else Organization.objects.all()
    orgs = list(
        orgs_qs.filter(path__startswith=under.path, status=OrgStatus.ACTIVE)
        .only("id", "name", "short_name", "path", "depth", "org_type", "category", "status")
        .order_by("path")
    )
    by_path = {o.path: o for o in orgs}
    by_id = {o.pk: o for o in orgs}
    committee = dict(
        Position.objects.current(on)
        .committee()
        .filter(organization__path__startswith=under.path)
        .values("organization_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("organization_id", "n")
        .order_by()
    )
    rule_rows = list(
        MeetingRule.objects.filter(effective_year__lte=period.end.year)
        .select_related("organization")
        .order_by("organization__depth", "effective_year")
    )
    # counting window: the whole years around the period (year rules see the whole year)
    start = dt.date(period.start.year, 1, 1)
    end = dt.date(period.end.year, 12, 31)
    counts = defaultdict(lambda: [0, 0])  # (owner org id, type, year, month) → [held, late]
    base = Meeting.objects.filter(
        organization__path__startswith=under.path, held_on__range=(start, end), quorum_met=True
    ).order_by()
    late = Count("pk", filter=Q(plan__planned_date__lt=F("held_on")))
    for type_field in ("meeting_type", "also_counts_as"):
        rows = (
            base.exclude(**{type_field: ""})
            .annotate(y=ExtractYear("held_on"), m=ExtractMonth("held_on"))
            .values("organization_id", type_field, "y", "m")
            .annotate(n=Count("pk"), late=late)
        )
        for row in rows:
            org = by_id.get(row["organization_id"])
            owner = _owner(org.path, by_path) if org is not None else None
            if owner is None:
                continue
            cell = counts[(owner.pk, row[type_field], row["y"], row["m"])]
            cell[0] += row["n"]
            cell[1] += row["late"]
    groups = defaultdict(int)
    for org in orgs:
        if org.org_type == OrgType.GROUP:
            owner = _owner(org.path, by_path)
            if owner is not None:
                groups[owner.pk] += 1
    out = []
    for org in orgs:
        if org.org_type not in (*BRANCH_TYPES, OrgType.GENERAL_BRANCH):
            continue
        result = OrgResult(org)
        for rule in rule_table(period.end.year, rule_rows, org):
            if not applies(rule, org, committee.get(org.pk, 0), groups.get(org.pk, 0)):
                continue
            result.results.append(_evaluate(rule, org, period, on, counts, groups.get(org.pk, 0)))
        out.append(result)
    return out


def _owner(path, by_path):
    """The branch or general branch a meeting's org counts for (a 党小组's meetings count for its branch)."""
    org = by_path.get(path)
    while org is not None and org.org_type == OrgType.GROUP:
        org = by_path.get(org.path[: -Organization.steplen])
    return org


def _evaluate(rule, org, period, on, counts, n_groups):
    required_each = rule.min_count * (n_groups if rule.condition == Condition.HAS_GROUPS else 1)
    result = RuleResult(rule)
    for slot in rules.slots(rule.frequency, period):
        held = late = 0
        for year, month in slot.months():
            cell = counts.get((org.pk, rule.meeting_type, year, month))
            if cell:
                held += cell[0]
                late += cell[1]
        result.required += required_each
        result.held += held
        result.late += late
        if held >= required_each:
            status = "ok"
        elif slot.end < on:
            status = "missing"
            result.missing += required_each - held
        else:
            status = "pending"
            result.pending += required_each - held
        result.slots.append((slot, required_each, held, status))
    return result


def heatmap(results, year, on):
    """Branch × month: rule requirements missed in slots ending that month (None: month not over yet)."""
    rows = []
    for org_result in results:
        cells = [0] * 12
        for rule_result in org_result.results:
            for slot, _required, _held, status in rule_result.slots:
                if slot.end.year == year and status == "missing":
                    cells[slot.end.month - 1] += 1
        rows.append(
            (org_result.org, [c if rules.month_end(year, m + 1) < on else None for m, c in enumerate(cells)])
        )
    return rows


def heatmap_option(rows, title):
    """An ECharts heatmap option (static/js/app.js renders it)."""
    names = [org.display_short for org, _ in rows]
    data = [
        [m, i, value]
        for i, (_org, cells) in enumerate(rows)
        for m, value in enumerate(cells)
        if value is not None
    ]
    return {
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"position": "top"},
        "grid": {"left": 160, "right": 30, "top": 40, "bottom": 70},
        "xAxis": {"type": "category", "data": MONTH_LABELS, "splitArea": {"show": True}},
        "yAxis": {"type": "category", "data": names, "inverse": True, "splitArea": {"show": True}},
        "visualMap": {
            "min": 0,
            "max": 3,
            "calculable": True,
            "orient": "horizontal",
            "left": "center",
            "bottom": 5,
            "text": ["缺项多", "合规"],
            "inRange": {"color": ["#2fb344", "#f59f00", "#d63939"]},
        },
        "series": [
            {"name": "缺项数", "type": "heatmap", "data": data, "label": {"show": True}, "emphasis": {}}
        ],
    }


def period_choices(year):
    out = [(str(year), f"{year}年")]
    out += [(f"{year}Q{q}", f"{year}年第{q}季度") for q in range(1, 5)]
    out += [(f"{year}-{m:02d}", f"{year}年{m}月") for m in range(1, 13)]
    return out


# --- members' attendance -------------------------------------------------------------
def member_attendance(under: Organization, period: rules.Period, people_qs=None, limit=None):
    """Each party member under ``under``: expected, attended and rate in the period, and absences in a row (now).

    Three queries whatever the size: the members with their counts, each one's last attendance,
    and the absences (the relationships issue reads ``absent_streak`` to find members losing contact).
    """
    from members.models import Person

    people_qs = people_qs if people_qs is not None else Person.objects.all()
    in_period = Q(meeting_attendance__meeting__held_on__range=(period.start, period.end))
    people = (
        people_qs.party_members()
        .filter(organization__path__startswith=under.path)
        .select_related("organization")
        .annotate(
            expected=Count("meeting_attendance", filter=in_period),
            attended=Count("meeting_attendance", filter=in_period & Q(meeting_attendance__present=True)),
        )
        .order_by("organization__path", "name", "pk")
    )
    people = list(people[:limit] if limit else people)
    streaks = absent_streaks(under, people_qs)
    for p in people:
        p.absent_streak = streaks.get(p.pk, 0)
    return people


def absent_streaks(under: Organization, people_qs=None) -> dict:
    """{person_id: meetings missed since the last one attended} for members under ``under`` (two queries)."""
    from members.models import Person
    from orglife.models import Attendance

    people_qs = people_qs if people_qs is not None else Person.objects.all()
    ids = people_qs.filter(organization__path__startswith=under.path).values("pk")
    rows = Attendance.objects.filter(person__in=ids).order_by()
    last = dict(
        rows.filter(present=True)
        .values("person_id")
        .annotate(d=Max("meeting__held_on"))
        .values_list("person_id", "d")
    )
    out = defaultdict(int)
    for person_id, day in rows.filter(present=False).values_list("person_id", "meeting__held_on"):
        if person_id not in last or day > last[person_id]:
            out[person_id] += 1
    return dict(out)


def absent_in_a_row(under: Organization, n: int, people_qs=None):
    """Members whose last ``n`` or more expected meetings were all missed."""
    from members.models import Person

    streaks = {pid: k for pid, k in absent_streaks(under, people_qs).items() if k >= n}
    people = list(Person.objects.filter(pk__in=streaks).select_related("organization").order_by("name", "pk"))
    for p in people:
        p.absent_streak = streaks[p.pk]
    return people


def dual_life(under: Organization, period: rules.Period, on: dt.date):
    """LIFE-DUAL: each 党总支/党委 secretary's attendance at their own branch, per quarter of the period."""
    from django.db.models.functions import TruncQuarter

    from orglife.models import Attendance
    from orgs.choices import Post

    positions = list(
        Position.objects.current(on)
        .filter(
            post__in=(Post.SECRETARY, Post.DEPUTY_SECRETARY),
            organization__org_type__in=(OrgType.GENERAL_BRANCH, OrgType.COMMITTEE),
            organization__path__startswith=under.path,
        )
        .select_related("person__organization", "organization")
        .order_by("organization__path", "post")
    )
    rows = (
        Attendance.objects.filter(
            person_id__in=[p.person_id for p in positions],
            present=True,
            meeting__organization_id=F("person__organization_id"),
            meeting__held_on__range=(period.start, period.end),
        )
        .annotate(q=TruncQuarter("meeting__held_on"))
        .values("person_id", "q")
        .annotate(n=Count("pk"))
        .order_by()
    )
    attended = defaultdict(dict)
    for row in rows:
        q = row["q"].date() if isinstance(row["q"], dt.datetime) else row["q"]
        attended[row["person_id"]][q] = row["n"]
    out = []
    for position in positions:
        quarters = []
        for slot in rules.slots("quarter", period):
            n = attended[position.person_id].get(slot.start, 0)
            status = "ok" if n >= rules.DUAL_MIN_PER_QUARTER else ("missing" if slot.end < on else "pending")
            quarters.append((slot, n, status))
        out.append((position, quarters))
    return out
