"""Every state change of transfers, the mobile ledger, lost-contact cases and 党籍 decisions."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import log_event
from core.services import ensure_in_scope, save_object
from members.models import Person
from transfers import adapters, rules
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
    ContactRecord,
    GraduateRetention,
    LostContactCase,
    MobileMember,
    MobileReport,
    StandingDecision,
    Transfer,
)

OPEN_CASE_STATES = (CaseState.SEARCHING, CaseState.STOPPED)


def _require_member(person):
    if not person.is_party_member:
        raise ValidationError({"person": f"{person} 不是党员（{person.get_political_status_display()}）。"})


def _require_person_in_scope(person, user):
    if user is not None and not Person.objects.restrict(user, "change").filter(pk=person.pk).exists():
        raise ValidationError({"person": "该党员不在您的管理范围内。"})


# --- transfers ---------------------------------------------------------------------------
def transfer_within(person, target_org, user, *, on, reason=""):
    """Move a member from their branch to another branch of the school: recorded once, both sides see it."""
    from members.services import move_people

    with transaction.atomic():
        person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
        _require_person_in_scope(person, user)
        _require_member(person)
        if target_org.pk == person.organization_id:
            raise ValidationError({"target_org": "转入党组织与现所在党组织相同。"})
        transfer = Transfer(
            kind=TransferKind.WITHIN,
            status=TransferStatus.RECEIVED,
            person=person,
            organization=person.organization,
            target_org=target_org,
            issued_on=on,
            received_on=on,
            reason=reason,
        )
        transfer.full_clean()
        transfer.save()
        move_people([person], target_org, user, on=on, reason=reason or "校内组织关系转接")
        log_event(transfer, "校内转接", user, f"{transfer.organization} → {target_org}", person=person.pk)
    return transfer


def _next_letter_no(on):
    prefix = f"转{on.year}-"
    used = Transfer.objects.filter(letter_no__startswith=prefix).values_list("letter_no", flat=True)
    numbers = [int(n[len(prefix) :]) for n in used if n[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def issue_transfer_out(transfer, user):
    """Issue a transfer letter out of the school (REL-LETTER); the old branch stays responsible until the receipt."""
    with transaction.atomic():
        person = transfer.person
        _require_person_in_scope(person, user)
        _require_member(person)
        if Transfer.objects.filter(
            person=person, kind=TransferKind.OUT, status=TransferStatus.ISSUED
        ).exists():
            raise ValidationError({"person": f"{person} 已有一封未回执的转出介绍信。"})
        transfer.kind = TransferKind.OUT
        transfer.status = TransferStatus.ISSUED
        transfer.organization = person.organization
        transfer.target_org = None
        transfer.letter_no = transfer.letter_no or _next_letter_no(transfer.issued_on)
        transfer.full_clean()
        transfer.save()
        ensure_in_scope(transfer, user, "add")
        log_event(
            transfer,
            "开具转出介绍信",
            user,
            f"{transfer.letter_no} → {transfer.external_org}，有效期至 {transfer.valid_until}",
            person=person.pk,
        )
    return transfer


def issue_batch(people, user, *, batch, **letter):
    """Graduation: one letter for each member of a class going to the same destination (all or nothing)."""
    with transaction.atomic():
        issued = [issue_transfer_out(Transfer(person=p, batch=batch, **letter), user) for p in people]
    return issued


def record_receipt(transfer, user, *, on, note=""):
    """The receiving organization's receipt arrived: the transfer out is complete."""
    with transaction.atomic():
        transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
        if transfer.kind != TransferKind.OUT or transfer.status != TransferStatus.ISSUED:
            raise ValidationError(
                f"只有待回执的转出介绍信可以登记回执（当前：{transfer.get_status_display()}）。"
            )
        if on < transfer.issued_on:
            raise ValidationError({"on": "回执日期不能早于开具日期。"})
        transfer.status, transfer.received_on, transfer.receipt_note = TransferStatus.RECEIVED, on, note
        transfer.save(update_fields=["status", "received_on", "receipt_note", "updated"])
        ensure_in_scope(transfer, user)
        applied, sync = adapters.apply_transfer_out(transfer, user)
        log_event(transfer, "登记回执", user, f"{on} 收到回执；{sync}", applied=applied)
        # a graduate kept at school (REL-GRAD) whose relationship has now left ends their retention
        for retention in GraduateRetention.objects.filter(
            person=transfer.person, status=RetentionStatus.RETAINED
        ):
            retention.status = RetentionStatus.TRANSFERRED
            retention.save(update_fields=["status", "updated"])
            log_event(retention, "保留结束：已转出", user, f"介绍信 {transfer.letter_no} 已回执")
    return transfer


