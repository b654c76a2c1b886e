import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plans import services
from plans.choices import AssignmentStatus, Cycle, ReportStatus
from plans.models import Assignment, ProgressReport
from plans.rules import ended_periods, is_overdue, parse_deadline, period_of
from plans.tests.factories import make_plan, make_task

D = dt.date


# PLAN-DEADLINE ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, due, ongoing",
    [
        ("2023年9月", D(2023, 9, 30), False),
        ("2024年2月", D(2024, 2, 29), False),  # leap year: the month's real last day
        ("2023年12月", D(2023, 12, 31), False),
        ("2023年9月15日", D(2023, 9, 15), False),
        ("2023.10", D(2023, 10, 31), False),
        ("2023年底", D(2023, 12, 31), False),
        ("长期坚持", None, True),
    ],
)
def test_deadline_as_written(text, due, ongoing):
    deadline = parse_deadline(text)
    assert (deadline.due, deadline.ongoing, deadline.text) == (due, ongoing, text)


@pytest.mark.parametrize(
    "text, reason",
    [("2023年13月", "月份 13 不存在"), ("2023年2月30日", "不是有效日期"), ("尽快", "无法识别"), ("", "为空")],
)
def test_unreadable_deadlines(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_deadline(text)


# PLAN-CYCLE -----------------------------------------------------------------------------
def test_quarters_and_other_cycles():
    assert period_of(D(2023, 9, 30)).key == "2023Q3" and period_of(D(2023, 10, 1)).key == "2023Q4"
    assert period_of(D(2023, 6, 28), Cycle.HALF_YEAR).key == "2023H1"
    assert period_of(D(2023, 6, 28), Cycle.MONTHLY).end == D(2023, 6, 30)
    assert [p.key for p in ended_periods(D(2023, 6, 28), D(2023, 10, 1))] == ["2023Q2", "2023Q3"]


def test_ongoing_overdue_boundary_days():
    start = D(2023, 7, 10)
    args = dict(ongoing=True, due=None, start=start, cycle=Cycle.QUARTERLY, done=False)
    assert not is_overdue(on=D(2023, 9, 30), **args)  # last day of the cycle: not yet
    assert is_overdue(on=D(2023, 10, 1), **args)  # the day after: Q3 missed
    assert not is_overdue(on=D(2023, 10, 1), accepted_keys={"2023Q3"}, **args)
    assert not is_overdue(on=D(2023, 12, 31), accepted_keys={"2023Q3"}, **args)
    assert is_overdue(on=D(2024, 1, 1), accepted_keys={"2023Q3"}, **args)  # Q4 now missed


def test_one_off_overdue_boundary_days():
    args = dict(ongoing=False, due=D(2023, 9, 30), start=D(2023, 7, 1), cycle=Cycle.QUARTERLY)
    assert not is_overdue(on=D(2023, 9, 30), done=False, **args)
    assert is_overdue(on=D(2023, 10, 1), done=False, **args)
    assert not is_overdue(on=D(2023, 10, 1), done=True, **args)


# services ------------------------------------------------------------------------------------
def report(assignment, user, on, **extra):
    extra.setdefault("text", "已推进")
    return services.submit_report(ProgressReport(assignment=assignment, reported_on=on, **extra), user, on=on)


def test_fan_out_one_assignment_per_general_branch_each_with_its_own_state(world):
    task = make_task(world, units=[("a", "lead"), ("b", "lead"), ("zzb_dept", "co")])
    assert task.assignments.count() == 3
    # fanning out again adds nothing
    assert services.fan_out(task, [(world.a, "lead")], None) == []
    a = task.assignments.get(organization=world.a)
    report(a, world.users["secretary_a"], D(2023, 8, 1), percent=100, finished=True)
    states = dict(task.assignments.values_list("organization__code", "status"))
    assert states == {"A": "pending", "B": "not_started", "ZZB": "not_started"}


def test_one_off_accept_is_done_return_needs_comment(world):
    task = make_task(world, units=[("a", "lead")])
    a = task.assignments.get()
    first = report(a, world.users["secretary_a"], D(2023, 8, 1), percent=40)
    with pytest.raises(ValidationError, match="退回时请填写意见"):
        services.review_report(first, world.users["zzb"], accept=False, on=D(2023, 8, 2))
    services.review_report(first, world.users["zzb"], accept=False, comment="补材料", on=D(2023, 8, 2))
    a.refresh_from_db()
    assert a.status == AssignmentStatus.IN_PROGRESS and a.progress == 40
    final = report(
        a, world.users["secretary_a"], D(2023, 9, 20), percent=100, finished=True, milestone="已报组织部备案"
    )
    with pytest.raises(ValidationError, match="不能重复审核"):
        services.review_report(first, world.users["zzb"], accept=True, on=D(2023, 9, 21))
    services.review_report(final, world.users["zzb"], accept=True, on=D(2023, 9, 21))
    a.refresh_from_db()
    assert a.status == AssignmentStatus.DONE and a.completed_on == D(2023, 9, 20)
    with pytest.raises(ValidationError, match="已办结"):
        report(a, world.users["secretary_a"], D(2023, 9, 22))


def test_a_unit_cannot_accept_its_own_report(world):
    task = make_task(world, units=[("a", "lead")])
    r = report(task.assignments.get(), world.users["secretary_a"], D(2023, 8, 1))
    with pytest.raises(PermissionDenied):
        services.review_report(r, world.users["secretary_a"], accept=True)
    assert ProgressReport.objects.get().status == ReportStatus.SUBMITTED


def test_report_outside_scope_rolls_back(world):
    task = make_task(world, units=[("b", "lead")])
    with pytest.raises(ValidationError):
        report(task.assignments.get(), world.users["secretary_a"], D(2023, 8, 1))
    assert not ProgressReport.objects.exists()


def test_sweep_marks_missed_cycle_overdue_and_clears_it_after_accepted_catch_up(world):
    task = make_task(world, units=[("a", "lead")], deadline="长期坚持", on=D(2023, 7, 10))
    a = task.assignments.get()
    assert services.sweep_overdue(D(2023, 9, 30)) == 0
    assert services.sweep_overdue(D(2023, 10, 1)) == 1
    a.refresh_from_db()
    assert a.status == AssignmentStatus.OVERDUE
    assert "2023年第3季度" in services.overdue_reason(a, D(2023, 10, 1))
    late = report(a, world.users["secretary_a"], D(2023, 10, 5), period="2023Q3")
    services.review_report(late, world.users["zzb"], accept=True, on=D(2023, 10, 6))
    a.refresh_from_db()
    assert a.status == AssignmentStatus.IN_PROGRESS
    assert services.sweep_overdue(D(2023, 12, 31)) == 0
    assert services.sweep_overdue(D(2024, 1, 1)) == 1
    a.refresh_from_db()
    assert services.overdue_reason(a, D(2024, 1, 1)) == "PLAN-CYCLE：2023年第4季度 没有通过审核的进展报送"


def test_due_list_and_reminder_rule(world):
    from core.reminders import due_items

    one_off = make_task(world, units=[("a", "lead")], deadline="2023年9月")
    make_task(world, units=[("b", "lead")], deadline="长期坚持", on=D(2023, 7, 1))
    assert services.due_list(D(2023, 9, 22)) == []  # 8 days before: nothing yet
    due = services.due_list(D(2023, 9, 23))
    assert {(a.organization.code, d) for a, d, _, _ in due} == {("A", D(2023, 9, 30)), ("B", D(2023, 9, 30))}
    items = [i for i in due_items(D(2023, 10, 2), {"PLAN-DUE"})]
    assert {i.key for i in items} == {f"plans.assignment:{a.pk}" for a in Assignment.objects.all()}
    assert any("已逾期" in i.title for i in items)
    assert one_off.assignments.get().pk in {int(i.key.split(":")[1]) for i in items}


def test_branch_adds_its_own_task_under_a_plan_without_table(world):
    plan = make_plan(world, title="双带头人攻坚计划", units_add_tasks=True)
    client = world.client("secretary_a")
    response = client.post(
        "/plans/tasks/add/",
        {
            "plan": plan.pk,
            "organization": world.a.pk,
            "section": "A系细化",
            "number": 1,
            "title": "制定本系双带头人培育方案",
            "deadline_text": "2023年12月",
            "cycle": "quarterly",
            "lead_units": [world.a.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assignment = Assignment.objects.get()
    assert assignment.organization == world.a and assignment.task.due_date == D(2023, 12, 31)
    closed = make_plan(world, title="不开放的计划")
    response = client.post(
        "/plans/tasks/add/",
        {
            "plan": closed.pk,
            "organization": world.a.pk,
            "title": "x",
            "number": 2,
            "deadline_text": "2023年12月",
            "cycle": "quarterly",
        },
    )
    assert response.status_code == 400


def test_letter_signed_with_the_level_above(world):
    from plans.models import ResponsibilityLetter

    letter = services.save_letter(
        ResponsibilityLetter(
            organization=world.a1, year=2026, signer="甲", superior_signer="乙", signed_on=D(2026, 3, 1)
        ),
        None,
    )
    assert letter.superior == world.a
    wrong = ResponsibilityLetter(
        organization=world.a1,
        superior=world.root,
        year=2025,
        signer="甲",
        superior_signer="乙",
        signed_on=D(2025, 3, 1),
    )
    with pytest.raises(ValidationError, match="直接上级"):
        services.save_letter(wrong, None)


def test_sweep_command(world, capsys):
    from django.core.management import call_command

    make_task(world, units=[("a", "lead")], deadline="2023年9月")
    call_command("sweep_overdue_assignments", "--on", "2023-09-30")
    assert "状态变化 0 条" in capsys.readouterr().out
    call_command("sweep_overdue_assignments", "--on", "2023-10-01")
    assert "状态变化 1 条" in capsys.readouterr().out
    assert Assignment.objects.get().status == AssignmentStatus.OVERDUE


def test_report_form_offers_missed_cycles_for_catch_up(world):
    from plans.forms import ProgressReportForm, period_choices

    task = make_task(world, units=[("a", "lead")], deadline="长期坚持", on=D(2023, 7, 10))
    a = task.assignments.get()
    keys = [key for key, _ in period_choices(a, on=D(2024, 1, 5))]
    assert keys == ["", "2023Q3", "2023Q4"]
    form = ProgressReportForm(initial={"assignment": a.pk}, user=world.users["secretary_a"])
    assert form.fields["period"].choices[0][0] == ""
