"""Each DEV-* rule: a case that passes and one that is refused, at the boundary dates (no database)."""

import datetime as dt

import pytest

from development import rules
from development.rules import Facts, PersonFact, PublicityFact, VoteCounts
from development.steps import PARAMS_2014, PARAMS_2026

D = dt.date
FULL = PersonFact("李四", "full_member")


def facts(step, on, **kw):
    return Facts(step=step, on=on, params=kw.pop("params", PARAMS_2014), **kw)


def test_dev_age_exactly_18_on_the_day_passes_one_day_earlier_refused():
    born = D(2006, 3, 15)
    assert rules.RULES["DEV-AGE"](facts(1, D(2024, 3, 15), birth_date=born)) is None
    msg = rules.RULES["DEV-AGE"](facts(1, D(2024, 3, 14), birth_date=born))
    assert "DEV-AGE" in msg and "2006-03-15" in msg and "最早 2024-03-15" in msg
    assert "缺少出生日期" in rules.RULES["DEV-AGE"](facts(1, D(2024, 3, 14)))


def test_dev_talk_within_one_month():
    applied = D(2024, 1, 31)
    assert rules.RULES["DEV-TALK"](facts(2, D(2024, 2, 29), applied_on=applied)) is None
    msg = rules.RULES["DEV-TALK"](facts(2, D(2024, 3, 1), applied_on=applied))
    assert "DEV-TALK" in msg and "最迟 2024-02-29" in msg


def test_dev_act_min_six_months():
    applied = D(2023, 9, 10)
    assert rules.RULES["DEV-ACT-MIN"](facts(3, D(2024, 3, 10), applied_on=applied)) is None
    msg = rules.RULES["DEV-ACT-MIN"](facts(3, D(2024, 3, 9), applied_on=applied))
    assert "DEV-ACT-MIN" in msg and "最早 2024-03-10" in msg


def test_dev_cand_min_exactly_one_year_message_names_dates():
    activist = D(2024, 3, 15)
    assert rules.RULES["DEV-CAND-MIN"](facts(7, D(2025, 3, 15), activist_on=activist)) is None
    msg = rules.RULES["DEV-CAND-MIN"](facts(7, D(2025, 3, 14), activist_on=activist))
    assert (
        msg
        == "确定发展对象须在确定为入党积极分子满一年之后（DEV-CAND-MIN）：确定积极分子 2024-03-15，最早 2025-03-15"
    )


def test_dev_mentor_one_or_two_full_members():
    check = rules.RULES["DEV-MENTOR"]
    assert check(facts(5, D(2024, 1, 1), people=[FULL])) is None
    assert check(facts(5, D(2024, 1, 1), people=[FULL, FULL])) is None
    assert "现为 3 名" in check(facts(5, D(2024, 1, 1), people=[FULL] * 3))
    assert "现为 0 名" in check(facts(5, D(2024, 1, 1), people=[]))
    assert "不是党籍正常的正式党员" in check(
        facts(5, D(2024, 1, 1), people=[PersonFact("王五", "probationary")])
    )


def test_dev_sponsor_two_full_members_not_probationary_not_suspended_rights():
    check = rules.RULES["DEV-SPONSOR"]
    assert check(facts(9, D(2024, 1, 1), people=[FULL, FULL])) is None
    assert "现为 1 名" in check(facts(9, D(2024, 1, 1), people=[FULL]))
    assert "王五" in check(facts(9, D(2024, 1, 1), people=[FULL, PersonFact("王五", "probationary")]))
    suspended = PersonFact("赵六", "full_member", rights_suspended=True)
    assert "留党察看" in check(facts(9, D(2024, 1, 1), people=[FULL, suspended]))
    stopped = PersonFact("钱七", "full_member", standing="suspended")
    assert "钱七" in check(facts(9, D(2024, 1, 1), people=[FULL, stopped]))


