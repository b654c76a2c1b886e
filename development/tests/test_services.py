import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.models import Event
from development import services
from development.choices import FileStatus
from development.rules import VoteCounts
from development.tests.helpers import APPLIED, applicant, file_at
from members.choices import ExitType, PartyStanding, PoliticalStatus

D = dt.date


def test_whole_pipeline_moves_the_person_and_dates(world):
    file = file_at(world, 25)
    person = file.person
    person.refresh_from_db()
    assert file.status == FileStatus.CONVERTED and file.current_step == 25
    assert person.political_status == PoliticalStatus.FULL_MEMBER
    assert person.joined_on == D(2023, 11, 20)  # the branch meeting, not the approval
    # DEV-AGE-PARTY / DEV-PROB: 转正日期 is one year after the meeting, not the approval date (2024-12-10)
    assert file.full_member_on == person.full_member_on == D(2024, 11, 20)
    assert person.party_age(D(2025, 11, 19)) == 0 and person.party_age(D(2025, 11, 20)) == 1
    assert [m.pk for m in file.mentors.all()] == [world.people["committee_a1"].pk]
    assert file.sponsors.count() == 2
    assert file.records.count() == 25
    assert Event.objects.filter(name="记录发展步骤").count() == 25


def test_refusal_names_rule_and_dates_and_nothing_is_written(world):
    file = file_at(world, 6)
    with pytest.raises(ValidationError) as exc:
        services.record_step(file, 7, world.users["secretary_a1"], on=D(2023, 8, 31))
    text = " ".join(exc.value.messages)
    assert (
        "确定发展对象须在确定为入党积极分子满一年之后（DEV-CAND-MIN）：确定积极分子 2022-09-01，最早 2023-09-01"
        in text
    )
    assert "DEV-PUBLIC" in text
    assert file.records.filter(step__number=7).count() == 0


def test_secretary_cannot_override_org_admin_can_with_reason(world):
    file = file_at(world, 2)
    early = D(2022, 5, 1)
    with pytest.raises(ValidationError, match="只有组织部管理员"):
        services.record_step(file, 3, world.users["secretary_a1"], on=early, override_reason="历史补录")
    with pytest.raises(ValidationError, match="DEV-ACT-MIN"):
        services.record_step(file, 3, world.users["zzb"], on=early)
    record = services.record_step(
        file, 3, world.users["zzb"], on=early, override_reason="2015 年纸质档案补录"
    )
    assert record.override and "DEV-ACT-MIN" in record.violations[0]
    assert Event.objects.filter(name="越过规则记录步骤").exists()


def test_steps_in_order(world):
    file = file_at(world, 2)
    with pytest.raises(ValidationError, match="须先记录第 3 步"):
        services.record_step(
            file, 5, world.users["secretary_a1"], on=D(2022, 9, 6), people=[world.people["committee_a1"]]
        )


def test_out_of_scope_secretary_cannot_record(world):
    file = file_at(world, 1)
    with pytest.raises(ValidationError):
        services.record_step(
            file, 2, world.users["secretary_b1"], on=D(2022, 3, 10), people=[world.people["secretary_b1"]]
        )
    assert file.records.count() == 1


def test_applicant_under_18_refused(world):
    young = applicant(world, born=D(2004, 3, 2))
    with pytest.raises(ValidationError, match="DEV-AGE"):
        services.open_file(young, world.users["secretary_a1"], applied_on=D(2022, 3, 1))
    file = services.open_file(young, world.users["secretary_a1"], applied_on=D(2022, 3, 2))
    assert file.person.political_status == PoliticalStatus.APPLICANT


def test_vote_declared_passed_refused_when_numbers_do_not_give_it(world):
    file = file_at(world, 14)
    bad = VoteCounts(should_attend=10, present=6, yes=4, no=2)
    with pytest.raises(ValidationError, match="DEV-VOTE"):
        services.record_step(file, 15, world.users["secretary_a1"], on=D(2023, 11, 20), vote=bad)
    with pytest.raises(ValidationError, match="实到人数不能多于应到人数"):
        services.record_step(
            file, 15, world.users["zzb"], on=D(2023, 11, 20), vote=VoteCounts(5, 6, 6), override_reason="x"
        )
    assert not file.records.filter(step__number=15).exists()


