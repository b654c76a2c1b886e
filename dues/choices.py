from django.db import models

from dues import rules


class DuesKind(models.TextChoices):
    SALARIED = rules.SALARIED, "在职（按工资）"
    RETIRED = rules.RETIRED, "离退休（按基本离退休费）"
    FLAT = rules.FLAT, "学生/无固定收入（固定标准）"


class PaymentMethod(models.TextChoices):
    CASH = "cash", "现金"
    BANK = "bank", "银行转账"
    ONLINE = "online", "线上缴纳"


class ReductionKind(models.TextChoices):
    REDUCE = "reduce", "减交"
    WAIVE = "waive", "免交"


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", "待上级审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class CaseStatus(models.TextChoices):
    OPEN = "open", "待处理"
    CLOSED = "closed", "已处理"


class CaseOutcome(models.TextChoices):
    PAID = "paid", "已补交"
    REASON = "reason", "有正当理由，已说明"
    REDUCED = "reduced", "已办理减免"
    LAPSED = "lapsed", "经支部研究按自行脱党处理"
    OTHER = "other", "其他"


class HandoverStatus(models.TextChoices):
    SUBMITTED = "submitted", "已上缴待确认"
    CONFIRMED = "confirmed", "上级已确认"
    RETURNED = "returned", "已退回"
