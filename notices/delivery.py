"""Outbound channels: the daily digest e-mail (one per person), group robots (企业微信/钉钉), notice e-mails.

Every send is claimed first as a ``Delivery`` row with a unique key (pending → sent); a re-run skips
what is sent and retries what is pending or failed, so nobody gets the same digest twice.
"""

import json
import logging
import os
import urllib.request
from collections import defaultdict
from types import SimpleNamespace

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from members.models import Person
from notices.choices import Channel, DeliveryStatus, MessageKind, RobotFlavor
from notices.models import ChannelPreference, Delivery, Message, RobotWebhook

log = logging.getLogger(__name__)
ROBOT_MAX_LINES = 20
ROBOT_TIMEOUT = 10


def site_url():
    return (
        getattr(settings, "SITE_URL", None) or os.environ.get("SITE_URL") or "http://127.0.0.1:8000"
    ).rstrip("/")


def absolute(url):
    return url if not url or url.startswith(("http://", "https://")) else site_url() + url


# --- digest ----------------------------------------------------------------------------
DIGEST_FIELDS = ("recipient_id", "recipient__name", "recipient__email", "title", "due", "url", "digested_at")


def digest_groups(on):
    """{(person id, name, e-mail): [rows]} for everyone who wants a digest e-mail and has a reminder not yet
    in one: all their open reminders, soonest due first (1 query; people without e-mail are skipped here)."""
    pending = Message.objects.filter(
        recipient=OuterRef("recipient"),
        kind=MessageKind.REMINDER,
        withdrawn_at__isnull=True,
        digested_at__isnull=True,
    )
    opted_out = ChannelPreference.objects.filter(person=OuterRef("recipient"), email_digest=False)
    rows = (
        Message.objects.filter(kind=MessageKind.REMINDER, withdrawn_at__isnull=True)
        .filter(Exists(pending))
        .exclude(Exists(opted_out))
        .exclude(Q(recipient__email="") | Q(recipient__email__isnull=True))
        .order_by("recipient_id", "due", "id")
        .values(*DIGEST_FIELDS, org_name=F("organization__name"))
    )
    groups = defaultdict(list)
    for row in rows:
        groups[(row["recipient_id"], row["recipient__name"], row["recipient__email"])].append(
            SimpleNamespace(**row)
        )
    return groups


def digest_text(name, messages, on):
    """Subject and body of one person's digest: everything open, new ones marked, soonest due first."""
    new = sum(1 for m in messages if m.digested_at is None)
    subject = f"【党建工作提醒】{on:%Y-%m-%d}：您有 {len(messages)} 项待办（新增 {new} 项）"
    lines = [f"{name}，您好：", "", f"截至 {on:%Y年%m月%d日}，需要您办理的事项如下：", ""]
    for n, m in enumerate(messages, 1):
        flag = "【新】" if m.digested_at is None else ""
        overdue = "（已逾期）" if m.due and m.due < on else ""
        due = f"，截止 {m.due:%Y-%m-%d}{overdue}" if m.due else ""
        lines.append(f"{n}. {flag}{m.title}（{m.org_name}{due}）")
        if m.url:
            lines.append(f"   办理：{absolute(m.url)}")
    lines += ["", f"全部待办：{site_url()}/notices/todo/", "本邮件每天最多一封；可在“提醒方式”中关闭。"]
    return subject, "\n".join(lines)


def send_digests(on, result=None):
    """One digest e-mail per person per day (claim → send → mark), then mark the open reminders digested."""
    groups = digest_groups(on)
    done = dict(
        Delivery.objects.filter(channel=Channel.EMAIL, on=on, key__startswith=f"digest:{on}:").values_list(
            "key", "status"
        )
    )
    sent, failed = [], []
    connection = None
    for (person_id, name, email), messages in groups.items():
        key = f"digest:{on}:{person_id}"
        line = (name, email, len(messages))
        sent.append(line)
        if result is not None:
            result.digests.append(line)
        if (result is not None and result.dry_run) or done.get(key) == DeliveryStatus.SENT:
            continue
        connection = connection or get_connection()
        if not _send_claimed(key, on, (person_id, name, email), messages, connection):
            failed.append(person_id)
    if result is None or not result.dry_run:
        # the inbox already holds them (and people without e-mail are done); a failed e-mail is retried
        # by the next run, and after a crash the sent Delivery rows stop a second e-mail
        Message.objects.filter(
            kind=MessageKind.REMINDER, withdrawn_at__isnull=True, digested_at__isnull=True
        ).exclude(recipient_id__in=failed).update(digested_at=timezone.now())
    return sent


def _send_claimed(key, on, person, messages, connection):
    person_id, name, email = person
    delivery, _ = Delivery.objects.get_or_create(
        key=key,
        defaults={
            "channel": Channel.EMAIL,
            "on": on,
            "person_id": person_id,
            "organization_id": Person.objects.filter(pk=person_id).values("organization_id")[:1],
            "item_count": len(messages),
        },
    )
    subject, body = digest_text(name, messages, on)
    try:
        EmailMessage(subject, body, to=[email], connection=connection).send()
    except Exception as exc:  # noqa: BLE001 — a bad address must not stop everyone else's digest
        log.warning("digest to %s failed: %s", email, exc)
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, error=str(exc)[:2000])
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), item_count=len(messages), error=""
    )
    return True


