import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import reminders as contract
from members.models import Person
from notices.engine import run_daily_pass
from notices.models import ChannelPreference, Delivery, Message
from notices.tests.conftest import TERM_DAYS_BEFORE, register_term_rule, set_term_end
from orgs.choices import BranchCategory, OrgType, Post
from orgs.models import Organization, Position

EXPIRY = dt.date(2027, 6, 30)
FIRST_DAY = EXPIRY - dt.timedelta(days=TERM_DAYS_BEFORE)


def inbox(person):
    return list(Message.objects.active().for_person(person.pk))


def with_emails(world):
    for key in ("secretary_a1", "secretary_a", "committee_a1", "zzb", "secretary_b1"):
        Person.objects.filter(pk=world.people[key].pk).update(email=f"{key}@example.edu.cn")


def test_rule_fires_on_boundary_day_and_not_the_day_before(world, rules):
    register_term_rule()
    set_term_end(world.a1, EXPIRY)
    run_daily_pass(FIRST_DAY - dt.timedelta(days=1))
    assert inbox(world.people["secretary_a1"]) == []
    result = run_daily_pass(FIRST_DAY)
    assert [m.rule for m in inbox(world.people["secretary_a1"])] == ["T-TERM"]
    assert len(result.created) == 1


def test_window_helpers_count_the_boundary_day():
    from notices.when import before_period_end, month, quarter, window_open

    anchor = dt.date(2026, 12, 1)
    assert not window_open(dt.date(2026, 11, 1), anchor, days_before=29)
    assert window_open(dt.date(2026, 11, 2), anchor, days_before=29)
    assert window_open(dt.date(2026, 12, 4), anchor, days_after=3)
    assert not window_open(dt.date(2026, 12, 5), anchor, days_after=3)
    assert quarter(dt.date(2026, 11, 27)) == ("2026Q4", dt.date(2026, 12, 31))
    assert month(dt.date(2026, 2, 3)) == ("2026-02", dt.date(2026, 2, 28))
    assert not before_period_end(dt.date(2026, 12, 21), dt.date(2026, 12, 31), 10)
    assert before_period_end(dt.date(2026, 12, 22), dt.date(2026, 12, 31), 10)


def test_recipients_resolved_from_current_positions(world, rules):
    register_term_rule(
        recipients=(contract.COMMITTEE, contract.PARENT_SECRETARY, contract.ORG_DEPARTMENT, contract.PERSON)
    )
    set_term_end(world.a1, EXPIRY)
    # an ended position no longer makes its holder a recipient
    former = Position.objects.create(
        person=world.people["member_a1"],
        organization=world.a1,
        post=Post.YOUTH_MEMBER,
        start=dt.date(2020, 1, 1),
        end=dt.date(2021, 1, 1),
    )
    assert former.end < FIRST_DAY
    run_daily_pass(FIRST_DAY)
    got = set(Message.objects.values_list("recipient__user__username", flat=True))
    assert got == {"secretary_a1", "committee_a1", "secretary_a", "zzb"}


def test_parent_secretary_of_a_group_is_the_general_branch_and_without_one_the_org_department(world, rules):
    register_term_rule(recipients=(contract.PARENT_SECRETARY,))
    lone = Organization.objects.add(
        world.root, name="直属党支部", code="LONE", org_type=OrgType.BRANCH, category=BranchCategory.OFFICE
    )
    set_term_end(world.a1g, EXPIRY)
    set_term_end(lone, EXPIRY)
    run_daily_pass(FIRST_DAY)
    pairs = set(Message.objects.values_list("organization__code", "recipient__user__username"))
    assert pairs == {("A1-G", "secretary_a"), ("LONE", "zzb")}


def test_double_run_sends_nothing_twice(world, rules):
    register_term_rule(recipients=(contract.SECRETARY, contract.PARENT_SECRETARY))
    set_term_end(world.a1, EXPIRY)
    set_term_end(world.b1, EXPIRY)
    with_emails(world)
    first = run_daily_pass(FIRST_DAY)
    assert len(first.created) == 3 and len(mail.outbox) == 3
    rows = Message.objects.count()
    second = run_daily_pass(FIRST_DAY)
    assert second.created == [] and Message.objects.count() == rows
    assert len(mail.outbox) == 3
    # the next day: still due, still nothing new to send
    third = run_daily_pass(FIRST_DAY + dt.timedelta(days=1))
    assert third.created == [] and len(mail.outbox) == 3


