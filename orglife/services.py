"""Every change to organizational-life records goes through here (check state, save, log a named event)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from core.audit import log_event
from core.scoping import get_scope
from core.services import ensure_in_scope, save_object
from members.models import Person
from orglife import rules
from orglife.choices import (
    COMMITTEE_TYPES,
    AppraisalStatus,
    Attendees,
    Grade,
    LectureKind,
    MeetingStatus,
    MeetingType,
    ProblemStatus,
)
from orglife.models import Appraisal, AppraisalResult, Attendance, Lecture, Meeting, Problem
from orgs.choices import OrgType, Post
from orgs.models import Organization, Position

COMMITTEE_MIN = 3  # ORG-COMMITTEE: a committee has 3–7 members; fewer posts = secretary (and deputy) only


# --- who should attend ---------------------------------------------------------
def expected_people(org, meeting_type, on=None):
    """The people a meeting of ``meeting_type`` in ``org`` expects (pre-filled attendance), by name."""
    attendees = rules.ATTENDEES.get(meeting_type, Attendees.ALL)
    if attendees in (Attendees.COMMITTEE, Attendees.LEADING_GROUP):
        positions = Position.objects.current(on).filter(organization=org)
        positions = (
            positions.committee() if attendees == Attendees.COMMITTEE else positions.exclude(post=Post.STAFF)
        )
        return list(Person.objects.filter(pk__in=positions.values("person_id")).order_by("name", "pk"))
    return list(
        Person.objects.party_members().filter(organization__path__startswith=org.path).order_by("name", "pk")
    )


def committee_size(org, on=None):
    return (
        Position.objects.current(on)
        .committee()
        .filter(organization=org)
        .values("person_id")
        .distinct()
        .count()
    )


# --- meetings ----------------------------------------------------------------------
def save_meeting(meeting: Meeting, user, attendance=None):
    """Record or correct a meeting and its attendance in one go; approved records are frozen.

    ``attendance``: {person_id: (present, reason)} for the expected people (None: keep as is).
    """
    with transaction.atomic():
        created = meeting.pk is None
        if not created:
            current = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if current.status in (MeetingStatus.SUBMITTED, MeetingStatus.APPROVED):
                raise ValidationError(
                    f"该记录{current.get_status_display()}，不能再修改；如需更正请由审核人退回。"
                )
        if attendance is not None:
            allowed = {
                p.pk for p in expected_people(meeting.organization, meeting.meeting_type, meeting.held_on)
            }
            if not created:
                allowed |= set(meeting.attendance.values_list("person_id", flat=True))
            unknown = set(attendance) - allowed
            if unknown:
                raise ValidationError("参会人员不属于本组织或本次会议的应参加人员。")
            meeting.expected_count = len(attendance)
            meeting.present_count = sum(1 for present, _ in attendance.values() if present)
        if meeting.meeting_type in COMMITTEE_TYPES:
            # LIFE-QUORUM: more than half of the committee present
            size = committee_size(meeting.organization, meeting.held_on) or meeting.expected_count
            meeting.quorum_met = rules.quorum_met(size, meeting.present_count)
        else:
            meeting.quorum_met = True
        meeting.full_clean()
        meeting.save()
        if attendance is not None:
            _write_attendance(meeting, attendance)
        _sync_lecture(meeting)
        ensure_in_scope(meeting, user, "change")
        if created:
            log_event(meeting, "记录组织生活", user, str(meeting), present=meeting.present_count)
    return meeting


def _write_attendance(meeting, attendance):
    existing = {a.person_id: a for a in meeting.attendance.all()}
    new, changed = [], []
    for person_id, (present, reason) in attendance.items():
        reason = "" if present else (reason or "other")
        row = existing.pop(person_id, None)
        if row is None:
            new.append(
                Attendance(meeting=meeting, person_id=person_id, present=present, absence_reason=reason)
            )
        elif (row.present, row.absence_reason) != (present, reason):
            row.present, row.absence_reason = present, reason
            changed.append(row)
    Attendance.objects.bulk_create(new)
    for row in changed:
        row.save(update_fields=["present", "absence_reason", "updated"])
    if existing:
        Attendance.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()


def _sync_lecture(meeting):
    """Enter once: a 党课 with a lecturer is also that person's lecture for the yearly count (LIFE-LECTURE)."""
    is_lecture = MeetingType.PARTY_LECTURE in (meeting.meeting_type, meeting.also_counts_as)
    if is_lecture and meeting.lecturer_id:
        Lecture.objects.update_or_create(
            meeting=meeting,
            defaults={
                "organization": meeting.organization,
                "lecturer_id": meeting.lecturer_id,
                "kind": LectureKind.PARTY_LECTURE,
                "title": meeting.topic,
                "given_on": meeting.held_on,
            },
        )
    else:
        Lecture.objects.filter(meeting=meeting).delete()