def test_extension_once_then_conversion_dates(world):
    file = file_at(world, 22)
    user = world.users["secretary_a1"]
    vote = VoteCounts(should_attend=10, present=9, yes=8, kind="extension")
    services.record_step(
        file, 23, user, on=D(2024, 11, 20), data={"outcome": "extend", "extension_months": 6}, vote=vote
    )
    services.record_step(file, 24, user, on=D(2024, 12, 1), approving_org=world.orgs["root"])
    file.refresh_from_db()
    assert (
        file.extension_months == 6
        and file.probation_end == D(2025, 5, 20)
        and file.status == FileStatus.PROBATION
    )
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.record_step(
            file, 23, user, on=D(2025, 5, 20), data={"outcome": "extend", "extension_months": 6}, vote=vote
        )
    from development.tests.helpers import publicity

    publicity(file, "conversion", D(2025, 5, 6))
    conv = VoteCounts(should_attend=10, present=9, yes=8, kind="conversion")
    services.record_step(file, 23, user, on=D(2025, 5, 20), data={"outcome": "convert"}, vote=conv)
    services.record_step(file, 24, user, on=D(2025, 6, 1), approving_org=world.orgs["root"])
    file.refresh_from_db()
    assert file.full_member_on == D(2025, 5, 20)
    file.person.refresh_from_db()
    assert file.person.full_member_on == D(2025, 5, 20)


def test_cancellation_ends_membership(world):
    file = file_at(world, 22)
    user = world.users["secretary_a1"]
    vote = VoteCounts(should_attend=10, present=9, yes=8, kind="cancellation")
    services.record_step(file, 23, user, on=D(2024, 11, 20), data={"outcome": "cancel"}, vote=vote)
    services.record_step(file, 24, user, on=D(2024, 12, 1), approving_org=world.orgs["root"])
    file.refresh_from_db()
    file.person.refresh_from_db()
    assert file.status == FileStatus.CANCELLED
    assert file.person.party_standing == PartyStanding.LEFT and file.person.exit_type == ExitType.CANCELLED


def test_general_branch_cannot_approve(world):
    file = file_at(world, 16)
    with pytest.raises(ValidationError, match="党总支不能审批"):
        services.record_step(
            file, 17, world.users["secretary_a1"], on=D(2024, 1, 10), approving_org=world.orgs["a"]
        )


def test_publicity_counts_working_days_with_holidays_and_makeup_days(world):
    from development.models import CalendarDay

    root = world.orgs["root"]
    # 2025 国庆: Oct 1–8 off, Sat Oct 11 a make-up workday
    for day in range(1, 9):
        CalendarDay.objects.create(organization=root, date=D(2025, 10, day), kind="holiday", name="国庆节")
    CalendarDay.objects.create(organization=root, date=D(2025, 10, 11), kind="workday", name="调休")
    file = file_at(world, 6)
    from development.tests.helpers import publicity

    p = publicity(file, "candidate", D(2025, 9, 29))  # Mon 29, Tue 30, Thu 9, Fri 10, Sat 11
    assert p.end == D(2025, 10, 11)
    assert services.count_working_days(world.a1, D(2025, 9, 29), D(2025, 10, 11)) == 5
    assert APPLIED < p.start


def test_rule_sets_2014_active_2026_present_and_off(db):
    from development.models import RuleSet

    current = RuleSet.current()
    assert current.code == "2014" and current.steps.count() == 25
    off = RuleSet.objects.get(code="2026")
    assert not off.active and "DEV-2026" in off.steps.get(number=15).checks
    assert off.params["oath_within_months"] == 1 and current.params["oath_within_months"] is None


def test_files_follow_the_rule_set_they_were_opened_under(world):
    from development.models import RuleSet

    RuleSet.objects.filter(code="2014").update(active=False)
    RuleSet.objects.filter(code="2026").update(active=True)
    file = file_at(world, 1)
    assert file.rule_set.code == "2026"


def test_reminders_yield_overdue_talk(world):
    from core.reminders import due_items

    file = file_at(world, 1)
    items = [
        i for i in due_items(D(2022, 4, 5), {"DEV-TALK"}) if i.key.startswith(f"development.file:{file.pk}:")
    ]
    assert items and items[0].due == D(2022, 4, 1) and "申请人" in items[0].title
