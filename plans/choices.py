from django.db import models


class Cycle(models.TextChoices):
    """Reporting cycle of an ongoing (长期坚持) task; quarterly matches the secretaries' 例会."""

    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    HALF_YEAR = "half_year", "每半年"
    YEARLY = "yearly", "每年"


class UnitRole(models.TextChoices):
    LEAD = "lead", "牵头"
    CO = "co", "配合"


class AssignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "进行中"
    PENDING = "pending", "待审核"
    DONE = "done", "已完成"
    OVERDUE = "overdue", "已逾期"


OPEN_STATUSES = (AssignmentStatus.NOT_STARTED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.PENDING)


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", "待审核"
    ACCEPTED = "accepted", "已通过"
    RETURNED = "returned", "已退回"


class DutyListKind(models.TextChoices):
    MAIN_DUTY = "main_duty", "主体责任清单"
    REQUEST_REPORT = "request_report", "重大事项请示报告清单"
    LEADER_TASKS = "leader_tasks", "班子成员年度党建重点任务清单"
    POS_NEG = "pos_neg", "正负面清单"
