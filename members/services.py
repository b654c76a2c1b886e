"""Every change to people goes through here: save with the ID number, move between organizations."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import log_event
from core.services import ensure_in_scope
from members.choices import (
    ChangeRequestStatus,
    DisciplineKind,
    ExitType,
    PartyStanding,
    PoliticalStatus,
    StandingEventKind,
)
from members.models import ChangeRequest, MemberRecord, OrgMembership, Person, StandingEvent


def save_person(person: Person, user, *, id_number=None, reason="新建人员"):
    """Create or update a person; a new person (or a changed organization) starts a membership record."""
    with transaction.atomic():
        if id_number is not None:
            person.set_id_number(id_number)
        if person.id_number_hash:
            clash = Person.objects.filter(id_number_hash=person.id_number_hash).exclude(pk=person.pk).first()
            if clash:
                raise ValidationError({"id_number": "该身份证号已登记（另一人员记录）。"})
        previous_org = None
        if person.pk:
            previous_org = (
                Person.objects.filter(pk=person.pk).values_list("organization_id", flat=True).first()
            )
        person.full_clean()
        person.save()
        if previous_org != person.organization_id:
            _record_move(person, timezone.localdate(), reason if previous_org is None else "调整所在党组织")
        ensure_in_scope(person, user, "change")
    return person


def _record_move(person, on: dt.date, reason: str):
    OrgMembership.objects.filter(person=person, end__isnull=True).exclude(
        organization=person.organization
    ).update(end=on)
    if not OrgMembership.objects.filter(
        person=person, end__isnull=True, organization=person.organization
    ).exists():
        OrgMembership.objects.create(person=person, organization=person.organization, start=on, reason=reason)


def move_people(people, organization, user, *, on=None, reason=""):
    """Move people to another organization, closing and opening membership records (one transaction)."""
    on = on or timezone.localdate()
    moved = 0
    with transaction.atomic():
        for person in people:
            if person.organization_id == organization.pk:
                continue
            old = person.organization
            person.organization = organization
            person.save(update_fields=["organization", "updated"])
            _record_move(person, on, reason)
            log_event(
                person,
                "转移党组织",
                user,
                f"{old} → {organization}（{reason}）",
                frm=old.pk,
                to=organization.pk,
            )
            moved += 1
    return moved


def find_by_id_number(number: str):
    """Look a person up by ID number through the keyed hash (never a plain-text search)."""
    from members import idnumber

    return Person.objects.filter(id_number_hash=idnumber.lookup_hash(number)).first()


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later; the 31st of a shorter month becomes its last day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- 党籍 ---------------------------------------------------------------------
def _standing_event(person, user, kind, on, *, reason="", exit_type="", document_no=""):
    event = StandingEvent.objects.create(
        person=person, kind=kind, on=on, exit_type=exit_type, reason=reason, document_no=document_no
    )
    label = StandingEventKind(kind).label
    log_event(person, label, user, f"{on:%Y-%m-%d} {reason}".strip(), on=on.isoformat(), exit_type=exit_type)
    return event


def _lock(person):
    return Person.objects.select_for_update().get(pk=person.pk)


def suspend_standing(person, user, *, on, reason="", document_no=""):
    """停止党籍 (e.g. 失联 over six months): only a party member whose 党籍 is normal."""
    with transaction.atomic():
        person = _lock(person)
        if not person.is_party_member or person.party_standing != PartyStanding.NORMAL:
            raise ValidationError(
                f"{person} 的党籍状态为“{person.get_party_standing_display()}”，不能停止党籍。"
            )
        person.party_standing = PartyStanding.SUSPENDED
        person.save(update_fields=["party_standing", "updated"])
        ensure_in_scope(person, user)
        return _standing_event(
            person, user, StandingEventKind.SUSPEND, on, reason=reason, document_no=document_no
        )


def restore_standing(person, user, *, on, reason="", document_no=""):
    """恢复党籍: only after a suspension."""
    with transaction.atomic():
        person = _lock(person)
        if person.party_standing != PartyStanding.SUSPENDED:
            raise ValidationError(f"{person} 未被停止党籍，无需恢复。")
        person.party_standing = PartyStanding.NORMAL
        person.save(update_fields=["party_standing", "updated"])
        ensure_in_scope(person, user)
        return _standing_event(
            person, user, StandingEventKind.RESTORE, on, reason=reason, document_no=document_no
        )


def exit_party(person, user, *, on, exit_type, reason="", document_no=""):
    """出党 (开除党籍, 除名, 劝退, 退党, 取消预备党员资格…): the person stops being a party member."""
    if exit_type not in ExitType.values:
        raise ValidationError("请选择出党方式。")
    with transaction.atomic():
        person = _lock(person)
        if not person.is_party_member or person.party_standing in (
            PartyStanding.LEFT,
            PartyStanding.DECEASED,
        ):
            raise ValidationError(f"{person} 不是在册党员，不能办理出党。")
        if exit_type == ExitType.CANCELLED and person.political_status != PoliticalStatus.PROBATIONARY:
            raise ValidationError("只有预备党员才能取消预备党员资格。")
        person.party_standing = PartyStanding.LEFT
        person.exit_type = exit_type
        person.political_status = PoliticalStatus.MASSES
        person.save(update_fields=["party_standing", "exit_type", "political_status", "updated"])
        ensure_in_scope(person, user)
        return _standing_event(
            person,
            user,
            StandingEventKind.EXIT,
            on,
            reason=reason,
            exit_type=exit_type,
            document_no=document_no,
        )


def transfer_out(person, user, *, on, destination="", letter_no=""):
    """组织关系转出: the receiving organization returned the receipt; the member leaves the school's roster."""
    with transaction.atomic():
        person = _lock(person)
        if not person.is_party_member or person.party_standing not in (
            PartyStanding.NORMAL,
            PartyStanding.SUSPENDED,
        ):
            raise ValidationError(f"{person} 不是在册党员，不能办理组织关系转出。")
        person.party_standing = PartyStanding.TRANSFERRED_OUT
        person.save(update_fields=["party_standing", "updated"])
        OrgMembership.objects.filter(person=person, end__isnull=True).update(end=on)
        ensure_in_scope(person, user)
        reason = f"转至{destination}" + (f"（介绍信 {letter_no}）" if letter_no else "")
        return _standing_event(
            person, user, StandingEventKind.TRANSFER_OUT, on, reason=reason, document_no=letter_no
        )


