"""发展党员: rule sets and step definitions (data), each person's 发展档案, step records, votes, 思想汇报, 公示."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from core.models import BaseModel, OrgOwnedModel
from development.choices import CalendarDayKind, FileStatus, PublicityKind, Stage, VoteKind


class RuleSet(BaseModel):
    """A version of the development rules (2014 细则; the unconfirmed 2026 revision), with its parameters."""

    code = models.CharField("版本代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=100)
    active = models.BooleanField("启用", default=False)
    effective_from = models.DateField("生效日期", null=True, blank=True)
    params = models.JSONField("参数", default=dict)
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["-active", "code"]
        verbose_name = verbose_name_plural = "发展党员规则版本"

    def __str__(self):
        return f"{self.name}{'（启用）' if self.active else '（未启用）'}"

    @classmethod
    def current(cls):
        return cls.objects.filter(active=True).order_by("-effective_from").first()


class StepDefinition(BaseModel):
    """One of the 25 steps of a rule set: stage, order, who performs, materials, and the rules checked."""

    rule_set = models.ForeignKey(RuleSet, models.CASCADE, related_name="steps", verbose_name="规则版本")
    number = models.PositiveSmallIntegerField("步骤序号")
    stage = models.PositiveSmallIntegerField("阶段", choices=Stage.choices)
    name = models.CharField("步骤", max_length=60)
    performer = models.CharField("实施主体", max_length=60)
    materials = models.CharField("所需材料", max_length=200, blank=True)
    checks = models.JSONField("校验规则", default=list, help_text="规则编号列表，如 DEV-CAND-MIN")
    people_label = models.CharField("相关人员", max_length=30, blank=True)
    people_min = models.PositiveSmallIntegerField("最少人数", default=0)
    people_max = models.PositiveSmallIntegerField("最多人数", default=0)
    repeatable = models.BooleanField("可多次记录", default=False)
    needs_approving_org = models.BooleanField("须填写审批/预审党委", default=False)

    class Meta:
        ordering = ["rule_set", "number"]
        unique_together = [("rule_set", "number")]
        verbose_name = verbose_name_plural = "发展步骤定义"

    def __str__(self):
        return f"{self.number}. {self.name}"


class DevelopmentFile(OrgOwnedModel):
    """A person's 发展档案; the key dates are kept here by the services so work lists are single queries."""

    person = models.OneToOneField(
        "members.Person", models.CASCADE, related_name="development_file", verbose_name="发展对象人员"
    )
    rule_set = models.ForeignKey(RuleSet, models.PROTECT, verbose_name="适用规则版本")
    status = models.CharField("状态", max_length=12, choices=FileStatus.choices, default=FileStatus.OPEN)
    youth_league_recommended = models.BooleanField("团组织推优", default=False)
    current_step = models.PositiveSmallIntegerField("已完成至第几步", default=0)
    mentors = models.ManyToManyField(
        "members.Person", blank=True, related_name="mentored_files", verbose_name="培养联系人"
    )
    sponsors = models.ManyToManyField(
        "members.Person", blank=True, related_name="sponsored_files", verbose_name="入党介绍人"
    )
    applied_on = models.DateField("递交申请日期", null=True, blank=True)
    talked_on = models.DateField("谈话日期", null=True, blank=True)
    activist_on = models.DateField("确定积极分子日期", null=True, blank=True)
    last_assessment_on = models.DateField("最近考察日期", null=True, blank=True)
    last_report_on = models.DateField("最近思想汇报日期", null=True, blank=True)
    candidate_on = models.DateField("确定发展对象日期", null=True, blank=True)
    prereview_on = models.DateField("上级党委预审日期", null=True, blank=True)
    admitted_on = models.DateField("支部大会接收日期", null=True, blank=True)
    approved_on = models.DateField("上级党委审批日期", null=True, blank=True)
    probation_end = models.DateField("预备期满日期", null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField("延长预备期（月）", null=True, blank=True)
    conversion_meeting_on = models.DateField("转正支部大会日期", null=True, blank=True)
    conversion_approved_on = models.DateField("转正审批日期", null=True, blank=True)
    full_member_on = models.DateField("转正日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)

    scope_person_field = "person"

    class Meta:
        ordering = ["organization__path", "person__name", "pk"]
        verbose_name = verbose_name_plural = "发展档案"

    def __str__(self):
        return f"{self.person.name}的发展档案"

    @property
    def stage(self):
        """The stage the person is in (the stage of the next step)."""
        return Stage(min(5, 1 if self.current_step < 2 else _STAGE_OF_NEXT[self.current_step]))


# stage of the step after step n
_STAGE_OF_NEXT = {n: (1 if n < 2 else 2 if n < 6 else 3 if n < 11 else 4 if n < 18 else 5) for n in range(26)}


class StepRecord(BaseModel):
    """One recorded step of a 发展档案: date, people, approvals, attachment; overrides say who and why."""

    file = models.ForeignKey(DevelopmentFile, models.CASCADE, related_name="records", verbose_name="发展档案")
    step = models.ForeignKey(StepDefinition, models.PROTECT, verbose_name="步骤")
    on = models.DateField("日期")
    people = models.ManyToManyField("members.Person", blank=True, related_name="+", verbose_name="相关人员")
    approving_org = models.ForeignKey(
        "orgs.Organization",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审批/预审/备案党组织",
    )
    document_no = models.CharField("文号/编号", max_length=60, blank=True)
    notes = models.TextField("情况记录", blank=True)
    data = models.JSONField("步骤数据", default=dict, blank=True)
    attachment = models.FileField("附件", upload_to="development/%Y/%m/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, verbose_name="记录人"
    )
    # An organization-department admin may record a step the rules refuse (historical cases), with a reason.
    override = models.BooleanField("管理员越过规则", default=False)
    override_reason = models.TextField("越过规则的理由", blank=True)
    violations = models.JSONField("被越过的规则", default=list, blank=True)

    scope_org_field = "file__organization"
    scope_person_field = "file__person"

    class Meta:
        ordering = ["file", "step__number", "on", "pk"]
        verbose_name = verbose_name_plural = "发展步骤记录"

    def __str__(self):
        return f"{self.file.person.name} · {self.step} · {self.on:%Y-%m-%d}"


class Vote(BaseModel):
    """The branch general meeting's vote on one person (DEV-VOTE): attendance, votes, absent written opinions."""

    record = models.OneToOneField(StepRecord, models.CASCADE, related_name="vote", verbose_name="步骤记录")
    kind = models.CharField("表决事项", max_length=14, choices=VoteKind.choices)
    should_attend = models.PositiveIntegerField("应到有表决权党员")
    present = models.PositiveIntegerField("实到有表决权党员")
    yes = models.PositiveIntegerField("赞成")
    no = models.PositiveIntegerField("反对")
    abstain = models.PositiveIntegerField("弃权")
    written_yes = models.PositiveIntegerField("缺席书面赞成", default=0)
    written_no = models.PositiveIntegerField("缺席书面反对", default=0)
    written_abstain = models.PositiveIntegerField("缺席书面弃权", default=0)
    quorum = models.BooleanField("达到法定人数")
    passed = models.BooleanField("通过")

    scope_org_field = "record__file__organization"
    scope_person_field = "record__file__person"

    class Meta:
        ordering = ["-pk"]
        verbose_name = verbose_name_plural = "支部大会表决"

    def __str__(self):
        return f"{self.get_kind_display()}：赞成 {self.yes + self.written_yes}/{self.should_attend}"


class ThoughtReport(BaseModel):
    """A 思想汇报 handed in by an activist or candidate, with the 培养联系人's comment (DEV-REPORT)."""

    file = models.ForeignKey(DevelopmentFile, models.CASCADE, related_name="reports", verbose_name="发展档案")
    submitted_on = models.DateField("提交日期")
    title = models.CharField("标题", max_length=100)
    content = models.TextField("内容", blank=True)
    attachment = models.FileField("附件", upload_to="thought_reports/%Y/%m/", blank=True)
    comment = models.TextField("培养联系人意见", blank=True)
    commented_by = models.ForeignKey(
        "members.Person", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="批阅人"
    )
    commented_on = models.DateField("批阅日期", null=True, blank=True)

    scope_org_field = "file__organization"
    scope_person_field = "file__person"

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = verbose_name_plural = "思想汇报"

    def __str__(self):
        return f"{self.file.person.name}：{self.title}（{self.submitted_on:%Y-%m-%d}）"

    def clean(self):
        if not self.content and not self.attachment:
            raise ValidationError("请填写内容或上传附件。")


class Publicity(BaseModel):
    """A 公示 (candidate, admission or conversion) running a number of working days (DEV-PUBLIC)."""

    file = models.ForeignKey(
        DevelopmentFile, models.CASCADE, related_name="publicities", verbose_name="发展档案"
    )
    kind = models.CharField("公示类型", max_length=12, choices=PublicityKind.choices)
    start = models.DateField("公示开始")
    working_days = models.PositiveSmallIntegerField("公示工作日数", default=5)
    end = models.DateField("公示结束")
    contact = models.CharField("联系电话/受理方式", max_length=100, blank=True)
    result = models.CharField("公示结果", max_length=200, blank=True, help_text="如：公示期间未收到反映")

    scope_org_field = "file__organization"
    scope_person_field = "file__person"

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = verbose_name_plural = "公示"

    def __str__(self):
        return (
            f"{self.file.person.name} {self.get_kind_display()}（{self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}）"
        )


class CalendarDay(OrgOwnedModel):
    """A public holiday or make-up workday for a year (set at the school committee; counts for its subtree)."""

    date = models.DateField("日期")
    kind = models.CharField("类型", max_length=10, choices=CalendarDayKind.choices)
    name = models.CharField("说明", max_length=40, blank=True, help_text="如：国庆节、国庆调休")

    class Meta:
        ordering = ["-date"]
        unique_together = [("organization", "date")]
        verbose_name = verbose_name_plural = "节假日与调休"

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}"
