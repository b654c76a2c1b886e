"""Accounts: create and edit users and grants."""

from django.db import transaction

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
    """An explicit grant; only someone who may change accounts over that scope can give it."""
    return save_object(grant, actor)
