"""Two years of organizational life for the demo school, with realistic gaps (some branches fall behind)."""

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from members.choices import PARTY_MEMBER_STATUSES
from members.models import Person
from orglife import rules
from orglife.choices import (
    COMMITTEE_TYPES,
    AbsenceReason,
    Grade,
    LectureKind,
    MeetingStatus,
    MeetingType,
    ProblemStatus,
)
from orglife.models import (
    Appraisal,
    AppraisalResult,
    Attendance,
    Lecture,
    Meeting,
    MeetingRule,
    PlannedMeeting,
    Problem,
)
from orgs.choices import BRANCH_TYPES, COMMITTEE_POSTS, OrgStatus, OrgType, Post
from orgs.models import Organization, Position

TOPICS = {
    MeetingType.GENERAL_MEETING: [
        "学习党的二十大精神",
        "讨论发展党员事项",
        "学习《中国共产党章程》",
        "通报支部工作",
    ],
    MeetingType.COMMITTEE_MEETING: [
        "研究本月支部工作",
        "讨论入党积极分子培养",
        "研究主题党日安排",
        "研究党费收缴",
    ],
    MeetingType.GROUP_MEETING: ["交流学习心得", "讨论教学工作中的问题", "学习近期重要讲话"],
    MeetingType.PARTY_LECTURE: ["弘扬伟大建党精神", "坚定理想信念", "加强党性修养", "践行初心使命"],
    MeetingType.THEME_DAY: ["重温入党誓词", "参观革命纪念馆", "志愿服务进社区", "党员政治生日"],
    MeetingType.ORG_LIFE_MEETING: ["年度组织生活会"],
    MeetingType.CENTRAL_GROUP_STUDY: ["理论学习中心组专题学习", "学习全国教育大会精神"],
    MeetingType.DEMOCRATIC_LIFE_MEETING: ["领导班子民主生活会"],
    MeetingType.GENERAL_BRANCH_COMMITTEE: ["研究系部党建工作", "研究支部书记例会安排"],
}
PLACES = ["党员活动室", "会议室", "多功能厅", "线上（腾讯会议）"]
PROBLEMS = ["理论学习深度不够", "联系服务群众不够主动", "发挥先锋模范作用不够", "组织生活形式单一"]


def month_days(start, end):
    day = start
    while day <= end:
        yield day
        day = rules.month_end(day.year, day.month) + dt.timedelta(days=1)


