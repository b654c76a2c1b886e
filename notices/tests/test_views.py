import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import reminders as contract
from core.testing.views import APIViewTestCases, ViewTestCases
from core.testing.world import person
from notices import services
from notices.choices import Audience, MessageKind
from notices.models import ChannelPreference, Message, Notice, RobotWebhook


def message_for(world, role, org_key, title="提醒"):
    return Message.objects.create(
        recipient=world.people[role], organization=world.orgs[org_key], kind=MessageKind.REMINDER, title=title
    )


SECRETARY_OF = {"a1": "secretary_a1", "b1": "secretary_b1", "a": "secretary_a"}


class TestMessageViews(ViewTestCases, APIViewTestCases):
    model = Message
    api_basename = "message"

    def make(self, world, org_key):
        return message_for(world, SECRETARY_OF[org_key], org_key)


class TestNoticeViews(ViewTestCases, APIViewTestCases):
    model = Notice
    api_basename = "notice"

    def make(self, world, org_key):
        notice = Notice.objects.create(
            organization=world.orgs[org_key], title="关于开展主题党日的通知", body="正文"
        )
        notice.target_orgs.set([world.orgs[org_key]])
        return notice

    def form_data(self, world):
        return {
            "organization": world.a1,
            "title": "关于缴纳党费的通知",
            "body": "请于月底前缴纳。",
            "target_orgs": [world.a1],
            "include_subtree": True,
            "audience": Audience.ALL_PEOPLE,
        }

    def api_create_data(self, world):
        return {
            "organization": world.a1.pk,
            "title": "API 通知",
            "body": "正文",
            "target_orgs": [world.a1.pk],
            "audience": "secretaries",
        }


class TestRobotWebhookViews(ViewTestCases, APIViewTestCases):
    model = RobotWebhook
    api_basename = "robotwebhook"

    def make(self, world, org_key):
        return RobotWebhook.objects.create(
            organization=world.orgs[org_key],
            name=f"{org_key} 群",
            webhook_url="https://qyapi.weixin.qq.com/x?key=1",
        )

    def form_data(self, world):
        return {
            "organization": world.a1,
            "name": "A1 支委群",
            "flavor": "wecom",
            "webhook_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
            "active": True,
        }

    def api_create_data(self, world):
        return {
            "organization": world.a1.pk,
            "name": "A1 钉钉群",
            "flavor": "dingtalk",
            "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=abc",
        }


# --- inbox -------------------------------------------------------------------------------
def test_inbox_is_personal_even_inside_the_scope(world):
    mine = message_for(world, "secretary_a1", "a1", "书记的提醒")
    colleague = message_for(world, "committee_a1", "a1", "委员的提醒")
    client = world.client("secretary_a1")
    body = client.get("/notices/inbox/").content.decode()
    assert "书记的提醒" in body and "委员的提醒" not in body
    assert client.get(colleague.get_absolute_url()).status_code == 404
    assert world.client("member_a1").get(mine.get_absolute_url()).status_code == 404
    assert world.client("zzb").get(mine.get_absolute_url()).status_code == 404


def test_opening_marks_read_and_withdrawn_messages_leave_the_inbox(world):
    from notices.templatetags.notices import unread_badge

    first = message_for(world, "member_a1", "a1", "第一条")
    message_for(world, "member_a1", "a1", "第二条")
    gone = message_for(world, "member_a1", "a1", "已撤回")
    Message.objects.filter(pk=gone.pk).update(withdrawn_at=timezone.now())
    client = world.client("member_a1")
    request = type("R", (), {"user": world.users["member_a1"]})()
    assert ">2<" in unread_badge({"request": request})
    assert client.get(first.get_absolute_url()).status_code == 200
    first.refresh_from_db()
    assert first.read_at is not None
    assert ">1<" in unread_badge({"request": request})
    body = client.get("/notices/inbox/").content.decode()
    assert "已撤回" not in body and "第二条" in body
    assert client.post("/notices/inbox/read-all/").status_code == 302
    assert unread_badge({"request": request}) == ""


def test_api_marks_own_message_read(world):
    mine = message_for(world, "secretary_a1", "a1")
    other = message_for(world, "committee_a1", "a1")
    client = world.client("secretary_a1")
    assert client.post(f"/api/messages/{mine.pk}/read/").status_code == 200
    assert client.post(f"/api/messages/{other.pk}/read/").status_code == 404
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_inbox_query_count_does_not_grow(world):
    client = world.client("secretary_a1")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/notices/inbox/").status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        message_for(world, "secretary_a1", "a1", f"m{i}")
    small = count()
    for i in range(30):
        message_for(world, "secretary_a1", "a1" if i % 2 else "a1g", f"n{i}")
    assert count() == small


# --- 我的待办 --------------------------------------------------------------------------------
def register_many(world, n):
    """A rule with ``n`` items for A1 (secretary) and one for B1; all due from today on."""
    today = timezone.localdate()

    @contract.reminder_rule("T-TODO", label="测试待办", module="orglife")
    def todo_rule(on):
        for i in range(n):
            yield contract.DueItem(
                rule="T-TODO",
                organization_id=world.a1.pk,
                key=f"t:{i}",
                title=f"A1 待办 {i}",
                due=today + dt.timedelta(days=n - i),
                url=f"/orglife/meetings/{i}/",
            )
        yield contract.DueItem(
            rule="T-TODO", organization_id=world.b1.pk, key="t:b", title="B1 待办", due=today, url="/x/"
        )
        yield contract.DueItem(
            rule="T-TODO",
            organization_id=world.a1.pk,
            key="t:p",
            title="本人须交思想汇报",
            due=today - dt.timedelta(days=2),
            recipients=(contract.PERSON,),
            person_id=world.people["member_a1"].pk,
        )