def test_dev_polrev_needs_written_conclusion():
    check = rules.RULES["DEV-POLREV"]
    assert check(facts(10, D(2024, 1, 1), data={"conclusion": "政治审查合格"})) is None
    assert "DEV-POLREV" in check(facts(10, D(2024, 1, 1), data={"conclusion": "  "}))
    assert check(facts(15, D(2024, 1, 1), polrev_conclusion="合格")) is None
    assert "DEV-POLREV" in check(facts(15, D(2024, 1, 1)))


def test_dev_train_three_days_or_24_hours():
    check = rules.RULES["DEV-TRAIN"]
    assert check(facts(11, D(2024, 1, 1), data={"days": 3})) is None
    assert check(facts(11, D(2024, 1, 1), data={"hours": 24})) is None
    assert "DEV-TRAIN" in check(facts(11, D(2024, 1, 1), data={"days": 2, "hours": 23}))
    assert "DEV-TRAIN" in check(facts(15, D(2024, 1, 1), training={"days": 2.5}))


def test_dev_public_five_working_days_ended_before_the_decision():
    check = rules.RULES["DEV-PUBLIC"]
    ok = PublicityFact("candidate", D(2025, 3, 3), D(2025, 3, 7), 5)
    assert check(facts(7, D(2025, 3, 8), publicities=[ok])) is None
    assert "没有已结束的公示" in check(facts(7, D(2025, 3, 7), publicities=[ok]))
    short = PublicityFact("candidate", D(2025, 3, 3), D(2025, 3, 6), 4)
    assert "仅 4 个工作日" in check(facts(7, D(2025, 3, 10), publicities=[short]))
    assert "DEV-PUBLIC" in check(facts(15, D(2025, 3, 10), publicities=[ok]))  # wrong kind for admission
    assert (
        check(facts(23, D(2025, 3, 10), data={"outcome": "extend"})) is None
    )  # only conversion is published


def test_dev_vote_half_of_those_present_is_not_enough():
    # 10 should attend, 6 present, 4 yes: more than half of those present, not of those who should attend.
    v = VoteCounts(should_attend=10, present=6, yes=4, no=2)
    assert rules.vote_result(v) == (True, False)
    msg = rules.RULES["DEV-VOTE"](facts(15, D(2025, 1, 1), vote=v))
    assert "DEV-VOTE" in msg and "须多于 5" in msg


def test_dev_vote_absent_written_opinions_count():
    v = VoteCounts(should_attend=10, present=6, yes=5, no=1, written_yes=1)
    assert rules.vote_result(v) == (True, True)
    assert rules.RULES["DEV-VOTE"](facts(15, D(2025, 1, 1), vote=v)) is None
    exactly_half = VoteCounts(should_attend=10, present=6, yes=4, no=2, written_yes=1)
    assert rules.vote_result(exactly_half) == (True, False)


def test_dev_vote_quorum_more_than_half_present():
    v = VoteCounts(should_attend=10, present=5, yes=5, written_yes=1)
    assert rules.vote_result(v) == (False, False)
    assert "实到 5" in rules.RULES["DEV-VOTE"](facts(15, D(2025, 1, 1), vote=v))
    assert rules.vote_errors(VoteCounts(should_attend=10, present=6, yes=5, no=2))
    assert rules.vote_errors(VoteCounts(should_attend=10, present=8, yes=8, written_yes=3))


def test_dev_vote_kind_must_match_decision():
    v = VoteCounts(should_attend=3, present=3, yes=3, kind="conversion")
    assert rules.RULES["DEV-VOTE"](facts(23, D(2025, 1, 1), vote=v, data={"outcome": "convert"})) is None
    assert "延长预备期" in rules.RULES["DEV-VOTE"](
        facts(23, D(2025, 1, 1), vote=v, data={"outcome": "extend"})
    )


