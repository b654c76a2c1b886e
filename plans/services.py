"""Every change to plans goes through here: plans and tasks, 领题 fan-out, progress reports, reviews, overdue."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import log_event
from core.services import ensure_in_scope, save_object
from plans.choices import OPEN_STATUSES, AssignmentStatus, ReportStatus, UnitRole
from plans.models import Assignment, ProgressReport, Task
from plans.rules import is_overdue, missed_periods, parse_deadline, period_of


def save_plan(plan, user, *, action="change"):
    """Create or update a plan (plain record)."""
    return save_object(plan, user, action=action)


def apply_deadline(task, text):
    """PLAN-DEADLINE: set due date / ongoing from the deadline as written (ValidationError if unreadable)."""
    try:
        deadline = parse_deadline(text)
    except ValueError as exc:
        raise ValidationError({"deadline_text": str(exc)}) from None
    task.deadline_text, task.due_date, task.ongoing = deadline.text, deadline.due, deadline.ongoing
    return task


def save_task(task, user, *, units=None, on=None):
    """Create or update a task; ``units`` [(org, role)] are fanned out to assignments (领题)."""
    with transaction.atomic():
        is_new = task.pk is None
        save_object(task, user, action="add" if is_new else "change")
        if units:
            fan_out(task, units, user, on=on)
    return task


def fan_out(task, units, user, *, on=None):
    """领题: one assignment per responsible unit (skips units that already have one); returns the new ones."""
    on = on or timezone.localdate()
    existing = set(task.assignments.values_list("organization_id", flat=True))
    created = []
    with transaction.atomic():
        for org, role in units:
            if org.pk in existing:
                continue
            existing.add(org.pk)
            created.append(
                Assignment(
                    task=task, organization=org, role=role or UnitRole.LEAD, start=task_start(task, on)
                )
            )
        Assignment.objects.bulk_create(created)
        if created:
            log_event(
                task,
                "领题分解",
                user,
                "、".join(a.organization.name for a in created),
                units=[a.organization_id for a in created],
            )
    return created


def task_start(task, on):
    """Work on an imported plan starts when the plan was issued (or today)."""
    issued = task.plan.issued_on
    return min(issued, on) if issued else on


def resolve_units(task, units, user, *, on=None):
    """The admin picks the organizations for names that could not be matched at import."""
    with transaction.atomic():
        ensure_in_scope(task, user, "change")
        created = fan_out(task, units, user, on=on)
        task.unresolved_units = ""
        task.save(update_fields=["unresolved_units", "updated"])
        log_event(task, "指定责任单位", user, f"新增 {len(created)} 个责任单位")
    return created


def save_assignment(assignment, user):
    """Owner, start date and note of an assignment (status changes go through the functions below)."""
    return save_object(assignment, user, action="change" if assignment.pk else "add")


def save_subtask(subtask, user):
    """A unit's own 细化任务 under its assignment."""
    return save_object(subtask, user, action="change" if subtask.pk else "add")


def submit_report(report, user, *, on=None):
    """The owner reports progress: the report waits for review and the assignment becomes 待审核."""
    on = on or timezone.localdate()
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update().select_related("task").get(pk=report.assignment_id)
        )
        ensure_in_scope(assignment, user, "change")
        if assignment.status == AssignmentStatus.DONE:
            raise ValidationError("该任务已办结，无需再报送进展。")
        report.pk = None  # a report is never edited: each submission is a new record
        report.status = ReportStatus.SUBMITTED
        report.reported_on = report.reported_on or on
        if assignment.task.ongoing and not report.period:
            report.period = period_of(report.reported_on, assignment.task.cycle).key
        report.full_clean()
        report.save()
        ensure_in_scope(report, user, "add")
        if report.percent is not None:
            assignment.progress = report.percent
        assignment.status = AssignmentStatus.PENDING
        assignment.save(update_fields=["status", "progress", "updated"])
        log_event(assignment, "报送进展", user, report.text[:100], report=report.pk, period=report.period)
    return report


def can_review(task, user) -> bool:
    """Reviewers are those who may change the task, i.e. the issuing unit (a unit never accepts its own work)."""
    return Task.objects.restrict(user, "change").filter(pk=task.pk).exists()


def review_report(report, user, *, accept: bool, comment="", on=None):
    """Accept or return a submitted report; the assignment's status follows (PLAN-OVERDUE)."""
    on = on or timezone.localdate()
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update().select_related("assignment__task").get(pk=report.pk)
        )
        assignment = report.assignment
        if user is not None and not can_review(assignment.task, user):
            raise PermissionDenied("只有任务下达单位可以审核进展。")
        if report.status != ReportStatus.SUBMITTED:
            raise ValidationError(f"该报送已{report.get_status_display()}，不能重复审核。")
        if not accept and not comment.strip():
            raise ValidationError({"comment": "退回时请填写意见。"})
        report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
        report.reviewer = user if getattr(user, "is_authenticated", False) else None
        report.reviewed_at = timezone.now()
        report.review_comment = comment
        report.save(update_fields=["status", "reviewer", "reviewed_at", "review_comment", "updated"])
        if accept and not assignment.task.ongoing and (report.finished or report.percent == 100):
            assignment.status = AssignmentStatus.DONE
            assignment.progress = 100
            assignment.completed_on = report.reported_on
        else:
            assignment.status = _open_status(assignment, on)
        assignment.save(update_fields=["status", "progress", "completed_on", "updated"])
        log_event(
            assignment,
            "审核通过" if accept else "审核退回",
            user,
            comment,
            report=report.pk,
            status=assignment.status,
        )
    return report


