"""Each LIFE-* rule: a test that fails if the rule were broken (boundary dates included)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.testing.world import person
from orglife import compliance, rules, services
from orglife.choices import MeetingStatus, MeetingType
from orglife.models import Appraisal, Lecture, MeetingRule
from orglife.tests.factories import meeting
from orgs.choices import Post
from orgs.models import Position

D = dt.date


@pytest.fixture
def w(world):
    # positions in the world start "today"; make them current for the whole test year
    Position.objects.update(start=D(2020, 1, 1))
    return world


def add_committee_member(world, name, post=Post.ORGANIZATION_MEMBER):
    p = person(name, world.a1)
    Position.objects.create(person=p, organization=world.a1, post=post, start=D(2020, 1, 1))
    return p


def result_for(results, org, rule_id):
    org_result = next(r for r in results if r.org.pk == org.pk)
    return next((r for r in org_result.results if r.rule.rule_id == rule_id), None)


def run(world, period, on, org=None):
    return compliance.compute(org or world.root, rules.parse_period(period), on)


# --- LIFE-QUORUM ------------------------------------------------------------------
def test_quorum_function_more_than_half():
    assert rules.quorum_met(4, 3) and not rules.quorum_met(4, 2)  # exactly half is not enough
    assert rules.quorum_met(3, 2) and not rules.quorum_met(3, 1)
    assert not rules.quorum_met(0, 0)


def test_committee_meeting_without_quorum_cannot_be_submitted_and_does_not_count(w):
    third = add_committee_member(w, "组织委员")
    fourth = add_committee_member(w, "纪检委员", Post.DISCIPLINE_MEMBER)
    expected = services.expected_people(w.a1, MeetingType.COMMITTEE_MEETING, D(2026, 3, 5))
    assert {p.pk for p in expected} == {
        w.people["secretary_a1"].pk,
        w.people["committee_a1"].pk,
        third.pk,
        fourth.pk,
    }
    half = meeting(w.a1, MeetingType.COMMITTEE_MEETING, D(2026, 3, 5), absent=[third, fourth])
    assert (half.present_count, half.quorum_met) == (2, False)
    with pytest.raises(ValidationError, match="LIFE-QUORUM"):
        services.submit_meeting(half, w.users["secretary_a1"])
    cm = result_for(run(w, "2026-03", D(2026, 4, 1)), w.a1, "LIFE-CM")
    assert (cm.held, cm.missing) == (0, 1)
    quorate = meeting(w.a1, MeetingType.COMMITTEE_MEETING, D(2026, 3, 20), absent=[fourth])
    assert quorate.quorum_met
    services.submit_meeting(quorate, w.users["secretary_a1"])
    cm = result_for(run(w, "2026-03", D(2026, 4, 1)), w.a1, "LIFE-CM")
    assert (cm.held, cm.missing) == (1, 0)


# --- LIFE-CM / LIFE-GROUP conditions ------------------------------------------------------
def test_committee_rule_only_for_branches_with_a_committee(w):
    assert result_for(run(w, "2026-03", D(2026, 4, 1)), w.a1, "LIFE-CM") is None  # 2 committee members
    add_committee_member(w, "组织委员")
    assert (
        result_for(run(w, "2026-03", D(2026, 4, 1)), w.a1, "LIFE-CM") is not None
    )  # 3: ORG-COMMITTEE minimum


def test_group_rule_only_where_groups_exist_and_group_meetings_count_for_the_branch(w):
    results = run(w, "2026-05", D(2026, 6, 1))
    assert result_for(results, w.b1, "LIFE-GROUP") is None
    assert result_for(results, w.a1, "LIFE-GROUP").missing == 1
    meeting(w.a1g, MeetingType.GROUP_MEETING, D(2026, 5, 31))
    group = result_for(run(w, "2026-05", D(2026, 6, 1)), w.a1, "LIFE-GROUP")
    assert (group.held, group.missing) == (1, 0)


# --- LIFE-GM: quarterly, boundary dates --------------------------------------------------
def test_general_meeting_quarter_boundaries(w):
    meeting(w.a1, MeetingType.GENERAL_MEETING, D(2026, 3, 31))  # last day of Q1
    meeting(w.b1, MeetingType.GENERAL_MEETING, D(2026, 4, 1))  # first day of Q2: does not rescue Q1
    q1 = run(w, "2026Q1", D(2026, 4, 1))
    assert result_for(q1, w.a1, "LIFE-GM").status == "ok"
    assert result_for(q1, w.b1, "LIFE-GM").missing == 1
    # on the last day of the quarter it is not missing yet, only pending
    assert result_for(run(w, "2026Q1", D(2026, 3, 31)), w.b1, "LIFE-GM").status == "pending"
    assert result_for(run(w, "2026Q2", D(2026, 7, 1)), w.b1, "LIFE-GM").status == "ok"


# --- LIFE-THEME monthly, and one record counting for two types -----------------------------
def test_theme_day_with_general_meeting_counts_for_both(w):
    meeting(w.a1, MeetingType.THEME_DAY, D(2026, 2, 28), also_counts_as=MeetingType.GENERAL_MEETING)
    results = run(w, "2026-02", D(2026, 3, 1))
    assert result_for(results, w.a1, "LIFE-THEME").held == 1
    assert result_for(results, w.a1, "LIFE-GM").held == 1  # same record, the Q1 slot
    assert result_for(results, w.b1, "LIFE-THEME").missing == 1


def test_types_that_may_not_be_combined_are_refused(w):
    with pytest.raises(ValidationError, match="不能合并"):
        meeting(w.a1, MeetingType.COMMITTEE_MEETING, D(2026, 2, 1), also_counts_as=MeetingType.THEME_DAY)


# --- LIFE-ORGLIFE and LIFE-APPRAISAL: yearly ------------------------------------------------
def test_org_life_meeting_yearly(w):
    meeting(w.a1, MeetingType.ORG_LIFE_MEETING, D(2026, 12, 31), also_counts_as=MeetingType.APPRAISAL)
    year = run(w, "2026", D(2027, 1, 1))
    assert result_for(year, w.a1, "LIFE-ORGLIFE").status == "ok"
    assert result_for(year, w.a1, "LIFE-APPRAISAL").status == "ok"
    assert result_for(year, w.b1, "LIFE-ORGLIFE").missing == 1
    assert result_for(run(w, "2026", D(2026, 12, 31)), w.b1, "LIFE-ORGLIFE").status == "pending"


def test_excellent_cap_is_one_third_rounded_down():
    assert [rules.excellent_cap(n) for n in (2, 3, 8, 9, 10, 12)] == [0, 1, 2, 3, 3, 4]


def test_appraisal_refuses_more_than_a_third_excellent(w):
    appraisal = services.open_appraisal(Appraisal(organization=w.a1, year=2026), w.users["secretary_a1"])
    results = list(appraisal.results.all())
    assert len(results) == 6  # the party members of A1
    grades = {r.pk: ("excellent" if i < 3 else "qualified", "", "") for i, r in enumerate(results)}
    with pytest.raises(ValidationError, match="LIFE-APPRAISAL"):
        services.save_results(appraisal, w.users["secretary_a1"], grades)
    grades[results[2].pk] = ("basic", "", "")
    services.save_results(appraisal, w.users["secretary_a1"], grades, finish=True)
    appraisal.refresh_from_db()
    assert appraisal.status == "finished"
    assert appraisal.results.filter(grade="excellent").count() == 2
    # the result is part of the member's own record
    mine = w.client("member_a1").get("/orglife/mine/").content.decode()
    assert "2026年" in mine


def test_appraisal_only_for_branches(w):
    with pytest.raises(ValidationError):
        services.open_appraisal(Appraisal(organization=w.a, year=2026), None)


# --- LIFE-DUAL ---------------------------------------------------------------------------------
def test_general_branch_secretary_attendance_at_own_branch_counts(w):
    secretary_a = w.people["secretary_a"]  # 党总支书记, member of branch A1
    meeting(w.a1, MeetingType.THEME_DAY, D(2026, 2, 10), absent=[secretary_a])
    rows = dict(
        (p.person_id, q) for p, q in compliance.dual_life(w.root, rules.parse_period("2026Q1"), D(2026, 4, 1))
    )
    assert rows[secretary_a.pk][0][1:] == (0, "missing")
    meeting(w.a1, MeetingType.THEME_DAY, D(2026, 3, 31))
    rows = dict(
        (p.person_id, q) for p, q in compliance.dual_life(w.root, rules.parse_period("2026Q1"), D(2026, 4, 1))
    )
    assert rows[secretary_a.pk][0][1:] == (1, "ok")
    # a meeting of another org does not count for the secretary's own branch
    assert w.people["secretary_a"].organization_id == w.a1.pk


# --- LIFE-LECTURE ---------------------------------------------------------------------------------
def test_party_lecture_meeting_is_the_lecturers_lecture_and_counted_per_year(w):
    lecturer = w.people["secretary_a1"]
    m = meeting(w.a1, MeetingType.PARTY_LECTURE, D(2026, 6, 30), lecturer=lecturer, topic="七一党课")
    assert Lecture.objects.get(meeting=m).lecturer == lecturer
    Lecture.objects.create(
        organization=w.a1, lecturer=lecturer, kind="first_lesson", title="第一课", given_on=D(2026, 9, 1)
    )
    Lecture.objects.create(
        organization=w.a1, lecturer=lecturer, kind="first_lesson", title="去年", given_on=D(2025, 12, 31)
    )
    assert services.lecture_counts([lecturer.pk], 2026) == {
        lecturer.pk: {"party_lecture": 1, "first_lesson": 1}
    }
    q2 = result_for(run(w, "2026Q2", D(2026, 7, 1)), w.a1, "LIFE-LECTURE")
    assert q2.status == "ok"
    body = w.client("secretary_a").get("/orglife/lecture-stats/", {"period": "2026"}).content.decode()
    assert "已讲党课" in body and "未讲党课" in body  # secretary_a1 did, secretary_a did not


# --- the rule table is data, versioned by year -----------------------------------------------------
def test_rule_row_overrides_default_from_its_effective_year(w):
    MeetingRule.objects.create(
        organization=w.root, rule_id="LIFE-THEME", meeting_type="theme_day", applies_to="branch",
        frequency="quarter", attendees="all", effective_year=2027,
    )  # fmt: skip
    assert result_for(run(w, "2026Q4", D(2027, 1, 1)), w.a1, "LIFE-THEME").required == 3  # monthly in 2026
    assert (
        result_for(run(w, "2027Q1", D(2027, 4, 1)), w.a1, "LIFE-THEME").required == 1
    )  # quarterly from 2027
    MeetingRule.objects.create(
        organization=w.root, rule_id="LIFE-THEME", meeting_type="theme_day", applies_to="branch",
        frequency="quarter", attendees="all", effective_year=2028, active=False,
    )  # fmt: skip
    assert result_for(run(w, "2028Q1", D(2028, 4, 1)), w.a1, "LIFE-THEME") is None


# --- late: held after the planned date ---------------------------------------------------------------
def test_meeting_held_after_its_planned_date_is_late(w):
    from orglife.models import PlannedMeeting

    plan = PlannedMeeting.objects.create(
        organization=w.a1, meeting_type="theme_day", planned_date=D(2026, 5, 5), topic="五四"
    )
    meeting(w.a1, MeetingType.THEME_DAY, D(2026, 5, 6), plan=plan)
    theme = result_for(run(w, "2026-05", D(2026, 6, 1)), w.a1, "LIFE-THEME")
    assert (theme.held, theme.late, theme.missing) == (1, 1, 0)


# --- workflow: 提醒、公开、备案 ---------------------------------------------------------------------------
def test_submit_review_return_publish(w):
    m = meeting(w.a1, MeetingType.GENERAL_MEETING, D(2026, 3, 10), user=w.users["secretary_a1"])
    services.submit_meeting(m, w.users["secretary_a1"])
    with pytest.raises(ValidationError, match="审核人"):
        services.review_meeting(m, w.users["secretary_a1"], approve=True)  # not their own record
    with pytest.raises(ValidationError):
        services.review_meeting(m, w.users["secretary_a"], approve=False, reason=" ")
    services.review_meeting(m, w.users["secretary_a"], approve=False, reason="缺少决定事项")
    m.refresh_from_db()
    assert (m.status, m.return_reason) == (MeetingStatus.RETURNED, "缺少决定事项")
    with pytest.raises(ValidationError, match="已备案"):
        services.publish_meeting(m, w.users["secretary_a1"])
    services.submit_meeting(m, w.users["secretary_a1"])
    services.review_meeting(m, w.users["secretary_a"], approve=True)
    with pytest.raises(ValidationError, match="不能再修改"):
        services.save_meeting(m, w.users["secretary_a1"], None)
    marker = f'id="public-{m.pk}"'
    assert marker not in w.client("member_a1").get("/orglife/mine/").content.decode()
    services.publish_meeting(m, w.users["secretary_a1"])
    assert marker in w.client("member_a1").get("/orglife/mine/").content.decode()
    assert marker not in w.client("secretary_b1").get("/orglife/mine/").content.decode()  # another branch


def test_central_group_study_is_reviewed_school_wide(w):
    m = meeting(w.a, MeetingType.CENTRAL_GROUP_STUDY, D(2026, 3, 10))
    services.submit_meeting(m, w.users["secretary_a"])
    m.refresh_from_db()
    assert not services.can_review(m, w.users["secretary_a"])
    assert services.can_review(m, w.users["xcb"])  # 宣传部
    services.review_meeting(m, w.users["xcb"], approve=True)


def test_submit_requires_the_rule_tables_required_fields(w):
    m = meeting(w.a1, MeetingType.GENERAL_MEETING, D(2026, 3, 10), decisions="")
    m.decisions = ""
    m.save()
    with pytest.raises(ValidationError, match="决定事项"):
        services.submit_meeting(m, w.users["secretary_a1"])


# --- members' attendance ----------------------------------------------------------------------------
def test_attendance_rate_streak_and_last_attended(w):
    member = w.people["member_a1"]
    meeting(w.a1, MeetingType.THEME_DAY, D(2026, 1, 10))
    for day in (D(2026, 2, 10), D(2026, 3, 10), D(2026, 4, 10)):
        meeting(w.a1, MeetingType.THEME_DAY, day, absent=[member])
    rows = {p.pk: p for p in compliance.member_attendance(w.a1, rules.parse_period("2026"))}
    assert (rows[member.pk].expected, rows[member.pk].attended, rows[member.pk].absent_streak) == (4, 1, 3)
    assert rows[w.people["secretary_a1"].pk].absent_streak == 0
    assert [p.pk for p in compliance.absent_in_a_row(w.a1, 3)] == [member.pk]
    assert compliance.absent_in_a_row(w.a1, 4) == []
    assert services.last_attended([member.pk, w.people["member_b1"].pk]) == {member.pk: D(2026, 1, 10)}


# --- problems --------------------------------------------------------------------------------------------
def test_problem_closed_and_then_frozen(w):
    from orglife.models import Problem

    m = meeting(w.a1, MeetingType.ORG_LIFE_MEETING, D(2026, 11, 20))
    p = services.save_problem(
        Problem(
            organization=w.a1,
            meeting=m,
            description="学习不深入",
            deadline=D(2026, 12, 31),
            owner=w.people["member_a1"],
        ),
        w.users["secretary_a1"],
    )
    with pytest.raises(ValidationError):
        services.close_problem(p, w.users["secretary_a1"], "")
    services.close_problem(p, w.users["secretary_a1"], "已制定学习计划并落实", on=D(2026, 12, 20))
    p.refresh_from_db()
    assert (p.status, p.closed_on) == ("closed", D(2026, 12, 20))
    with pytest.raises(ValidationError, match="已销号"):
        services.save_problem(p, w.users["secretary_a1"])
    general = meeting(w.a1, MeetingType.GENERAL_MEETING, D(2026, 3, 1))
    with pytest.raises(ValidationError, match="组织生活会"):
        services.save_problem(
            Problem(organization=w.a1, meeting=general, description="x", deadline=D(2026, 12, 31)), None
        )


# --- reminders ---------------------------------------------------------------------------------------------
def test_due_list_near_period_end(w):
    from core.reminders import due_items

    meeting(w.a1, MeetingType.THEME_DAY, D(2026, 3, 2))
    items = [i for i in due_items(D(2026, 3, 25), {"LIFE-MEETINGS"}) if i.rule == "LIFE-THEME"]
    assert {i.organization_id for i in items} == {w.b1.pk}  # A1 held its 主题党日
    assert items[0].due == D(2026, 3, 31) and items[0].period == "2026-03"
    # 11 days before the end: not yet
    assert not [i for i in services.due_list(D(2026, 3, 20)) if i.rule == "LIFE-THEME"]


def test_heatmap_leaves_months_not_over_blank(w):
    meeting(w.a1, MeetingType.THEME_DAY, D(2026, 1, 31))
    meeting(w.a1g, MeetingType.GROUP_MEETING, D(2026, 1, 2))
    results = run(w, "2026", D(2026, 3, 1))
    rows = dict((org.pk, cells) for org, cells in compliance.heatmap(results, 2026, D(2026, 3, 1)))
    assert rows[w.a1.pk][1] is not None and rows[w.a1.pk][2] is None  # February over, March not
    b1 = rows[w.b1.pk]
    assert b1[0] == 1 and b1[1] == 1  # 主题党日 missed in January and February
    assert rows[w.a1.pk][0] == 0