def test_todo_lists_what_is_addressed_to_me_ordered_by_due(world, rules):
    register_many(world, 3)
    body = world.client("secretary_a1").get("/notices/todo/").content.decode()
    assert "B1 待办" not in body and "本人须交思想汇报" not in body
    assert body.index("A1 待办 2") < body.index("A1 待办 1") < body.index("A1 待办 0")
    assert 'href="/orglife/meetings/0/"' in body
    member = world.client("member_a1").get("/notices/todo/").content.decode()
    assert "本人须交思想汇报" in member and "已逾期 2 天" in member and "A1 待办" not in member
    assert "暂无待办事项" in world.client("group_leader").get("/notices/todo/").content.decode()
    assert world.client("nobody").get("/notices/todo/").status_code == 403


def test_todo_query_count_does_not_grow(world, rules):
    from django.core.cache import cache

    client = world.client("secretary_a1")

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/notices/todo/").status_code == 200
        return len(ctx.captured_queries)

    register_many(world, 3)
    small = count()
    rules.clear()
    register_many(world, 40)
    assert count() == small


# --- notices -------------------------------------------------------------------------------
def test_org_department_sends_notice_and_sees_who_read_it(world):
    zzb = world.client("zzb")
    response = zzb.post(
        "/notices/notices/add/",
        {
            "organization": world.zzb_dept.pk,
            "title": "关于做好年度民主评议党员工作的通知",
            "body": "各党支部：请于 12 月底前完成。",
            "target_orgs": [world.a.pk, world.b1.pk],
            "include_subtree": "on",
            "audience": Audience.SECRETARIES,
        },
    )
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert zzb.post(f"/notices/notices/{notice.pk}/send/").status_code == 302
    notice.refresh_from_db()
    assert notice.is_sent
    got = set(notice.messages.values_list("recipient__user__username", flat=True))
    assert got == {"secretary_a", "secretary_a1", "secretary_b1"}
    message = notice.messages.get(recipient=world.people["secretary_b1"])
    world.client("secretary_b1").get(message.get_absolute_url())
    page = zzb.get(notice.get_absolute_url()).content.decode()
    assert "1 / 3" in page and "secretary_a人员" in page
    receipts = zzb.get(f"/notices/notices/{notice.pk}/receipts/", {"unread": "true"}).content.decode()
    assert "secretary_a1人员" in receipts and "secretary_b1人员" not in receipts
    # sent is final: no second send, no edit
    assert zzb.post(f"/notices/notices/{notice.pk}/send/").status_code == 302
    assert notice.messages.count() == 3
    assert zzb.get(f"/notices/notices/{notice.pk}/edit/").status_code == 404


def test_notice_audiences_and_email(world, django_capture_on_commit_callbacks):
    from django.core import mail

    from members.models import Person

    Person.objects.filter(pk=world.people["member_a1"].pk).update(email="m@example.edu.cn")
    Person.objects.filter(pk=world.people["committee_a1"].pk).update(email="c@example.edu.cn")
    ChannelPreference.objects.create(person=world.people["committee_a1"], email_notices=False)
    person("群众甲", world.a1, status="masses")
    notice = Notice.objects.create(
        organization=world.a1, title="支部通知", body="内容", audience=Audience.MEMBERS, include_subtree=False
    )
    notice.target_orgs.set([world.a1])
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail job is queued after commit
        services.send_notice(notice, world.users["secretary_a1"])
    names = set(notice.messages.values_list("recipient__name", flat=True))
    assert "群众甲" not in names and "member_a1人员" in names and "committee_a1人员" in names
    assert [m.to for m in mail.outbox] == [["m@example.edu.cn"]]  # committee_a1 opted out


def test_secretary_cannot_send_to_orgs_outside_scope(world):
    response = world.client("secretary_a1").post(
        "/notices/notices/add/",
        {
            "organization": world.a1.pk,
            "title": "越权通知",
            "body": "x",
            "target_orgs": [world.b1.pk],
            "audience": Audience.ALL_PEOPLE,
        },
    )
    assert response.status_code == 400 and not Notice.objects.exists()


def test_preferences_page_saves_own_choice(world):
    client = world.client("member_a1")
    assert client.get("/notices/preferences/").status_code == 200
    assert client.post("/notices/preferences/", {"email_notices": "on"}).status_code == 302
    pref = ChannelPreference.objects.get(person=world.people["member_a1"])
    assert pref.email_digest is False and pref.email_notices is True
    assert world.client("nobody").get("/notices/preferences/").status_code == 403


def test_rule_page_lists_registered_rules(world, rules):
    register_many(world, 1)
    body = world.client("zzb").get("/notices/rules/").content.decode()
    assert "T-TODO" in body and "测试待办" in body
    assert world.client("member_a1").get("/notices/rules/").status_code == 403
