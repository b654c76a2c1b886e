import datetime as dt
from decimal import Decimal

from core.testing.world import person
from dues import services
from dues.models import DuesBase, DuesPayment
from members.choices import PersonCategory, PoliticalStatus

TODAY = dt.date(2026, 11, 15)


def member(world, org_key="a1", name=None, **extra):
    from members.models import Person

    extra.setdefault("category", PersonCategory.STAFF)
    status = extra.pop("political_status", PoliticalStatus.FULL_MEMBER)
    return person(name or f"党员{Person.objects.count()}", world.orgs[org_key], status, **extra)


def set_base(p, year=2026, base="4000", kind=None):
    return services.save_base(
        DuesBase(person=p, year=year, kind=kind or "", base=Decimal(base) if base is not None else None), None
    )


def pay(p, first, last, amount=None, paid_on=None, **extra):
    """Pay months ``first``..``last`` (dates); the amount defaults to exactly what is due."""
    state = services.DuesState.load([p.pk], with_bases=True)
    from dues import months

    due = sum(state.due(p.pk, m) or 0 for m in months.month_range(first, last))
    payment = DuesPayment(
        person=p,
        paid_on=paid_on or TODAY,
        from_month=first,
        to_month=last,
        amount=Decimal(amount) if amount is not None else due,
        method=extra.pop("method", "cash"),
        **extra,
    )
    return services.record_payment(payment, None, today=max(TODAY, paid_on or TODAY))


def probationary(world, joined_on, org_key="a1"):
    return member(world, org_key, political_status=PoliticalStatus.PROBATIONARY, joined_on=joined_on)
