"""Change-log glue: masking, named events, and reading an object's history."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from core.models import Event


def mask_value(value: str) -> str:
    """Sensitive fields (ciphertexts, hashes, passwords) never enter the log, not even in part."""
    return "******"


def log_event(obj, name, actor=None, message="", **data):
    """Record a named state transition on ``obj``."""
    return Event.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        name=name,
        message=message,
        data=data,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def history_for(obj):
    """Log entries and events of one object, newest first."""
    ct = ContentType.objects.get_for_model(obj)
    entries = LogEntry.objects.filter(content_type=ct, object_pk=str(obj.pk)).select_related("actor")
    events = Event.objects.filter(content_type=ct, object_id=str(obj.pk)).select_related("actor")
    return entries, events
