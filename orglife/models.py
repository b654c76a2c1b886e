"""Organizational life: the rule table, meetings with attendance, plans, appraisals, problems and lectures."""

from django.core.exceptions import ValidationError
from django.db import models

from core.models import BaseModel, OrgOwnedModel
from orglife.choices import (
    COMBINABLE,
    REVIEW_TYPES,
    AbsenceReason,
    AppliesTo,
    AppraisalStatus,
    Attendees,
    Condition,
    Frequency,
    Grade,
    LectureKind,
    MeetingStatus,
    MeetingType,
    ProblemStatus,
)


class MeetingRule(OrgOwnedModel):
    """One row of the frequency table (LIFE-*), owned by a school and in force from ``effective_year``."""

    rule_id = models.CharField("规则编号", max_length=20, help_text="如 LIFE-CM，与 DOMAIN.md 一致")
    meeting_type = models.CharField("会议类型", max_length=32, choices=MeetingType.choices)
    applies_to = models.CharField("适用组织", max_length=20, choices=AppliesTo.choices)
    frequency = models.CharField("频次周期", max_length=10, choices=Frequency.choices)
    min_count = models.PositiveSmallIntegerField("每周期至少次数", default=1)
    condition = models.CharField("适用条件", max_length=20, choices=Condition.choices, blank=True)
    attendees = models.CharField("应参加人员", max_length=20, choices=Attendees.choices)
    required_fields = models.CharField(
        "必填项", max_length=200, blank=True, default="topic,content", help_text="逗号分隔的字段名"
    )
    effective_year = models.PositiveSmallIntegerField("生效年度")
    active = models.BooleanField("启用", default=True, help_text="停用后该规则自生效年度起不再检查")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["organization__path", "rule_id", "-effective_year"]
        verbose_name = verbose_name_plural = "组织生活频次规则"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "rule_id", "effective_year"], name="orglife_rule_version"
            )
        ]

    def __str__(self):
        return f"{self.rule_id} {self.get_meeting_type_display()}（{self.effective_year}年起）"

    def clean(self):
        if self.min_count is not None and self.min_count < 1:
            raise ValidationError({"min_count": "每周期至少 1 次；不再检查请取消“启用”。"})


class PlannedMeeting(OrgOwnedModel):
    """A meeting in a branch's plan for the year (or a 党总支's 中心组学习 plan)."""

    meeting_type = models.CharField("会议类型", max_length=32, choices=MeetingType.choices)
    planned_date = models.DateField("计划日期")
    topic = models.CharField("计划主题", max_length=200)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        ordering = ["organization__path", "planned_date", "pk"]
        verbose_name = verbose_name_plural = "组织生活计划"

    def __str__(self):
        return f"{self.planned_date:%Y-%m-%d} {self.get_meeting_type_display()}：{self.topic}"


class Meeting(OrgOwnedModel):
    """One meeting, recorded once: compliance, attendance, statistics and reports all read it."""

    meeting_type = models.CharField("会议类型", max_length=32, choices=MeetingType.choices, db_index=True)
    also_counts_as = models.CharField(
        "同时计为",
        max_length=32,
        choices=MeetingType.choices,
        blank=True,
        help_text="如主题党日与支部党员大会合并召开",
    )
    held_on = models.DateField("召开日期", db_index=True)
    plan = models.OneToOneField(
        PlannedMeeting,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting",
        verbose_name="对应计划",
    )
    topic = models.CharField("主题", max_length=200)
    place = models.CharField("地点", max_length=100, blank=True)
    host = models.ForeignKey(
        "members.Person", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="主持人"
    )
    recorder = models.ForeignKey(
        "members.Person", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="记录人"
    )
    lecturer = models.ForeignKey(
        "members.Person",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="主讲人（党课）",
    )
    invitees = models.CharField("列席/旁听人员", max_length=300, blank=True, help_text="如校领导列席旁听")
    content = models.TextField("会议内容", blank=True)
    decisions = models.TextField("决定事项", blank=True)
    photo = models.FileField("照片", upload_to="orglife/photos/%Y/", blank=True)
    attachment = models.FileField("附件", upload_to="orglife/files/%Y/", blank=True)
    expected_count = models.PositiveIntegerField("应到人数", default=0, editable=False)
    present_count = models.PositiveIntegerField("实到人数", default=0, editable=False)
    # LIFE-QUORUM, computed by the service from the attendance; a committee meeting without it does not count
    quorum_met = models.BooleanField("达到法定人数", default=True, editable=False)
    status = models.CharField(
        "备案状态", max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT, editable=False
    )
    return_reason = models.CharField("退回原因", max_length=300, blank=True, editable=False)
    is_public = models.BooleanField("已向党员公开", default=False, editable=False)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = verbose_name_plural = "组织生活记录"
        indexes = [models.Index(fields=["organization", "held_on"])]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.type_label}：{self.topic}"

    @property
    def type_label(self):
        label = self.get_meeting_type_display()
        if self.also_counts_as:
            label += "（同时计为" + self.get_also_counts_as_display() + "）"
        return label

    def clean(self):
        if self.also_counts_as:
            if self.also_counts_as == self.meeting_type:
                raise ValidationError({"also_counts_as": "“同时计为”不能与会议类型相同。"})
            if frozenset({self.meeting_type, self.also_counts_as}) not in COMBINABLE:
                raise ValidationError({"also_counts_as": "这两类会议不能合并计次，请分别记录。"})
        if self.lecturer_id and MeetingType.PARTY_LECTURE not in (self.meeting_type, self.also_counts_as):
            raise ValidationError({"lecturer": "只有党课需要填写主讲人。"})

    @property
    def has_problems(self):
        return self.meeting_type in REVIEW_TYPES


