"""The three lost-contact signals (REL-LOST): organizational life, dues and unanswered transfer letters.

Attendance and dues belong to the orglife and dues apps; they are read through their services'
interfaces, imported lazily, so this page works before those apps land and uses them once they do.
Expected interfaces:
    orglife.services.last_attended(person_ids) -> {person_id: date}
    dues.services.paid_up_to(person_ids) -> {person_id: date (first day of the last fully settled month)}
"""

from importlib import import_module

from transfers import rules
from transfers.choices import TransferKind, TransferStatus
from transfers.models import Transfer


def _service(module, name):
    try:
        return getattr(import_module(module), name, None)
    except ImportError:
        return None


def attendance_source():
    return _service("orglife.services", "last_attended")


def dues_source():
    return _service("dues.services", "paid_up_to")


def last_attendance(person_ids, on):
    """{person_id: last organizational-life date up to ``on``}; {} while orglife is not connected."""
    func = attendance_source()
    if func is None:
        return {}
    return {pid: day for pid, day in func(list(person_ids)).items() if day and day <= on}


def last_dues_month(person_ids, on):
    """{person_id: last month paid for}; {} while dues is not connected."""
    func = dues_source()
    if func is None:
        return {}
    return {pid: day for pid, day in func(list(person_ids)).items() if day}


def unanswered_letters(people, on):
    """{person_id: transfer}: letters out still without a receipt after their validity (REL-LETTER)."""
    overdue = Transfer.objects.filter(
        kind=TransferKind.OUT, status=TransferStatus.ISSUED, valid_until__lt=on, person__in=people
    ).order_by("valid_until")
    out = {}
    for transfer in overdue:
        out.setdefault(transfer.person_id, transfer)
    return out


def candidates(people, on):
    """Party members in ``people`` showing at least one signal, with the reasons, in one pass.

    A signal from orglife or dues counts only when that source is connected: a person with no
    attendance (or no dues) in a connected source, or whose last one is ≥ 6 months before ``on``.
    """
    people = list(people)
    ids = [p.pk for p in people]
    cutoff = rules.add_months(on, -rules.LOST_MONTHS)
    attended = last_attendance(ids, on) if attendance_source() else None
    paid = last_dues_month(ids, on) if dues_source() else None
    letters = unanswered_letters(ids, on)
    rows = []
    for person in people:
        reasons = []
        if attended is not None:
            last = attended.get(person.pk)
            if last is None or last <= cutoff:
                reasons.append(f"6 个月未参加组织生活（最近：{last or '无记录'}）")
        if paid is not None:
            last = paid.get(person.pk)
            if last is None or last <= cutoff:
                reasons.append(f"6 个月未交纳党费（交至：{last.strftime('%Y-%m') if last else '无记录'}）")
        letter = letters.get(person.pk)
        if letter:
            reasons.append(f"转出介绍信 {letter.letter_no} 逾期未回执（有效期至 {letter.valid_until}）")
        if reasons:
            rows.append({"person": person, "reasons": reasons, "letter": letter})
    return rows


def sources_note():
    """What the page must say about signals not yet connected."""
    missing = []
    if attendance_source() is None:
        missing.append("组织生活")
    if dues_source() is None:
        missing.append("党费")
    return "、".join(missing) + "数据尚未接入，相应线索暂不计算" if missing else ""
