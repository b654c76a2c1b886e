"""Generic page and API checks for every routed model (scoping, 403/404, one change-log entry)."""

import datetime as dt

from core.testing.views import APIViewTestCases, ViewTestCases
from transfers import services
from transfers.models import GraduateRetention, LostContactCase, MobileMember, StandingDecision, Transfer
from transfers.tests.helpers import letter_out, member


class TestTransferViews(ViewTestCases, APIViewTestCases):
    model = Transfer
    api_basename = "transfer"

    def make(self, world, org_key):
        return letter_out(world, org_key, issued_on=dt.date.today())

    def form_data(self, world):
        return {
            "person": world.people["member_a1"],
            "external_org": "某市委组织部",
            "external_address": "某市某路 1 号",
            "issued_on": "2026-11-01",
            "valid_days": 30,
            "dues_paid_to": "2026-10-01",
        }

    def api_create_data(self, world):
        return {"person": world.people["member_a1"].pk, "external_org": "某县委", "issued_on": "2026-11-01"}


class TestGraduateRetentionViews(ViewTestCases, APIViewTestCases):
    model = GraduateRetention
    api_basename = "graduateretention"

    def make(self, world, org_key):
        return services.save_retention(
            GraduateRetention(
                person=member(world, org_key), graduated_on=dt.date(2026, 6, 30), contact_name="王老师"
            ),
            None,
        )

    def form_data(self, world):
        return {
            "person": world.people["member_a1"],
            "graduated_on": "2026-06-30",
            "contact_name": "王老师",
            "contact_phone": "13800000000",
            "status": "retained",
        }

    def api_create_data(self, world):
        return {
            "person": world.people["member_a1"].pk,
            "graduated_on": "2026-06-30",
            "contact_name": "李老师",
        }


class TestMobileMemberViews(ViewTestCases, APIViewTestCases):
    model = MobileMember
    api_basename = "mobilemember"

    def make(self, world, org_key):
        return services.save_mobile(
            MobileMember(
                direction="outgoing",
                person=member(world, org_key),
                location="广东省深圳市",
                contact_phone="13800000000",
                left_on=dt.date(2026, 3, 1),
            ),
            None,
        )

    def form_data(self, world):
        return {
            "direction": "outgoing",
            "person": world.people["member_a1"],
            "location": "北京市海淀区",
            "contact_phone": "13900000000",
            "certificate_no": "LD-001",
            "left_on": "2026-03-01",
        }

    def api_create_data(self, world):
        return {
            "direction": "outgoing",
            "person": world.people["member_a1"].pk,
            "location": "上海市",
            "contact_phone": "13700000000",
            "left_on": "2026-02-01",
        }


class TestLostContactCaseViews(ViewTestCases, APIViewTestCases):
    model = LostContactCase
    api_basename = "lostcontactcase"

    def make(self, world, org_key):
        return services.open_case(
            member(world, org_key), None, on=dt.date(2026, 11, 1), last_contact_on=dt.date(2026, 3, 1)
        )

    def form_data(self, world):
        return {
            "person": world.people["member_a1"],
            "opened_on": "2026-11-01",
            "last_contact_on": "2026-04-01",
        }

    def api_create_data(self, world):
        return {
            "person": world.people["member_a1"].pk,
            "opened_on": "2026-11-01",
            "last_contact_on": "2026-04-01",
        }


class TestStandingDecisionViews(ViewTestCases, APIViewTestCases):
    model = StandingDecision
    api_basename = "standingdecision"

    def make(self, world, org_key):
        return services.propose_decision(
            StandingDecision(
                person=member(world, org_key),
                kind="discipline",
                discipline_level="warning",
                reason="违反纪律",
            ),
            None,
            on=dt.date(2026, 11, 1),
        )

    def form_data(self, world):
        return {
            "person": world.people["member_a1"],
            "kind": "discipline",
            "discipline_level": "warning",
            "reason": "无故不参加组织生活",
        }

    def api_create_data(self, world):
        return {
            "person": world.people["member_a1"].pk,
            "kind": "discipline",
            "discipline_level": "serious_warning",
            "reason": "违反纪律",
        }
