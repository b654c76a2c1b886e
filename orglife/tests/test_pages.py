import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook

from core.testing.world import person
from orglife.choices import MeetingType
from orglife.models import Attendance, Meeting
from orglife.tests.factories import meeting
from orgs.choices import BranchCategory, OrgType
from orgs.models import Organization, Position

D = dt.date


@pytest.fixture
def w(world):
    Position.objects.update(start=D(2020, 1, 1))
    return world


def test_recording_form_prefills_members_and_saves_the_absentee(w):
    client = w.client("secretary_a1")
    page = client.get("/orglife/meetings/add/").content.decode()
    # the secretary's branch is chosen without asking, and its members are listed
    member = w.people["member_a1"]
    assert f'name="absent_{member.pk}"' in page
    assert f'name="absent_{w.people["member_b1"].pk}"' not in page
    response = client.post(
        "/orglife/meetings/add/",
        {
            "organization": w.a1.pk,
            "meeting_type": "general_meeting",
            "held_on": "2026-03-05",
            "topic": "学习",
            "content": "学习讨论",
            "decisions": "通过",
            f"absent_{member.pk}": "on",
            f"reason_{member.pk}": "sick",
            "submit_now": "1",
        },
    )
    assert response.status_code == 302
    m = Meeting.objects.get(topic="学习")
    assert (m.expected_count, m.present_count, m.status) == (6, 5, "submitted")
    assert Attendance.objects.get(meeting=m, person=member).absence_reason == "sick"


def test_attendees_block_follows_type_and_org(w):
    client = w.client("secretary_a1")
    body = client.get(
        "/orglife/meetings/attendees/", {"organization": w.a1.pk, "meeting_type": "committee_meeting"}
    )
    text = body.content.decode()
    assert (
        f"absent_{w.people['committee_a1'].pk}" in text and f"absent_{w.people['member_a1'].pk}" not in text
    )
    # out-of-scope org is ignored (choices are the user's scope)
    text = client.get("/orglife/meetings/attendees/", {"organization": w.b1.pk}).content.decode()
    assert f"absent_{w.people['member_b1'].pk}" not in text


def test_review_through_pages(w):
    m = meeting(w.a1, MeetingType.GENERAL_MEETING, D(2026, 3, 10))
    assert "报送备案" in w.client("secretary_a1").get(f"/orglife/meetings/{m.pk}/submit/").content.decode()
    assert w.client("secretary_a1").post(f"/orglife/meetings/{m.pk}/submit/").status_code == 302
    assert "审核通过" in w.client("secretary_a").get(m.get_absolute_url()).content.decode()
    assert "审核通过" not in w.client("secretary_a1").get(m.get_absolute_url()).content.decode()
    w.client("secretary_a").post(f"/orglife/meetings/{m.pk}/approve/")
    m.refresh_from_db()
    assert m.status == "approved"
    assert w.client("secretary_b1").post(f"/orglife/meetings/{m.pk}/publish/").status_code == 404


def test_exports_minutes_book_and_compliance(w):
    m = meeting(
        w.a1, MeetingType.GENERAL_MEETING, D(2026, 3, 10), absent=[w.people["member_a1"]], topic="学习党章"
    )
    client = w.client("secretary_a")
    doc = Document(io.BytesIO(client.get(f"/orglife/meetings/{m.pk}/docx/").content))
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "学习党章" in text and "member_a1人员（病假）" in text
    book = Document(io.BytesIO(client.get("/orglife/book/", {"org": w.a1.pk, "period": "2026"}).content))
    assert any("2026年度组织生活纪实" in p.text for p in book.paragraphs)
    wb = load_workbook(
        io.BytesIO(client.get("/orglife/compliance/export/", {"org": w.a.pk, "period": "2026Q1"}).content)
    )
    rows = list(wb["合规检查"].iter_rows(values_only=True))
    gm = next(r for r in rows if r[0] == w.a1.name and r[1] == "LIFE-GM")
    assert gm[3:6] == (1, 1, 0)
    assert w.client("secretary_b1").get(f"/orglife/meetings/{m.pk}/docx/").status_code == 404


