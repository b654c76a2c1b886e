import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.models import Event
from core.testing.views import ViewTestCases
from core.testing.world import person
from members import services
from members.choices import ExitType, PartyStanding, PoliticalStatus
from members.completeness import branch_completeness, completeness
from members.models import ChangeRequest, MemberRecord, Person, StandingEvent, party_age

D = dt.date


class TestMemberRecordViews(ViewTestCases):
    model = MemberRecord

    def make(self, world, org_key):
        someone = person(f"受表彰{MemberRecord.objects.count()}", world.orgs[org_key])
        return services.save_record(
            MemberRecord(
                person=someone,
                category="commendation",
                kind="commendation",
                title="优秀共产党员",
                decided_on=D(2024, 7, 1),
            ),
            None,
        )

    def form_data(self, world):
        return {
            "person": world.people["member_a1"],
            "category": "discipline",
            "kind": "probation",
            "title": "违反组织纪律",
            "decided_on": "2024-03-01",
            "period_months": 12,
            "suspends_rights": True,
        }


class TestChangeRequestViews(ViewTestCases):
    model = ChangeRequest

    def make(self, world, org_key):
        someone = world.people["member_a1" if org_key == "a1" else "member_b1"]
        ChangeRequest.objects.filter(person=someone).delete()
        return ChangeRequest.objects.create(person=someone, changes={"phone": ["", "13900000000"]})

    def form_data(self, world):
        return {"phone": "13911112222", "title": "讲师", "reason": "换了手机号"}


def test_probation_discipline_expiry_and_sponsor_rights(world):
    target = world.people["member_a1"]
    record = services.save_record(
        MemberRecord(
            person=target,
            category="discipline",
            kind="probation",
            title="x",
            decided_on=D(2024, 3, 1),
            period_months=24,
            suspends_rights=True,
        ),
        world.users["secretary_a1"],
    )
    assert record.expires_on == D(2026, 3, 1)
    assert services.rights_suspended_on([target.pk], D(2026, 2, 28)) == {target.pk}
    assert services.rights_suspended_on([target.pk], D(2026, 3, 1)) == set()
    warning = services.save_record(
        MemberRecord(
            person=target, category="discipline", kind="warning", title="y", decided_on=D(2024, 3, 1)
        ),
        None,
    )
    assert warning.expires_on == D(2025, 3, 1)
    with pytest.raises(ValidationError, match="一年或两年"):
        services.save_record(
            MemberRecord(
                person=target,
                category="discipline",
                kind="probation",
                title="z",
                decided_on=D(2024, 3, 1),
                period_months=6,
            ),
            None,
        )


def test_standing_events_with_history(world):
    target = world.people["member_a1"]
    user = world.users["secretary_a1"]
    services.suspend_standing(target, user, on=D(2025, 1, 10), reason="失去联系超过六个月")
    with pytest.raises(ValidationError):
        services.suspend_standing(target, user, on=D(2025, 1, 11))
    services.restore_standing(target, user, on=D(2025, 6, 1), reason="已取得联系")
    services.exit_party(target, user, on=D(2025, 9, 1), exit_type=ExitType.REMOVED, reason="除名")
    target.refresh_from_db()
    assert target.party_standing == PartyStanding.LEFT and target.exit_type == ExitType.REMOVED
    assert target.political_status == PoliticalStatus.MASSES
    assert [e.kind for e in StandingEvent.objects.filter(person=target).order_by("on")] == [
        "suspend",
        "restore",
        "exit",
    ]
    assert Event.objects.filter(name="停止党籍").exists()
    with pytest.raises(ValidationError):
        services.exit_party(world.people["member_b1"], user, on=D(2025, 9, 1), exit_type=ExitType.REMOVED)


def test_expulsion_discipline_ends_membership(world):
    target = world.people["member_a1"]
    services.save_record(
        MemberRecord(
            person=target, category="discipline", kind="expulsion", title="严重违纪", decided_on=D(2025, 2, 1)
        ),
        world.users["secretary_a1"],
    )
    target.refresh_from_db()
    assert target.party_standing == PartyStanding.LEFT and target.exit_type == ExitType.EXPELLED


def test_party_age_counts_from_conversion_date():
    assert party_age(D(2020, 6, 30), D(2025, 6, 29)) == 4
    assert party_age(D(2020, 6, 30), D(2025, 6, 30)) == 5
    assert party_age(None, D(2025, 6, 30)) is None


def test_completeness_lists_missing_fields(world):
    target = Person.objects.get(pk=world.people["member_a1"].pk)
    result = completeness(target)
    assert "身份证号" in result.missing and "入党日期" in result.missing and 0 < result.score < 100
    summary = branch_completeness(Person.objects.filter(organization=world.a1))
    assert summary["people"] >= 1 and dict(summary["missing"])["身份证号"] >= 1
    assert world.client("secretary_a1").get("/members/completeness/", {"org": world.a1.pk}).status_code == 200
    assert world.client("secretary_a1").get("/members/completeness/", {"org": world.b1.pk}).status_code == 404


def test_self_service_change_request_approved_and_returned(world):
    member = world.client("member_a1")
    response = member.post("/members/changes/add/", {"phone": "13912345678", "title": "副教授"})
    assert response.status_code == 302
    change = ChangeRequest.objects.get(person=world.people["member_a1"])
    target = Person.objects.get(pk=change.person_id)
    assert target.phone != "13912345678"  # nothing changes before approval
    assert member.post(f"/members/changes/{change.pk}/review/", {"decision": "approve"}).status_code == 403
    assert (
        world.client("secretary_b1")
        .post(f"/members/changes/{change.pk}/review/", {"decision": "approve"})
        .status_code
        == 404
    )
    world.client("secretary_a1").post(f"/members/changes/{change.pk}/review/", {"decision": "approve"})
    target.refresh_from_db()
    change.refresh_from_db()
    assert change.status == "approved" and target.phone == "13912345678" and target.title == "副教授"
    member.post("/members/changes/add/", {"phone": "139", "title": "副教授"})
    second = ChangeRequest.objects.filter(status="pending").get()
    with pytest.raises(ValidationError):
        services.return_change_request(second, world.users["secretary_a1"], "")
    services.return_change_request(second, world.users["secretary_a1"], "号码不完整")
    second.refresh_from_db()
    assert second.status == "returned"
    with pytest.raises(ValidationError, match="本人"):
        services.submit_change_request(target, world.users["secretary_a1"], {"phone": "1"})
