"""Structure rules ORG-BRANCH, ORG-COMMITTEE, ORG-LEVEL, ORG-TERM (DOMAIN.md §4), as warnings on an org page."""

import datetime as dt
from dataclasses import dataclass

from orgs.choices import BRANCH_TYPES, BranchCategory, OrgStatus, OrgType

# Defaults the organization department may change (numbers from DOMAIN.md §4).
STRUCTURE = {
    "branch_min": 3,  # ORG-BRANCH: at least 3 full members
    "branch_max": 50,  # ORG-BRANCH: generally no more than 50
    "student_branch_max": 30,  # ORG-BRANCH (default): student branches at most 30
    "committee_from": 7,  # ORG-COMMITTEE: ≥ 7 full members → elect a committee
    "committee_min": 3,
    "committee_max": 7,
    "level_committee": 100,  # ORG-LEVEL: ≥ 100 full members at college level → 党委
    "level_general_branch": 50,  # ORG-LEVEL: 50–100 → 党总支; fewer → 直属党支部
    "term_years": 3,  # ORG-TERM
    "term_warn_months": 6,  # ORG-TERM: remind 6 months before expiry
}


@dataclass(frozen=True)
class StructureWarning:
    rule: str
    message: str
    level: str = "warning"  # warning | danger | info


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def structure_warnings(
    org, *, full_members: int, committee_size: int, today: dt.date
) -> list[StructureWarning]:
    """Warnings for one organization, given its full-member count (whole subtree) and committee size."""
    if org.status != OrgStatus.ACTIVE:
        return []
    s = STRUCTURE
    out = []
    if org.org_type in BRANCH_TYPES:
        if full_members < s["branch_min"]:
            out.append(
                StructureWarning(
                    "ORG-BRANCH",
                    f"正式党员 {full_members} 人，少于 {s['branch_min']} 人，不符合单独设立党支部的条件，建议与相邻支部联合设立",
                    "danger",
                )
            )
        elif full_members > s["branch_max"]:
            out.append(
                StructureWarning(
                    "ORG-BRANCH", f"正式党员 {full_members} 人，超过 {s['branch_max']} 人，建议拆分"
                )
            )
        elif org.category == BranchCategory.STUDENT and full_members > s["student_branch_max"]:
            out.append(
                StructureWarning(
                    "ORG-BRANCH",
                    f"学生党支部正式党员 {full_members} 人，超过 {s['student_branch_max']} 人，建议拆分",
                )
            )
        if full_members >= s["committee_from"] and committee_size < s["committee_min"]:
            out.append(
                StructureWarning(
                    "ORG-COMMITTEE",
                    f"正式党员 {full_members} 人（≥{s['committee_from']} 人），应设立支部委员会（{s['committee_min']}–5 人），现有委员 {committee_size} 人",
                )
            )
        elif committee_size > s["committee_max"]:
            out.append(
                StructureWarning(
                    "ORG-COMMITTEE", f"支部委员 {committee_size} 人，超过 {s['committee_max']} 人"
                )
            )
    if org.org_type == OrgType.GENERAL_BRANCH:
        if full_members >= s["level_committee"]:
            out.append(
                StructureWarning(
                    "ORG-LEVEL",
                    f"正式党员 {full_members} 人，达到 {s['level_committee']} 人，可按规定设立院（系）党委",
                    "info",
                )
            )
        elif full_members < s["level_general_branch"]:
            out.append(
                StructureWarning(
                    "ORG-LEVEL",
                    f"正式党员 {full_members} 人，不足 {s['level_general_branch']} 人，按标准宜设立直属党支部",
                    "info",
                )
            )
    if org.org_type in (*BRANCH_TYPES, OrgType.GENERAL_BRANCH):
        out.extend(term_warnings(org, today))
    return out


def term_warnings(org, today: dt.date) -> list[StructureWarning]:
    """ORG-TERM: flag 6 months before the term ends, and after it has ended."""
    if not org.term_end:
        if org.term_start:
            return []
        return [StructureWarning("ORG-TERM", "未登记本届任期，无法提醒换届", "info")]
    if org.term_end < today:
        return [
            StructureWarning(
                "ORG-TERM",
                f"任期已于 {org.term_end:%Y-%m-%d} 届满，应按期换届（延期不超过 1 年，须经上级批准）",
                "danger",
            )
        ]
    if org.term_end <= add_months(today, STRUCTURE["term_warn_months"]):
        return [StructureWarning("ORG-TERM", f"任期将于 {org.term_end:%Y-%m-%d} 届满，请做好换届准备")]
    return []
