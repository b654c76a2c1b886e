"""The LIFE-* rules of DOMAIN.md §3, each encoded once: frequencies as data, quorum and the 优秀 cap as functions.

The frequency table ships as ``DEFAULT_RULES``; the organization department edits it as
``MeetingRule`` rows (per school, versioned by the year they take effect), which override
the default with the same rule id from that year on.
"""

import datetime as dt
from dataclasses import dataclass

from orglife.choices import AppliesTo, Attendees, Condition, Frequency, MeetingType


@dataclass(frozen=True)
class FrequencyRule:
    rule_id: str
    meeting_type: str
    applies_to: str
    frequency: str
    min_count: int = 1
    condition: str = Condition.NONE
    attendees: str = Attendees.ALL
    required_fields: tuple = ("topic", "content")
    note: str = ""


DEFAULT_RULES = [
    # national: 《中国共产党支部工作条例（试行）》 and the 党员教育管理工作条例
    FrequencyRule("LIFE-GM", MeetingType.GENERAL_MEETING, AppliesTo.BRANCH, Frequency.QUARTER,
                  required_fields=("topic", "content", "decisions"), note="支部党员大会每季度至少一次"),
    FrequencyRule("LIFE-CM", MeetingType.COMMITTEE_MEETING, AppliesTo.BRANCH, Frequency.MONTH,
                  condition=Condition.HAS_COMMITTEE, attendees=Attendees.COMMITTEE,
                  required_fields=("topic", "decisions"), note="支委会每月至少一次（设支委会的支部）"),
    FrequencyRule("LIFE-GROUP", MeetingType.GROUP_MEETING, AppliesTo.BRANCH, Frequency.MONTH,
                  condition=Condition.HAS_GROUPS, attendees=Attendees.GROUP, note="党小组会每月至少一次（每个党小组）"),
    FrequencyRule("LIFE-LECTURE", MeetingType.PARTY_LECTURE, AppliesTo.BRANCH, Frequency.QUARTER,
                  note="党课每季度至少一次"),
    # default (local practice): 主题党日 monthly
    FrequencyRule("LIFE-THEME", MeetingType.THEME_DAY, AppliesTo.BRANCH, Frequency.MONTH, note="主题党日每月一次"),
    FrequencyRule("LIFE-ORGLIFE", MeetingType.ORG_LIFE_MEETING, AppliesTo.BRANCH, Frequency.YEAR,
                  required_fields=("topic", "content", "decisions"), note="组织生活会每年至少一次，一般在第四季度"),
    FrequencyRule("LIFE-APPRAISAL", MeetingType.APPRAISAL, AppliesTo.BRANCH, Frequency.YEAR, note="民主评议党员每年一次"),
    # default, from plan 1 §三 (中心组学习计划, 领导班子民主生活会) and the 总支 committee's monthly meeting
    FrequencyRule("LIFE-CGS", MeetingType.CENTRAL_GROUP_STUDY, AppliesTo.GENERAL_BRANCH, Frequency.QUARTER,
                  attendees=Attendees.LEADING_GROUP, note="院（系）理论学习中心组学习每季度至少一次"),
    FrequencyRule("LIFE-DLM", MeetingType.DEMOCRATIC_LIFE_MEETING, AppliesTo.GENERAL_BRANCH, Frequency.YEAR,
                  attendees=Attendees.LEADING_GROUP, required_fields=("topic", "content", "decisions"),
                  note="领导班子民主生活会每年一次"),
    FrequencyRule("LIFE-GBC", MeetingType.GENERAL_BRANCH_COMMITTEE, AppliesTo.GENERAL_BRANCH, Frequency.MONTH,
                  attendees=Attendees.COMMITTEE, required_fields=("topic", "decisions"),
                  note="党总支委员会会议每月至少一次"),
]  # fmt: skip

RULE_IDS = [r.rule_id for r in DEFAULT_RULES]
# Which attendees a meeting type expects, whatever the rule table says about frequency.
ATTENDEES = {r.meeting_type: r.attendees for r in DEFAULT_RULES}


def quorum_met(committee_size: int, present: int) -> bool:
    """LIFE-QUORUM: a committee meeting needs more than half of its members present."""
    return committee_size > 0 and present * 2 > committee_size


def excellent_cap(graded: int) -> int:
    """LIFE-APPRAISAL: 优秀 at most one third of the members appraised (rounded down)."""
    return graded // 3


LECTURE_MIN_PER_YEAR = 1  # LIFE-LECTURE: secretaries give at least one lecture a year
DUAL_MIN_PER_QUARTER = (
    1  # LIFE-DUAL (default): the secretary attends their own branch at least once a quarter
)


# --- periods -----------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """A month, quarter or year: [start, end]."""

    kind: str
    start: dt.date
    end: dt.date

    @property
    def label(self):
        if self.kind == Frequency.MONTH:
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == Frequency.QUARTER:
            return f"{self.start.year}年第{(self.start.month - 1) // 3 + 1}季度"
        return f"{self.start.year}年"

    @property
    def key(self):
        if self.kind == Frequency.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == Frequency.QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def months(self):
        return [(self.start.year, m) for m in range(self.start.month, self.end.month + 1)]


def month_end(year, month):
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def period_of(kind: str, day: dt.date) -> Period:
    """The month, quarter or year containing ``day``."""
    if kind == Frequency.MONTH:
        return Period(kind, day.replace(day=1), month_end(day.year, day.month))
    if kind == Frequency.QUARTER:
        first = (day.month - 1) // 3 * 3 + 1
        return Period(kind, dt.date(day.year, first, 1), month_end(day.year, first + 2))
    return Period(Frequency.YEAR, dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


def parse_period(text: str) -> Period:
    """'2026', '2026Q3' or '2026-07' → Period. Raises ValueError."""
    text = (text or "").strip().upper()
    if "Q" in text:
        year, q = text.split("Q")
        return period_of(Frequency.QUARTER, dt.date(int(year), (int(q) - 1) * 3 + 1, 1))
    if "-" in text:
        year, month = text.split("-")
        return period_of(Frequency.MONTH, dt.date(int(year), int(month), 1))
    return period_of(Frequency.YEAR, dt.date(int(text), 1, 1))


def slots(frequency: str, period: Period) -> list[Period]:
    """The rule's own periods (months, quarters or the year) that overlap ``period``."""
    out, day = [], period.start
    while day <= period.end:
        slot = period_of(frequency, day)
        out.append(slot)
        day = slot.end + dt.timedelta(days=1)
    return out