def cancel_transfer(transfer, user, *, reason):
    """Withdraw a letter that was not used (the member stays where they are)."""
    with transaction.atomic():
        transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
        if transfer.status != TransferStatus.ISSUED:
            raise ValidationError(f"只有待回执的介绍信可以撤销（当前：{transfer.get_status_display()}）。")
        transfer.status = TransferStatus.CANCELLED
        transfer.save(update_fields=["status", "updated"])
        ensure_in_scope(transfer, user)
        log_event(transfer, "撤销介绍信", user, reason)
    return transfer


def receive_in(
    person,
    organization,
    user,
    *,
    letter_no,
    external_org,
    external_address="",
    issued_on,
    on,
    dues_paid_to=None,
    reason="",
):
    """An incoming letter: the member joins the assigned branch with their party dates, the letter is kept."""
    from members.services import save_person

    with transaction.atomic():
        person.organization = organization
        _require_member(person)
        save_person(person, user, reason=f"转入（自{external_org}，介绍信 {letter_no or '无编号'}）")
        transfer = Transfer(
            kind=TransferKind.IN,
            status=TransferStatus.RECEIVED,
            person=person,
            organization=organization,
            letter_no=letter_no,
            external_org=external_org,
            external_address=external_address,
            issued_on=issued_on,
            received_on=on,
            dues_paid_to=dues_paid_to,
            reason=reason,
        )
        transfer.full_clean()
        transfer.save()
        ensure_in_scope(transfer, user, "add")
        log_event(transfer, "接收转入", user, f"自 {external_org} 转入 {organization}", person=person.pk)
    return transfer


# --- graduates kept at school (REL-GRAD) -------------------------------------------------
def save_retention(retention, user):
    """Record or update a graduate whose relationship stays at school (up to 2 years, named contact)."""
    _require_person_in_scope(retention.person, user)
    retention.organization = retention.person.organization
    created = retention.pk is None
    with transaction.atomic():
        save_object(retention, user, action="add" if created else "change")
        if created:
            log_event(
                retention, "保留组织关系", user, f"保留至 {retention.until}", person=retention.person_id
            )
    return retention


# --- 流动党员 (REL-MOBILE) ---------------------------------------------------------------
def save_mobile(entry, user):
    """Record or update a ledger entry; an outgoing entry belongs to the member's branch."""
    if entry.direction == MobileDirection.OUTGOING and entry.person_id:
        _require_person_in_scope(entry.person, user)
        entry.organization = entry.person.organization
        entry.name = entry.person.name
    created = entry.pk is None
    with transaction.atomic():
        save_object(entry, user, action="add" if created else "change")
        if created:
            log_event(
                entry,
                "登记流动党员",
                user,
                f"{entry.get_direction_display()}：{entry.location}",
                person=entry.person_id,
            )
    return entry


def add_mobile_report(entry, user, *, year, reported_on, content):
    """A mobile member's yearly report (REL-MOBILE: at least once a year)."""
    with transaction.atomic():
        ensure_in_scope(entry, user)
        report = MobileReport(
            entry=entry, organization=entry.organization, year=year, reported_on=reported_on, content=content
        )
        report.full_clean()
        report.save()
        log_event(entry, "流动党员报告", user, f"{year} 年度报告（{reported_on}）", person=entry.person_id)
    return report


def end_mobile(entry, user, *, on, note=""):
    """The member is back (or transferred): the entry leaves the active ledger."""
    with transaction.atomic():
        entry = MobileMember.objects.select_for_update().get(pk=entry.pk)
        if entry.status != MobileStatus.ACTIVE:
            raise ValidationError("该流动党员登记已结束。")
        entry.status, entry.ended_on = MobileStatus.ENDED, on
        entry.save(update_fields=["status", "ended_on", "updated"])
        ensure_in_scope(entry, user)
        log_event(entry, "结束流动", user, note or f"{on} 结束流动", person=entry.person_id)
    return entry


