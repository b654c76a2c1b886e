"""Demo: the notice's plan imported from the fixture, the three plans without a table, assignments in every state."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from orgs.choices import OrgType
from orgs.models import Organization
from plans import services
from plans.choices import AssignmentStatus, ReportStatus
from plans.importers import TaskBreakdownImporter
from plans.models import Assignment, Plan, ProgressReport, RegularMeeting, ResponsibilityLetter, Task
from plans.rules import ended_periods

FIXTURE = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "task-breakdown.docx"
ISSUED = dt.date(2023, 6, 28)
DOC_NUMBER = "组函字〔2023〕29号"
OTHER_PLANS = [
    "教师党支部书记“双带头人”队伍质量攻坚计划",
    "大学生党支部书记骨干培养计划",
    "专职组织员素质拓展计划",
]


def load(ctx):
    log = ctx["log"]
    if Plan.objects.filter(doc_number=DOC_NUMBER).exists():
        log("  工作计划已存在，跳过")
        return
    if not FIXTURE.exists():
        log(f"  未找到任务分解表 {FIXTURE}，跳过工作计划演示数据")
        return
    zzb = Organization.objects.filter(org_type=OrgType.DEPARTMENT, name="组织部").first()
    if zzb is None:
        log("  没有组织部，跳过工作计划演示数据")
        return
    rng, today = ctx["rng"], timezone.localdate()
    importer = TaskBreakdownImporter(organization=zzb)
    result = importer.run(FIXTURE, commit=True)
    if not result.committed:
        log("  任务分解表导入失败：" + "；".join(str(e) for e in result.errors[:3]))
        return
    plan = importer.plan
    plan.issued_on, plan.issuer = ISSUED, "中共忻州师范学院委员会组织部"
    plan.save(update_fields=["issued_on", "issuer"])
    Assignment.objects.filter(task__plan=plan).update(start=ISSUED)
    others = [
        services.save_plan(
            Plan(
                organization=zzb, title=title, doc_number=DOC_NUMBER, issued_on=ISSUED, units_add_tasks=True
            ),
            None,
        )
        for title in OTHER_PLANS
    ]
    _unit_tasks(others, today, rng)
    _progress(plan, today, rng)
    services.sweep_overdue(today)
    _meetings_and_letters(zzb, today, rng)
    counts = {s.label: Assignment.objects.filter(status=s).count() for s in AssignmentStatus}
    log(
        f"  工作计划 {Plan.objects.count()} 个，任务 {Task.objects.count()} 项，落实 {sum(counts.values())} 条：{counts}"
    )


def _unit_tasks(plans, today, rng):
    """General branches break plans 2–4 into their own tasks (deadlines ahead: not started / in progress)."""
    for gb in Organization.objects.filter(org_type=OrgType.GENERAL_BRANCH, status="active")[:6]:
        for number, plan in enumerate(plans, start=1):
            task = Task(
                plan=plan,
                organization=gb,
                section=f"{gb.display_short}细化任务",
                number=number,
                title=f"{gb.display_short}落实《{plan.title}》：制定本单位实施方案并组织推进",
                measures="结合本单位实际细化任务、制定举措，明确责任人和时间节点。",
            )
            services.apply_deadline(task, f"{(today + dt.timedelta(days=rng.randint(20, 150))):%Y年%m月%d日}")
            services.save_task(task, None, units=[(gb, "lead")], on=today)
            assignment = task.assignments.get()
            if (
                number >= 2
            ):  # the first stays 未开始; the others report (待审核), one of them accepted (进行中)
                report = services.submit_report(
                    ProgressReport(
                        assignment=assignment, text="实施方案已制定，正在推进。", percent=30 * number
                    ),
                    None,
                    on=today,
                )
                if number == 3:
                    services.review_report(report, None, accept=True, comment="同意。", on=today)


def _progress(plan, today, rng):
    """Accepted history for most ongoing cycles; done, pending, returned and untouched one-off work."""
    history = []
    assignments = list(Assignment.objects.filter(task__plan=plan).select_related("task", "organization"))
    for a in assignments:
        task, roll = a.task, rng.random()
        if task.ongoing:
            periods = ended_periods(a.start, today, task.cycle)
            # most units report every cycle; some missed the last one (overdue)
            keep = periods if roll < 0.7 else periods[:-1]
            history += [
                ProgressReport(
                    assignment=a,
                    period=p.key,
                    reported_on=p.end - dt.timedelta(days=rng.randint(0, 10)),
                    text=f"{p.label}：按计划推进，已落实本周期工作。",
                    status=ReportStatus.ACCEPTED,
                    reviewed_at=timezone.now(),
                    review_comment="同意。",
                )
                for p in keep
            ]
            if keep:
                a.progress = 50
                a.status = AssignmentStatus.IN_PROGRESS
        elif roll < 0.45:
            report = services.submit_report(
                ProgressReport(
                    assignment=a,
                    reported_on=today - dt.timedelta(days=rng.randint(1, 80)),
                    text="已完成，材料已报组织部备案。",
                    milestone="制度文件印发",
                    percent=100,
                    finished=True,
                ),
                None,
                on=today,
            )
            services.review_report(report, None, accept=True, comment="材料齐全，同意办结。", on=today)
        elif roll < 0.6:
            services.submit_report(
                ProgressReport(assignment=a, text="初稿已形成，正在征求意见。", percent=80, finished=True),
                None,
                on=today,
            )
        elif roll < 0.7:
            report = services.submit_report(
                ProgressReport(assignment=a, text="已起草。", percent=40), None, on=today
            )
            services.review_report(report, None, accept=False, comment="请补充会议纪要等佐证材料。", on=today)
    ProgressReport.objects.bulk_create(history)
    Assignment.objects.bulk_update([a for a in assignments if a.task.ongoing], ["progress", "status"])
    # a few units that never missed a cycle already reported for the current one (待审核)
    for a in assignments[:: max(1, len(assignments) // 8)]:
        if a.task.ongoing and a.status == AssignmentStatus.IN_PROGRESS:
            services.submit_report(
                ProgressReport(assignment=a, text="本季度工作已按计划推进，附会议记录。", percent=60),
                None,
                on=today,
            )


def _meetings_and_letters(zzb, today, rng):
    """Quarterly 例会 of the general-branch secretaries and this year's 责任书 for most general branches."""
    root = Organization.objects.get_parent(zzb)
    for months_ago in (9, 6, 3):
        held = today - dt.timedelta(days=30 * months_ago)
        services.save_related(
            RegularMeeting(
                organization=zzb,
                title=f"{held.year}年第{(held.month - 1) // 3 + 1}季度党总支书记例会",
                held_on=held,
                place="行政楼三楼会议室",
                host="组织部部长",
                decisions="通报任务落实进度；逾期任务限期整改。",
            ),
            None,
        )
    letters = []
    for gb in Organization.objects.filter(org_type=OrgType.GENERAL_BRANCH, status="active"):
        if rng.random() < 0.75:
            letters.append(
                ResponsibilityLetter(
                    organization=gb,
                    superior=root,
                    year=today.year,
                    signer=f"{gb.display_short}书记",
                    superior_signer="校党委书记",
                    signed_on=today.replace(month=3, day=15) if today.month > 3 else today,
                )
            )
    ResponsibilityLetter.objects.bulk_create(letters)