def test_dev_approve_three_months_six_special_not_general_branch():
    check = rules.RULES["DEV-APPROVE"]
    meeting = D(2025, 1, 10)
    assert check(facts(17, D(2025, 4, 10), admitted_on=meeting, approving_org_type="committee")) is None
    msg = check(facts(17, D(2025, 4, 11), admitted_on=meeting, approving_org_type="committee"))
    assert "DEV-APPROVE" in msg and "最迟 2025-04-10" in msg
    special = facts(
        17, D(2025, 7, 10), admitted_on=meeting, approving_org_type="committee", data={"special": True}
    )
    assert check(special) is None
    special.on = D(2025, 7, 11)
    assert "DEV-APPROVE" in check(special)
    assert "党总支不能审批" in check(
        facts(17, D(2025, 2, 1), admitted_on=meeting, approving_org_type="general_branch")
    )
    conv = facts(24, D(2026, 4, 1), conversion_meeting_on=D(2026, 1, 1), approving_org_type="committee")
    assert check(conv) is None


def test_dev_prob_one_year_from_branch_meeting_with_extension():
    assert rules.probation_end(D(2024, 6, 20), PARAMS_2014) == D(2025, 6, 20)
    assert rules.probation_end(D(2024, 6, 20), PARAMS_2014, 6) == D(2025, 12, 20)


def test_dev_prob_end_convert_after_end_extend_once_6_to_12_months():
    check = rules.RULES["DEV-PROB-END"]
    end = D(2025, 6, 20)
    assert check(facts(23, end, probation_end=end, data={"outcome": "convert"})) is None
    assert "预备期满 2025-06-20" in check(
        facts(23, D(2025, 6, 19), probation_end=end, data={"outcome": "convert"})
    )
    assert check(facts(23, end, probation_end=end, data={"outcome": "extend", "extension_months": 6})) is None
    assert (
        check(facts(23, end, probation_end=end, data={"outcome": "extend", "extension_months": 12})) is None
    )
    assert "5 个月" in check(
        facts(23, end, probation_end=end, data={"outcome": "extend", "extension_months": 5})
    )
    assert "13 个月" in check(
        facts(23, end, probation_end=end, data={"outcome": "extend", "extension_months": 13})
    )
    again = facts(
        23, end, probation_end=end, extension_months=6, data={"outcome": "extend", "extension_months": 6}
    )
    assert "只能延长一次" in check(again)
    assert check(facts(23, end, probation_end=end, data={"outcome": "cancel"})) is None
    assert "DEV-PROB-END" in check(facts(23, end, probation_end=end, data={}))


def test_dev_oath_within_probation_and_2026_within_one_month():
    check = rules.RULES["DEV-OATH"]
    base = {"approved_on": D(2025, 3, 1), "probation_end": D(2026, 1, 10)}
    assert check(facts(20, D(2025, 3, 1), **base)) is None
    assert "DEV-OATH" in check(facts(20, D(2025, 2, 28), **base))
    assert "DEV-OATH" in check(facts(20, D(2026, 1, 11), **base))
    assert check(facts(20, D(2025, 4, 1), params=PARAMS_2026, **base)) is None
    assert "DEV-2026" in check(facts(20, D(2025, 4, 2), params=PARAMS_2026, **base))


def test_dev_archive_within_a_week_of_conversion():
    check = rules.RULES["DEV-ARCHIVE"]
    assert check(facts(25, D(2025, 3, 8), conversion_approved_on=D(2025, 3, 1))) is None
    assert "最迟 2025-03-08" in check(facts(25, D(2025, 3, 9), conversion_approved_on=D(2025, 3, 1)))


def test_dev_2026_meeting_within_one_month_of_prereview_only_in_2026_set():
    check = rules.RULES["DEV-2026"]
    late = {"prereview_on": D(2025, 1, 15)}
    assert check(facts(15, D(2025, 3, 1), **late)) is None  # 2014 set: no such limit
    assert check(facts(15, D(2025, 2, 15), params=PARAMS_2026, **late)) is None
    assert "DEV-2026" in check(facts(15, D(2025, 2, 16), params=PARAMS_2026, **late))


@pytest.mark.parametrize("rule_id", sorted(rules.RULES))
def test_every_rule_has_a_label(rule_id):
    assert rules.LABELS[rule_id]