# --- lost contact (REL-LOST) -----------------------------------------------------------
def open_case(person, user, *, on, last_contact_on, signals=(), note=""):
    """Start searching for a member nobody can reach; the case starts in 查找中."""
    with transaction.atomic():
        _require_person_in_scope(person, user)
        _require_member(person)
        if LostContactCase.objects.filter(person=person, state__in=OPEN_CASE_STATES).exists():
            raise ValidationError({"person": f"{person} 已有未结的失联查找案。"})
        if last_contact_on > on:
            raise ValidationError({"last_contact_on": "最后联系日期不能晚于立案日期。"})
        case = LostContactCase(
            person=person,
            organization=person.organization,
            opened_on=on,
            last_contact_on=last_contact_on,
            signals=list(signals),
            note=note,
        )
        case.full_clean()
        case.save()
        ensure_in_scope(case, user, "add")
        log_event(case, "失联立案", user, f"最后联系 {last_contact_on}", person=person.pk)
    return case


def add_contact(
    person, user, *, purpose, on, method, by_whom, result, reached=False, case=None, retention=None
):
    """Record one search or contact attempt; reaching a searched member closes the search."""
    with transaction.atomic():
        # work on the stored state, not on a copy the caller may hold from before a decision
        if case is not None:
            case = LostContactCase.objects.select_for_update().get(pk=case.pk)
        if retention is not None:
            retention = GraduateRetention.objects.select_for_update().get(pk=retention.pk)
        record = ContactRecord(
            person=person,
            organization=person.organization,
            purpose=purpose,
            case=case,
            retention=retention,
            on=on,
            method=method,
            by_whom=by_whom,
            reached=reached,
            result=result,
        )
        record.full_clean()
        record.save()
        ensure_in_scope(record, user, "add")
        target = case or retention or person
        log_event(
            target,
            "联系记录",
            user,
            f"{on} {record.get_method_display()}：{'取得联系' if reached else '未联系上'}",
            person=person.pk,
        )
        if reached and retention is not None and (retention.last_contact_on or dt.date.min) < on:
            retention.last_contact_on = on
            retention.save(update_fields=["last_contact_on", "updated"])
        if reached and case is not None:
            case.last_contact_on = max(case.last_contact_on, on)
            fields = ["last_contact_on", "updated"]
            if case.state == CaseState.SEARCHING:
                # found before any decision: the search ends; a stopped member needs a 恢复党籍 decision
                case.state, case.closed_on = CaseState.CLOSED, on
                fields += ["state", "closed_on"]
                log_event(case, "恢复联系", user, f"{on} 取得联系，结束查找", person=person.pk)
            case.save(update_fields=fields)
    return record


# --- 党籍 decisions ---------------------------------------------------------------------
def _approved(person, kind):
    return StandingDecision.objects.filter(person=person, kind=kind, status=DecisionStatus.APPROVED)


def standing_stopped_on(person):
    """The effective date of the member's current 停止党籍 (None when not stopped)."""
    stop = _approved(person, DecisionKind.STOP).order_by("-effective_on").first()
    if stop is None:
        return None
    restored = _approved(person, DecisionKind.RESTORE).filter(effective_on__gte=stop.effective_on).exists()
    return None if restored else stop.effective_on


def check_proposal(decision, on):
    """The REL-LOST preconditions of a proposal; raises ValidationError naming the rule and the date."""
    case, person = decision.case, decision.person
    if decision.kind == DecisionKind.STOP:
        if case is None or case.state != CaseState.SEARCHING:
            raise ValidationError({"case": "停止党籍须基于一个“查找中”的失联查找案（REL-LOST）。"})
        allowed = rules.stop_proposal_allowed_from(case.last_contact_on)
        if on < allowed:
            raise ValidationError(
                f"失联不满 6 个月：最后联系 {case.last_contact_on}，{allowed} 起方可提出停止党籍（REL-LOST）。"
            )
    elif decision.kind == DecisionKind.QUIT and case is not None:
        stopped_on = standing_stopped_on(person)
        if stopped_on is None:
            raise ValidationError(
                "失联党员须先经批准停止党籍，满 2 年仍无联系方可按自行脱党处理（REL-LOST）。"
            )
        allowed = rules.quit_proposal_allowed_from(stopped_on)
        if on < allowed:
            raise ValidationError(
                f"停止党籍（{stopped_on}）不满 2 年，{allowed} 起方可提出自行脱党（REL-LOST）。"
            )
    elif decision.kind == DecisionKind.RESTORE and standing_stopped_on(person) is None:
        raise ValidationError("该党员未被停止党籍，无需恢复。")


