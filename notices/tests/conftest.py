import datetime as dt

import pytest
from django.core.cache import cache

from core import reminders as contract


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rules():
    """Only the rules a test registers are active (other apps' rules are put back afterwards)."""
    contract.discover()
    saved = dict(contract.RULES)
    contract.RULES.clear()
    yield contract.RULES
    contract.RULES.clear()
    contract.RULES.update(saved)


TERM_DAYS_BEFORE = 183  # ORG-TERM: remind about 6 months before a branch's term expires


def register_term_rule(recipients=(contract.SECRETARY,), rule_id="T-TERM"):
    """A rule like ORG-TERM, over the real org tree: one query whatever the number of orgs."""
    from notices.when import window_open
    from orgs.models import Organization

    @contract.reminder_rule(rule_id, label="换届提醒（测试）", module="orgs")
    def term_due(on):
        for org in (
            Organization.objects.active().filter(term_end__isnull=False).only("id", "name", "term_end")
        ):
            if window_open(on, org.term_end, days_before=TERM_DAYS_BEFORE):
                yield contract.DueItem(
                    rule=rule_id,
                    organization_id=org.pk,
                    key=f"orgs.organization:{org.pk}",
                    title=f"{org.name} 任期将于 {org.term_end} 届满，请筹备换届",
                    due=org.term_end,
                    url=org.get_absolute_url(),
                    recipients=tuple(recipients),
                    period=str(org.term_end),
                )

    return term_due


def set_term_end(org, day):
    from orgs.models import Organization

    Organization.objects.filter(pk=org.pk).update(term_end=day, term_start=day - dt.timedelta(days=3 * 365))
