"""The one place where transfers asks the members app to change a person's 党籍 or leave the school.

The members app (issue #3) owns the member record. Until it exposes the functions below, an
approved decision is recorded here with its history and ``applied_to_member`` stays False; the
page says so and the decision can be applied again once the function exists.

Expected in ``members.services`` (keyword arguments):
    apply_standing_decision(person, kind, user, *, on, note="", discipline_level="", probation_months=None)
        kind: "stop" | "restore" | "quit" | "remove" | "expel" | "withdraw" | "death" | "discipline"
    transfer_out(person, user, *, on, destination="", letter_no="")
        the person's relationship has left the school (receipt of the letter recorded)
"""

from importlib import import_module

NOT_CONNECTED = "党员档案服务尚未接入，党员状态未同步"


def member_service(name):
    """``members.services.<name>`` or None when it does not exist yet."""
    try:
        module = import_module("members.services")
    except ImportError:
        return None
    return getattr(module, name, None)


def apply_standing_decision(decision, user):
    """Apply an approved decision to the member record; returns (applied, note)."""
    func = member_service("apply_standing_decision")
    if func is None:
        return False, NOT_CONNECTED
    func(
        decision.person,
        decision.kind,
        user,
        on=decision.effective_on,
        note=f"{decision.approver} {decision.approval_ref}".strip(),
        discipline_level=decision.discipline_level,
        probation_months=decision.probation_months,
    )
    return True, "已同步党员状态"


def apply_transfer_out(transfer, user):
    """Tell the member record that the relationship left the school; returns (applied, note)."""
    func = member_service("transfer_out")
    if func is None:
        return False, NOT_CONNECTED
    func(
        transfer.person,
        user,
        on=transfer.received_on,
        destination=transfer.external_org,
        letter_no=transfer.letter_no,
    )
    return True, "已同步党员状态"
