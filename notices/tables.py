from core.tables import Column, Table


def _read(message):
    return message.read_at.strftime("%Y-%m-%d %H:%M") if message.read_at else "未读"


class MessageTable(Table):
    columns = [
        Column("title", "标题", order_by="title", link=True),
        Column("kind", "类别", order_by="kind"),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("due", "截止日期", order_by="due"),
        Column(
            "created", "时间", accessor=lambda m: m.created.strftime("%Y-%m-%d %H:%M"), order_by="created"
        ),
        Column("read_at", "阅读", accessor=_read, order_by="read_at"),
    ]


class NoticeTable(Table):
    columns = [
        Column("title", "标题", order_by="title", link=True),
        Column("organization", "发文党组织", accessor="organization.name", order_by="organization__path"),
        Column("audience", "接收对象"),
        Column("status", "状态", order_by="status"),
        Column(
            "sent_at",
            "发送时间",
            accessor=lambda n: n.sent_at.strftime("%Y-%m-%d %H:%M") if n.sent_at else "",
            order_by="sent_at",
        ),
        Column(
            "receipt_count",
            "接收人数",
            accessor=lambda n: getattr(n, "receipt_count", 0),
            order_by="receipt_count",
        ),
        Column("read_count", "已读", accessor=lambda n: getattr(n, "read_count", 0), order_by="read_count"),
    ]


class ReceiptTable(Table):
    columns = [
        Column("recipient", "接收人", accessor="recipient.name", order_by="recipient__name"),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("read_at", "阅读情况", accessor=_read, order_by="read_at"),
    ]


class RobotWebhookTable(Table):
    columns = [
        Column("name", "名称", order_by="name", link=True),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("flavor", "类型", order_by="flavor"),
        Column("active", "启用", accessor=lambda r: "是" if r.active else "否", order_by="active"),
    ]
