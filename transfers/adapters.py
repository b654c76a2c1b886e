"""The one place where transfers asks the members app to change a person's 党籍.

An approved decision (people decide; the system never does it alone) is applied to the member
record through ``members.services``: 停止/恢复党籍, 出党 with its type, 死亡, 党纪处分.
"""

from members import services as member_services
from members.choices import DisciplineKind, ExitType
from members.models import MemberRecord
from transfers.choices import DecisionKind, DisciplineLevel

EXIT_TYPES = {
    DecisionKind.QUIT: ExitType.LAPSED,
    DecisionKind.REMOVE: ExitType.REMOVED,
    DecisionKind.EXPEL: ExitType.EXPELLED,
    DecisionKind.WITHDRAW: ExitType.WITHDREW,
}
DISCIPLINE_KINDS = {
    DisciplineLevel.WARNING: DisciplineKind.WARNING,
    DisciplineLevel.SERIOUS_WARNING: DisciplineKind.SERIOUS_WARNING,
    DisciplineLevel.DISMISS_POST: DisciplineKind.REMOVAL_FROM_POST,
    DisciplineLevel.PROBATION: DisciplineKind.PROBATION,
}


def apply_standing_decision(decision, user):
    """Apply an approved decision to the member record; returns (applied, note)."""
    person, on = decision.person, decision.effective_on
    reason = f"{decision.get_kind_display()}（{decision.approver} {decision.approval_ref}）".strip()
    kind = decision.kind
    if kind == DecisionKind.STOP:
        member_services.suspend_standing(
            person, user, on=on, reason=reason, document_no=decision.approval_ref
        )
    elif kind == DecisionKind.RESTORE:
        member_services.restore_standing(
            person, user, on=on, reason=reason, document_no=decision.approval_ref
        )
    elif kind in EXIT_TYPES:
        member_services.exit_party(
            person, user, on=on, exit_type=EXIT_TYPES[kind], reason=reason, document_no=decision.approval_ref
        )
    elif kind == DecisionKind.DEATH:
        member_services.record_death(person, user, on=on, reason=reason)
    elif kind == DecisionKind.DISCIPLINE:
        level = DISCIPLINE_KINDS[decision.discipline_level]
        member_services.save_record(
            MemberRecord(
                person=person,
                category="discipline",
                kind=level,
                title=reason,
                decided_on=on,
                decided_by=decision.approver,
                document_no=decision.approval_ref,
                period_months=decision.probation_months if level == DisciplineKind.PROBATION else None,
                suspends_rights=level == DisciplineKind.PROBATION,
            ),
            user,
        )
    else:
        return False, f"未知的决定类型：{kind}"
    return True, "已同步党员状态"


def apply_transfer_out(transfer, user):
    """The receipt came back: the member leaves the school's roster (history kept on the member record)."""
    member_services.transfer_out(
        transfer.person,
        user,
        on=transfer.received_on,
        destination=transfer.external_org,
        letter_no=transfer.letter_no,
    )
    return True, "已同步党员状态：组织关系已转出"
