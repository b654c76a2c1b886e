"""Inbox messages (reminders and notices), notices with read tracking, channel preferences, robots, deliveries."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from core.models import BaseModel, OrgOwnedModel, RestrictedQuerySet
from notices.choices import Audience, Channel, DeliveryStatus, MessageKind, NoticeStatus, RobotFlavor


class MessageQuerySet(RestrictedQuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def unread(self):
        return self.active().filter(read_at__isnull=True)

    def for_person(self, person_id):
        return self.filter(recipient_id=person_id)


class Message(OrgOwnedModel):
    """One line in a person's inbox: a reminder (de-duplicated by rule+key+period+recipient) or a notice."""

    recipient = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="messages", verbose_name="接收人"
    )
    kind = models.CharField("类别", max_length=10, choices=MessageKind.choices, default=MessageKind.REMINDER)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("内容", blank=True)
    url = models.CharField("办理链接", max_length=500, blank=True)
    due = models.DateField("截止日期", null=True, blank=True)
    module = models.CharField("模块", max_length=30, blank=True)
    rule = models.CharField("提醒规则", max_length=40, blank=True, db_index=True)
    key = models.CharField("对象", max_length=200, blank=True)
    period = models.CharField("周期", max_length=20, blank=True)
    # rule|key|period|recipient: the same reminder never reaches the same person twice (issue #6 point 4)
    dedup_key = models.CharField("去重键", max_length=300, unique=True, null=True, blank=True, editable=False)
    notice = models.ForeignKey(
        "notices.Notice", models.CASCADE, null=True, blank=True, related_name="messages", verbose_name="通知"
    )
    first_on = models.DateField("首次提醒日期", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    digested_at = models.DateTimeField("已汇总发送", null=True, blank=True)

    objects = MessageQuerySet.as_manager()
    scope_person_field = "recipient"

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = verbose_name_plural = "站内信"
        indexes = [models.Index(fields=["recipient", "withdrawn_at", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "recipient"],
                name="notices_message_once_per_notice",
                condition=models.Q(notice__isnull=False),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


class Notice(OrgOwnedModel):
    """A notice sent by an organization (usually 组织部) to chosen organizations and roles, with read tracking."""

    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    target_orgs = models.ManyToManyField(
        "orgs.Organization", related_name="+", verbose_name="发送到的党组织", blank=False
    )
    include_subtree = models.BooleanField("含下级组织", default=True)
    audience = models.CharField(
        "接收对象", max_length=12, choices=Audience.choices, default=Audience.SECRETARIES
    )
    status = models.CharField(
        "状态", max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT, editable=False
    )
    sent_at = models.DateTimeField("发送时间", null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        verbose_name="发送人",
    )

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = verbose_name_plural = "通知"

    def __str__(self):
        return self.title

    @property
    def is_sent(self):
        return self.status == NoticeStatus.SENT


class ChannelPreference(BaseModel):
    """How one person wants to be reached besides the inbox (which always receives everything)."""

    person = models.OneToOneField(
        "members.Person", models.CASCADE, related_name="channel_preference", verbose_name="人员"
    )
    email_digest = models.BooleanField("每日摘要邮件", default=True, help_text="每天一封邮件汇总所有待办提醒")
    email_notices = models.BooleanField("通知邮件", default=True, help_text="收到通知时同时发送邮件")

    objects = RestrictedQuerySet.as_manager()
    scope_org_field = "person__organization"
    scope_person_field = "person"

    class Meta:
        ordering = ["person"]
        verbose_name = verbose_name_plural = "提醒方式"

    def __str__(self):
        return f"{self.person} 的提醒方式"

    def get_absolute_url(self):
        return reverse("notices:preferences")


class RobotWebhook(OrgOwnedModel):
    """A group robot (企业微信/钉钉) that receives the daily summary of one organization's subtree."""

    name = models.CharField("名称", max_length=100)
    flavor = models.CharField("类型", max_length=10, choices=RobotFlavor.choices, default=RobotFlavor.WECOM)
    webhook_url = models.URLField("Webhook 地址", max_length=500)
    active = models.BooleanField("启用", default=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        ordering = ["organization__path", "name"]
        verbose_name = verbose_name_plural = "群机器人"

    def __str__(self):
        return self.name

    def clean(self):
        if self.webhook_url and not self.webhook_url.startswith(("https://", "http://")):
            raise ValidationError({"webhook_url": "Webhook 地址须以 http:// 或 https:// 开头。"})


class Delivery(OrgOwnedModel):
    """One outbound send (a digest e-mail or a robot post), keyed so a re-run never sends it twice."""

    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    key = models.CharField("去重键", max_length=200, unique=True)
    on = models.DateField("日期")
    person = models.ForeignKey("members.Person", models.CASCADE, null=True, blank=True, verbose_name="人员")
    webhook = models.ForeignKey(RobotWebhook, models.CASCADE, null=True, blank=True, verbose_name="群机器人")
    status = models.CharField(
        "状态", max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    item_count = models.PositiveIntegerField("条目数", default=0)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    error = models.TextField("错误", blank=True)

    scope_person_field = "person"

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = verbose_name_plural = "发送记录"

    def __str__(self):
        return f"{self.get_channel_display()} {self.on} {self.key}"