def _accepted_keys(assignment):
    return set(
        assignment.reports.filter(status=ReportStatus.ACCEPTED)
        .exclude(period="")
        .values_list("period", flat=True)
    )


def _open_status(assignment, on):
    """The status of a not-done assignment on ``on``: overdue (PLAN-OVERDUE), pending, in progress or not started."""
    task = assignment.task
    if is_overdue(
        ongoing=task.ongoing,
        due=task.due_date,
        start=assignment.start,
        on=on,
        cycle=task.cycle,
        done=False,
        accepted_keys=_accepted_keys(assignment),
    ):
        return AssignmentStatus.OVERDUE
    if assignment.reports.filter(status=ReportStatus.SUBMITTED).exists():
        return AssignmentStatus.PENDING
    if assignment.reports.exists() or assignment.progress:
        return AssignmentStatus.IN_PROGRESS
    return AssignmentStatus.NOT_STARTED


def sweep_overdue(on: dt.date | None = None, user=None) -> int:
    """Mark assignments that became overdue (and clear those no longer overdue); one event each change."""
    on = on or timezone.localdate()
    rows = list(
        Assignment.objects.filter(status__in=(*OPEN_STATUSES, AssignmentStatus.OVERDUE)).select_related(
            "task"
        )
    )
    accepted = accepted_periods([a.pk for a in rows])
    changed = 0
    with transaction.atomic():
        for assignment in rows:
            task = assignment.task
            overdue = is_overdue(
                ongoing=task.ongoing,
                due=task.due_date,
                start=assignment.start,
                on=on,
                cycle=task.cycle,
                done=False,
                accepted_keys=accepted.get(assignment.pk, set()),
            )
            if overdue and assignment.status != AssignmentStatus.OVERDUE:
                assignment.status = AssignmentStatus.OVERDUE
                assignment.save(update_fields=["status", "updated"])
                log_event(
                    assignment,
                    "逾期",
                    user,
                    overdue_reason(assignment, on, accepted.get(assignment.pk, set())),
                )
                changed += 1
            elif not overdue and assignment.status == AssignmentStatus.OVERDUE:
                assignment.status = AssignmentStatus.IN_PROGRESS
                assignment.save(update_fields=["status", "updated"])
                log_event(assignment, "解除逾期", user, "已补报并通过审核")
                changed += 1
    return changed


def accepted_periods(assignment_ids) -> dict:
    """{assignment id: set of accepted period keys}, one query."""
    out = {}
    rows = ProgressReport.objects.filter(
        assignment_id__in=assignment_ids, status=ReportStatus.ACCEPTED
    ).values_list("assignment_id", "period")
    for assignment_id, period in rows:
        out.setdefault(assignment_id, set()).add(period)
    return out


def overdue_reason(assignment, on, accepted_keys=None) -> str:
    """Why an assignment is overdue, in words (which rule, which date)."""
    task = assignment.task
    if task.ongoing:
        if accepted_keys is None:
            accepted_keys = _accepted_keys(assignment)
        missed = missed_periods(assignment.start, on, task.cycle, accepted_keys)
        return "PLAN-CYCLE：" + "、".join(p.label for p in missed) + " 没有通过审核的进展报送"
    return f"PLAN-OVERDUE：完成期限 {task.due_date:%Y-%m-%d} 已过，尚未办结"


def due_list(on: dt.date | None = None, *, days_ahead=7):
    """What is due soon or overdue on ``on`` (the reminders rule reads this): [(assignment, due, text)]."""
    on = on or timezone.localdate()
    rows = list(
        Assignment.objects.exclude(status=AssignmentStatus.DONE).select_related("task", "organization")
    )
    accepted = accepted_periods([a.pk for a in rows])
    horizon = on + dt.timedelta(days=days_ahead)
    out = []
    for a in rows:
        task = a.task
        if task.ongoing:
            keys = accepted.get(a.pk, set())
            for period in missed_periods(a.start, on, task.cycle, keys):
                out.append(
                    (
                        a,
                        period.end,
                        f"{a.organization.display_short}「{task.title[:30]}」{period.label}未报送进展（已逾期）",
                        period.key,
                    )
                )
            current = period_of(on, task.cycle)
            if current.key not in keys and current.end <= horizon:
                out.append(
                    (
                        a,
                        current.end,
                        f"{a.organization.display_short}「{task.title[:30]}」{current.label}进展须在 {current.end:%Y-%m-%d} 前报送",
                        current.key,
                    )
                )
        elif task.due_date and task.due_date <= horizon:
            state = "已逾期" if on > task.due_date else f"须在 {task.due_date:%Y-%m-%d} 前完成"
            out.append((a, task.due_date, f"{a.organization.display_short}「{task.title[:30]}」{state}", ""))
    return out


def save_related(obj, user):
    """Plain records hanging off a plan object (例会, 清单, 责任书 and their items)."""
    return save_object(obj, user, action="change" if obj.pk else "add")


def save_letter(letter, user):
    """A 责任书 is signed with the level directly above (school → 党总支 → 党支部)."""
    if letter.organization_id and not letter.superior_id:
        letter.superior = type(letter.organization).objects.get_parent(letter.organization)
        if letter.superior is None:
            raise ValidationError({"organization": "校党委没有上级党组织，无需签订。"})
    return save_object(letter, user, action="change" if letter.pk else "add")
