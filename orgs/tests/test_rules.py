import datetime as dt

from orgs.choices import BranchCategory, OrgType
from orgs.models import Organization
from orgs.rules import structure_warnings

TODAY = dt.date(2026, 11, 27)


def org(**kw):
    return Organization(
        name="x",
        code="x",
        org_type=kw.pop("org_type", OrgType.BRANCH),
        category=kw.pop("category", BranchCategory.TEACHER),
        term_start=dt.date(2025, 1, 1),
        term_end=dt.date(2028, 1, 1),
        **kw,
    )


def rules(o, members, committee=3):
    return [
        (w.rule, w.message)
        for w in structure_warnings(o, full_members=members, committee_size=committee, today=TODAY)
    ]


def test_org_branch_bounds():
    assert rules(org(), 3) == []
    assert any(r == "ORG-BRANCH" and "少于 3 人" in m for r, m in rules(org(), 2))
    assert rules(org(), 50) == []
    assert ("ORG-BRANCH", "正式党员 51 人，超过 50 人，建议拆分") in rules(org(), 51)
    assert rules(org(category=BranchCategory.STUDENT), 30) == []
    assert any(r == "ORG-BRANCH" for r, _ in rules(org(category=BranchCategory.STUDENT), 31))


def test_org_committee_from_seven():
    assert rules(org(), 6, committee=1) == []
    assert any(r == "ORG-COMMITTEE" for r, _ in rules(org(), 7, committee=2))
    assert rules(org(), 7, committee=3) == []
    assert any(r == "ORG-COMMITTEE" for r, _ in rules(org(), 20, committee=8))


def test_org_level_thresholds():
    gb = org(org_type=OrgType.GENERAL_BRANCH, category="")
    assert any("不足 50" in m for _, m in rules(gb, 49))
    assert rules(gb, 50) == [] and rules(gb, 99) == []
    assert any("党委" in m for _, m in rules(gb, 100))


def test_org_term_six_months_before_and_after():
    o = org()
    o.term_end = dt.date(2027, 5, 27)  # exactly six months ahead
    assert any(r == "ORG-TERM" for r, _ in rules(o, 10))
    o.term_end = dt.date(2027, 5, 28)
    assert rules(o, 10) == []
    o.term_end = dt.date(2026, 11, 26)
    assert any("已于" in m for _, m in rules(o, 10))
