"""{% load notices %}{% unread_badge %}: the inbox's unread count for the navigation bar (one COUNT query)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_badge(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not user.person_id:
        return ""
    from notices.models import Message

    count = Message.objects.unread().for_person(user.person_id).count()
    if not count:
        return ""
    return format_html(
        '<span class="badge bg-red text-red-fg ms-1">{}</span>', count if count < 100 else "99+"
    )
