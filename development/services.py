"""Every change to 发展档案 goes through here: open a file, record a step (rules checked), 公示, 思想汇报."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import log_event
from core.scoping import get_scope
from core.services import ensure_in_scope
from development import rules
from development.choices import FileStatus, ProbationOutcome
from development.models import (
    DevelopmentFile,
    Publicity,
    RuleSet,
    StepDefinition,
    StepRecord,
    ThoughtReport,
    Vote,
)
from development.rules import Facts, PersonFact, PublicityFact, VoteCounts
from development.workdays import calendar_overrides, publicity_end, working_days_between
from members import services as member_services
from members.choices import ExitType, MemberSource, PoliticalStatus

ORDER = "步骤顺序"


def is_org_admin(user) -> bool:
    """组织部 staff (school-wide change right on 发展党员) may override a rule with a written reason."""
    if user is None:
        return True  # management commands and demo data act for the organization department
    scope = get_scope(user)
    return scope.is_superuser or (
        scope.allows("development", "change") and scope.root_paths("development", "change") is None
    )


def open_file(
    person, user, *, applied_on, youth_league_recommended=False, notes="", override_reason="", **kw
):
    """Step 1 (递交入党申请书): opens the person's 发展档案 under the active rule set."""
    if DevelopmentFile.objects.filter(person=person).exists():
        raise ValidationError(f"{person} 已有发展档案。")
    if person.is_party_member:
        raise ValidationError(f"{person} 已是党员，不需要建立发展档案。")
    rule_set = RuleSet.current()
    if rule_set is None:
        raise ValidationError("没有启用的发展党员规则版本。")
    with transaction.atomic():
        # created with step 1's effects already set, so the change log holds one entry for the new file
        file = DevelopmentFile.objects.create(
            person=person,
            organization=person.organization,
            rule_set=rule_set,
            youth_league_recommended=youth_league_recommended,
            applied_on=applied_on,
            current_step=1,
        )
        ensure_in_scope(file, user, "add")
        record_step(file, 1, user, on=applied_on, notes=notes, override_reason=override_reason, **kw)
        file.refresh_from_db()
    return file


def _people_facts(people, on):
    suspended = member_services.rights_suspended_on([p.pk for p in people], on)
    return [PersonFact(p.name, p.political_status, p.party_standing, p.pk in suspended) for p in people]


def build_facts(file, step, on, *, people=(), data=None, vote=None, approving_org=None):
    """The facts the rules see when ``step`` is recorded on ``on`` (a fixed number of queries)."""
    earlier = {
        r.step.number: r
        for r in file.records.filter(step__number__in=(10, 11)).select_related("step").order_by("on", "pk")
    }
    return Facts(
        step=step.number,
        on=on,
        params=file.rule_set.params,
        birth_date=file.person.birth_date,
        applied_on=file.applied_on,
        activist_on=file.activist_on,
        candidate_on=file.candidate_on,
        prereview_on=file.prereview_on,
        admitted_on=file.admitted_on,
        approved_on=file.approved_on,
        probation_end=file.probation_end,
        extension_months=file.extension_months,
        conversion_meeting_on=file.conversion_meeting_on,
        conversion_approved_on=file.conversion_approved_on,
        people=_people_facts(list(people), on),
        data=data or {},
        vote=vote,
        publicities=[PublicityFact(p.kind, p.start, p.end, p.working_days) for p in file.publicities.all()],
        approving_org_type=approving_org.org_type if approving_org else None,
        polrev_conclusion=earlier[10].data.get("conclusion", "") if 10 in earlier else "",
        training=earlier[11].data if 11 in earlier else {},
    )


def order_violation(file, step, on):
    """Steps are recorded in order, and never dated before the step they follow."""
    n = step.number
    if file.status in (FileStatus.CONVERTED, FileStatus.CANCELLED, FileStatus.CLOSED) and n != 25:
        return f"发展档案已{file.get_status_display()}，不能再记录步骤（{ORDER}）"
    if n == 1:
        recorded = file.records.filter(step__number=1).exists()
        return f"已记录递交入党申请书（{ORDER}）" if recorded else None
    if file.current_step < n - 1:
        nxt = file.rule_set.steps.get(number=file.current_step + 1)
        return f"须先记录第 {nxt.number} 步“{nxt.name}”，才能记录第 {n} 步“{step.name}”（{ORDER}）"
    if file.current_step >= n and not step.repeatable:
        return f"第 {n} 步“{step.name}”已记录（{ORDER}）"
    if n == 24 and file.current_step >= 24:
        return f"没有待审批的支部大会决定（{ORDER}）"
    if n == 25 and file.status != FileStatus.CONVERTED:
        return f"转正后方可归档（{ORDER}）"
    last = file.records.filter(step__number__lt=n).order_by("-on").values_list("on", flat=True).first()
    if last and on < last:
        return f"日期 {on:%Y-%m-%d} 早于上一步骤的日期 {last:%Y-%m-%d}（{ORDER}）"
    return None


