from django.db import models


class MessageKind(models.TextChoices):
    REMINDER = "reminder", "提醒"
    NOTICE = "notice", "通知"


class Audience(models.TextChoices):
    """Who inside the chosen organizations receives a notice."""

    ALL_PEOPLE = "all", "全体人员"
    MEMBERS = "members", "党员（含预备党员）"
    COMMITTEE = "committee", "委员会成员"
    SECRETARIES = "secretaries", "书记、副书记"


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SENT = "sent", "已发送"


class RobotFlavor(models.TextChoices):
    WECOM = "wecom", "企业微信群机器人"
    DINGTALK = "dingtalk", "钉钉群机器人"


class Channel(models.TextChoices):
    EMAIL = "email", "邮件"
    ROBOT = "robot", "群机器人"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "发送中"
    SENT = "sent", "已发送"
    FAILED = "failed", "失败"
