"""Responsible units as written (责任单位) → organizations: lead units plain, bracketed ones co-responsible."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orgs.choices import OrgStatus, OrgType
from orgs.models import Organization
from plans.choices import UnitRole

MIDDLE_LEVEL = "中层党组织"  # glossary: every active general branch (middle_level)
VAGUE_WORDS = ("相关部门", "有关部门", "相关单位", "有关单位", "各部门", "各单位", "其他部门")
# Names as the notices write them → words an organization's name may contain instead.
ALIASES = {
    "纪检": ("纪检", "纪委"),
    "纪委": ("纪委", "纪检"),
    "巡察办": ("巡察",),
    "党校": ("党校",),
}
_BRACKETS = re.compile(r"[（(]([^（）()]*)[)）]")
_SPLIT = re.compile(r"[\s、，,;；/]+")


@dataclass
class UnitMatch:
    units: list = field(default_factory=list)  # [(Organization, role)], no duplicates, lead first
    unresolved: list = field(default_factory=list)  # names that need the admin to pick a unit

    def add(self, org, role):
        if all(o.pk != org.pk for o, _ in self.units):
            self.units.append((org, role))


def split_units(text: str) -> list[tuple[str, str]]:
    """``组织部 (纪检、巡察办)`` → [(组织部, lead), (纪检, co), (巡察办, co)]."""
    text = text or ""
    out = []
    for inner in _BRACKETS.findall(text):
        out.extend((name, UnitRole.CO) for name in _SPLIT.split(inner) if name)
    plain = _BRACKETS.sub(" ", text)
    lead = [(name, UnitRole.LEAD) for name in _SPLIT.split(plain) if name]
    return lead + out


class UnitMatcher:
    """Matches unit names against the active organizations (loaded once)."""

    def __init__(self):
        self.orgs = list(
            Organization.objects.filter(status=OrgStatus.ACTIVE)
            .exclude(org_type=OrgType.GROUP)
            .only("id", "name", "short_name", "code", "org_type", "path", "depth")
        )
        self.general_branches = [o for o in self.orgs if o.org_type == OrgType.GENERAL_BRANCH]

    def find(self, name: str):
        """One organization for ``name`` or None (unknown or ambiguous)."""
        exact = [o for o in self.orgs if name in (o.name, o.short_name, o.code)]
        if len(exact) == 1:
            return exact[0]
        words = ALIASES.get(name, (name,))
        found = [
            o for o in self.orgs if any(w in o.name or (o.short_name and w in o.short_name) for w in words)
        ]
        departments = [o for o in found if o.org_type == OrgType.DEPARTMENT]
        if len(departments) == 1:
            return departments[0]
        return found[0] if len(found) == 1 else None

    def match(self, text: str, resolutions=None) -> UnitMatch:
        """``resolutions``: {name: [Organization]} the admin picked in the preview for unmatched names."""
        result = UnitMatch()
        resolutions = resolutions or {}
        for name, role in split_units(text):
            if name == MIDDLE_LEVEL:
                for org in self.general_branches:
                    result.add(org, role)
                continue
            if resolutions.get(name):
                for org in resolutions[name]:
                    result.add(org, role)
                continue
            org = None if any(w in name for w in VAGUE_WORDS) else self.find(name)
            if org is None:
                result.unresolved.append(name)
            else:
                result.add(org, role)
        return result

    def issuer_org(self, issuer: str):
        """The department whose name ends the issuer text (…委员会组织部 → 组织部), else the top committee."""
        departments = sorted(
            (o for o in self.orgs if o.org_type == OrgType.DEPARTMENT and o.name in (issuer or "")),
            key=lambda o: -len(o.name),
        )
        if departments:
            return departments[0]
        tops = sorted(self.orgs, key=lambda o: o.depth)
        return tops[0] if tops else None
