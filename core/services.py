"""Shared write path: save or delete inside one transaction, and stay inside the actor's scope."""

from django.core.exceptions import ValidationError
from django.db import transaction

OUT_OF_SCOPE = "保存后的记录不在您的管理范围内，操作已撤销。"


def ensure_in_scope(obj, user, action="change"):
    """Raise (and so roll back the surrounding transaction) when ``obj`` left the user's scope."""
    if user is None:  # system jobs and management commands act for the whole school
        return
    if not type(obj).objects.restrict(user, action).filter(pk=obj.pk).exists():
        raise ValidationError(OUT_OF_SCOPE, code="out_of_scope")


def save_object(obj, user, *, action="change"):
    """Validate, save and re-check scope for a plain record; one change-log entry results."""
    with transaction.atomic():
        obj.full_clean()
        obj.save()
        ensure_in_scope(obj, user, action)
    return obj


def delete_object(obj, user):
    """Delete a record the user may delete (callers fetched it through restrict())."""
    with transaction.atomic():
        ensure_in_scope(obj, user, "delete")
        obj.delete()
