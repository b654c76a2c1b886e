"""Demo 发展档案: every applicant, activist, candidate and probationary member of the demo school gets a file
with a realistic history (dates that satisfy the rules), and some are overdue (talk, approval, reports)."""

import datetime as dt

from development.choices import FileStatus, PublicityKind
from development.models import (
    CalendarDay,
    DevelopmentFile,
    Publicity,
    RuleSet,
    StepDefinition,
    StepRecord,
    ThoughtReport,
    Vote,
)
from development.rules import probation_end
from development.steps import seed
from members.choices import MemberSource, PoliticalStatus
from members.models import Person
from members.services import add_months
from orgs.models import Organization

# 2025 and 2026 public holidays and make-up workdays (国务院办公厅通知); staff check them each year.
HOLIDAYS = {
    2025: (
        ["2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"]
        + ["2025-02-03", "2025-02-04", "2025-04-04", "2025-04-05", "2025-04-06", "2025-05-01", "2025-05-02"]
        + ["2025-05-03", "2025-05-04", "2025-05-05", "2025-05-31", "2025-06-01", "2025-06-02"]
        + [f"2025-10-0{d}" for d in range(1, 9)],
        ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    ),
}
STATUSES = (
    PoliticalStatus.APPLICANT,
    PoliticalStatus.ACTIVIST,
    PoliticalStatus.CANDIDATE,
    PoliticalStatus.PROBATIONARY,
)


def _days(rng, low, high):
    return dt.timedelta(days=rng.randint(low, high))


def plan(rng, status, today):
    """Step dates for one person of ``status``: {step number: date}, last step included."""
    if status == PoliticalStatus.APPLICANT:
        applied = today - _days(rng, 5, 200)
        dates = {1: applied}
        if applied < today - dt.timedelta(days=40) or rng.random() < 0.3:
            talk = applied + _days(rng, 7, 28)
            if talk <= today:
                dates[2] = talk
        return dates
    if status == PoliticalStatus.PROBATIONARY:
        admitted = today - _days(rng, 20, 380)
        activist = add_months(admitted, -rng.randint(14, 20))
    elif status == PoliticalStatus.CANDIDATE:
        activist = today - dt.timedelta(days=rng.randint(380, 540))
        admitted = None
    else:
        activist = today - _days(rng, 20, 400)
        admitted = None
    applied = add_months(activist, -rng.randint(6, 10))
    dates = {1: applied, 2: applied + _days(rng, 7, 25), 3: activist, 4: activist + _days(rng, 3, 15)}
    if rng.random() < 0.9:
        dates[5] = activist + _days(rng, 5, 20)
    else:
        return dates  # an activist still without 培养联系人
    assess = add_months(activist, 6)
    if assess <= today:
        dates[6] = assess
    if status == PoliticalStatus.ACTIVIST:
        return dates
    candidate = add_months(activist, 12) + _days(rng, 5, 40)
    if admitted:
        candidate = min(candidate, admitted - dt.timedelta(days=60))
    dates[6] = min(dates.get(6, candidate), candidate - dt.timedelta(days=10))
    dates[7] = candidate
    step_dates = [(8, 5), (9, 8), (10, 20), (11, 30)]
    for n, offset in step_dates:
        day = candidate + dt.timedelta(days=offset)
        if admitted or day <= today:
            dates[n] = day
    if not admitted:
        return dates
    dates.update({12: admitted - dt.timedelta(days=20), 13: admitted - dt.timedelta(days=14)})
    dates.update({14: admitted - dt.timedelta(days=7), 15: admitted})
    if rng.random() < 0.15 and admitted > today - dt.timedelta(days=120):
        return dates  # approval still pending (some beyond the three months of DEV-APPROVE)
    approved = admitted + _days(rng, 15, 60)
    if approved > today:
        return dates
    dates.update({16: admitted + dt.timedelta(days=10), 17: approved})
    for n, offset in ((18, 10), (19, 12), (20, 14)):
        if approved + dt.timedelta(days=offset) <= today:
            dates[n] = approved + dt.timedelta(days=offset)
    return dates