def record_death(person, user, *, on, reason=""):
    """死亡: closes the record; kept for history and statistics."""
    with transaction.atomic():
        person = _lock(person)
        if person.party_standing == PartyStanding.DECEASED:
            raise ValidationError(f"{person} 已登记死亡。")
        person.party_standing = PartyStanding.DECEASED
        person.save(update_fields=["party_standing", "updated"])
        ensure_in_scope(person, user)
        return _standing_event(person, user, StandingEventKind.DEATH, on, reason=reason)


# 党纪处分 effects (《中国共产党纪律处分条例》): months during which the discipline weighs on the member.
DISCIPLINE_EFFECT_MONTHS = {
    DisciplineKind.WARNING: 12,
    DisciplineKind.SERIOUS_WARNING: 18,
    DisciplineKind.REMOVAL_FROM_POST: 24,
}


def save_record(record: MemberRecord, user):
    """Save a commendation / discipline / 组织处理; disciplines get their expiry, 开除党籍 also ends 党籍."""
    with transaction.atomic():
        if record.kind == DisciplineKind.PROBATION and record.period_months:
            record.expires_on = add_months(record.decided_on, record.period_months)
        elif record.kind in DISCIPLINE_EFFECT_MONTHS and record.decided_on:
            record.expires_on = add_months(record.decided_on, DISCIPLINE_EFFECT_MONTHS[record.kind])
        created = record.pk is None
        record.full_clean()
        record.save()
        ensure_in_scope(record, user)
        if created and record.category == "discipline":
            log_event(record.person, "党纪处分", user, f"{record.get_kind_display()}：{record.title}")
            if record.kind == DisciplineKind.EXPULSION:
                exit_party(
                    record.person,
                    user,
                    on=record.decided_on,
                    exit_type=ExitType.EXPELLED,
                    reason=record.title,
                    document_no=record.document_no,
                )
    return record


