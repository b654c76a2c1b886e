"""Every change in the notices app: drafts and sending of notices, read marks, preferences, robots."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import log_event
from core.services import ensure_in_scope, save_object
from members.choices import PARTY_MEMBER_STATUSES
from members.models import Person
from notices.choices import Audience, MessageKind, NoticeStatus
from notices.models import ChannelPreference, Message, Notice
from orgs.choices import COMMITTEE_POSTS, OrgStatus, Post
from orgs.models import Organization, Position


# --- notices --------------------------------------------------------------------------------
def save_notice(notice, user, target_orgs=None):
    """Create or edit a draft notice (a sent notice is final)."""
    from auditlog.context import disable_auditlog

    with transaction.atomic():
        creating = notice.pk is None
        if not creating and Notice.objects.filter(pk=notice.pk, status=NoticeStatus.SENT).exists():
            raise ValidationError("通知已发送，不能再修改。")
        save_object(notice, user, action="add" if creating else "change")
        if target_orgs is not None:
            if creating:
                # a new notice is one change-log entry; its targets are named in the 发送通知 event
                with disable_auditlog():
                    notice.target_orgs.set(target_orgs)
            else:
                notice.target_orgs.set(target_orgs)
    return notice


def delete_notice(notice, user):
    """Delete a draft; a sent notice stays as the record of who was told what."""
    from core.services import delete_object

    if notice.is_sent:
        raise ValidationError("通知已发送，不能删除。")
    delete_object(notice, user)


def notice_recipients(notice, on=None):
    """(person id, organization id) pairs the notice reaches: chosen orgs (and subtrees) × audience."""
    on = on or timezone.localdate()
    targets = list(notice.target_orgs.all())
    if not targets:
        return []
    orgs = Organization.objects.filter(status=OrgStatus.ACTIVE)
    if notice.include_subtree:
        from functools import reduce
        from operator import or_

        from django.db.models import Q

        orgs = orgs.filter(reduce(or_, (Q(path__startswith=o.path) for o in targets)))
    else:
        orgs = orgs.filter(pk__in=[o.pk for o in targets])
    if notice.audience in (Audience.ALL_PEOPLE, Audience.MEMBERS):
        people = Person.objects.filter(organization__in=orgs)
        if notice.audience == Audience.MEMBERS:
            people = people.filter(political_status__in=PARTY_MEMBER_STATUSES)
        pairs = people.values_list("pk", "organization_id")
    else:
        posts = (
            COMMITTEE_POSTS
            if notice.audience == Audience.COMMITTEE
            else (Post.SECRETARY, Post.DEPUTY_SECRETARY)
        )
        pairs = (
            Position.objects.current(on)
            .filter(organization__in=orgs, post__in=posts)
            .values_list("person_id", "organization_id")
        )
    seen, out = set(), []
    for person_id, org_id in pairs:
        if person_id not in seen:
            seen.add(person_id)
            out.append((person_id, org_id))
    return out


def send_notice(notice, user, on=None):
    """Send a draft: one inbox message per recipient, then e-mail in the background (a huey task)."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.is_sent:
            raise ValidationError("该通知已经发送过。")
        ensure_in_scope(notice, user, "change")
        recipients = notice_recipients(notice, on)
        if not recipients:
            raise ValidationError("所选党组织中没有符合条件的接收人，请调整发送范围或接收对象。")
        Message.objects.bulk_create(
            [
                Message(
                    recipient_id=person_id,
                    organization_id=org_id,
                    kind=MessageKind.NOTICE,
                    title=notice.title,
                    body=notice.body,
                    notice=notice,
                    module="notices",
                )
                for person_id, org_id in recipients
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        notice.status = NoticeStatus.SENT
        notice.sent_at = timezone.now()
        notice.sent_by = user if getattr(user, "is_authenticated", False) else None
        notice.save(update_fields=["status", "sent_at", "sent_by", "updated"])
        targets = [org.name for org in notice.target_orgs.all()]
        log_event(
            notice,
            "发送通知",
            user,
            f"发送给 {'、'.join(targets)}{'（含下级）' if notice.include_subtree else ''} 的 {len(recipients)} 人",
            recipients=len(recipients),
            target_orgs=targets,
            audience=notice.audience,
        )
        transaction.on_commit(lambda: _queue_notice_email(notice.pk))
    return notice


def _queue_notice_email(notice_id):
    from notices.tasks import email_notice_task

    email_notice_task(notice_id)


# --- inbox ----------------------------------------------------------------------------------
# Reading is not a business transition: read_at itself is the record (who read what, when),
# so it is written with one UPDATE rather than a change-log entry per click.
def mark_read(message, user):
    """Mark one of the user's own messages read (once; the first read time is kept)."""
    if not user.person_id or message.recipient_id != user.person_id:
        raise ValidationError("只能标记自己的消息。")
    if message.read_at is None:
        message.read_at = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=message.read_at)
    return message


def mark_all_read(user):
    """Mark every open message of the user read; returns how many."""
    if not user.person_id:
        return 0
    return Message.objects.unread().for_person(user.person_id).update(read_at=timezone.now())


# --- preferences and robots -------------------------------------------------------------------
def preference_for(person):
    """The person's channel preference (defaults when never saved; not stored until changed)."""
    return ChannelPreference.objects.filter(person=person).first() or ChannelPreference(person=person)


def save_preference(preference, user):
    """Save one's own channel preferences."""
    if preference.person_id != getattr(user, "person_id", None):
        raise ValidationError("只能修改本人的提醒方式。")
    with transaction.atomic():
        preference.full_clean()
        preference.save()
    return preference


def save_webhook(webhook, user):
    """Create or edit a group robot of an organization in the user's scope."""
    return save_object(webhook, user, action="change" if webhook.pk else "add")
