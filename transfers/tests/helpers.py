import datetime as dt

from core.testing.world import person
from transfers import services
from transfers.models import Transfer

D = dt.date
NEW_YEAR = D(2026, 1, 1)


def member(world, org_key, name=None, **extra):
    from members.models import Person

    return person(name or f"党员{Person.objects.count()}", world.orgs[org_key], **extra)


def letter_out(world, org_key, *, issued_on=NEW_YEAR, valid_days=30, who=None):
    p = who or member(world, org_key)
    return services.issue_transfer_out(
        Transfer(person=p, external_org="某市委组织部", issued_on=issued_on, valid_days=valid_days), None
    )