class Crash(BaseException):
    """Stands for the process dying (not an error the pass would catch)."""


def test_crash_half_way_then_rerun_sends_each_digest_once(world, rules, monkeypatch):
    from django.core.mail import EmailMessage

    register_term_rule(recipients=(contract.SECRETARY,))
    for org in (world.a1, world.b1):
        set_term_end(org, EXPIRY)
    with_emails(world)
    real_send = EmailMessage.send
    calls = {"n": 0}

    def dying_send(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise Crash()
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", dying_send)
    with pytest.raises(Crash):
        run_daily_pass(FIRST_DAY)
    assert len(mail.outbox) == 1
    monkeypatch.setattr(EmailMessage, "send", real_send)
    run_daily_pass(FIRST_DAY)
    run_daily_pass(FIRST_DAY)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["secretary_a1@example.edu.cn", "secretary_b1@example.edu.cn"]
    assert Message.objects.count() == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_crash_inside_the_inbox_sync_leaves_nothing_half_written(world, rules, monkeypatch):
    register_term_rule(recipients=(contract.SECRETARY, contract.PARENT_SECRETARY))
    set_term_end(world.a1, EXPIRY)

    def crash(*args, **kwargs):
        raise Crash()

    monkeypatch.setattr(Message.objects, "bulk_create", crash)
    with pytest.raises(Crash):
        run_daily_pass(FIRST_DAY)
    monkeypatch.undo()
    assert Message.objects.count() == 0
    run_daily_pass(FIRST_DAY)
    assert Message.objects.count() == 2


def test_resolved_reminder_is_withdrawn_and_comes_back_without_a_second_mail(world, rules):
    register_term_rule()
    set_term_end(world.a1, EXPIRY)
    with_emails(world)
    run_daily_pass(FIRST_DAY)
    assert len(inbox(world.people["secretary_a1"])) == 1
    set_term_end(world.a1, EXPIRY + dt.timedelta(days=3 * 365))  # the election was held
    result = run_daily_pass(FIRST_DAY + dt.timedelta(days=1))
    assert len(result.withdrawn) == 1
    assert inbox(world.people["secretary_a1"]) == []
    assert Message.objects.get().withdrawn_at is not None
    set_term_end(world.a1, EXPIRY)  # the election record was deleted again
    result = run_daily_pass(FIRST_DAY + dt.timedelta(days=2))
    assert result.reactivated == 1 and len(inbox(world.people["secretary_a1"])) == 1
    assert len(mail.outbox) == 1


def test_changed_title_is_refreshed_not_duplicated(world, rules):
    @contract.reminder_rule("T-COUNT", label="计数", module="orgs")
    def counting(on):
        yield contract.DueItem(
            rule="T-COUNT",
            organization_id=world.a1.pk,
            key="x:1",
            title=f"已过 {(on - dt.date(2027, 1, 1)).days} 天",
            due=dt.date(2027, 2, 1),
        )

    run_daily_pass(dt.date(2027, 1, 10))
    result = run_daily_pass(dt.date(2027, 1, 11))
    assert result.updated == 1 and result.created == []
    assert [m.title for m in inbox(world.people["secretary_a1"])] == ["已过 10 天"]


def test_digest_groups_everything_per_person_in_one_mail(world, rules):
    register_term_rule(recipients=(contract.SECRETARY, contract.PARENT_SECRETARY))
    set_term_end(world.a1, EXPIRY)
    set_term_end(world.a1g, EXPIRY + dt.timedelta(days=10))
    with_emails(world)
    ChannelPreference.objects.create(person=world.people["secretary_a1"], email_digest=False)
    run_daily_pass(FIRST_DAY + dt.timedelta(days=10))
    # secretary_a (general branch) gets A1 and A1-G in one mail; secretary_a1 opted out of e-mail
    assert [m.to for m in mail.outbox] == [["secretary_a@example.edu.cn"]]
    body = mail.outbox[0].body
    assert "A系教工第一党支部 任期" in body and "A1 第一党小组 任期" in body
    assert "2 项待办（新增 2 项）" in mail.outbox[0].subject
    assert len(inbox(world.people["secretary_a1"])) == 1  # the inbox always receives
    # a new item the next day: one more digest, listing all open items, the new one flagged
    set_term_end(world.a, EXPIRY)
    run_daily_pass(FIRST_DAY + dt.timedelta(days=11))
    assert len(mail.outbox) == 2
    latest = mail.outbox[1]
    assert "3 项待办（新增 1 项）" in latest.subject
    assert latest.body.count("【新】") == 1 and "【新】A系党总支 任期" in latest.body


def test_dry_run_writes_and_sends_nothing(world, rules):
    register_term_rule()
    set_term_end(world.a1, EXPIRY)
    with_emails(world)
    result = run_daily_pass(FIRST_DAY, dry_run=True)
    assert len(result.created) == 1
    assert Message.objects.count() == 0 and mail.outbox == []


def test_daily_pass_query_count_does_not_grow_with_orgs(world, rules):
    register_term_rule(recipients=(contract.SECRETARY, contract.PARENT_SECRETARY, contract.COMMITTEE))

    def add_branches(n, start):
        for i in range(start, start + n):
            org = Organization.objects.add(
                world.a,
                name=f"支部{i}",
                code=f"Q{i}",
                org_type=OrgType.BRANCH,
                category=BranchCategory.TEACHER,
            )
            set_term_end(org, EXPIRY)
            p = Person.objects.create(name=f"书记{i}", gender="M", organization=org)
            Position.objects.create(person=p, organization=org, post=Post.SECRETARY)

    def measure(on):
        with CaptureQueriesContext(connection) as ctx:
            run_daily_pass(on, deliver=False)
        return len(ctx.captured_queries)

    add_branches(2, 0)
    small = measure(FIRST_DAY)
    small_again = measure(FIRST_DAY + dt.timedelta(days=1))
    add_branches(20, 2)
    large = measure(FIRST_DAY + dt.timedelta(days=2))
    large_again = measure(FIRST_DAY + dt.timedelta(days=3))
    assert large == small  # first run with new items: same statements, more rows each
    assert large_again == small_again


def test_run_reminders_command(world, rules):
    from io import StringIO

    from django.core.management import call_command

    register_term_rule()
    set_term_end(world.a1, EXPIRY)
    out = StringIO()
    call_command("run_reminders", "--date", FIRST_DAY.isoformat(), "--dry-run", stdout=out)
    assert "将新增提醒" in out.getvalue() and Message.objects.count() == 0
    out = StringIO()
    call_command("run_reminders", "--date", FIRST_DAY.isoformat(), stdout=out)
    assert "已新增提醒" in out.getvalue() and Message.objects.count() == 1


def test_huey_task_runs_inline_in_tests(world, rules):
    from notices.tasks import daily_pass_task

    register_term_rule()
    set_term_end(world.a1, EXPIRY)
    summary = daily_pass_task(FIRST_DAY.isoformat())()  # immediate mode: the result is ready
    assert "新增 1" in summary
    assert Message.objects.count() == 1


def test_a_broken_rule_neither_stops_the_others_nor_withdraws_its_reminders(world, rules):
    register_term_rule()
    set_term_end(world.a1, EXPIRY)
    state = {"broken": False}

    @contract.reminder_rule("T-FLAKY", label="会出错的规则", module="plans")
    def flaky(on):
        if state["broken"]:
            raise RuntimeError("数据库字段缺失")
        yield contract.DueItem(
            rule="T-FLAKY", organization_id=world.a1.pk, key="p:1", title="督办", due=EXPIRY
        )

    run_daily_pass(FIRST_DAY)
    assert len(inbox(world.people["secretary_a1"])) == 2
    state["broken"] = True
    result = run_daily_pass(FIRST_DAY + dt.timedelta(days=1))
    assert [r for r, _ in result.failed_rules] == ["T-FLAKY"] and "T-FLAKY" in result.summary()
    assert result.withdrawn == [] and len(inbox(world.people["secretary_a1"])) == 2
