"""Every change to people goes through here: save with the ID number, move between organizations."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import log_event
from core.services import ensure_in_scope
from members.models import OrgMembership, Person


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
