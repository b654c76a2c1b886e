from django.db import models


class TransferKind(models.TextChoices):
    WITHIN = "within", "校内转接"
    OUT = "out", "转出"
    IN = "in", "转入"


class TransferStatus(models.TextChoices):
    ISSUED = "issued", "待回执"
    RECEIVED = "received", "已接收"
    CANCELLED = "cancelled", "已撤销"


class RetentionStatus(models.TextChoices):
    RETAINED = "retained", "保留在校"
    TRANSFERRED = "transferred", "已转出"
    ENDED = "ended", "已结束"


class MobileDirection(models.TextChoices):
    OUTGOING = "outgoing", "外出流动"
    INCOMING = "incoming", "流入本校"


class MobileStatus(models.TextChoices):
    ACTIVE = "active", "流动中"
    ENDED = "ended", "已结束"


class CaseState(models.TextChoices):
    SEARCHING = "searching", "查找中"
    STOPPED = "stopped", "已停止党籍"
    QUIT = "quit", "已按自行脱党处理"
    CLOSED = "closed", "已恢复联系"


class ContactPurpose(models.TextChoices):
    SEARCH = "search", "失联查找"
    ABROAD = "abroad", "出国（境）学生联系"
    RETENTION = "retention", "保留关系毕业生联系"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "电话"
    MESSAGE = "message", "短信/微信"
    LETTER = "letter", "信函"
    VISIT = "visit", "走访"
    UNIT = "unit", "函询单位/家庭"
    OTHER = "other", "其他"


class DecisionKind(models.TextChoices):
    STOP = "stop", "停止党籍"
    RESTORE = "restore", "恢复党籍"
    QUIT = "quit", "出党：自行脱党"
    REMOVE = "remove", "出党：除名"
    EXPEL = "expel", "出党：开除党籍"
    WITHDRAW = "withdraw", "出党：退党"
    DEATH = "death", "死亡"
    DISCIPLINE = "discipline", "党纪处分"


class DisciplineLevel(models.TextChoices):
    WARNING = "warning", "警告"
    SERIOUS_WARNING = "serious_warning", "严重警告"
    DISMISS_POST = "dismiss_post", "撤销党内职务"
    PROBATION = "probation", "留党察看"


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"
