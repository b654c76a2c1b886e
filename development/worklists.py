"""Work lists (per branch / general branch): each is one queryset over 发展档案, so its page is a fixed number of
queries whatever the data, and each is exportable to .xlsx through the generic list view."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from development.choices import FileStatus
from development.models import DevelopmentFile, RuleSet
from development.rules import activist_earliest, approve_deadline, candidate_earliest, talk_due
from development.steps import PARAMS_2014
from members.choices import PoliticalStatus
from members.services import add_months

PROBATION_WINDOW_DAYS = 60
DEFAULT_PENDING_DAYS = 30


@dataclass(frozen=True)
class WorkList:
    key: str
    label: str
    rule: str
    due_label: str


WORK_LISTS = [
    WorkList("talk_due", "待谈话的入党申请人", "DEV-TALK", "谈话最迟日期"),
    WorkList("activist_eligible", "可确定为入党积极分子", "DEV-ACT-MIN", "最早可确定日期"),
    WorkList("candidate_eligible", "可确定为发展对象", "DEV-CAND-MIN", "最早可确定日期"),
    WorkList("no_mentor", "未指定培养联系人的积极分子", "DEV-MENTOR", "确定积极分子日期"),
    WorkList("approval_pending", "待上级党委审批", "DEV-APPROVE", "审批最迟日期"),
    WorkList("probation_ending", "60 天内预备期满", "DEV-PROB", "预备期满日期"),
    WorkList("missing_reports", "思想汇报缺交", "DEV-REPORT", "应交日期"),
    WorkList("assessments_due", "半年考察到期", "DEV-ASSESS", "应考察日期"),
]
BY_KEY = {w.key: w for w in WORK_LISTS}


def params():
    rule_set = RuleSet.current()
    return rule_set.params if rule_set else PARAMS_2014


def work_list(key, queryset, today: dt.date, *, pending_days=DEFAULT_PENDING_DAYS, p=None):
    """The files on work list ``key`` on ``today`` (a queryset; one query to evaluate)."""
    p = p or params()
    open_files = queryset.filter(status__in=(FileStatus.OPEN, FileStatus.PROBATION))
    status = "person__political_status"
    if key == "talk_due":
        return open_files.filter(current_step=1)
    if key == "activist_eligible":
        return open_files.filter(
            current_step=2, applied_on__lte=add_months(today, -p["activist_after_months"])
        )
    if key == "candidate_eligible":
        return open_files.filter(
            current_step__gte=3,
            current_step__lt=7,
            activist_on__lte=add_months(today, -p["candidate_after_months"]),
        )
    if key == "no_mentor":
        return (
            open_files.filter(**{f"{status}__in": (PoliticalStatus.ACTIVIST, PoliticalStatus.CANDIDATE)})
            .annotate(mentor_count=Count("mentors"))
            .filter(mentor_count=0)
        )
    if key == "approval_pending":
        cutoff = today - dt.timedelta(days=pending_days)
        return open_files.filter(
            Q(current_step__in=(15, 16), admitted_on__lte=cutoff)
            | Q(current_step=23, conversion_meeting_on__lte=cutoff)
        )
    if key == "probation_ending":
        return open_files.filter(
            status=FileStatus.PROBATION,
            current_step__lt=23,
            probation_end__gte=today,
            probation_end__lte=today + dt.timedelta(days=PROBATION_WINDOW_DAYS),
        )
    if key == "missing_reports":
        return (
            open_files.filter(**{f"{status}__in": (PoliticalStatus.ACTIVIST, PoliticalStatus.CANDIDATE)})
            .annotate(last=Coalesce("last_report_on", "activist_on"))
            .filter(last__lte=add_months(today, -p["report_every_months"]))
        )
    if key == "assessments_due":
        return (
            open_files.filter(**{status: PoliticalStatus.ACTIVIST})
            .annotate(last=Coalesce("last_assessment_on", "activist_on"))
            .filter(last__lte=add_months(today, -p["assess_every_months"]))
        )
    raise KeyError(key)


def due_date(key, file: DevelopmentFile, p=None):
    """The date that puts ``file`` on list ``key`` (shown and exported)."""
    p = p or params()
    if key == "talk_due":
        return talk_due(file.applied_on, p)
    if key == "activist_eligible":
        return activist_earliest(file.applied_on, p)
    if key == "candidate_eligible":
        return candidate_earliest(file.activist_on, p)
    if key == "no_mentor":
        return file.activist_on
    if key == "approval_pending":
        meeting = file.conversion_meeting_on if file.current_step == 23 else file.admitted_on
        return approve_deadline(meeting, p) if meeting else None
    if key == "probation_ending":
        return file.probation_end
    if key == "missing_reports":
        last = file.last_report_on or file.activist_on
        return add_months(last, p["report_every_months"]) if last else None
    if key == "assessments_due":
        last = file.last_assessment_on or file.activist_on
        return add_months(last, p["assess_every_months"]) if last else None
    return None
