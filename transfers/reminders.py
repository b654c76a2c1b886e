"""Reminders for REL-LETTER, REL-GRAD, REL-MOBILE, REL-LOST and the end of 留党察看 (constant queries each)."""

import datetime as dt

from django.db.models import Exists, Max, OuterRef, Q

from core.reminders import ORG_DEPARTMENT, PARENT_SECRETARY, SECRETARY, DueItem, reminder_rule
from transfers import rules
from transfers.choices import (
    CaseState,
    DecisionKind,
    DecisionStatus,
    DisciplineLevel,
    MobileDirection,
    MobileStatus,
    RetentionStatus,
    TransferKind,
    TransferStatus,
)
from transfers.models import (
    GraduateRetention,
    LostContactCase,
    MobileMember,
    MobileReport,
    StandingDecision,
    Transfer,
)


@reminder_rule("REL-LETTER", label="转出介绍信逾期未回执", module="transfers")
def letters_without_receipt(on):
    overdue = Transfer.objects.filter(kind=TransferKind.OUT, status=TransferStatus.ISSUED, valid_until__lt=on)
    for t in overdue.select_related("person"):
        yield DueItem(
            rule="REL-LETTER",
            organization_id=t.organization_id,
            key=f"transfers.transfer:{t.pk}",
            title=f"{t.person.name} 的转出介绍信 {t.letter_no} 已于 {t.valid_until} 过期，尚未收到回执",
            due=t.valid_until,
            url=t.get_absolute_url(),
        )


@reminder_rule("REL-GRAD", label="毕业生组织关系保留期限与出国（境）学生联系", module="transfers")
def graduates(on):
    retained = GraduateRetention.objects.filter(status=RetentionStatus.RETAINED).select_related("person")
    ending = retained.filter(until__lte=on + dt.timedelta(days=rules.GRAD_REMIND_DAYS))
    for r in ending:
        yield DueItem(
            rule="REL-GRAD",
            organization_id=r.organization_id,
            key=f"transfers.graduateretention:{r.pk}",
            title=f"{r.person.name} 的组织关系最长保留至 {r.until}，请督促转出（联系人：{r.contact_name}）",
            due=r.until,
            url=r.get_absolute_url(),
        )
    # abroad: due half a year after the last contact (or graduation); filtered in Python on a small set
    for r in retained.filter(abroad=True):
        due = r.next_contact_due
        if due - dt.timedelta(days=rules.ABROAD_REMIND_DAYS) <= on:
            yield DueItem(
                rule="REL-GRAD",
                organization_id=r.organization_id,
                key=f"transfers.graduateretention.abroad:{r.pk}",
                title=f"出国（境）学生党员 {r.person.name} 应于 {due} 前联系（每半年一次）",
                due=due,
                url=r.get_absolute_url(),
                period=due.isoformat(),
            )


@reminder_rule("REL-MOBILE", label="流动党员年度报告", module="transfers")
def mobile_reports(on):
    if on.month < rules.MOBILE_REPORT_REMIND_FROM_MONTH:
        return
    missing = MobileMember.objects.filter(status=MobileStatus.ACTIVE).exclude(
        Exists(MobileReport.objects.filter(entry=OuterRef("pk"), year=on.year))
    )
    for m in missing.select_related("person"):
        yield DueItem(
            rule="REL-MOBILE",
            organization_id=m.organization_id,
            key=f"transfers.mobilemember:{m.pk}",
            title=f"流动党员 {m.display_name} 本年度尚未报告（每年至少一次）",
            due=dt.date(on.year, 12, 31),
            url=m.get_absolute_url(),
            period=str(on.year),
        )


@reminder_rule("REL-MOVE", label="在外地固定工作或居住满 6 个月，应转接组织关系", module="transfers")
def move_required(on):
    # a few days of slack for month ends (Aug 31 + 6 months = Feb 28); the exact day is checked below
    reached = rules.add_months(on, -rules.MOVE_AFTER_MONTHS) + dt.timedelta(days=3)
    entries = MobileMember.objects.filter(
        status=MobileStatus.ACTIVE, direction=MobileDirection.OUTGOING, fixed_place=True, left_on__lte=reached
    ).select_related("person")
    for m in entries:
        due = rules.transfer_required_from(m.left_on, m.fixed_place)
        if due > on:
            continue
        yield DueItem(
            rule="REL-MOVE",
            organization_id=m.organization_id,
            key=f"transfers.mobilemember.move:{m.pk}",
            title=f"{m.display_name} 自 {m.left_on} 起在{m.location}固定工作或居住，{due} 起应办理组织关系转接（REL-MOVE）",
            due=due,
            url=m.get_absolute_url(),
        )


@reminder_rule("REL-LOST", label="失联党员：停止党籍与自行脱党的提出时点", module="transfers")
def lost_contact(on):
    searching = LostContactCase.objects.filter(
        state=CaseState.SEARCHING, last_contact_on__lte=rules.add_months(on, -rules.LOST_MONTHS)
    ).select_related("person")
    for c in searching:
        yield DueItem(
            rule="REL-LOST",
            organization_id=c.organization_id,
            key=f"transfers.lostcontactcase.stop:{c.pk}",
            title=f"{c.person.name} 失联已满 6 个月（最后联系 {c.last_contact_on}），请研究是否提出停止党籍",
            due=c.stop_allowed_from,
            url=c.get_absolute_url(),
            recipients=(SECRETARY, PARENT_SECRETARY),
        )
    stopped = (
        LostContactCase.objects.filter(state=CaseState.STOPPED)
        .annotate(
            stopped_on=Max(
                "decisions__effective_on",
                filter=Q(decisions__kind=DecisionKind.STOP, decisions__status=DecisionStatus.APPROVED),
            )
        )
        .select_related("person")
    )
    for c in stopped:
        if c.stopped_on and rules.quit_proposal_allowed_from(c.stopped_on) <= on:
            yield DueItem(
                rule="REL-LOST",
                organization_id=c.organization_id,
                key=f"transfers.lostcontactcase.quit:{c.pk}",
                title=f"{c.person.name} 停止党籍（{c.stopped_on}）已满 2 年，请研究是否按自行脱党处理",
                due=rules.quit_proposal_allowed_from(c.stopped_on),
                url=c.get_absolute_url(),
                recipients=(SECRETARY, PARENT_SECRETARY, ORG_DEPARTMENT),
            )


@reminder_rule("DISCIPLINE-PROBATION", label="留党察看期满", module="transfers")
def probation_ends(on):
    window = dt.timedelta(days=rules.PROBATION_REMIND_DAYS)
    ending = StandingDecision.objects.filter(
        kind=DecisionKind.DISCIPLINE,
        discipline_level=DisciplineLevel.PROBATION,
        status=DecisionStatus.APPROVED,
        probation_ends__gte=on - window,
        probation_ends__lte=on + window,
    ).select_related("person")
    for d in ending:
        yield DueItem(
            rule="DISCIPLINE-PROBATION",
            organization_id=d.organization_id,
            key=f"transfers.standingdecision:{d.pk}",
            title=f"{d.person.name} 留党察看于 {d.probation_ends} 期满，须讨论恢复党员权利或作出其他处理",
            due=d.probation_ends,
            url=d.get_absolute_url(),
            recipients=(SECRETARY, PARENT_SECRETARY),
        )
