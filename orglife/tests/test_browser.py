"""In Chromium: the branch secretary records a 支委会 with one absentee; the general-branch secretary sees it counted.

The test world plays the demo's roles: ``secretary_a1`` is 支部书记 (demo ``zhibu``) of branch A1,
``secretary_a`` is 党总支书记 (demo ``zongzhi``) of A.
"""

import datetime as dt

import pytest
from django.utils import timezone

from core.testing.browser import login, screenshot
from core.testing.world import person

PASSWORD = "pw-test-123"  # core/testing/world.py


class Touches:
    """Counts every input the secretary touches (fill, select, check, click)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def fill(self, selector, value):
        self.count += 1
        self.page.fill(selector, value)

    def select(self, selector, value):
        self.count += 1
        self.page.select_option(selector, value)

    def check(self, selector):
        self.count += 1
        self.page.check(selector)

    def click(self, selector):
        self.count += 1
        self.page.click(selector)


def held_cell(page, org_pk):
    return page.locator(f'#compliance-table tr[data-org="{org_pk}"][data-rule="LIFE-CM"] td.held')


@pytest.mark.browser
def test_secretary_records_committee_meeting_and_general_branch_sees_it(
    page, live_server, transactional_db, world
):
    from playwright.sync_api import expect  # here: without playwright the fixture skips the test

    from orglife.models import Attendance, Meeting
    from orglife.services import expected_people
    from orgs.choices import Post
    from orgs.models import Position

    branch, general = world.a1, world.a
    Position.objects.update(start=dt.date(2020, 1, 1))
    # a committee of three (ORG-COMMITTEE), so LIFE-CM applies to A1
    Position.objects.create(person=person("组织委员甲", branch), organization=branch, post=Post.ORGANIZATION_MEMBER,
                            start=dt.date(2020, 1, 1))  # fmt: skip
    today = timezone.localdate()
    committee = expected_people(branch, "committee_meeting", today)
    assert len(committee) == 3
    absentee = committee[-1]
    before = Meeting.objects.filter(
        organization=branch, meeting_type="committee_meeting", held_on__year=today.year
    ).count()

    login(page, live_server, "secretary_a1", PASSWORD)
    page.goto(f"{live_server.url}/orglife/meetings/add/")
    touch = Touches(page)
    touch.select("#id_meeting_type", "committee_meeting")
    # htmx swaps in the committee's names (the branch is pre-selected: the secretary's own); wait for the swap
    expect(page.locator('#attendance-block input[type="checkbox"]')).to_have_count(len(committee))
    touch.fill("#id_held_on", today.isoformat())
    touch.fill("#id_topic", "研究本月支部工作")
    touch.fill("#id_decisions", "确定下月主题党日安排")
    touch.check(f'input[name="absent_{absentee.pk}"]')
    touch.select(f'select[name="reason_{absentee.pk}"]', "business")
    touch.click('button[name="submit_now"]')
    page.wait_for_load_state("networkidle")
    assert "已报送" in page.content()
    screenshot(page, "orglife-committee-meeting")
    print(f"\n支部书记录入一次支委会共操作 {touch.count} 个输入项")
    assert touch.count == 7

    meeting = Meeting.objects.get(
        organization=branch, meeting_type="committee_meeting", topic="研究本月支部工作"
    )
    assert (meeting.expected_count, meeting.present_count, meeting.status) == (
        len(committee),
        len(committee) - 1,
        "submitted",
    )
    assert Attendance.objects.get(meeting=meeting, person=absentee).absence_reason == "business"

    page.context.clear_cookies()
    login(page, live_server, "secretary_a", PASSWORD)
    page.goto(f"{live_server.url}/orglife/compliance/?org={general.pk}&period={today.year}")
    assert held_cell(page, branch.pk).inner_text().strip() == str(before + 1)
    assert page.locator(f'#heat-table tr[data-org="{branch.pk}"]').count() == 1
    screenshot(page, "orglife-compliance-zongzhi")
    # and the general branch files it
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.click("text=审核通过（备案）")
    page.wait_for_load_state("networkidle")
    meeting.refresh_from_db()
    assert meeting.status == "approved"