def load(ctx):
    if Meeting.objects.exists():
        ctx["log"]("  组织生活记录已存在，跳过")
        return
    rng = ctx["rng"]
    today = timezone.localdate()
    start = dt.date(today.year - 1, 1, 1)
    orgs = list(Organization.objects.filter(status=OrgStatus.ACTIVE).order_by("path"))
    by_path = {o.path: o for o in orgs}
    members = defaultdict(list)
    for p in Person.objects.filter(political_status__in=PARTY_MEMBER_STATUSES).only("id", "organization_id"):
        members[p.organization_id].append(p.pk)
    committee, leaders, secretary = defaultdict(list), defaultdict(list), {}
    for pos in Position.objects.current(today).exclude(post=Post.STAFF):
        leaders[pos.organization_id].append(pos.person_id)
        if pos.post in COMMITTEE_POSTS:
            committee[pos.organization_id].append(pos.person_id)
        if pos.post == Post.SECRETARY:
            secretary[pos.organization_id] = pos.person_id
    # a branch's members include its groups' members; a few members drift away (absent for months)
    for org in orgs:
        if org.org_type == OrgType.GROUP:
            parent = by_path.get(org.path[: -Organization.steplen])
            if parent:
                members[parent.pk] += members[org.pk]
    drifting = {pid for pids in members.values() for pid in pids if rng.random() < 0.02}
    drift_from = today - dt.timedelta(days=200)

    meetings, people_of = [], []

    def add(org, meeting_type, day, expected, **extra):
        if day > today:
            return
        age = (today - day).days
        status = (
            MeetingStatus.APPROVED
            if age > 30
            else rng.choice([MeetingStatus.SUBMITTED, MeetingStatus.DRAFT, MeetingStatus.APPROVED])
        )
        m = Meeting(
            organization=org,
            meeting_type=meeting_type,
            held_on=day,
            topic=rng.choice(TOPICS[meeting_type]),
            place=rng.choice(PLACES),
            host_id=secretary.get(org.pk),
            recorder_id=(committee[org.pk] or expected or [None])[-1],
            content="传达学习上级精神，结合本单位实际进行讨论。",
            decisions="按计划推进各项工作。" if rng.random() < 0.9 else "",
            status=status,
            is_public=status == MeetingStatus.APPROVED and rng.random() < 0.5,
            **extra,
        )
        if meeting_type == MeetingType.PARTY_LECTURE:
            m.lecturer_id = secretary.get(org.pk)
        meetings.append(m)
        people_of.append(expected)

    for org in orgs:
        is_branch = org.org_type in BRANCH_TYPES
        if not (is_branch or org.org_type == OrgType.GENERAL_BRANCH):
            continue
        # most branches keep up; about one in six falls behind (skips meetings), a few stop in the last months
        diligence = rng.choice([0.97] * 4 + [0.9] + [0.55])
        stop_after = today - dt.timedelta(days=rng.choice([90, 150])) if rng.random() < 0.05 else None

        def keep(day, _diligence=diligence, _stop=stop_after):
            return rng.random() < _diligence and (_stop is None or day < _stop)

        everyone = members[org.pk]
        for first in month_days(start, today):
            if is_branch:
                if keep(first):
                    theme = first.replace(day=rng.randint(5, 25))
                    merged = first.month % 3 == 0 and rng.random() < 0.4
                    add(org, MeetingType.THEME_DAY, theme, everyone,
                        also_counts_as=MeetingType.GENERAL_MEETING if merged else "")  # fmt: skip
                    if first.month % 3 == 2 and not merged:
                        add(org, MeetingType.GENERAL_MEETING, first.replace(day=rng.randint(5, 28)), everyone)
                if len(committee[org.pk]) >= 3 and keep(first):
                    add(
                        org,
                        MeetingType.COMMITTEE_MEETING,
                        first.replace(day=rng.randint(2, 10)),
                        committee[org.pk],
                    )
                for group in (o for o in orgs if o.org_type == OrgType.GROUP and o.path[:-4] == org.path):
                    if keep(first):
                        add(
                            group,
                            MeetingType.GROUP_MEETING,
                            first.replace(day=rng.randint(10, 20)),
                            members[group.pk],
                        )
                if first.month % 3 == 1 and keep(first):
                    add(org, MeetingType.PARTY_LECTURE, first.replace(day=rng.randint(10, 28)), everyone)
                if first.month == 12 and keep(first):
                    day = first.replace(day=rng.randint(10, 28))
                    add(
                        org, MeetingType.ORG_LIFE_MEETING, day, everyone, also_counts_as=MeetingType.APPRAISAL
                    )
            else:
                if keep(first):
                    add(org, MeetingType.GENERAL_BRANCH_COMMITTEE, first.replace(day=rng.randint(3, 12)),
                        committee[org.pk])  # fmt: skip
                if first.month % 3 == 0 and keep(first):
                    add(org, MeetingType.CENTRAL_GROUP_STUDY, first.replace(day=rng.randint(12, 26)), leaders[org.pk],
                        invitees="校党委联系领导列席旁听" if rng.random() < 0.5 else "")  # fmt: skip
                if first.month == 1 and keep(first):
                    add(
                        org,
                        MeetingType.DEMOCRATIC_LIFE_MEETING,
                        first.replace(day=rng.randint(10, 20)),
                        leaders[org.pk],
                    )
    attendance = []
    for m, expected in zip(meetings, people_of, strict=True):
        rows = []
        for pid in expected:
            away = (pid in drifting and m.held_on > drift_from) or rng.random() < 0.06
            reason = rng.choice(AbsenceReason.values) if away else ""
            rows.append(Attendance(person_id=pid, present=not away, absence_reason=reason))
        m.expected_count = len(rows)
        m.present_count = sum(r.present for r in rows)
        if m.meeting_type in COMMITTEE_TYPES:
            m.quorum_met = rules.quorum_met(len(rows), m.present_count)
        attendance.append(rows)
    # this year's plans for the branches' 党课 and 党员大会, linked to what was held
    plan_types = (MeetingType.PARTY_LECTURE, MeetingType.GENERAL_MEETING)
    linked = [m for m in meetings if m.held_on.year == today.year and m.meeting_type in plan_types]
    plans = [
        PlannedMeeting(organization_id=m.organization_id, meeting_type=m.meeting_type,
                       planned_date=m.held_on - dt.timedelta(days=rng.choice([0, 0, 0, 3])), topic=m.topic)
        for m in linked
    ]  # fmt: skip
    PlannedMeeting.objects.bulk_create(plans)
    for m, plan in zip(linked, plans, strict=True):
        m.plan_id = plan.pk
    Meeting.objects.bulk_create(meetings, batch_size=1000)
    # the school's rule table, as the organization department would start it: the defaults, from last year
    root = next(o for o in orgs if o.depth == 1)
    MeetingRule.objects.bulk_create(
        [
            MeetingRule(organization=root, rule_id=r.rule_id, meeting_type=r.meeting_type, applies_to=r.applies_to,
                        frequency=r.frequency, min_count=r.min_count, condition=r.condition, attendees=r.attendees,
                        required_fields=",".join(r.required_fields), effective_year=start.year, note=r.note)
            for r in rules.DEFAULT_RULES
        ]
    )  # fmt: skip
    for m, rows in zip(meetings, attendance, strict=True):
        for row in rows:
            row.meeting_id = m.pk
    attendance = [row for rows in attendance for row in rows]
    Attendance.objects.bulk_create(attendance, batch_size=2000)

    Lecture.objects.bulk_create(
        [
            Lecture(
                organization_id=m.organization_id,
                lecturer_id=m.lecturer_id,
                kind=LectureKind.PARTY_LECTURE,
                title=m.topic,
                given_on=m.held_on,
                meeting_id=m.pk,
            )  # fmt: skip
            for m in meetings
            if m.lecturer_id
        ]
    )
    # general-branch secretaries also give 思政课 and 开学第一课
    extra = []
    for org in orgs:
        if org.org_type == OrgType.GENERAL_BRANCH and org.pk in secretary:
            for year in (today.year - 1, today.year):
                day = dt.date(year, 9, 5)
                if day <= today:
                    extra.append(Lecture(organization=org, lecturer_id=secretary[org.pk], kind=LectureKind.FIRST_LESSON,
                                         title="开学第一课：扣好人生第一粒扣子", given_on=day))  # fmt: skip
    Lecture.objects.bulk_create(extra)

    # problems found at last year's 组织生活会, most rectified
    problems = []
    for m in meetings:
        if m.meeting_type == MeetingType.ORG_LIFE_MEETING:
            for text in rng.sample(PROBLEMS, 2):
                closed = rng.random() < 0.7
                problems.append(
                    Problem(
                        organization_id=m.organization_id,
                        meeting_id=m.pk,
                        description=text,
                        measure="制定整改措施，按期落实",
                        owner_id=m.host_id,
                        deadline=m.held_on + dt.timedelta(days=90),
                        status=ProblemStatus.CLOSED if closed else ProblemStatus.OPEN,
                        closed_on=m.held_on + dt.timedelta(days=60) if closed else None,
                        result="已整改到位" if closed else "",
                    )  # fmt: skip
                )
    Problem.objects.bulk_create(problems)

    # last year's appraisal per branch (优秀 within the LIFE-APPRAISAL third)
    appraisals, results = [], []
    for org in orgs:
        if org.org_type in BRANCH_TYPES and members[org.pk]:
            appraisals.append(Appraisal(organization=org, year=today.year - 1, status="finished"))
    Appraisal.objects.bulk_create(appraisals)
    for a in appraisals:
        pids = members[a.organization_id]
        excellent = set(rng.sample(pids, rules.excellent_cap(len(pids)) // 2 + (1 if len(pids) >= 6 else 0)))
        for pid in pids:
            grade = (
                Grade.EXCELLENT if pid in excellent else (Grade.BASIC if pid in drifting else Grade.QUALIFIED)
            )
            results.append(
                AppraisalResult(appraisal=a, person_id=pid, grade=grade, self_assessment="能够履行党员义务。")
            )
    AppraisalResult.objects.bulk_create(results, batch_size=2000)

    ctx["log"](
        f"  组织生活记录 {len(meetings)} 条，参会记录 {len(attendance)} 条，问题 {len(problems)} 条，评议 {len(appraisals)} 个"
    )