def record_step(
    file,
    number,
    user,
    *,
    on,
    people=(),
    data=None,
    approving_org=None,
    notes="",
    document_no="",
    attachment=None,
    vote: VoteCounts | None = None,
    override_reason="",
):
    """Record one step: run its rules; refuse with the rule ids and dates, unless an org admin overrides."""
    data = dict(data or {})
    with transaction.atomic():
        file = (
            DevelopmentFile.objects.select_for_update().select_related("person", "rule_set").get(pk=file.pk)
        )
        ensure_in_scope(file, user, "change" if number > 1 else "add")
        step = StepDefinition.objects.get(rule_set=file.rule_set, number=number)
        people = list(people)
        errors = []
        if step.people_max and len(people) > step.people_max and "DEV-MENTOR" not in step.checks:
            errors.append(f"{step.people_label}最多 {step.people_max} 人")
        if step.needs_approving_org and approving_org is None:
            errors.append("请选择审批/预审/备案的党组织")
        if vote is not None:
            errors += rules.vote_errors(vote)
        if step.number in (15, 23) and vote is None:
            errors.append("请填写支部大会表决情况")
        if errors:
            raise ValidationError(errors)
        violations = []
        if msg := order_violation(file, step, on):
            violations.append(msg)
        facts = build_facts(file, step, on, people=people, data=data, vote=vote, approving_org=approving_org)
        violations += rules.check(step.checks, facts)
        if vote is not None and not vote.declared_passed:
            raise ValidationError("表决未通过时不记录本步骤；请在表决通过后记录。")
        override = bool(violations)
        if violations:
            if not override_reason.strip():
                raise ValidationError(violations)
            if not is_org_admin(user):
                raise ValidationError(violations + ["只有组织部管理员可以填写理由越过规则。"])
        record = StepRecord.objects.create(
            file=file,
            step=step,
            on=on,
            approving_org=approving_org,
            notes=notes,
            document_no=document_no,
            data=data,
            attachment=attachment or "",
            recorded_by=user if getattr(user, "is_authenticated", False) else None,
            override=override,
            override_reason=override_reason.strip() if override else "",
            violations=violations,
        )
        if people:
            # through rows directly: the people are named in the file's event below, so the record's
            # creation stays one change-log entry
            through = StepRecord.people.through
            through.objects.bulk_create([through(steprecord_id=record.pk, person_id=p.pk) for p in people])
        if vote is not None:
            quorum, passed = rules.vote_result(vote)
            Vote.objects.create(
                record=record,
                kind=vote.kind,
                should_attend=vote.should_attend,
                present=vote.present,
                yes=vote.yes,
                no=vote.no,
                abstain=vote.abstain,
                written_yes=vote.written_yes,
                written_no=vote.written_no,
                written_abstain=vote.written_abstain,
                quorum=quorum,
                passed=passed,
            )
        _apply(file, record, people, user)
        file.save()
        message = f"第 {step.number} 步 {step.name}（{on:%Y-%m-%d}）"
        if people:
            message += f"；{step.people_label or '相关人员'}：{'、'.join(p.name for p in people)}"
        if override:
            message += f"；越过规则：{'；'.join(violations)}；理由：{record.override_reason}"
        log_event(file, "越过规则记录步骤" if override else "记录发展步骤", user, message, step=step.number)
    return record


def _apply(file, record, people, user):
    """What recording a step changes: the file's dates, mentors/sponsors, the person's political status."""
    n, on, person = record.step.number, record.on, file.person
    file.current_step = max(file.current_step, n)
    params = file.rule_set.params
    reason = f"{record.step.name} {on:%Y-%m-%d}"
    if n == 1:
        file.applied_on = on
        member_services.set_political_status(person, user, PoliticalStatus.APPLICANT, reason=reason)
    elif n == 2:
        file.talked_on = on
    elif n == 3:
        file.activist_on = on
        member_services.set_political_status(person, user, PoliticalStatus.ACTIVIST, reason=reason)
    elif n == 5:
        file.mentors.set(people)
    elif n in (6, 21):
        file.last_assessment_on = on
    elif n == 7:
        file.candidate_on = on
        member_services.set_political_status(person, user, PoliticalStatus.CANDIDATE, reason=reason)
    elif n == 9:
        file.sponsors.set(people)
    elif n == 13:
        file.prereview_on = on
    elif n == 15:
        file.admitted_on = on
        file.probation_end = rules.probation_end(on, params)  # DEV-PROB: from the branch meeting
    elif n == 17:
        file.approved_on = on
        file.status = FileStatus.PROBATION
        # 入党日期 is the day of the branch meeting that admitted the member (DEV-PROB), not the approval.
        member_services.set_political_status(
            person,
            user,
            PoliticalStatus.PROBATIONARY,
            reason=reason,
            joined_on=file.admitted_on,
            source=MemberSource.DEVELOPED,
        )
    elif n == 23:
        file.conversion_meeting_on = on
    elif n == 24:
        _apply_probation_decision(file, record, user, reason)
    elif n == 25:
        file.archived_on = on


