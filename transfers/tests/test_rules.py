"""Each REL-* rule at its boundary, through the services that enforce it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from transfers import reminders, rules, services
from transfers.models import GraduateRetention, MobileMember, MobileReport, StandingDecision, Transfer
from transfers.tests.helpers import D, letter_out, member


# --- REL-LETTER ---------------------------------------------------------------------------
def test_letter_default_validity_is_30_days(world):
    t = letter_out(world, "a1", issued_on=D(2026, 1, 1))
    assert t.valid_days == 30 and t.valid_until == D(2026, 1, 31)


def test_letter_validity_at_most_three_months(world):
    # 2026-01-15 + 3 months = 2026-04-15 = 90 days later
    ok = letter_out(world, "a1", issued_on=D(2026, 1, 15), valid_days=90)
    assert ok.valid_until == D(2026, 4, 15)
    with pytest.raises(ValidationError, match="REL-LETTER"):
        letter_out(world, "a1", issued_on=D(2026, 1, 15), valid_days=91)
    assert not Transfer.objects.filter(valid_days=91).exists()


def test_letter_without_receipt_is_flagged_only_after_validity(world):
    t = letter_out(world, "a1", issued_on=D(2026, 1, 1))  # valid until 2026-01-31
    assert not t.is_overdue(D(2026, 1, 31))
    assert t.is_overdue(D(2026, 2, 1))
    keys = {i.key for i in reminders.letters_without_receipt(D(2026, 2, 1))}
    assert f"transfers.transfer:{t.pk}" in keys
    assert not list(reminders.letters_without_receipt(D(2026, 1, 31)))
    services.record_receipt(t, None, on=D(2026, 2, 3))
    t.refresh_from_db()
    assert t.status == "received" and not t.is_overdue(D(2026, 3, 1))
    assert not list(reminders.letters_without_receipt(D(2026, 3, 1)))


def test_overdue_letter_shows_on_page_and_filter(world, monkeypatch):
    t = letter_out(world, "a1", issued_on=D(2026, 1, 1))
    fresh = letter_out(world, "a1", issued_on=dt.date.today())
    client = world.client("secretary_a1")
    assert "已于 2026-01-31 过期仍未收到回执" in client.get(t.get_absolute_url()).content.decode()
    body = client.get("/transfers/", {"overdue": "true"}).content.decode()
    assert t.get_absolute_url() in body and fresh.get_absolute_url() not in body


def test_letter_records_dues_paid_to_and_prints_docx(world):
    import io

    from docx import Document

    p = member(world, "a1", name="周晓明")
    t = services.issue_transfer_out(
        Transfer(
            person=p, external_org="太原市委组织部", issued_on=D(2026, 5, 1), dues_paid_to=D(2026, 4, 1)
        ),
        None,
    )
    response = world.client("secretary_a1").get(f"/transfers/{t.pk}/letter/")
    assert response.status_code == 200
    text = "\n".join(par.text for par in Document(io.BytesIO(response.content)).paragraphs)
    assert "周晓明" in text and "太原市委组织部" in text and "2026年04月" in text and t.letter_no in text


# --- REL-MOBILE ---------------------------------------------------------------------------
def _mobile(person, left_on, expected_return=None):
    return MobileMember(
        direction="outgoing",
        person=person,
        location="深圳",
        contact_phone="13800000000",
        left_on=left_on,
        expected_return=expected_return,
    )


def test_mobile_requires_six_months_away(world):
    p = member(world, "a1")
    with pytest.raises(ValidationError, match="REL-MOBILE"):
        services.save_mobile(_mobile(p, D(2026, 3, 1), D(2026, 8, 31)), None)
    entry = services.save_mobile(_mobile(p, D(2026, 3, 1), D(2026, 9, 1)), None)
    assert entry.pk and entry.organization == world.a1


def test_mobile_yearly_report_review_list(world):
    today = dt.date.today()
    reported = services.save_mobile(_mobile(member(world, "a1"), D(2025, 3, 1)), None)
    last_year = services.save_mobile(_mobile(member(world, "a1"), D(2025, 3, 1)), None)
    services.add_mobile_report(
        reported, None, year=today.year, reported_on=today, content="在外工作，参加流入地支部活动"
    )
    services.add_mobile_report(
        last_year, None, year=today.year - 1, reported_on=D(today.year - 1, 12, 1), content="x"
    )
    assert rules.mobile_report_missing([today.year - 1], today)
    assert not rules.mobile_report_missing([today.year], today)
    body = world.client("secretary_a1").get("/transfers/mobile/", {"review": "1"}).content.decode()
    assert last_year.get_absolute_url() in body and reported.get_absolute_url() not in body
    assert MobileReport.objects.count() == 2


def test_mobile_report_reminder_in_last_quarter(world):
    entry = services.save_mobile(_mobile(member(world, "a1"), D(2026, 1, 1)), None)
    assert not list(reminders.mobile_reports(D(2026, 9, 30)))
    assert [i.key for i in reminders.mobile_reports(D(2026, 10, 1))] == [f"transfers.mobilemember:{entry.pk}"]
    services.add_mobile_report(entry, None, year=2026, reported_on=D(2026, 10, 2), content="报告")
    assert not list(reminders.mobile_reports(D(2026, 10, 3)))


# --- REL-MOVE -----------------------------------------------------------------------------
def test_move_required_after_six_months_at_a_fixed_place(world):
    settled = _mobile(member(world, "a1"), D(2025, 8, 31))
    settled.fixed_place = True
    settled = services.save_mobile(settled, None)
    roaming = services.save_mobile(_mobile(member(world, "a1"), D(2025, 8, 31)), None)  # no fixed place
    assert rules.transfer_required_from(D(2025, 8, 31), True) == D(2026, 2, 28)
    assert not list(reminders.move_required(D(2026, 2, 27)))
    items = list(reminders.move_required(D(2026, 2, 28)))
    assert [i.key for i in items] == [f"transfers.mobilemember.move:{settled.pk}"]
    assert "REL-MOVE" in items[0].title and items[0].due == D(2026, 2, 28)
    assert roaming.pk and rules.transfer_required_from(roaming.left_on, roaming.fixed_place) is None


def test_incoming_mobile_member_has_no_vote_and_home_org(world):
    with pytest.raises(ValidationError):
        services.save_mobile(
            MobileMember(
                direction="incoming",
                name="外来党员",
                organization=world.a1,
                location="本校",
                contact_phone="1",
                left_on=D(2026, 1, 1),
            ),
            None,
        )
    entry = services.save_mobile(
        MobileMember(
            direction="incoming",
            name="外来党员",
            home_org_name="某村党支部",
            organization=world.a1,
            location="本校后勤",
            contact_phone="1",
            certificate_no="HD-9",
            left_on=D(2026, 1, 1),
            dues_paid_locally=True,
        ),
        None,
    )
    assert "不参加表决" in world.client("secretary_a1").get(entry.get_absolute_url()).content.decode()


# --- REL-LOST -----------------------------------------------------------------------------
def test_stop_proposal_only_after_six_months_without_contact(world):
    p = member(world, "a1")
    case = services.open_case(p, None, on=D(2026, 7, 1), last_contact_on=D(2026, 1, 31))
    assert case.stop_allowed_from == D(2026, 7, 31)
    with pytest.raises(ValidationError, match="2026-07-31"):
        services.propose_decision(
            StandingDecision(person=p, kind="stop", case=case, reason="失联"), None, on=D(2026, 7, 30)
        )
    d = services.propose_decision(
        StandingDecision(person=p, kind="stop", case=case, reason="失联"), None, on=D(2026, 7, 31)
    )
    assert d.status == "proposed"
    case.refresh_from_db()
    assert case.state == "searching"  # nothing happens until people approve


def test_stop_then_quit_two_years_later_with_recorded_approval(world):
    p = member(world, "a1")
    case = services.open_case(p, None, on=D(2024, 1, 1), last_contact_on=D(2023, 5, 1))
    stop = services.propose_decision(
        StandingDecision(person=p, kind="stop", case=case, reason="失联"), None, on=D(2024, 5, 1)
    )
    services.approve_decision(
        stop, None, on=D(2024, 5, 10), approver="A系党总支", approval_ref="党总支〔2024〕3号"
    )
    case.refresh_from_db()
    stop.refresh_from_db()
    assert case.state == "stopped" and stop.effective_on == D(2024, 5, 10)
    assert stop.approver == "A系党总支" and stop.applied_to_member
    with pytest.raises(ValidationError, match="2026-05-10"):
        services.propose_decision(
            StandingDecision(person=p, kind="quit", case=case, reason="满两年"), None, on=D(2026, 5, 9)
        )
    quit_ = services.propose_decision(
        StandingDecision(person=p, kind="quit", case=case, reason="满两年"), None, on=D(2026, 5, 10)
    )
    keys = {i.key for i in reminders.lost_contact(D(2026, 5, 10))}
    assert f"transfers.lostcontactcase.quit:{case.pk}" in keys
    assert not {i.key for i in reminders.lost_contact(D(2026, 5, 9))}
    services.approve_decision(quit_, None, on=D(2026, 6, 1), approver="校党委", approval_ref="校党委会议")
    case.refresh_from_db()
    assert case.state == "quit"


def test_quit_refused_without_approved_stop(world):
    p = member(world, "a1")
    case = services.open_case(p, None, on=D(2024, 1, 1), last_contact_on=D(2023, 5, 1))
    with pytest.raises(ValidationError, match="先经批准停止党籍"):
        services.propose_decision(
            StandingDecision(person=p, kind="quit", case=case, reason="x"), None, on=D(2026, 5, 10)
        )


def test_stop_reminder_at_six_months(world):
    case = services.open_case(member(world, "a1"), None, on=D(2026, 3, 1), last_contact_on=D(2026, 1, 31))
    assert not list(reminders.lost_contact(D(2026, 7, 30)))
    assert [i.key for i in reminders.lost_contact(D(2026, 7, 31))] == [
        f"transfers.lostcontactcase.stop:{case.pk}"
    ]


def test_contact_returns_restores_standing_by_decision(world):
    p = member(world, "a1")
    case = services.open_case(p, None, on=D(2024, 1, 1), last_contact_on=D(2023, 5, 1))
    stop = services.propose_decision(
        StandingDecision(person=p, kind="stop", case=case, reason="失联"), None, on=D(2024, 5, 1)
    )
    services.approve_decision(stop, None, on=D(2024, 5, 10), approver="A系党总支", approval_ref="3号")
    services.add_contact(
        p,
        None,
        purpose="search",
        case=case,
        on=D(2025, 1, 5),
        method="phone",
        by_whom="张书记",
        reached=True,
        result="本人回电",
    )
    case.refresh_from_db()
    assert case.state == "stopped" and case.last_contact_on == D(2025, 1, 5)  # a decision is still needed
    restore = services.propose_decision(
        StandingDecision(person=p, kind="restore", case=case, reason="恢复联系"), None, on=D(2025, 1, 6)
    )
    services.approve_decision(restore, None, on=D(2025, 2, 1), approver="A系党总支", approval_ref="5号")
    case.refresh_from_db()
    assert case.state == "closed" and services.standing_stopped_on(p) is None


def test_reaching_a_searched_member_closes_the_search(world):
    p = member(world, "a1")
    case = services.open_case(p, None, on=D(2026, 3, 1), last_contact_on=D(2026, 1, 1))
    services.add_contact(
        p,
        None,
        purpose="search",
        case=case,
        on=D(2026, 3, 2),
        method="unit",
        by_whom="李",
        reached=False,
        result="家人不知去向",
    )
    case.refresh_from_db()
    assert case.state == "searching"
    services.add_contact(
        p,
        None,
        purpose="search",
        case=case,
        on=D(2026, 3, 9),
        method="phone",
        by_whom="李",
        reached=True,
        result="已联系上",
    )
    case.refresh_from_db()
    assert case.state == "closed" and case.contacts.count() == 2


# --- REL-GRAD -----------------------------------------------------------------------------
def test_graduate_kept_two_years_with_reminder_before_limit(world):
    p = member(world, "b1", category="student")
    r = services.save_retention(
        GraduateRetention(person=p, graduated_on=D(2024, 6, 30), contact_name="辅导员王老师"), None
    )
    assert r.until == D(2026, 6, 30)
    before = r.until - dt.timedelta(days=rules.GRAD_REMIND_DAYS)
    assert not list(reminders.graduates(before - dt.timedelta(days=1)))
    assert [i.key for i in reminders.graduates(before)] == [f"transfers.graduateretention:{r.pk}"]


def test_students_abroad_contacted_every_half_year(world):
    p = member(world, "b1", category="student")
    r = services.save_retention(
        GraduateRetention(person=p, graduated_on=D(2026, 1, 10), contact_name="王老师", abroad=True), None
    )
    services.add_contact(
        p,
        None,
        purpose="abroad",
        retention=r,
        on=D(2026, 3, 1),
        method="message",
        by_whom="王",
        reached=True,
        result="在英国读研",
    )
    r.refresh_from_db()
    assert r.last_contact_on == D(2026, 3, 1) and r.next_contact_due == D(2026, 9, 1)
    lead = dt.timedelta(days=rules.ABROAD_REMIND_DAYS)
    abroad = [i for i in reminders.graduates(D(2026, 9, 1) - lead) if ".abroad:" in i.key]
    assert len(abroad) == 1
    assert not [
        i for i in reminders.graduates(D(2026, 9, 1) - lead - dt.timedelta(days=1)) if ".abroad:" in i.key
    ]


def test_add_months_clamps_to_month_end():
    assert rules.add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert rules.add_months(D(2024, 2, 29), 24) == D(2026, 2, 28)
    assert rules.add_months(D(2026, 1, 15), -6) == D(2025, 7, 15)


# --- discipline ---------------------------------------------------------------------------
def test_probation_period_and_expiry_reminder(world):
    p = member(world, "a1")
    with pytest.raises(ValidationError, match="12 个月或 24 个月"):
        services.propose_decision(
            StandingDecision(
                person=p, kind="discipline", discipline_level="probation", probation_months=6, reason="x"
            ),
            None,
            on=D(2026, 1, 1),
        )
    d = services.propose_decision(
        StandingDecision(
            person=p, kind="discipline", discipline_level="probation", probation_months=12, reason="违纪"
        ),
        None,
        on=D(2026, 1, 1),
    )
    services.approve_decision(d, None, on=D(2026, 1, 20), approver="校纪委", approval_ref="纪〔2026〕1号")
    d.refresh_from_db()
    assert d.probation_ends == D(2027, 1, 20)
    window = dt.timedelta(days=rules.PROBATION_REMIND_DAYS)
    assert not list(reminders.probation_ends(D(2027, 1, 20) - window - dt.timedelta(days=1)))
    assert len(list(reminders.probation_ends(D(2027, 1, 20) - window))) == 1


def test_receipt_ends_a_graduates_retention(world):
    p = member(world, "b1", category="student")
    r = services.save_retention(
        GraduateRetention(person=p, graduated_on=D(2025, 6, 30), contact_name="王老师"), None
    )
    t = letter_out(world, "b1", issued_on=D(2026, 3, 1), who=p)
    services.record_receipt(t, None, on=D(2026, 3, 10))
    r.refresh_from_db()
    assert r.status == "transferred"
    assert not list(reminders.graduates(D(2027, 6, 1)))
