"""Roles: what each current position (and each explicit grant) lets a user do, in one table.

| position | rights |
| --- | --- |
| staff of 组织部 (department with modules ["*"]) | whole school, every module, every action |
| staff of another 职能部门 | whole school, its own modules; read organizations and people |
| 校党委 书记/副书记/委员 | whole school, read |
| 党总支 书记/副书记/组织员 | the general branch's subtree, every action |
| 党总支 other committee members | the subtree, read |
| 党支部/功能型党组织 书记/副书记/组织委员 | the branch and its groups, every action |
| 党支部 other committee members | the branch and its groups, read |
| 党小组长 | the group, read |
| everyone with a person | their own records, read |
"""

from django.utils import timezone

from core.scoping import ALL_ACTIONS, Grant, Scope
from orgs.choices import BRANCH_TYPES, OrgType, Post

READ = frozenset({"view"})
READ_BASE_MODULES = frozenset({"orgs", "members"})
LEADING_POSTS = {
    OrgType.GENERAL_BRANCH: {Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.ORGANIZER},
    OrgType.BRANCH: {Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.ORGANIZATION_MEMBER},
    OrgType.FUNCTIONAL_BRANCH: {Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.ORGANIZATION_MEMBER},
}


def grants_for_position(org, post) -> list[Grant]:
    """The grants one current position gives."""
    kind = org.org_type
    if kind == OrgType.DEPARTMENT:
        if "*" in (org.modules or []):
            return [Grant(ALL_ACTIONS, None, None, label=f"{org.name}（全校管理）")]
        return [
            Grant(ALL_ACTIONS, frozenset(org.modules or []), None, label=org.name),
            Grant(READ, READ_BASE_MODULES, None, label=f"{org.name}（查看）"),
        ]
    if kind == OrgType.COMMITTEE:
        return [Grant(READ, None, None, label=f"{org.name}（查看）")]
    if kind == OrgType.GROUP:
        return (
            [Grant(READ, None, (org.path,), label=f"{org.name}（党小组长）")]
            if post == Post.GROUP_LEADER
            else []
        )
    if kind == OrgType.GENERAL_BRANCH or kind in BRANCH_TYPES:
        if post in LEADING_POSTS[kind]:
            return [Grant(ALL_ACTIONS, None, (org.path,), label=f"{org.name}（{Post(post).label}）")]
        if post == Post.GROUP_LEADER:
            return []
        return [Grant(READ, None, (org.path,), label=f"{org.name}（{Post(post).label}）")]
    return []


def scope_for(user) -> Scope:
    """Every right of ``user``: from current positions, explicit grants and their own person."""
    if user.is_superuser:
        return Scope(is_superuser=True)
    from accounts.models import RoleGrant
    from orgs.models import Position

    grants = []
    if user.person_id:
        positions = Position.objects.current().filter(person_id=user.person_id).select_related("organization")
        for position in positions:
            if position.organization.status == "active":
                grants.extend(grants_for_position(position.organization, position.post))
        grants.append(Grant(READ, None, None, person_id=user.person_id, label="本人"))
    today = timezone.localdate()
    for grant in RoleGrant.objects.filter(user=user).select_related("organization"):
        if grant.valid_until and grant.valid_until < today:
            continue
        grants.append(
            Grant(
                frozenset(grant.actions),
                frozenset(grant.modules) if grant.modules else None,
                (grant.organization.path,) if grant.organization_id else None,
                label=f"授权：{grant.reason}",
            )
        )
    return Scope(grants=grants)
