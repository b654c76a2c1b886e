import django_filters

from core.filtersets import BaseFilterSet
from notices.choices import MessageKind, NoticeStatus, RobotFlavor
from notices.models import Message, Notice, RobotWebhook


class MessageFilterSet(BaseFilterSet):
    search_fields = ("title", "body")
    kind = django_filters.ChoiceFilter(choices=MessageKind.choices, label="类别")
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label="仅未读")

    class Meta:
        model = Message
        fields = ["q", "kind", "unread"]


class NoticeFilterSet(BaseFilterSet):
    search_fields = ("title", "body", "organization__name")
    status = django_filters.ChoiceFilter(choices=NoticeStatus.choices, label="状态")

    class Meta:
        model = Notice
        fields = ["q", "status"]


class ReceiptFilterSet(BaseFilterSet):
    search_fields = ("recipient__name", "organization__name")
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label="仅未读")

    class Meta:
        model = Message
        fields = ["q", "unread"]


class RobotWebhookFilterSet(BaseFilterSet):
    search_fields = ("name", "organization__name")
    flavor = django_filters.ChoiceFilter(choices=RobotFlavor.choices, label="类型")

    class Meta:
        model = RobotWebhook
        fields = ["q", "flavor", "active"]
