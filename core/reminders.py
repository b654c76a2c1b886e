"""The reminder contract every app uses; the notices app delivers (inbox, e-mail, digest, webhook).

An app declares its rules in ``<app>/reminders.py``:

    from core.reminders import DueItem, reminder_rule

    @reminder_rule("DEV-TALK", label="入党申请人谈话", module="development")
    def first_talk_due(on):                    # on: the day the pass runs for
        for file in ...:                       # a constant number of SQL queries, whatever the data size
            yield DueItem(rule="DEV-TALK", organization_id=..., key=f"development.file:{file.pk}",
                          title="张三 递交申请已 25 天，须在 2026-12-01 前谈话", due=..., url=...)

A rule yields what is due *now* (including overdue items); an item that is no longer yielded
has been resolved (the notices app withdraws it). ``key`` identifies the object, so the same
rule never reminds twice about one object in one period.
"""

import datetime as dt
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

# Recipients, relative to the item's organization.
SECRETARY = "secretary"  # 书记 (and 副书记) of the organization
COMMITTEE = "committee"  # all committee members of the organization
PARENT_SECRETARY = (
    "parent_secretary"  # 书记/副书记/组织员 of the 党总支 above (or the org itself if a 党总支)
)
ORG_DEPARTMENT = "org_department"  # staff of 组织部 (department with modules ["*"])
PERSON = "person"  # the person named in ``person_id`` (e.g. a member who must hand something in)


@dataclass(frozen=True)
class DueItem:
    rule: str
    organization_id: int
    key: str
    title: str
    due: dt.date
    url: str = ""
    recipients: tuple = (SECRETARY,)
    person_id: int | None = None
    period: str = ""  # e.g. "2026Q4" for per-period rules; part of the de-duplication key


@dataclass(frozen=True)
class RuleSpec:
    rule_id: str
    label: str
    module: str
    func: object
    description: str = ""


RULES: dict[str, RuleSpec] = {}


def reminder_rule(rule_id, *, label, module, description=""):
    """Register ``func(on) -> Iterable[DueItem]`` as reminder rule ``rule_id``."""

    def register(func):
        RULES[rule_id] = RuleSpec(rule_id, label, module, func, description)
        return func

    return register


def discover():
    """Import every app's ``reminders`` module (once)."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "reminders"):
            import_module(f"{config.name}.reminders")
    return RULES


def due_items(on: dt.date, rule_ids=None) -> list[DueItem]:
    """Everything due on ``on`` across all registered rules (or the given ones)."""
    discover()
    out = []
    for rule_id, spec in sorted(RULES.items()):
        if rule_ids is None or rule_id in rule_ids:
            out.extend(spec.func(on))
    return out