def test_compliance_page_scoped(w):
    body = w.client("secretary_a").get("/orglife/compliance/", {"period": "2026"}).content.decode()
    assert w.a1.name in body and w.b1.name not in body
    assert w.client("nobody").get("/orglife/compliance/").status_code == 403
    assert w.client("secretary_a").get("/orglife/compliance/", {"org": w.b1.pk}).status_code == 404


def test_plan_vs_held(w):
    from orglife.models import PlannedMeeting

    plan = PlannedMeeting.objects.create(
        organization=w.a1, meeting_type="party_lecture", planned_date=D(2026, 4, 1), topic="计划党课"
    )
    PlannedMeeting.objects.create(
        organization=w.a1, meeting_type="theme_day", planned_date=D(2026, 5, 1), topic="未开的"
    )
    meeting(w.a1, MeetingType.PARTY_LECTURE, D(2026, 4, 3), plan=plan, topic="实际党课")
    body = (
        w.client("secretary_a1")
        .get("/orglife/plan-vs-held/", {"org": w.a1.pk, "period": "2026"})
        .content.decode()
    )
    assert "计划 2 项，已召开 1 项" in body and "实际党课" in body and "推迟" in body


def grow(world, branches, meetings_each):
    """More branches, members and meetings under A (to show query counts do not grow)."""
    for i in range(branches):
        org = Organization.objects.add(
            Organization.objects.get(pk=world.a.pk), name=f"扩展支部{i}", code=f"X{i}-{Organization.objects.count()}",
            org_type=OrgType.BRANCH, category=BranchCategory.STUDENT,
        )  # fmt: skip
        for j in range(3):
            person(f"扩展{i}-{j}", org)
        for k in range(meetings_each):
            meeting(org, MeetingType.THEME_DAY, D(2026, 1 + k % 12, 5))


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url,params",
    [
        ("/orglife/compliance/", {"period": "2026Q1"}),
        ("/orglife/meetings/", {"per_page": 100}),
        ("/orglife/plan-vs-held/", {"period": "2026"}),
    ],
)
def test_query_count_does_not_grow_with_data(w, url, params):
    client = w.client("zzb")
    grow(w, 1, 1)
    small = count_queries(client, url, params)
    grow(w, 6, 5)
    assert count_queries(client, url, params) == small


def test_compliance_compute_is_a_constant_number_of_queries(w):
    from orglife import compliance, rules

    grow(w, 1, 1)
    with CaptureQueriesContext(connection) as small:
        compliance.compute(w.root, rules.parse_period("2026"), D(2027, 1, 1))
    grow(w, 8, 6)
    with CaptureQueriesContext(connection) as large:
        results = compliance.compute(w.root, rules.parse_period("2026"), D(2027, 1, 1))
    assert len(large.captured_queries) == len(small.captured_queries) == 5
    assert len(results) >= 12


def test_add_page_preselects_the_secretarys_branch(w):
    body = w.client("secretary_a1").get("/orglife/meetings/add/").content.decode()
    assert f'<option value="{w.a1.pk}" selected>' in body


def test_action_and_close_pages_are_scoped(w):
    from orglife.models import Problem

    m = meeting(w.b1, MeetingType.GENERAL_MEETING, D(2026, 3, 10))
    p = Problem.objects.create(organization=w.b1, description="问题", deadline=D(2026, 12, 31))
    client = w.client("secretary_a1")
    for op in ("submit", "approve", "return", "publish", "unpublish"):
        assert client.get(f"/orglife/meetings/{m.pk}/{op}/").status_code == 404
    assert client.get(f"/orglife/problems/{p.pk}/close/").status_code == 404
    assert w.client("nobody").get(f"/orglife/problems/{p.pk}/close/").status_code == 403
    assert w.client("secretary_b1").get(f"/orglife/problems/{p.pk}/close/").status_code == 200
