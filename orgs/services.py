"""Every change to the organization tree and to positions goes through here."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import log_event
from core.services import ensure_in_scope, save_object
from orgs.choices import BRANCH_TYPES, OrgStatus, OrgType
from orgs.models import Organization, Position

# Which kinds of organization may sit under which.
ALLOWED_PARENTS = {
    OrgType.COMMITTEE: {None},
    OrgType.DEPARTMENT: {OrgType.COMMITTEE},
    OrgType.GENERAL_BRANCH: {OrgType.COMMITTEE},
    OrgType.BRANCH: {OrgType.COMMITTEE, OrgType.GENERAL_BRANCH},
    OrgType.FUNCTIONAL_BRANCH: {OrgType.COMMITTEE, OrgType.GENERAL_BRANCH},
    OrgType.GROUP: {OrgType.BRANCH, OrgType.FUNCTIONAL_BRANCH},
}


def _check_parent(org_type, parent):
    allowed = ALLOWED_PARENTS[org_type]
    parent_type = parent.org_type if parent else None
    if parent_type not in allowed:
        names = "、".join(OrgType(t).label if t else "（顶层）" for t in allowed)
        raise ValidationError({"parent": f"{OrgType(org_type).label}的上级只能是：{names}"})
    if parent and parent.status != OrgStatus.ACTIVE:
        raise ValidationError({"parent": "上级组织已撤销。"})


def create_organization(parent, user, **fields):
    """Create an organization under ``parent`` (None: a new root, 校党委)."""
    with transaction.atomic():
        _check_parent(fields.get("org_type"), parent)
        if parent is not None:
            ensure_in_scope(parent, user, "add")
        org = Organization(**fields)
        org.full_clean(exclude=["path", "depth", "numchild"])
        org = (
            Organization.objects.add_child(parent, instance=org)
            if parent
            else Organization.objects.add_root(instance=org)
        )
        ensure_in_scope(org, user, "add")
    return org


def update_organization(org, user):
    """Save edited fields (name, short name, term…) of an organization."""
    return save_object(org, user)


def move_organization(org, new_parent, user):
    """Move a subtree under another parent; everything below moves with it."""
    with transaction.atomic():
        if new_parent.path.startswith(org.path):
            raise ValidationError({"parent": "不能移动到自身或自己的下级组织之下。"})
        _check_parent(org.org_type, new_parent)
        ensure_in_scope(new_parent, user, "change")
        old_parent = Organization.objects.get_parent(org)
        Organization.objects.move(org, new_parent, "last-child")
        org = Organization.objects.get(pk=org.pk)
        ensure_in_scope(org, user, "change")
        log_event(
            org,
            "移动组织",
            user,
            f"{old_parent} → {new_parent}",
            frm=old_parent.pk if old_parent else None,
            to=new_parent.pk,
        )
    return org


def dissolve_organization(org, user, on=None, reason=""):
    """撤销: only an organization without people and without active sub-organizations."""
    from members.models import Person

    on = on or timezone.localdate()
    with transaction.atomic():
        if org.status == OrgStatus.DISSOLVED:
            raise ValidationError("该组织已撤销。")
        active_children = Organization.objects.get_descendants(org).filter(status=OrgStatus.ACTIVE).count()
        if active_children:
            raise ValidationError(f"尚有 {active_children} 个下级组织未撤销，请先撤销或移出。")
        people = Person.objects.filter(organization=org).count()
        if people:
            raise ValidationError(f"尚有 {people} 名人员，请先转移到其他组织（可使用“合并”）。")
        org.status, org.dissolved_on = OrgStatus.DISSOLVED, on
        org.save(update_fields=["status", "dissolved_on", "updated"])
        Position.objects.filter(organization=org, end__isnull=True).update(end=on)
        log_event(org, "撤销组织", user, reason or f"{on:%Y-%m-%d} 撤销")
    return org


def merge_branches(source, target, user, on=None, reason="优化调整党支部设置"):
    """Merge ``source`` into ``target``: people and groups move with history, ``source`` is dissolved."""
    from members.models import Person
    from members.services import move_people

    on = on or timezone.localdate()
    if source.pk == target.pk:
        raise ValidationError("不能把支部合并到自身。")
    if source.org_type not in BRANCH_TYPES or target.org_type not in BRANCH_TYPES:
        raise ValidationError("只能合并党支部（或功能型党组织）。")
    if target.status != OrgStatus.ACTIVE:
        raise ValidationError("目标支部已撤销。")
    with transaction.atomic():
        ensure_in_scope(source, user, "change")
        ensure_in_scope(target, user, "change")
        for group in list(Organization.objects.get_children(source)):
            Organization.objects.move(group, target, "last-child")
        source = Organization.objects.get(pk=source.pk)
        people = list(Person.objects.filter(organization=source).select_related("organization"))
        moved = move_people(people, target, user, on=on, reason=f"支部合并：{source} 并入 {target}")
        dissolve_organization(source, user, on=on, reason=f"并入 {target}")
        log_event(
            target, "合并支部", user, f"{source} 并入本支部，转入 {moved} 人", source=source.pk, moved=moved
        )
    return target


def split_branch(source, people, user, *, name, code, category=None, on=None, short_name=""):
    """Split ``source``: a new sibling branch takes the chosen people, with history."""
    from members.services import move_people

    on = on or timezone.localdate()
    if source.org_type not in BRANCH_TYPES:
        raise ValidationError("只能拆分党支部（或功能型党组织）。")
    people = list(people)
    if not people:
        raise ValidationError({"people": "请至少选择一名转入新支部的人员。"})
    if any(p.organization_id != source.pk for p in people):
        raise ValidationError({"people": "所选人员必须都在被拆分的支部。"})
    with transaction.atomic():
        ensure_in_scope(source, user, "change")
        new = create_organization(
            Organization.objects.get_parent(source),
            user,
            name=name,
            short_name=short_name,
            code=code,
            org_type=source.org_type,
            category=category or source.category,
            established=on,
        )
        moved = move_people(people, new, user, on=on, reason=f"支部拆分：由 {source} 分设")
        log_event(source, "拆分支部", user, f"分设 {new}，转出 {moved} 人", new=new.pk, moved=moved)
    return new


def save_position(position, user):
    """Appoint (or edit the dates of) a position."""
    return save_object(position, user, action="change")


def end_position(position, user, on: dt.date | None = None):
    """免职: the position ends on ``on`` (today by default)."""
    position.end = on or timezone.localdate()
    return save_object(position, user)
