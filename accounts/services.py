"""Accounts: create and edit users and grants."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.scoping import get_scope
from core.services import ensure_in_scope, save_object


def save_user(user_obj, actor, password=None):
    """Create or update an account; a new password is hashed with argon2."""
    with transaction.atomic():
        if password:
            user_obj.set_password(password)
        user_obj.full_clean(exclude=["password"])
        user_obj.save()
        ensure_in_scope(user_obj, actor, "change")
    return user_obj


def save_grant(grant, actor):
    """An explicit grant: nobody can give more than they hold (scope, modules and actions)."""
    scope = get_scope(actor)
    if not scope.is_superuser:
        if grant.organization_id is None and scope.root_paths() is not None:
            raise ValidationError({"organization": "只有学校层面的管理员可以授予全校范围的权限。"})
        if grant.organization_id is not None:
            ensure_in_scope(grant.organization, actor, "change")
        modules = grant.modules or [None]
        for module in modules:
            for action in grant.actions:
                if module is None and not any(
                    g.modules is None and action in g.actions for g in scope.grants
                ):
                    raise ValidationError({"modules": "您不能授予“全部模块”的权限，请选择具体模块。"})
                if module is not None and not scope.allows(module, action):
                    raise ValidationError(
                        {"actions": f"您本人没有“{module}”模块的“{action}”权限，不能授予他人。"}
                    )
    return save_object(grant, actor)
