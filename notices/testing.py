"""Helpers for other apps' rule tests: does a rule fire for an object on a given day?"""

from core import reminders as contract


def items_of(rule_id, on):
    """The items one registered rule yields on ``on``."""
    contract.discover()
    return list(contract.RULES[rule_id].func(on))


def fires(rule_id, on, key=None) -> bool:
    """Whether ``rule_id`` yields an item (with ``key`` when given) on ``on``."""
    return any(key is None or item.key == key for item in items_of(rule_id, on))