def _apply_probation_decision(file, record, user, reason):
    """Step 24 approves the last step-23 decision (DEV-PROB-END)."""
    meeting = file.records.filter(step__number=23).exclude(pk=record.pk).order_by("-on", "-pk").first()
    outcome = meeting.data.get("outcome") if meeting else None
    record.data["outcome"] = outcome
    record.save(update_fields=["data"])
    if outcome == ProbationOutcome.EXTEND:
        file.extension_months = int(meeting.data["extension_months"])
        file.probation_end = rules.probation_end(
            file.admitted_on, file.rule_set.params, file.extension_months
        )
        file.current_step = 22  # back in probation; a new branch meeting decides at the new end
    elif outcome == ProbationOutcome.CANCEL:
        file.status = FileStatus.CANCELLED
        member_services.exit_party(
            file.person, user, on=record.on, exit_type=ExitType.CANCELLED, reason=reason
        )
    else:
        file.status = FileStatus.CONVERTED
        file.conversion_approved_on = record.on
        # DEV-AGE-PARTY: 转正日期 is the end of probation, not the approval date.
        file.full_member_on = file.probation_end
        member_services.set_political_status(
            file.person, user, PoliticalStatus.FULL_MEMBER, reason=reason, full_member_on=file.probation_end
        )


def save_publicity(publicity: Publicity, user):
    """Create/update a 公示: its end is computed from the working-day calendar of the file's organization."""
    with transaction.atomic():
        if publicity.working_days < 1:
            raise ValidationError({"working_days": "公示至少 1 个工作日。"})
        file = publicity.file
        publicity.end = publicity_end(file.organization, publicity.start, publicity.working_days)
        created = publicity.pk is None
        publicity.full_clean()
        publicity.save()
        ensure_in_scope(publicity, user, "change")
        if created:
            log_event(file, "发布公示", user, str(publicity))
    return publicity


def count_working_days(organization, start, end):
    return working_days_between(start, end, calendar_overrides(organization, start, end))


def submit_thought_report(report: ThoughtReport, user):
    """An activist or candidate hands in a 思想汇报 (the person themself, or their branch for them)."""
    file = report.file
    own = getattr(user, "person_id", None) == file.person_id
    if user is not None and not own and not _can_change(user, file):
        raise ValidationError("只能由本人或所在党支部提交思想汇报。")
    if file.person.political_status not in (PoliticalStatus.ACTIVIST, PoliticalStatus.CANDIDATE):
        raise ValidationError("入党积极分子和发展对象提交思想汇报（DEV-REPORT）。")
    with transaction.atomic():
        report.submitted_on = report.submitted_on or timezone.localdate()
        report.full_clean()
        report.save()
        if not file.last_report_on or report.submitted_on > file.last_report_on:
            file.last_report_on = report.submitted_on
            file.save(update_fields=["last_report_on", "updated"])
        log_event(file, "提交思想汇报", user, report.title)
    return report


def _can_change(user, file):
    return DevelopmentFile.objects.restrict(user, "change").filter(pk=file.pk).exists()


def comment_thought_report(report: ThoughtReport, user, comment, on=None):
    """The 培养联系人 (or the branch) comments on a 思想汇报."""
    if not comment.strip():
        raise ValidationError({"comment": "请填写意见。"})
    file = report.file
    person_id = getattr(user, "person_id", None)
    is_mentor = person_id is not None and file.mentors.filter(pk=person_id).exists()
    if user is not None and not is_mentor and not _can_change(user, file):
        raise ValidationError("只有培养联系人或所在党支部可以批阅。")
    with transaction.atomic():
        report.comment = comment.strip()
        report.commented_by_id = person_id
        report.commented_on = on or timezone.localdate()
        report.save()
        log_event(file, "批阅思想汇报", user, report.title)
    return report
