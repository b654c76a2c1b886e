"""Plans and their tasks, the units' assignments (领题), progress reports, 例会, 清单 and 责任书."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from core.models import BaseModel, OrgOwnedModel
from plans.choices import AssignmentStatus, Cycle, DutyListKind, ReportStatus, UnitRole


def this_year():
    return timezone.localdate().year


class Plan(OrgOwnedModel):
    """A work plan with its issuing document (文号, date, issuer, original file)."""

    title = models.CharField("计划名称", max_length=200)
    doc_number = models.CharField("文号", max_length=60, blank=True, help_text="如 组函字〔2023〕29号")
    issued_on = models.DateField("印发日期", null=True, blank=True)
    issuer = models.CharField("发文单位", max_length=100, blank=True)
    document = models.FileField("原文件", upload_to="plans/%Y/", blank=True)
    units_add_tasks = models.BooleanField(
        "各单位自行分解任务",
        default=False,
        help_text="没有任务分解表的计划：各党总支在此计划下添加本单位任务",
    )
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = verbose_name_plural = "工作计划"

    def __str__(self):
        return self.title


class Task(OrgOwnedModel):
    """One 工作任务 of a plan: section, number, measures, responsible units as written, deadline."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="tasks", verbose_name="计划")
    section = models.CharField("主要内容", max_length=200, blank=True)
    section_order = models.PositiveSmallIntegerField("部分序号", default=0)
    number = models.PositiveSmallIntegerField("序号", default=1)
    title = models.TextField("工作任务")
    measures = models.TextField("工作举措", blank=True)
    units_text = models.CharField("责任单位（原文）", max_length=200, blank=True)
    unresolved_units = models.CharField(
        "待指定的责任单位", max_length=200, blank=True, help_text="导入时未能对应到党组织的单位名称"
    )
    deadline_text = models.CharField("完成时限（原文）", max_length=40, blank=True)
    due_date = models.DateField("完成期限", null=True, blank=True)
    ongoing = models.BooleanField("长期坚持", default=False)
    cycle = models.CharField("报送周期", max_length=12, choices=Cycle.choices, default=Cycle.QUARTERLY)

    class Meta:
        ordering = ["plan", "section_order", "number", "pk"]
        verbose_name = verbose_name_plural = "工作任务"

    def __str__(self):
        return f"{self.number}. {self.title[:40]}"

    def clean(self):
        if not self.ongoing and not self.due_date:
            raise ValidationError({"due_date": "非长期坚持的任务须有完成期限。"})


class Assignment(OrgOwnedModel):
    """A task taken up by one responsible unit (领题): its own owner, status, sub-tasks and evidence."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="assignments", verbose_name="任务")
    role = models.CharField("责任类型", max_length=8, choices=UnitRole.choices, default=UnitRole.LEAD)
    owner = models.ForeignKey(
        "members.Person", models.SET_NULL, null=True, blank=True, verbose_name="负责人", related_name="+"
    )
    status = models.CharField(
        "状态",
        max_length=12,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.NOT_STARTED,
        editable=False,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(
        "完成进度（%）", default=0, editable=False, validators=[MaxValueValidator(100)]
    )
    start = models.DateField("开始日期", default=timezone.localdate)
    completed_on = models.DateField("完成日期", null=True, blank=True, editable=False)
    note = models.TextField("备注", blank=True)

    class Meta:
        ordering = ["task__plan", "task__section_order", "task__number", "organization__path", "pk"]
        verbose_name = verbose_name_plural = "任务落实"
        constraints = [
            models.UniqueConstraint(fields=["task", "organization"], name="plans_assignment_unique_unit")
        ]

    def __str__(self):
        return f"{self.organization.display_short}：{self.task}"


class SubTask(BaseModel):
    """A unit's own breakdown of its assignment (细化任务，制定举措)."""

    assignment = models.ForeignKey(
        Assignment, models.CASCADE, related_name="subtasks", verbose_name="任务落实"
    )
    title = models.CharField("细化任务", max_length=200)
    measures = models.TextField("举措", blank=True)
    due_date = models.DateField("完成期限", null=True, blank=True)
    done = models.BooleanField("已完成", default=False)

    scope_org_field = "assignment__organization"

    class Meta:
        ordering = ["assignment", "due_date", "pk"]
        verbose_name = verbose_name_plural = "细化任务"

    def get_absolute_url(self):
        return self.assignment.get_absolute_url()

    def __str__(self):
        return self.title


