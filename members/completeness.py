"""Information completeness: which fields of a member record are filled, per person and per branch."""

from dataclasses import dataclass

from members.choices import PARTY_MEMBER_STATUSES, PersonCategory, PoliticalStatus

# (field, label, applies(person)) — one list, so the person page, the branch figure and the export agree.
CHECKS = [
    ("birth_date", "出生日期", lambda p: True),
    ("id_number_cipher", "身份证号", lambda p: True),
    ("ethnicity", "民族", lambda p: True),
    ("phone", "手机", lambda p: True),
    ("education", "学历", lambda p: True),
    ("staff_no", "工号/学号", lambda p: p.category in (PersonCategory.STAFF, PersonCategory.STUDENT)),
    ("unit", "所在单位", lambda p: p.category != PersonCategory.RETIRED),
    ("joined_on", "入党日期", lambda p: p.political_status in PARTY_MEMBER_STATUSES),
    ("full_member_on", "转正日期", lambda p: p.political_status == PoliticalStatus.FULL_MEMBER),
    ("source", "党员来源", lambda p: p.political_status in PARTY_MEMBER_STATUSES),
]
FIELDS = ["name", "category", "political_status"] + [f for f, _, _ in CHECKS]


@dataclass
class Completeness:
    score: int  # percent, 0–100
    missing: list

    def __str__(self):
        return f"{self.score}%"


def completeness(person) -> Completeness:
    """The share of applicable fields that are filled, and the labels of those that are not."""
    applicable = [(f, label) for f, label, applies in CHECKS if applies(person)]
    missing = [label for f, label in applicable if getattr(person, f) in (None, "")]
    score = round(100 * (len(applicable) - len(missing)) / len(applicable)) if applicable else 100
    return Completeness(score, missing)


def branch_completeness(people) -> dict:
    """Average score over ``people`` (a queryset; one query) and how often each field is missing."""
    total, count, missing = 0, 0, {}
    for person in people.only(*FIELDS):
        result = completeness(person)
        total += result.score
        count += 1
        for label in result.missing:
            missing[label] = missing.get(label, 0) + 1
    return {
        "score": round(total / count) if count else None,
        "people": count,
        "missing": sorted(missing.items(), key=lambda kv: -kv[1]),
    }