def propose_decision(decision, user, *, on):
    """Propose a 党籍 decision; nothing changes for the member until people approve it."""
    with transaction.atomic():
        person = decision.person
        _require_person_in_scope(person, user)
        if decision.case_id and decision.case.person_id != person.pk:
            raise ValidationError({"case": "查找案与党员不一致。"})
        if StandingDecision.objects.filter(
            person=person, kind=decision.kind, status=DecisionStatus.PROPOSED
        ).exists():
            raise ValidationError({"kind": f"{person} 已有待审批的“{decision.get_kind_display()}”事项。"})
        check_proposal(decision, on)
        decision.organization = person.organization
        decision.status = DecisionStatus.PROPOSED
        decision.proposed_on = on
        decision.proposed_by = user if getattr(user, "is_authenticated", False) else None
        decision.full_clean()
        decision.save()
        ensure_in_scope(decision, user, "add")
        log_event(
            decision,
            "提出党籍事项",
            user,
            f"{decision.get_kind_display()}：{decision.reason[:80]}",
            person=person.pk,
        )
    return decision


def approve_decision(decision, user, *, on, approver, approval_ref, effective_on=None):
    """Record the approval (who approved, reference), make it effective and apply it to the member record."""
    with transaction.atomic():
        decision = StandingDecision.objects.select_for_update().get(pk=decision.pk)
        if decision.status != DecisionStatus.PROPOSED:
            raise ValidationError(f"该事项已{decision.get_status_display()}，不能重复审批。")
        check_proposal(decision, on)  # the facts may have changed since the proposal
        decision.status = DecisionStatus.APPROVED
        decision.decided_on, decision.approver, decision.approval_ref = on, approver, approval_ref
        decision.decided_by = user if getattr(user, "is_authenticated", False) else None
        decision.effective_on = effective_on or on
        if decision.discipline_level == DisciplineLevel.PROBATION:
            decision.probation_ends = rules.add_months(decision.effective_on, decision.probation_months)
        decision.applied_to_member, decision.applied_note = adapters.apply_standing_decision(decision, user)
        decision.save()
        ensure_in_scope(decision, user)
        if decision.case_id:
            _follow_case(decision, user)
        log_event(
            decision,
            "批准党籍事项",
            user,
            f"{decision.get_kind_display()}，{approver} {approval_ref}，{decision.effective_on} 生效；"
            f"{decision.applied_note}",
            person=decision.person_id,
        )
    return decision


def _follow_case(decision, user):
    case = decision.case
    new_state = {
        DecisionKind.STOP: CaseState.STOPPED,
        DecisionKind.QUIT: CaseState.QUIT,
        DecisionKind.RESTORE: CaseState.CLOSED,
    }.get(decision.kind)
    if new_state and case.state != new_state:
        case.state = new_state
        case.closed_on = decision.effective_on if new_state in (CaseState.QUIT, CaseState.CLOSED) else None
        case.save(update_fields=["state", "closed_on", "updated"])
        log_event(case, f"查找案：{case.get_state_display()}", user, str(decision), person=case.person_id)


def reject_decision(decision, user, *, on, note):
    """The proposal was not approved; the reason is kept."""
    with transaction.atomic():
        decision = StandingDecision.objects.select_for_update().get(pk=decision.pk)
        if decision.status != DecisionStatus.PROPOSED:
            raise ValidationError(f"该事项已{decision.get_status_display()}。")
        decision.status, decision.decided_on = DecisionStatus.REJECTED, on
        decision.decided_by = user if getattr(user, "is_authenticated", False) else None
        decision.applied_note = note[:200]
        decision.save()
        ensure_in_scope(decision, user)
        log_event(decision, "不予批准", user, note, person=decision.person_id)
    return decision


def reapply_decision(decision, user):
    """Apply an approved decision that could not yet reach the member record."""
    with transaction.atomic():
        ensure_in_scope(decision, user)
        if decision.status != DecisionStatus.APPROVED or decision.applied_to_member:
            raise ValidationError("只有已批准且尚未同步的事项需要同步。")
        decision.applied_to_member, decision.applied_note = adapters.apply_standing_decision(decision, user)
        decision.save(update_fields=["applied_to_member", "applied_note", "updated"])
        log_event(decision, "同步党员状态", user, decision.applied_note)
    return decision