def missing_fields(meeting):
    """The fields the rule table requires for this meeting type that are still empty."""
    spec = next((r for r in rules.DEFAULT_RULES if r.meeting_type == meeting.meeting_type), None)
    required = spec.required_fields if spec else ("topic",)
    return [meeting._meta.get_field(f).verbose_name for f in required if not getattr(meeting, f)]


def submit_meeting(meeting, user):
    """草稿/退回 → 已报送 (备案): required fields filled and, for committee meetings, LIFE-QUORUM met."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.RETURNED):
            raise ValidationError(f"该记录{meeting.get_status_display()}，不能重复报送。")
        empty = missing_fields(meeting)
        if empty:
            raise ValidationError(f"请先填写：{'、'.join(empty)}。")
        if not meeting.quorum_met:
            raise ValidationError(
                f"LIFE-QUORUM：委员会会议须超过半数委员到会，本次实到 {meeting.present_count} 人，不能作为有效会议报送。"
            )
        meeting.status = MeetingStatus.SUBMITTED
        meeting.return_reason = ""
        meeting.save(update_fields=["status", "return_reason", "updated"])
        ensure_in_scope(meeting, user, "change")
        log_event(meeting, "报送备案", user, str(meeting))
    return meeting


def reviewer_org(meeting):
    """Who files the record: the org above (the 党总支 for a branch); 中心组学习 also goes to 宣传部 (plan 1 §三)."""
    org = meeting.organization
    while org.depth > 1:
        org = Organization.objects.get(path=org.path[: -Organization.steplen])
        if org.org_type != OrgType.GROUP:
            return org
    return org


def covers_org(user, org, action="change"):
    """Whether one of the user's grants over the orglife module reaches ``org`` (its subtree prefix)."""
    return get_scope(user).covers_org("orglife", action, org.path)


def can_review(meeting, user):
    """The reviewer's scope reaches the org above the meeting's (a branch's 党总支; 组织部/宣传部 school-wide)."""
    return meeting.status == MeetingStatus.SUBMITTED and covers_org(user, reviewer_org(meeting))


def review_meeting(meeting, user, *, approve: bool, reason=""):
    """已报送 → 已备案 (approve) or → 已退回 with a reason, by the reviewing organization."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != MeetingStatus.SUBMITTED:
            raise ValidationError("只有已报送的记录可以审核。")
        if not can_review(meeting, user):
            raise ValidationError("应由上级党组织（党总支）审核备案，您不是该记录的审核人。")
        if not approve and not reason.strip():
            raise ValidationError({"reason": "退回时请填写原因。"})
        meeting.status = MeetingStatus.APPROVED if approve else MeetingStatus.RETURNED
        meeting.return_reason = "" if approve else reason.strip()
        meeting.save(update_fields=["status", "return_reason", "updated"])
        log_event(meeting, "审核备案" if approve else "退回", user, reason.strip() or str(meeting))
    return meeting


def publish_meeting(meeting, user, public=True):
    """公开: an approved record becomes visible to the organization's members (or is withdrawn)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if public and meeting.status != MeetingStatus.APPROVED:
            raise ValidationError("只有已备案的记录可以向党员公开。")
        meeting.is_public = public
        meeting.save(update_fields=["is_public", "updated"])
        ensure_in_scope(meeting, user, "change")
        log_event(meeting, "公开" if public else "取消公开", user, str(meeting))
    return meeting


def last_attended(person_ids) -> dict:
    """{person_id: date of the last meeting they attended} — read by the relationships issue (one query)."""
    rows = (
        Attendance.objects.filter(person_id__in=list(person_ids), present=True)
        .values("person_id")
        .annotate(last=Max("meeting__held_on"))
        .order_by()
    )
    return {r["person_id"]: r["last"] for r in rows}


# --- appraisal (LIFE-APPRAISAL) ---------------------------------------------------------
def open_appraisal(appraisal, user):
    """Start a branch's yearly appraisal with one result row per current party member."""
    with transaction.atomic():
        if appraisal.organization.org_type not in (OrgType.BRANCH, OrgType.FUNCTIONAL_BRANCH):
            raise ValidationError({"organization": "民主评议党员以党支部为单位进行。"})
        created = appraisal.pk is None
        save_object(appraisal, user, action="add" if created else "change")
        if created:
            people = Person.objects.party_members().filter(
                organization__path__startswith=appraisal.organization.path
            )
            AppraisalResult.objects.bulk_create(
                [AppraisalResult(appraisal=appraisal, person=p) for p in people]
            )
            log_event(appraisal, "开始民主评议", user, str(appraisal), members=len(people))
    return appraisal


