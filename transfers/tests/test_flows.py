"""Transfers end to end, scoping of both sides, lost-contact signals, decisions, timeline, statistics, query counts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import OrgMembership, Person
from transfers import services, signals
from transfers.models import MobileMember, StandingDecision, Transfer
from transfers.tests.helpers import D, letter_out, member


def test_within_transfer_moves_the_member_keeps_history_and_both_sides_see_it(world):
    p = member(world, "a1", name="赵一")
    client = world.client("secretary_a1")
    response = client.post(
        "/transfers/within/",
        {"person": p.pk, "target_org": world.b1.pk, "on": "2026-09-01", "reason": "换专业"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    t = Transfer.objects.get(person=p)
    p.refresh_from_db()
    assert p.organization == world.b1 and t.kind == "within" and t.status == "received"
    stays = list(OrgMembership.objects.filter(person=p).order_by("pk"))
    assert [s.organization_id for s in stays] == [world.a1.pk, world.b1.pk] and stays[0].end == D(2026, 9, 1)
    assert world.client("secretary_b1").get(t.get_absolute_url()).status_code == 200
    assert client.get(t.get_absolute_url()).status_code == 200
    assert world.client("secretary_b1").get("/api/transfers/").json()["count"] == 1


def test_a_branch_sees_only_its_own_outgoing_and_incoming_transfers(world):
    mine_out = letter_out(world, "a1")
    other_out = letter_out(world, "b1")
    incoming = services.transfer_within(member(world, "b1"), world.a1, None, on=D(2026, 9, 1))
    into_group = services.transfer_within(member(world, "b1"), world.a1g, None, on=D(2026, 9, 1))
    body = world.client("secretary_a1").get("/transfers/", {"per_page": 100}).content.decode()
    assert mine_out.get_absolute_url() in body and incoming.get_absolute_url() in body
    assert other_out.get_absolute_url() not in body
    assert into_group.get_absolute_url() in body  # A1-G is inside A1's subtree
    b1 = world.client("secretary_b1").get("/transfers/", {"per_page": 100}).content.decode()
    assert other_out.get_absolute_url() in b1 and incoming.get_absolute_url() in b1
    assert into_group.get_absolute_url() in b1  # B1 sent it
    assert mine_out.get_absolute_url() not in b1
    assert world.client("secretary_b1").get(mine_out.get_absolute_url()).status_code == 404
    # the receiving side may record, but cannot touch the other branch's letters
    assert (
        world.client("secretary_b1")
        .post(f"/transfers/{mine_out.pk}/receipt/", {"on": "2026-02-01"})
        .status_code
        == 404
    )


def test_transfer_in_creates_the_member_with_their_history(world):
    client = world.client("secretary_a1")
    response = client.post(
        "/transfers/in/",
        {
            "name": "钱二",
            "gender": "F",
            "category": "staff",
            "political_status": "full_member",
            "joined_on": "2015-07-01",
            "full_member_on": "2016-07-01",
            "organization": world.a1.pk,
            "external_org": "山西大学某党支部",
            "letter_no": "晋组 2026-88",
            "issued_on": "2026-08-20",
            "on": "2026-09-01",
            "dues_paid_to": "2026-08-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    p = Person.objects.get(name="钱二")
    t = Transfer.objects.get(person=p)
    assert p.organization == world.a1 and p.joined_on == D(2015, 7, 1) and t.kind == "in"
    assert t.dues_paid_to == D(2026, 8, 1) and t.letter_no == "晋组 2026-88"
    assert "山西大学某党支部" in OrgMembership.objects.get(person=p).reason
    # a branch outside the secretary's scope cannot be chosen
    response = client.post("/transfers/in/", {"name": "孙三", "organization": world.b1.pk})
    assert response.status_code == 400 and not Person.objects.filter(name="孙三").exists()


def test_graduation_batch_issues_one_letter_per_member_all_or_nothing(world):
    students = [member(world, "a1", category="student") for _ in range(3)]
    client = world.client("secretary_a1")
    data = {
        "batch": "2026届 数学1班",
        "people": [s.pk for s in students],
        "external_org": "某市人才中心党委",
        "issued_on": "2026-06-30",
        "valid_days": 30,
    }
    assert client.post("/transfers/graduation/", data).status_code == 302
    letters = Transfer.objects.filter(batch="2026届 数学1班")
    assert letters.count() == 3 and len({t.letter_no for t in letters}) == 3
    # a second batch including one of them fails entirely (open letter exists)
    other = member(world, "a1", category="student")
    data.update(batch="重复", people=[other.pk, students[0].pk])
    assert client.post("/transfers/graduation/", data).status_code == 400
    assert not Transfer.objects.filter(batch="重复").exists()


def test_receipt_and_cancel_are_state_checked(world):
    t = letter_out(world, "a1")
    client = world.client("secretary_a1")
    assert (
        client.post(f"/transfers/{t.pk}/receipt/", {"on": "2026-01-10", "note": "已收到"}).status_code == 302
    )
    t.refresh_from_db()
    assert t.status == "received" and t.received_on == D(2026, 1, 10)
    assert client.post(f"/transfers/{t.pk}/cancel/", {"reason": "x"}).status_code == 400
    with pytest.raises(ValidationError):
        services.record_receipt(t, None, on=D(2026, 1, 11))


# --- lost-contact signals -------------------------------------------------------------------
def test_candidates_from_unanswered_letters_and_note_on_missing_sources(world, monkeypatch):
    # the letter signal alone: the other two sources are switched off for this test
    monkeypatch.setattr(signals, "attendance_source", lambda: None)
    monkeypatch.setattr(signals, "dues_source", lambda: None)
    silent = member(world, "a1", name="失联甲")
    letter_out(world, "a1", issued_on=D(2025, 1, 1), who=silent)
    answered = member(world, "a1", name="已回执乙")
    services.record_receipt(
        letter_out(world, "a1", issued_on=D(2025, 1, 1), who=answered), None, on=D(2025, 1, 9)
    )
    body = world.client("secretary_a1").get("/transfers/lost/candidates/").content.decode()
    assert "失联甲" in body and "已回执乙" not in body and "逾期未回执" in body
    assert "组织生活" in body and "尚未接入" in body


def test_candidates_from_attendance_signal(world, monkeypatch):
    on = dt.date.today()
    gone, present = member(world, "a1", name="久未参加"), member(world, "a1", name="常参加")
    last = {gone.pk: on - dt.timedelta(days=200), present.pk: on - dt.timedelta(days=10)}
    monkeypatch.setattr(
        signals, "attendance_source", lambda: lambda ids: {i: last[i] for i in ids if i in last}
    )
    monkeypatch.setattr(signals, "dues_source", lambda: None)
    rows = signals.candidates(Person.objects.filter(pk__in=[gone.pk, present.pk]), on)
    assert [r["person"].pk for r in rows] == [gone.pk]
    assert "未参加组织生活" in rows[0]["reasons"][0]


def test_candidates_from_dues_signal_at_six_month_boundary(world, monkeypatch):
    on = D(2026, 11, 15)
    behind, paid = member(world, "a1", name="欠缴"), member(world, "a1", name="按时")
    months = {behind.pk: D(2026, 5, 15), paid.pk: D(2026, 5, 16)}  # 6 months before on = 2026-05-15
    monkeypatch.setattr(signals, "attendance_source", lambda: None)
    monkeypatch.setattr(signals, "dues_source", lambda: lambda ids: {i: months[i] for i in ids})
    rows = signals.candidates(Person.objects.filter(pk__in=[behind.pk, paid.pk]), on)
    assert [r["person"].pk for r in rows] == [behind.pk] and "未交纳党费" in rows[0]["reasons"][0]


def test_open_case_from_candidate_keeps_signals(world):
    p = member(world, "a1")
    response = world.client("secretary_a1").post(
        "/transfers/lost/add/?signal=转出介绍信逾期未回执",
        {"person": p.pk, "opened_on": "2026-11-01", "last_contact_on": "2026-03-01"},
    )
    assert response.status_code == 302
    case = p.lost_contact_cases.get()
    assert case.signals == ["转出介绍信逾期未回执"] and case.state == "searching"


# --- decisions reach the member record through one adapter ---------------------------------------
def test_approved_decisions_change_the_member_record(world):
    p = member(world, "a1")
    d = services.propose_decision(
        StandingDecision(person=p, kind="death", reason="病故"), None, on=D(2026, 3, 1)
    )
    services.approve_decision(
        d, None, on=D(2026, 3, 2), approver="A1支部", approval_ref="支委会", effective_on=D(2026, 2, 27)
    )
    d.refresh_from_db()
    p.refresh_from_db()
    assert d.applied_to_member and p.party_standing == "deceased"
    assert p.standing_events.get().on == D(2026, 2, 27)
    q = member(world, "a1")
    d = services.propose_decision(
        StandingDecision(
            person=q, kind="discipline", discipline_level="probation", probation_months=12, reason="违纪"
        ),
        None,
        on=D(2026, 3, 1),
    )
    services.approve_decision(d, None, on=D(2026, 3, 5), approver="A系党总支", approval_ref="A〔2026〕3号")
    record = q.records.get()
    assert record.kind == "probation" and record.expires_on == D(2027, 3, 5) and record.suspends_rights


def test_decision_pages_record_approval_and_refuse_twice(world):
    p = member(world, "a1")
    d = services.propose_decision(
        StandingDecision(person=p, kind="discipline", discipline_level="warning", reason="x"),
        None,
        on=D(2026, 3, 1),
    )
    client = world.client("secretary_a1")
    response = client.post(
        f"/transfers/standing/{d.pk}/approve/",
        {"on": "2026-03-05", "approver": "A系党总支", "approval_ref": "A〔2026〕2号"},
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == "approved" and d.approval_ref == "A〔2026〕2号"
    assert "尚未同步" in client.get(d.get_absolute_url()).content.decode() or d.applied_to_member
    assert (
        client.post(f"/transfers/standing/{d.pk}/reject/", {"on": "2026-03-06", "note": "x"}).status_code
        == 400
    )
    assert world.client("secretary_b1").get(d.get_absolute_url()).status_code == 404


def test_person_timeline_lists_every_event_and_is_scoped(world):
    p = member(world, "a1", name="时间线")
    services.transfer_within(p, world.a1g, None, on=D(2026, 1, 1))
    d = services.propose_decision(
        StandingDecision(person=p, kind="discipline", discipline_level="warning", reason="x"),
        None,
        on=D(2026, 3, 1),
    )
    services.reject_decision(d, None, on=D(2026, 3, 2), note="情节轻微")
    body = world.client("secretary_a1").get(f"/transfers/people/{p.pk}/timeline/").content.decode()
    for name in ("校内转接", "转移党组织", "提出党籍事项", "不予批准"):
        assert name in body
    assert world.client("secretary_b1").get(f"/transfers/people/{p.pk}/timeline/").status_code == 404
    assert world.client("nobody").get(f"/transfers/people/{p.pk}/timeline/").status_code == 403


def test_stats_counts_transfers_ledger_and_cases(world):
    today = dt.date.today()
    letter_out(world, "a1", issued_on=today)
    services.transfer_within(member(world, "a1"), world.b1, None, on=today)
    services.save_mobile(
        MobileMember(
            direction="outgoing",
            person=member(world, "a1"),
            location="深圳",
            contact_phone="1",
            left_on=today,
        ),
        None,
    )
    services.open_case(member(world, "a1"), None, on=today, last_contact_on=today)
    response = world.client("zzb").get("/transfers/stats/")
    assert response.status_code == 200
    ctx = response.context
    assert dict(ctx["totals"]) == {"校内转接": 1, "转出": 1, "转入": 0}
    assert dict(ctx["ledger"])["外出流动"] == 1 and dict(ctx["cases"])["查找中"] == 1
    assert "data-chart-json" in response.content.decode()


# --- query counts ----------------------------------------------------------------------------
def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add(world, n):
    for _ in range(n):
        p = member(world, "a1")
        letter_out(world, "a1", issued_on=D(2025, 1, 1), who=p)
        services.save_mobile(
            MobileMember(
                direction="outgoing", person=p, location="x", contact_phone="1", left_on=D(2025, 1, 1)
            ),
            None,
        )
        services.open_case(p, None, on=D(2026, 1, 1), last_contact_on=D(2025, 1, 1))


@pytest.mark.parametrize(
    "url",
    [
        "/transfers/?per_page=100",
        "/transfers/mobile/?per_page=100",
        "/transfers/mobile/?review=1",
        "/transfers/lost/?per_page=100",
        "/transfers/lost/candidates/",
        "/transfers/stats/",
    ],
)
def test_same_queries_for_small_and_larger_data(world, url):
    client = world.client("secretary_a1")
    _add(world, 2)
    small = _queries(client, url)
    _add(world, 12)
    assert _queries(client, url) == small


@pytest.mark.parametrize(
    "url",
    [
        "/transfers/add/",
        "/transfers/within/",
        "/transfers/in/",
        "/transfers/graduation/",
        "/transfers/lost/add/",
        "/transfers/standing/add/",
        "/transfers/retentions/add/",
        "/transfers/mobile/add/",
    ],
)
def test_forms_render_for_secretary_and_403_without_right(world, url):
    assert world.client("secretary_a1").get(url).status_code == 200
    assert world.client("nobody").get(url).status_code == 403


def test_object_action_pages_render(world):
    t = letter_out(world, "a1")
    m = services.save_mobile(
        MobileMember(
            direction="outgoing",
            person=member(world, "a1"),
            location="x",
            contact_phone="1",
            left_on=D(2026, 1, 1),
        ),
        None,
    )
    case = services.open_case(member(world, "a1"), None, on=D(2026, 3, 1), last_contact_on=D(2026, 1, 1))
    client = world.client("secretary_a1")
    for url in (
        f"/transfers/{t.pk}/receipt/",
        f"/transfers/{t.pk}/cancel/",
        f"/transfers/mobile/{m.pk}/report/",
        f"/transfers/mobile/{m.pk}/end/",
        f"/transfers/lost/{case.pk}/contact/",
        case.get_absolute_url(),
        m.get_absolute_url(),
        t.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
    assert (
        client.post(
            f"/transfers/mobile/{m.pk}/report/",
            {"year": 2026, "reported_on": "2026-06-01", "content": "在外情况良好"},
        ).status_code
        == 302
    )
    assert client.post(f"/transfers/mobile/{m.pk}/end/", {"on": "2026-07-01"}).status_code == 302
    m.refresh_from_db()
    assert m.status == "ended" and m.reports.count() == 1


def test_receipt_takes_the_member_off_the_roster_with_history(world):
    from django.core.exceptions import ValidationError

    from members.models import OrgMembership, Person
    from members.services import transfer_out
    from orgs.queries import attach_counts

    before = attach_counts([world.a1])[0].member_count
    letter = letter_out(world, "a1")
    assert attach_counts([world.a1])[0].member_count == before + 1
    services.record_receipt(letter, None, on=D(2026, 1, 20))
    p = Person.objects.get(pk=letter.person_id)
    assert p.party_standing == "transferred_out"
    assert p.standing_events.get().kind == "transfer_out"
    assert OrgMembership.objects.get(person=p).end == D(2026, 1, 20)
    assert attach_counts([world.a1])[0].member_count == before
    assert not Person.objects.party_members().filter(pk=p.pk).exists()
    with pytest.raises(ValidationError, match="不是在册党员"):
        transfer_out(p, None, on=D(2026, 2, 1))