def rights_suspended_on(person_ids, on):
    """Ids among ``person_ids`` under 留党察看 with rights suspended on ``on`` (DEV-SPONSOR)."""
    return set(
        MemberRecord.objects.filter(
            person_id__in=person_ids,
            kind=DisciplineKind.PROBATION,
            suspends_rights=True,
            decided_on__lte=on,
            expires_on__gt=on,
        ).values_list("person_id", flat=True)
    )


# --- the development pipeline moves people (called by development.services) ---------
def set_political_status(person, user, status, *, reason, joined_on=None, full_member_on=None, source=None):
    """Move a person along applicant → activist → candidate → probationary → full member (or back to 群众)."""
    with transaction.atomic():
        person = _lock(person)
        old = person.get_political_status_display()
        person.political_status = status
        fields = ["political_status", "updated"]
        if joined_on is not None:
            person.joined_on = joined_on
            fields.append("joined_on")
        if full_member_on is not None:
            person.full_member_on = full_member_on
            fields.append("full_member_on")
        if source is not None:
            person.source = source
            fields.append("source")
        person.save(update_fields=fields)
        log_event(
            person, "政治面貌变更", user, f"{old} → {person.get_political_status_display()}（{reason}）"
        )
    return person


# --- self-service change requests -------------------------------------------------
def submit_change_request(person, user, new_values: dict, reason=""):
    """A member asks to change their own record (phone, education, title…); nothing changes until approved."""
    if getattr(user, "person_id", None) != person.pk:
        raise ValidationError("只能为本人提交信息变更申请。")
    changes = {}
    for field, value in new_values.items():
        if field not in ChangeRequest.EDITABLE_FIELDS:
            raise ValidationError(f"字段“{field}”不能自助修改。")
        old = getattr(person, field) or ""
        if (value or "") != old:
            changes[field] = [old, value or ""]
    if not changes:
        raise ValidationError("没有任何修改。")
    with transaction.atomic():
        if ChangeRequest.objects.filter(person=person, status=ChangeRequestStatus.PENDING).exists():
            raise ValidationError("您还有一份待审核的申请，请等待审核后再提交。")
        request = ChangeRequest.objects.create(person=person, changes=changes, reason=reason)
        log_event(request, "提交信息变更申请", user, "、".join(changes))
    return request


def approve_change_request(request, user, note=""):
    """Apply the requested values to the person (validated as any edit) and close the request."""
    with transaction.atomic():
        request = ChangeRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != ChangeRequestStatus.PENDING:
            raise ValidationError("该申请已处理。")
        ensure_in_scope(request, user, "change")
        person = request.person
        for field, (_old, new) in request.changes.items():
            setattr(person, field, new)
        person.full_clean()
        person.save()
        ensure_in_scope(person, user, "change")
        _close(request, user, ChangeRequestStatus.APPROVED, note)
        log_event(request, "通过信息变更申请", user, note)
    return request


def return_change_request(request, user, note):
    """Return a request with a reason; the member may submit a corrected one."""
    if not note:
        raise ValidationError({"review_note": "退回时请填写原因。"})
    with transaction.atomic():
        request = ChangeRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != ChangeRequestStatus.PENDING:
            raise ValidationError("该申请已处理。")
        ensure_in_scope(request, user, "change")
        _close(request, user, ChangeRequestStatus.RETURNED, note)
        log_event(request, "退回信息变更申请", user, note)
    return request


def _close(request, user, status, note):
    request.status = status
    request.reviewed_by = user if getattr(user, "is_authenticated", False) else None
    request.reviewed_at = timezone.now()
    request.review_note = note
    request.save()