def save_results(appraisal, user, grades: dict, finish=False):
    """Grades {result_id: (grade, self, mutual)}; LIFE-APPRAISAL: 优秀 at most 1/3 of those appraised."""
    with transaction.atomic():
        appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
        if appraisal.status == AppraisalStatus.FINISHED:
            raise ValidationError("该年度民主评议已完成，结果不能再修改。")
        results = {r.pk: r for r in appraisal.results.all()}
        for pk, (grade, self_text, mutual) in grades.items():
            row = results[pk]
            row.grade, row.self_assessment, row.mutual_assessment = grade, self_text, mutual
        check_excellent_cap(list(results.values()))
        if finish and any(not r.grade for r in results.values()):
            raise ValidationError("还有党员未评定等次，不能完成评议。")
        AppraisalResult.objects.bulk_update(
            list(results.values()), ["grade", "self_assessment", "mutual_assessment", "updated"]
        )
        ensure_in_scope(appraisal, user, "change")
        if finish:
            appraisal.status = AppraisalStatus.FINISHED
            appraisal.save(update_fields=["status", "updated"])
            counts = {g.label: sum(1 for r in results.values() if r.grade == g) for g in Grade}
            log_event(appraisal, "完成民主评议", user, "，".join(f"{k}{v}人" for k, v in counts.items()))
    return appraisal


def check_excellent_cap(results):
    total = len(results)
    excellent = sum(1 for r in results if r.grade == Grade.EXCELLENT)
    cap = rules.excellent_cap(total)
    if excellent > cap:
        raise ValidationError(
            f"LIFE-APPRAISAL：评定为优秀的党员不得超过参评人数的三分之一（{total} 人中至多 {cap} 人），当前 {excellent} 人。"
        )


# --- problems and rectification --------------------------------------------------------------
def save_problem(problem, user):
    """Record or edit an open problem; closed items are frozen."""
    if problem.pk and Problem.objects.filter(pk=problem.pk, status=ProblemStatus.CLOSED).exists():
        raise ValidationError("该问题已销号，不能再修改。")
    return save_object(problem, user, action="change" if problem.pk else "add")


def close_problem(problem, user, result: str, on=None):
    """整改销号: the item is closed with its result on a date."""
    with transaction.atomic():
        problem = Problem.objects.select_for_update().get(pk=problem.pk)
        if problem.status == ProblemStatus.CLOSED:
            raise ValidationError("该问题已销号。")
        if not result.strip():
            raise ValidationError({"result": "请填写整改结果。"})
        problem.status = ProblemStatus.CLOSED
        problem.result = result.strip()
        problem.closed_on = on or timezone.localdate()
        problem.save(update_fields=["status", "result", "closed_on", "updated"])
        ensure_in_scope(problem, user, "change")
        log_event(problem, "整改销号", user, problem.result)
    return problem


# --- lectures -----------------------------------------------------------------------------------
def save_lecture(lecture, user):
    """Record a lecture given outside a 党课 meeting (思政课, 开学第一课, 党课开讲啦…)."""
    if lecture.meeting_id:
        raise ValidationError("该党课由会议记录生成，请修改会议记录。")
    return save_object(lecture, user, action="change" if lecture.pk else "add")


def lecture_counts(person_ids, year: int) -> dict:
    """{person_id: {kind: n}} for the year (one query)."""
    out = {}
    rows = (
        Lecture.objects.filter(lecturer_id__in=list(person_ids), given_on__year=year)
        .values("lecturer_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        out.setdefault(row["lecturer_id"], {})[row["kind"]] = row["n"]
    return out


def year_bounds(year):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- reminders -------------------------------------------------------------------------------------
REMIND_DAYS_BEFORE_END = 10  # default: remind in the last 10 days of a month/quarter/year


def due_list(on, days=REMIND_DAYS_BEFORE_END):
    """DueItems for rule periods ending within ``days`` of ``on`` that still lack meetings (one compute per school)."""
    from django.urls import reverse

    from core.reminders import PARENT_SECRETARY, SECRETARY, DueItem
    from orglife import compliance
    from orglife.choices import MeetingType

    add_url = reverse("orglife:meeting_add")
    items = []
    for root in Organization.objects.filter(depth=1):
        results = compliance.compute(root, rules.period_of("month", on), on)
        for org_result in results:
            org = org_result.org
            for rule_result in org_result.results:
                for slot, required, held, status in rule_result.slots:
                    if status != "pending" or (slot.end - on).days > days:
                        continue
                    label = MeetingType(rule_result.rule.meeting_type).label
                    items.append(
                        DueItem(
                            rule=rule_result.rule.rule_id,
                            organization_id=org.pk,
                            key=f"orglife:{rule_result.rule.rule_id}:{org.pk}",
                            title=f"{org.name}{slot.label}应召开{label} {required} 次，已召开 {held} 次，请于 {slot.end:%Y-%m-%d} 前召开",
                            due=slot.end,
                            url=f"{add_url}?organization={org.pk}&meeting_type={rule_result.rule.meeting_type}",
                            recipients=(SECRETARY, PARENT_SECRETARY),
                            period=slot.key,
                        )
                    )
    return items