# --- group robots --------------------------------------------------------------------------
def robot_payload(flavor, title, lines):
    """The JSON a WeCom or DingTalk group robot accepts (msgtype markdown)."""
    text = f"### {title}\n" + "\n".join(lines)
    if flavor == RobotFlavor.DINGTALK:
        return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
    return {"msgtype": "markdown", "markdown": {"content": text[:4000]}}


def post_json(url, payload):
    """POST JSON; raise unless the robot answers errcode 0 (both WeCom and DingTalk do)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=ROBOT_TIMEOUT) as response:  # noqa: S310 — configured URL
        answer = json.loads(response.read().decode("utf-8") or "{}")
    if answer.get("errcode", 0) != 0:
        raise RuntimeError(f"机器人返回错误：{answer}")
    return answer


def robot_lines(on, robots):
    """{robot id: [lines]}: reminders that first appeared today inside each robot's subtree (one query)."""
    rows = (
        Message.objects.filter(kind=MessageKind.REMINDER, withdrawn_at__isnull=True, first_on=on)
        .values("rule", "key", "period", "title", "due", "url", "organization__name", "organization__path")
        .order_by("due", "rule", "key")
        .distinct()
    )
    out = defaultdict(list)
    seen = defaultdict(set)
    for row in rows:
        ident = (row["rule"], row["key"], row["period"])
        for robot in robots:
            if row["organization__path"].startswith(robot.organization.path) and ident not in seen[robot.pk]:
                seen[robot.pk].add(ident)
                due = f"（截止 {row['due']:%Y-%m-%d}）" if row["due"] else ""
                link = f" [办理]({absolute(row['url'])})" if row["url"] else ""
                out[robot.pk].append(f"- {row['organization__name']}：{row['title']}{due}{link}")
    return out


def post_robots(on, result=None):
    """Each active robot gets one post a day listing the new reminders of its subtree."""
    robots = list(RobotWebhook.objects.filter(active=True).select_related("organization"))
    if not robots:
        return []
    lines = robot_lines(on, robots)
    done = set(
        Delivery.objects.filter(channel=Channel.ROBOT, on=on, status=DeliveryStatus.SENT).values_list(
            "key", flat=True
        )
    )
    posted = []
    for robot in robots:
        entries = lines.get(robot.pk)
        key = f"robot:{on}:{robot.pk}"
        if not entries or key in done:
            continue
        if result is not None:
            result.robots.append((robot.name, len(entries), True))
        if result is not None and result.dry_run:
            continue
        shown = entries[:ROBOT_MAX_LINES]
        if len(entries) > ROBOT_MAX_LINES:
            shown.append(f"- ……等共 {len(entries)} 项，详见平台“我的待办”")
        title = f"{robot.organization.name} {on:%m月%d日} 新增党建工作提醒 {len(entries)} 项"
        delivery, _ = Delivery.objects.get_or_create(
            key=key,
            defaults={
                "channel": Channel.ROBOT,
                "on": on,
                "webhook": robot,
                "organization_id": robot.organization_id,
                "item_count": len(entries),
            },
        )
        try:
            post_json(robot.webhook_url, robot_payload(robot.flavor, title, shown))
        except Exception as exc:  # noqa: BLE001 — one unreachable robot must not stop the others
            log.warning("robot %s failed: %s", robot.pk, exc)
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.FAILED, error=str(exc)[:2000]
            )
            if result is not None:
                result.robots[-1] = (robot.name, len(entries), False)
            continue
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SENT, sent_at=timezone.now(), error=""
        )
        posted.append(robot.name)
    return posted


# --- notices ------------------------------------------------------------------------------
def email_notice(notice_id):
    """E-mail a sent notice to its recipients who want notice e-mails (once each: Delivery key)."""
    from notices.models import Notice

    notice = Notice.objects.select_related("organization").get(pk=notice_id)
    opted_out = ChannelPreference.objects.filter(person=OuterRef("recipient"), email_notices=False)
    already = Delivery.objects.filter(key__startswith=f"notice:{notice.pk}:", status=DeliveryStatus.SENT)
    sent_keys = set(already.values_list("key", flat=True))
    rows = (
        Message.objects.filter(notice=notice)
        .exclude(Exists(opted_out))
        .exclude(Q(recipient__email="") | Q(recipient__email__isnull=True))
        .select_related("recipient")
    )
    connection = None
    count = 0
    for message in rows:
        key = f"notice:{notice.pk}:{message.recipient_id}"
        if key in sent_keys:
            continue
        connection = connection or get_connection()
        delivery, _ = Delivery.objects.get_or_create(
            key=key,
            defaults={
                "channel": Channel.EMAIL,
                "on": timezone.localdate(),
                "person_id": message.recipient_id,
                "organization_id": message.organization_id,
                "item_count": 1,
            },
        )
        body = f"{notice.body}\n\n—— {notice.organization.name}\n查看并确认已读：{absolute(message.get_absolute_url())}"
        try:
            EmailMessage(
                f"【通知】{notice.title}", body, to=[message.recipient.email], connection=connection
            ).send()
        except Exception as exc:  # noqa: BLE001
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.FAILED, error=str(exc)[:2000]
            )
            continue
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENT, sent_at=timezone.now())
        count += 1
    return count