class ProgressReport(BaseModel):
    """A progress report (text, percentage or milestone, attachment) and its review."""

    assignment = models.ForeignKey(
        Assignment, models.CASCADE, related_name="reports", verbose_name="任务落实"
    )
    period = models.CharField("报送周期", max_length=10, blank=True, help_text="长期坚持任务：如 2023Q3")
    reported_on = models.DateField("报送日期", default=timezone.localdate)
    text = models.TextField("进展情况")
    percent = models.PositiveSmallIntegerField(
        "完成进度（%）", null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    milestone = models.CharField(
        "节点成果", max_length=200, blank=True, help_text="如：议事规则已报组织部备案"
    )
    attachment = models.FileField("附件（佐证材料）", upload_to="plans/evidence/%Y/", blank=True)
    finished = models.BooleanField("申请办结", default=False, help_text="一次性任务：本次报送后申请审核办结")
    status = models.CharField(
        "审核状态",
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.SUBMITTED,
        editable=False,
    )
    reviewer = models.ForeignKey(
        "accounts.User",
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        verbose_name="审核人",
        related_name="+",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True, editable=False)
    review_comment = models.TextField("审核意见", blank=True, editable=False)

    scope_org_field = "assignment__organization"

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = verbose_name_plural = "进展报送"

    def get_absolute_url(self):
        return self.assignment.get_absolute_url()

    def __str__(self):
        return f"{self.assignment.organization.display_short} {self.reported_on:%Y-%m-%d} 进展"


class RegularMeeting(OrgOwnedModel):
    """A secretaries' regular meeting (例会, quarterly by default) convened by ``organization``."""

    title = models.CharField("会议名称", max_length=120)
    held_on = models.DateField("召开日期")
    place = models.CharField("地点", max_length=100, blank=True)
    host = models.CharField("主持人", max_length=50, blank=True)
    decisions = models.TextField("会议决定", blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = verbose_name_plural = "书记例会"

    def __str__(self):
        return f"{self.title}（{self.held_on:%Y-%m-%d}）"


class AgendaItem(BaseModel):
    """An agenda item of a 例会, optionally about one task."""

    meeting = models.ForeignKey(RegularMeeting, models.CASCADE, related_name="agenda", verbose_name="例会")
    topic = models.CharField("议题", max_length=200)
    task = models.ForeignKey(Task, models.SET_NULL, null=True, blank=True, verbose_name="关联任务")

    scope_org_field = "meeting__organization"

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = verbose_name_plural = "例会议题"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def __str__(self):
        return self.topic


class FollowUp(BaseModel):
    """A follow-up item decided at a 例会: who does what by when."""

    meeting = models.ForeignKey(RegularMeeting, models.CASCADE, related_name="followups", verbose_name="例会")
    title = models.CharField("督办事项", max_length=200)
    unit = models.ForeignKey("orgs.Organization", models.PROTECT, verbose_name="责任单位", related_name="+")
    owner = models.ForeignKey(
        "members.Person", models.SET_NULL, null=True, blank=True, verbose_name="责任人", related_name="+"
    )
    deadline = models.DateField("完成期限")
    done = models.BooleanField("已落实", default=False)

    scope_org_field = "meeting__organization"

    class Meta:
        ordering = ["meeting", "deadline", "pk"]
        verbose_name = verbose_name_plural = "例会督办事项"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def __str__(self):
        return self.title


class DutyList(OrgOwnedModel):
    """A structured list owned by an organization (主体责任清单, 请示报告清单 …) for one year."""

    kind = models.CharField("清单类型", max_length=16, choices=DutyListKind.choices)
    year = models.PositiveSmallIntegerField("年度", default=this_year)
    title = models.CharField("名称", max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "organization__path", "kind"]
        verbose_name = verbose_name_plural = "责任清单"

    def __str__(self):
        return self.title or f"{self.organization.display_short}{self.year}年{self.get_kind_display()}"


class DutyListItem(BaseModel):
    """One item of a 清单: what, who is responsible, by when."""

    duty_list = models.ForeignKey(DutyList, models.CASCADE, related_name="items", verbose_name="清单")
    content = models.TextField("内容")
    responsible = models.CharField("责任人/责任主体", max_length=100, blank=True)
    due = models.CharField("时间要求", max_length=60, blank=True)
    negative = models.BooleanField("负面事项", default=False, help_text="正负面清单中的“负面”条目")

    scope_org_field = "duty_list__organization"

    class Meta:
        ordering = ["duty_list", "pk"]
        verbose_name = verbose_name_plural = "清单条目"

    def get_absolute_url(self):
        return self.duty_list.get_absolute_url()

    def __str__(self):
        return self.content[:40]


class ResponsibilityLetter(OrgOwnedModel):
    """A 党风廉政建设责任书 signed by ``organization`` with the level above (school → 党总支 → 党支部)."""

    year = models.PositiveSmallIntegerField("年度", default=this_year)
    title = models.CharField("名称", max_length=100, default="党风廉政建设责任书")
    superior = models.ForeignKey(
        "orgs.Organization", models.PROTECT, verbose_name="上级党组织", related_name="+"
    )
    signer = models.CharField("签订人（本级）", max_length=50)
    superior_signer = models.CharField("签订人（上级）", max_length=50)
    signed_on = models.DateField("签订日期")
    scan = models.FileField("扫描件", upload_to="plans/letters/%Y/", blank=True)

    class Meta:
        ordering = ["-year", "organization__path"]
        verbose_name = verbose_name_plural = "党风廉政建设责任书"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "title"], name="plans_letter_unique_year")
        ]

    def __str__(self):
        return f"{self.organization.display_short} {self.year}年{self.title}"

    def clean(self):
        if self.organization_id and self.superior_id:
            if type(self.organization).objects.get_parent(self.organization) != self.superior:
                raise ValidationError({"superior": "责任书须与直接上级党组织签订（层层签订）。"})
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError({"signed_on": "签订日期不能晚于今天。"})
