import datetime as dt

from core.testing.views import APIViewTestCases, ViewTestCases
from orglife import services
from orglife.models import Appraisal, Lecture, Meeting, MeetingRule, PlannedMeeting, Problem
from orglife.tests.factories import meeting


class TestMeetingViews(ViewTestCases, APIViewTestCases):
    model = Meeting
    api_basename = "meeting"

    def make(self, world, org_key):
        return meeting(world.orgs[org_key], topic=f"会议{Meeting.objects.count()}")

    def form_data(self, world):
        return {
            "organization": world.a1,
            "meeting_type": "general_meeting",
            "held_on": "2026-03-05",
            "topic": "学习二十大精神",
            "content": "集中学习",
        }

    def api_create_data(self, world):
        return {
            "organization": world.a1.pk,
            "meeting_type": "theme_day",
            "held_on": "2026-04-01",
            "topic": "主题党日",
        }


class TestMeetingRuleViews(ViewTestCases, APIViewTestCases):
    model = MeetingRule
    api_basename = "meetingrule"
    in_scope_role, in_org, out_org = "secretary_a", "a", "b"

    def make(self, world, org_key):
        return MeetingRule.objects.create(
            organization=world.orgs[org_key], rule_id="LIFE-THEME", meeting_type="theme_day", applies_to="branch",
            frequency="month", attendees="all", effective_year=2020 + MeetingRule.objects.count(),
        )  # fmt: skip

    def form_data(self, world):
        return {
            "organization": world.a, "rule_id": "LIFE-THEME", "meeting_type": "theme_day", "applies_to": "branch",
            "frequency": "quarter", "min_count": 1, "attendees": "all", "effective_year": 2027, "active": True,
            "required_fields": "topic",
        }  # fmt: skip

    def api_create_data(self, world):
        data = self.form_data(world)
        data["organization"] = world.a.pk
        data["effective_year"] = 2028
        return data


class TestPlannedMeetingViews(ViewTestCases, APIViewTestCases):
    model = PlannedMeeting
    api_basename = "plannedmeeting"

    def make(self, world, org_key):
        return PlannedMeeting.objects.create(
            organization=world.orgs[org_key],
            meeting_type="party_lecture",
            planned_date=dt.date(2026, 5, 1),
            topic="党课",
        )

    def form_data(self, world):
        return {
            "organization": world.a1,
            "meeting_type": "party_lecture",
            "planned_date": "2026-06-01",
            "topic": "七一党课",
        }

    def api_create_data(self, world):
        return {
            "organization": world.a1.pk,
            "meeting_type": "theme_day",
            "planned_date": "2026-07-01",
            "topic": "七一",
        }


class TestProblemViews(ViewTestCases, APIViewTestCases):
    model = Problem
    api_basename = "problem"

    def make(self, world, org_key):
        return Problem.objects.create(
            organization=world.orgs[org_key], description="学习不够深入", deadline=dt.date(2026, 12, 31)
        )

    def form_data(self, world):
        return {
            "organization": world.a1,
            "description": "理论学习流于形式",
            "measure": "制定学习计划",
            "deadline": "2026-12-31",
        }

    def api_create_data(self, world):
        return {"organization": world.a1.pk, "description": "联系群众不够", "deadline": "2026-12-31"}


class TestLectureViews(ViewTestCases, APIViewTestCases):
    model = Lecture
    api_basename = "lecture"

    def make(self, world, org_key):
        lecturer = world.people["secretary_a1" if org_key == "a1" else "secretary_b1"]
        return Lecture.objects.create(
            organization=world.orgs[org_key],
            lecturer=lecturer,
            kind="first_lesson",
            title="开学第一课",
            given_on=dt.date(2026, 9, 1),
        )

    def form_data(self, world):
        return {"organization": world.a1, "lecturer": world.people["secretary_a1"], "kind": "ideology_course",
                "title": "思政课", "given_on": "2026-10-10"}  # fmt: skip

    def api_create_data(self, world):
        return {"organization": world.a1.pk, "lecturer": world.people["secretary_a1"].pk, "kind": "lecture_series",
                "title": "党课开讲啦", "given_on": "2026-10-12"}  # fmt: skip


class TestAppraisalViews(ViewTestCases, APIViewTestCases):
    model = Appraisal
    api_basename = "appraisal"

    def make(self, world, org_key):
        return services.open_appraisal(
            Appraisal(organization=world.orgs[org_key], year=2000 + Appraisal.objects.count()), None
        )

    def form_data(self, world):
        return {"organization": world.a1, "year": 2026}

    def api_create_data(self, world):
        return {"organization": world.a1.pk, "year": 2025}
