"""The daily pass: evaluate every rule, resolve recipients, sync the inbox (create / withdraw), then deliver.

Reading is a constant number of queries whatever the number of organizations (each rule's own
queries, 2 for recipients, 1 for the inbox); writes are batched (``BATCH`` rows per statement).
Idempotent: a reminder is one row per rule+key+period+recipient (unique ``dedup_key``) and every
outbound send is one ``Delivery`` row with a unique key, so a second run — or a run after a crash
half-way — sends nothing twice and finishes what the first one left.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from core import reminders as contract
from notices.choices import MessageKind
from notices.models import Message
from notices.recipients import RecipientResolver

BATCH = 2000
log = logging.getLogger(__name__)


def dedup_key(item, person_id) -> str:
    """The de-duplication key of one reminder to one person (issue #6 point 4)."""
    return f"{item.rule}|{item.key}|{item.period}|{person_id}"


@dataclass
class PassResult:
    on: dt.date
    dry_run: bool = False
    items: int = 0
    targets: int = 0
    created: list = field(default_factory=list)  # (person_id, title)
    reactivated: int = 0
    updated: int = 0
    withdrawn: list = field(default_factory=list)  # (person_id, title)
    digests: list = field(default_factory=list)  # (person name, address or "", item count)
    robots: list = field(default_factory=list)  # (robot name, item count, ok)
    failed_rules: list = field(default_factory=list)  # (rule id, error)

    def summary(self):
        mode = "（演练，未写入、未发送）" if self.dry_run else ""
        return (
            f"{self.on} 提醒日检{mode}：到期事项 {self.items} 项，提醒 {self.targets} 人次；"
            f"新增 {len(self.created)}，恢复 {self.reactivated}，更新 {self.updated}，撤回 {len(self.withdrawn)}；"
            f"摘要邮件 {len(self.digests)} 份，群机器人 {len(self.robots)} 条"
            + (f"；出错规则：{'、'.join(r for r, _ in self.failed_rules)}" if self.failed_rules else "")
        )


def chunks(seq, size=BATCH):
    seq = list(seq)
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def collect(on, rule_ids=None, failed=None):
    """Every due item with its recipients: {dedup_key: (item, person_id)}, plus the rule ids evaluated.

    A rule that raises is logged and left out: its open reminders stay as they are (not withdrawn).
    """
    contract.discover()
    rules, items = [], []
    for rule_id in sorted(r for r in contract.RULES if rule_ids is None or r in rule_ids):
        try:
            items.extend(contract.due_items(on, [rule_id]))
        except Exception as exc:  # noqa: BLE001 — one broken rule must not silence every other module
            log.exception("reminder rule %s failed", rule_id)
            if failed is not None:
                failed.append((rule_id, str(exc)))
            continue
        rules.append(rule_id)
    resolver = RecipientResolver(on)
    targets = {}
    for item in items:
        for person_id in sorted(resolver.people_for(item)):
            targets[dedup_key(item, person_id)] = (item, person_id)
    return rules, items, targets


def sync_inbox(on, rules, targets, result, now=None):
    """Create new reminders, refresh changed ones, withdraw the resolved ones (no longer due)."""
    now = now or timezone.now()
    active = {
        row[1]: row
        for row in Message.objects.filter(
            kind=MessageKind.REMINDER, rule__in=rules, withdrawn_at__isnull=True
        ).values_list("id", "dedup_key", "title", "due", "url", "recipient_id")
    }
    gone = [row for key, row in active.items() if key not in targets]
    result.withdrawn = [(row[5], row[2]) for row in gone]
    changed = []
    for key, (item, _person) in targets.items():
        row = active.get(key)
        if row and (row[2], row[3], row[4]) != (item.title[:300], item.due, item.url[:500]):
            changed.append(Message(pk=row[0], title=item.title[:300], due=item.due, url=item.url[:500]))
    result.updated = len(changed)
    new_keys = [key for key in targets if key not in active]
    withdrawn_before = set()
    for chunk in chunks(new_keys):
        withdrawn_before.update(
            Message.objects.filter(dedup_key__in=chunk).values_list("dedup_key", flat=True)
        )
    result.reactivated = len(withdrawn_before)
    fresh = [key for key in new_keys if key not in withdrawn_before]
    result.created = [(targets[key][1], targets[key][0].title) for key in fresh]
    if result.dry_run:
        return
    with transaction.atomic():
        for chunk in chunks(row[0] for row in gone):
            Message.objects.filter(pk__in=chunk).update(withdrawn_at=now)
        # a cause that comes back (e.g. a recorded meeting was deleted) shows again, but is not re-sent
        for chunk in chunks(withdrawn_before):
            Message.objects.filter(dedup_key__in=chunk).update(withdrawn_at=None, read_at=None)
        if changed:
            Message.objects.bulk_update(changed, ["title", "due", "url"], batch_size=BATCH)
        specs = contract.RULES
        Message.objects.bulk_create(
            [_message(targets[key], key, on, specs) for key in fresh], batch_size=BATCH, ignore_conflicts=True
        )


def _message(target, key, on, specs):
    item, person_id = target
    spec = specs.get(item.rule)
    return Message(
        recipient_id=person_id,
        organization_id=item.organization_id,
        kind=MessageKind.REMINDER,
        title=item.title[:300],
        body=spec.label if spec else "",
        url=item.url[:500],
        due=item.due,
        module=spec.module if spec else "",
        rule=item.rule,
        key=item.key[:200],
        period=item.period,
        dedup_key=key,
        first_on=on,
    )


def run_daily_pass(on=None, *, dry_run=False, rule_ids=None, deliver=True) -> PassResult:
    """The whole daily pass for ``on`` (default: today): evaluate, sync the inbox, send digests and robot posts."""
    from notices import delivery

    on = on or timezone.localdate()
    result = PassResult(on=on, dry_run=dry_run)
    rules, items, targets = collect(on, rule_ids, result.failed_rules)
    result.items, result.targets = len(items), len(targets)
    sync_inbox(on, rules, targets, result)
    if deliver:
        delivery.send_digests(on, result)
        delivery.post_robots(on, result)
    return result


def todo_index(on):
    """{person id: [DueItem]} for every person, ordered by due date; cached briefly (whole-school evaluation)."""
    from django.conf import settings
    from django.core.cache import cache

    seconds = getattr(settings, "NOTICES_TODO_CACHE_SECONDS", 300)
    cache_key = f"notices:todo:{on.isoformat()}"
    index = cache.get(cache_key) if seconds else None
    if index is None:
        _rules, _items, targets = collect(on)
        index = {}
        for item, person_id in targets.values():
            index.setdefault(person_id, {})[(item.rule, item.key, item.period)] = item
        index = {
            person: sorted(items.values(), key=lambda i: (i.due, i.rule, i.key))
            for person, items in index.items()
        }
        if seconds:
            cache.set(cache_key, index, seconds)
    return index


def todo_for(person_id, on):
    """我的待办: every item due now addressed to this person, from every module, ordered by due date."""
    return todo_index(on).get(person_id, [])