def load(ctx):
    if DevelopmentFile.objects.exists():
        ctx["log"]("  发展档案已存在，跳过")
        return
    rng, today = ctx["rng"], dt.date.today()
    seed(RuleSet, StepDefinition)
    rule_set = RuleSet.current()
    steps = {s.number: s for s in rule_set.steps.all()}
    root = Organization.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for year, (holidays, workdays) in HOLIDAYS.items():
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(organization=root, date=d, kind="holiday", name=f"{year} 年法定节假日")
                for d in holidays
            ]
            + [
                CalendarDay(organization=root, date=d, kind="workday", name=f"{year} 年调休上班")
                for d in workdays
            ],
            ignore_conflicts=True,
        )
    people = list(Person.objects.filter(political_status__in=STATUSES).select_related("organization"))
    full_members = {}
    for p in Person.objects.filter(political_status=PoliticalStatus.FULL_MEMBER).only(
        "id", "organization_id"
    ):
        full_members.setdefault(p.organization_id, []).append(p)
    parents = {}
    for org in Organization.objects.filter(org_type__in=("committee", "general_branch")):
        parents[org.path] = org
    files, plans = [], []
    for person in people:
        dates = plan(rng, person.political_status, today)
        last = max(dates)
        admitted = dates.get(15)
        file = DevelopmentFile(
            person=person,
            organization=person.organization,
            rule_set=rule_set,
            status=FileStatus.PROBATION if 17 in dates else FileStatus.OPEN,
            youth_league_recommended=person.category == "student" and rng.random() < 0.6,
            current_step=last,
            applied_on=dates[1],
            talked_on=dates.get(2),
            activist_on=dates.get(3),
            last_assessment_on=dates.get(6),
            candidate_on=dates.get(7),
            prereview_on=dates.get(13),
            admitted_on=admitted,
            approved_on=dates.get(17),
            probation_end=probation_end(admitted, rule_set.params) if admitted else None,
        )
        files.append(file)
        plans.append(dates)
    DevelopmentFile.objects.bulk_create(files, batch_size=500)
    records, mentor_links, sponsor_links, votes, pubs, reports = [], [], [], [], [], []
    for file, dates in zip(files, plans, strict=True):
        org = file.organization
        upper = parents.get(org.path[: (org.depth - 1) * org.steplen]) or root
        pool = [p for p in full_members.get(org.pk, []) if p.pk != file.person_id] or [
            root_person for root_person in []
        ]
        for n, day in sorted(dates.items()):
            step = steps[n]
            data = {"conclusion": "政治审查合格"} if n == 10 else {"days": 3, "hours": 24} if n == 11 else {}
            records.append(
                StepRecord(
                    file=file,
                    step=step,
                    on=day,
                    data=data,
                    approving_org=(root if n in (13, 17, 18) else upper)
                    if step.needs_approving_org
                    else None,
                    notes="",
                )
            )
        if 5 in dates and pool:
            mentor_links += [(file, p) for p in rng.sample(pool, min(len(pool), rng.choice([1, 2])))]
        if 9 in dates and len(pool) >= 2:
            sponsor_links += [(file, p) for p in rng.sample(pool, 2)]
        if 7 in dates:
            pubs.append(
                Publicity(
                    file=file,
                    kind=PublicityKind.CANDIDATE,
                    start=dates[7] - dt.timedelta(days=12),
                    working_days=5,
                    end=dates[7] - dt.timedelta(days=6),
                )
            )
        if 15 in dates:
            pubs.append(
                Publicity(
                    file=file,
                    kind=PublicityKind.ADMISSION,
                    start=dates[15] - dt.timedelta(days=12),
                    working_days=5,
                    end=dates[15] - dt.timedelta(days=6),
                )
            )
        if 3 in dates and file.person.political_status in (
            PoliticalStatus.ACTIVIST,
            PoliticalStatus.CANDIDATE,
        ):
            day, last = add_months(dates[3], 3), None
            while day <= today:
                if rng.random() < 0.85:  # some quarters missing, so the DEV-REPORT list has people on it
                    reports.append(
                        ThoughtReport(
                            file=file,
                            submitted_on=day,
                            title=f"{day.year} 年第 {(day.month - 1) // 3 + 1} 季度思想汇报",
                            content="学习党的理论，对照党员标准查找差距，努力在学习和工作中发挥积极作用。",
                        )
                    )
                    last = day
                day = add_months(day, 3)
            file.last_report_on = last
    StepRecord.objects.bulk_create(records, batch_size=1000)
    for record in records:
        if record.step.number == 15:
            n = rng.randint(12, 30)
            present = n - rng.randint(0, 3)
            votes.append(
                Vote(
                    record=record,
                    kind="admission",
                    should_attend=n,
                    present=present,
                    yes=present,
                    no=0,
                    abstain=0,
                    quorum=True,
                    passed=True,
                )
            )
    Vote.objects.bulk_create(votes, batch_size=500)
    Publicity.objects.bulk_create(pubs, batch_size=500)
    ThoughtReport.objects.bulk_create(reports, batch_size=1000)
    DevelopmentFile.objects.bulk_update(
        [f for f in files if f.last_report_on], ["last_report_on"], batch_size=500
    )
    DevelopmentFile.mentors.through.objects.bulk_create(
        [DevelopmentFile.mentors.through(developmentfile_id=f.pk, person_id=p.pk) for f, p in mentor_links]
    )
    DevelopmentFile.sponsors.through.objects.bulk_create(
        [DevelopmentFile.sponsors.through(developmentfile_id=f.pk, person_id=p.pk) for f, p in sponsor_links]
    )
    # probationary members joined on the day of the branch meeting that admitted them (DEV-PROB)
    # and someone whose admission awaits approval is still a 发展对象
    changed = []
    for file in files:
        person = file.person
        if file.approved_on:
            person.joined_on, person.full_member_on = file.admitted_on, None
            person.source = MemberSource.DEVELOPED
            changed.append(person)
        elif person.political_status == PoliticalStatus.PROBATIONARY:
            person.political_status, person.joined_on, person.full_member_on = (
                PoliticalStatus.CANDIDATE,
                None,
                None,
            )
            changed.append(person)
    Person.objects.bulk_update(
        changed, ["political_status", "joined_on", "full_member_on", "source"], batch_size=500
    )
    ctx["log"](f"  发展档案 {len(files)} 份，步骤记录 {len(records)} 条，思想汇报 {len(reports)} 篇")
