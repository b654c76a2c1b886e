from django.db import models


class FileStatus(models.TextChoices):
    OPEN = "open", "培养考察中"
    PROBATION = "probation", "预备期"
    CONVERTED = "converted", "已转正"
    CANCELLED = "cancelled", "已取消预备党员资格"
    CLOSED = "closed", "已终止"


class Stage(models.IntegerChoices):
    APPLICATION = 1, "入党申请"
    ACTIVIST = 2, "入党积极分子的确定和培养教育"
    CANDIDATE = 3, "发展对象的确定和考察"
    ADMISSION = 4, "预备党员的接收"
    PROBATION = 5, "预备党员的教育考察和转正"


class VoteKind(models.TextChoices):
    ADMISSION = "admission", "接收预备党员"
    CONVERSION = "conversion", "按期转正"
    EXTENSION = "extension", "延长预备期"
    CANCELLATION = "cancellation", "取消预备党员资格"


class ProbationOutcome(models.TextChoices):
    CONVERT = "convert", "按期转正"
    EXTEND = "extend", "延长预备期"
    CANCEL = "cancel", "取消预备党员资格"


OUTCOME_VOTE = {
    ProbationOutcome.CONVERT: VoteKind.CONVERSION,
    ProbationOutcome.EXTEND: VoteKind.EXTENSION,
    ProbationOutcome.CANCEL: VoteKind.CANCELLATION,
}


class PublicityKind(models.TextChoices):
    CANDIDATE = "candidate", "发展对象公示"
    ADMISSION = "admission", "拟发展党员公示"
    CONVERSION = "conversion", "预备党员转正公示"


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（休息）"
    WORKDAY = "workday", "调休上班日"