class Attendance(BaseModel):
    """Whether one person expected at a meeting was there, and why not."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendance", verbose_name="会议")
    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="meeting_attendance", verbose_name="人员"
    )
    present = models.BooleanField("出席", default=True)
    absence_reason = models.CharField("缺席原因", max_length=10, choices=AbsenceReason.choices, blank=True)
    note = models.CharField("说明", max_length=100, blank=True)

    scope_org_field = "meeting__organization"
    scope_person_field = "person"

    class Meta:
        ordering = ["meeting", "person__name"]
        verbose_name = verbose_name_plural = "参会情况"
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="orglife_attendance_once")]
        indexes = [models.Index(fields=["person", "present"])]

    def __str__(self):
        return f"{self.person} {'出席' if self.present else '缺席'}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


class Appraisal(OrgOwnedModel):
    """民主评议党员 of one branch for one year (LIFE-APPRAISAL)."""

    year = models.PositiveSmallIntegerField("年度")
    meeting = models.ForeignKey(
        Meeting, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="评议会议"
    )
    status = models.CharField(
        "状态", max_length=10, choices=AppraisalStatus.choices, default=AppraisalStatus.OPEN, editable=False
    )
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["-year", "organization__path"]
        verbose_name = verbose_name_plural = "民主评议党员"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="orglife_appraisal_once")
        ]

    def __str__(self):
        return f"{self.organization} {self.year}年民主评议党员"


class AppraisalResult(BaseModel):
    """One member's self-assessment, mutual assessment and grade; it is part of the member's record."""

    appraisal = models.ForeignKey(Appraisal, models.CASCADE, related_name="results", verbose_name="民主评议")
    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="appraisal_results", verbose_name="党员"
    )
    self_assessment = models.TextField("个人自评", blank=True)
    mutual_assessment = models.TextField("党员互评", blank=True)
    grade = models.CharField("评定等次", max_length=12, choices=Grade.choices, blank=True)

    scope_org_field = "appraisal__organization"
    scope_person_field = "person"

    class Meta:
        ordering = ["appraisal", "person__name"]
        verbose_name = verbose_name_plural = "民主评议结果"
        constraints = [models.UniqueConstraint(fields=["appraisal", "person"], name="orglife_result_once")]

    def __str__(self):
        return f"{self.person} {self.get_grade_display() or '未评定'}"

    def get_absolute_url(self):
        return self.appraisal.get_absolute_url()


class Problem(OrgOwnedModel):
    """A problem found at a 组织生活会 / 民主生活会 and its rectification, tracked to closure."""

    meeting = models.ForeignKey(
        Meeting, models.SET_NULL, null=True, blank=True, related_name="problems", verbose_name="来源会议"
    )
    description = models.TextField("问题")
    measure = models.TextField("整改措施", blank=True)
    owner = models.ForeignKey(
        "members.Person", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="责任人"
    )
    deadline = models.DateField("整改时限")
    status = models.CharField(
        "状态", max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.OPEN, editable=False
    )
    closed_on = models.DateField("销号日期", null=True, blank=True, editable=False)
    result = models.TextField("整改结果", blank=True)

    class Meta:
        ordering = ["status", "deadline", "pk"]
        verbose_name = verbose_name_plural = "问题整改清单"

    def __str__(self):
        return self.description[:40]

    def clean(self):
        if self.meeting_id and self.meeting.meeting_type not in REVIEW_TYPES:
            raise ValidationError({"meeting": "问题清单只来自组织生活会或民主生活会。"})


class Lecture(OrgOwnedModel):
    """A lecture given by a person (党课, 思政课, 开学第一课, 党课开讲啦); 党课 meetings create theirs."""

    lecturer = models.ForeignKey(
        "members.Person", models.PROTECT, related_name="lectures", verbose_name="主讲人"
    )
    kind = models.CharField("类别", max_length=20, choices=LectureKind.choices)
    title = models.CharField("题目", max_length=200)
    given_on = models.DateField("日期", db_index=True)
    audience = models.CharField("对象", max_length=100, blank=True)
    meeting = models.OneToOneField(
        Meeting, models.CASCADE, null=True, blank=True, related_name="lecture", editable=False
    )

    scope_person_field = "lecturer"

    class Meta:
        ordering = ["-given_on", "pk"]
        verbose_name = verbose_name_plural = "讲党课与思政课"

    def __str__(self):
        return f"{self.lecturer} {self.get_kind_display()}：{self.title}"
