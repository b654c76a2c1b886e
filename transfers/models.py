"""Transfers, the 流动党员 ledger, graduates kept at school, lost-contact cases and 党籍 decisions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from core.models import OrgOwnedModel, RestrictedQuerySet
from core.scoping import get_scope
from transfers import rules
from transfers.choices import (
    CaseState,
    ContactMethod,
    ContactPurpose,
    DecisionKind,
    DecisionStatus,
    DisciplineLevel,
    MobileDirection,
    MobileStatus,
    RetentionStatus,
    TransferKind,
    TransferStatus,
)


class _TargetSide:
    """Scoping stand-in: a transfer seen from its receiving branch (``target_org``)."""

    scope_org_field = "target_org"
    scope_module = "transfers"
    scope_person_field = "person"


class TransferQuerySet(RestrictedQuerySet):
    def restrict(self, user, action="view"):
        """Both sides of a transfer see it: the sending (``organization``) and the receiving branch."""
        scope = get_scope(user)
        sending, receiving = scope.q_for(self.model, action), scope.q_for(_TargetSide, action)
        if sending is None or receiving is None:
            return self
        return self.filter(sending | receiving)


class Transfer(OrgOwnedModel):
    """一次组织关系转接：校内支部间、转出（开具介绍信）或转入（接收介绍信）。"""

    kind = models.CharField("类型", max_length=8, choices=TransferKind.choices, db_index=True)
    status = models.CharField(
        "状态", max_length=10, choices=TransferStatus.choices, default=TransferStatus.ISSUED, db_index=True
    )
    person = models.ForeignKey(
        "members.Person", models.PROTECT, related_name="transfers", verbose_name="党员"
    )
    target_org = models.ForeignKey(
        "orgs.Organization",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_transfers",
        verbose_name="转入党组织（校内）",
    )
    letter_no = models.CharField("介绍信编号", max_length=40, blank=True, db_index=True)
    external_org = models.CharField(
        "对方党组织", max_length=120, blank=True, help_text="转出时为去往的党组织，转入时为原党组织"
    )
    external_address = models.CharField("对方地址/联系方式", max_length=200, blank=True)
    issued_on = models.DateField("开具日期")
    valid_days = models.PositiveSmallIntegerField(
        "有效期（天）", default=rules.LETTER_DEFAULT_DAYS, help_text="默认 30 天，最长 3 个月（REL-LETTER）"
    )
    valid_until = models.DateField("有效期至", editable=False, db_index=True)
    dues_paid_to = models.DateField("党费交至（月）", null=True, blank=True)
    received_on = models.DateField("回执/接收日期", null=True, blank=True)
    receipt_note = models.CharField("回执说明", max_length=200, blank=True)
    reason = models.CharField("转接原因", max_length=100, blank=True)
    batch = models.CharField("批次", max_length=60, blank=True, db_index=True)

    scope_person_field = "person"
    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = verbose_name_plural = "组织关系转接"

    def __str__(self):
        return f"{self.person}：{self.get_kind_display()}（{self.issued_on}）"

    def clean(self):
        if self.issued_on and self.valid_days is not None:
            error = rules.letter_validity_error(self.issued_on, self.valid_days)  # REL-LETTER
            if error:
                raise ValidationError({"valid_days": error})
        if self.kind == TransferKind.WITHIN and not self.target_org_id:
            raise ValidationError({"target_org": "校内转接须选择转入党组织。"})
        if self.kind in (TransferKind.OUT, TransferKind.IN) and not self.external_org:
            raise ValidationError({"external_org": "请填写对方党组织。"})
        if self.received_on and self.issued_on and self.received_on < self.issued_on:
            raise ValidationError({"received_on": "接收日期不能早于开具日期。"})

    def save(self, *args, **kwargs):
        if self.issued_on and self.valid_days is not None:
            self.valid_until = rules.letter_valid_until(self.issued_on, self.valid_days)
        super().save(*args, **kwargs)

    def is_overdue(self, on):
        """REL-LETTER: a letter out with no receipt after its validity."""
        return (
            self.kind == TransferKind.OUT
            and self.status == TransferStatus.ISSUED
            and rules.letter_overdue(self.valid_until, self.received_on, on)
        )


class GraduateRetention(OrgOwnedModel):
    """毕业生党员组织关系暂留学校（REL-GRAD），有联系人并定期联系。"""

    person = models.ForeignKey(
        "members.Person", models.PROTECT, related_name="retentions", verbose_name="毕业生党员"
    )
    graduated_on = models.DateField("毕业日期")
    until = models.DateField("最长保留至", editable=False)
    contact_name = models.CharField("联系人", max_length=50)
    contact_phone = models.CharField("联系人电话", max_length=20, blank=True)
    whereabouts = models.CharField("去向/现住址", max_length=200, blank=True)
    abroad = models.BooleanField("出国（境）学习", default=False)
    last_contact_on = models.DateField("最近联系日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=RetentionStatus.choices, default=RetentionStatus.RETAINED
    )
    note = models.TextField("备注", blank=True)

    scope_person_field = "person"

    class Meta:
        ordering = ["until", "pk"]
        verbose_name = verbose_name_plural = "毕业生党员组织关系保留"

    def __str__(self):
        return f"{self.person}（保留至 {self.until}）"

    def save(self, *args, **kwargs):
        self.until = rules.retention_until(self.graduated_on)  # REL-GRAD
        super().save(*args, **kwargs)

    @property
    def next_contact_due(self):
        """REL-GRAD: half-yearly contact for students abroad (from graduation until the first contact)."""
        if not self.abroad:
            return None
        return rules.abroad_contact_due(self.last_contact_on or self.graduated_on)


class MobileMember(OrgOwnedModel):
    """流动党员台账的一条：外出（本校党员在外）或流入（外单位党员持活动证在本校参加组织生活）。"""

    direction = models.CharField("流向", max_length=10, choices=MobileDirection.choices, db_index=True)
    person = models.ForeignKey(
        "members.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="mobile_entries",
        verbose_name="本校党员",
    )
    name = models.CharField(
        "姓名", max_length=50, blank=True, help_text="流入党员填写；外出党员自动取人员姓名"
    )
    home_org_name = models.CharField(
        "原所在党组织", max_length=120, blank=True, help_text="流入党员的组织关系所在党组织"
    )
    location = models.CharField("流动去向/所在地", max_length=200)
    contact_phone = models.CharField("联系方式", max_length=30)
    certificate_no = models.CharField("流动党员活动证编号", max_length=40, blank=True)
    left_on = models.DateField("外出（流入）日期")
    expected_return = models.DateField("预计返回日期", null=True, blank=True)
    dues_paid_locally = models.BooleanField("在流入地交纳党费", default=False)
    fixed_place = models.BooleanField(
        "在外地有固定工作或住所", default=False, help_text="满 6 个月应正式转接组织关系（REL-MOVE）"
    )
    status = models.CharField("状态", max_length=8, choices=MobileStatus.choices, default=MobileStatus.ACTIVE)
    ended_on = models.DateField("结束日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    scope_person_field = "person"

    class Meta:
        ordering = ["direction", "-left_on", "pk"]
        verbose_name = verbose_name_plural = "流动党员"

    def __str__(self):
        return f"{self.display_name}（{self.get_direction_display()}）"

    @property
    def display_name(self):
        return self.name or (self.person.name if self.person_id else "")

    def clean(self):
        if self.direction == MobileDirection.OUTGOING and not self.person_id:
            raise ValidationError({"person": "外出流动党员须选择本校党员。"})
        if self.direction == MobileDirection.INCOMING and not self.name:
            raise ValidationError({"name": "请填写流入党员姓名。"})
        if self.direction == MobileDirection.INCOMING and not self.home_org_name:
            raise ValidationError({"home_org_name": "请填写流入党员的原所在党组织。"})
        if self.left_on:
            error = rules.mobile_duration_error(self.left_on, self.expected_return)  # REL-MOBILE
            if error:
                raise ValidationError({"expected_return": error})


class MobileReport(OrgOwnedModel):
    """流动党员的年度报告（REL-MOBILE：每年至少一次）。"""

    entry = models.ForeignKey(MobileMember, models.CASCADE, related_name="reports", verbose_name="流动党员")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    reported_on = models.DateField("报告日期")
    content = models.TextField("报告内容")

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = verbose_name_plural = "流动党员报告"

    def __str__(self):
        return f"{self.entry} {self.year} 年报告"


class LostContactCase(OrgOwnedModel):
    """失联（口袋）党员查找案：从线索立案，记录查找，经审批停止党籍/自行脱党，或恢复联系。"""

    person = models.ForeignKey(
        "members.Person", models.PROTECT, related_name="lost_contact_cases", verbose_name="党员"
    )
    state = models.CharField(
        "状态", max_length=10, choices=CaseState.choices, default=CaseState.SEARCHING, db_index=True
    )
    opened_on = models.DateField("立案日期")
    last_contact_on = models.DateField("最后一次取得联系日期")
    signals = models.JSONField("发现线索", default=list, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    scope_person_field = "person"

    class Meta:
        ordering = ["state", "last_contact_on", "pk"]
        verbose_name = verbose_name_plural = "失联党员查找"

    def __str__(self):
        return f"{self.person}（{self.get_state_display()}）"

    @property
    def stop_allowed_from(self):
        return rules.stop_proposal_allowed_from(self.last_contact_on)


class ContactRecord(OrgOwnedModel):
    """一次查找或联系：何时、以何种方式、由谁、结果如何。"""

    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="contact_records", verbose_name="党员"
    )
    purpose = models.CharField("目的", max_length=10, choices=ContactPurpose.choices)
    case = models.ForeignKey(
        LostContactCase, models.CASCADE, null=True, blank=True, related_name="contacts", verbose_name="查找案"
    )
    retention = models.ForeignKey(
        GraduateRetention,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name="保留关系",
    )
    on = models.DateField("日期")
    method = models.CharField("方式", max_length=10, choices=ContactMethod.choices)
    by_whom = models.CharField("查找/联系人", max_length=50)
    reached = models.BooleanField("取得联系", default=False)
    result = models.TextField("结果")

    scope_person_field = "person"

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = verbose_name_plural = "查找与联系记录"

    def __str__(self):
        return f"{self.person} {self.on} {self.get_method_display()}"


class StandingDecision(OrgOwnedModel):
    """党籍事项：停止/恢复党籍、出党、死亡、党纪处分——提出、审批（记录批准机关与文号）、生效。"""

    person = models.ForeignKey(
        "members.Person", models.PROTECT, related_name="standing_decisions", verbose_name="党员"
    )
    kind = models.CharField("事项", max_length=12, choices=DecisionKind.choices, db_index=True)
    discipline_level = models.CharField(
        "处分种类", max_length=16, choices=DisciplineLevel.choices, blank=True
    )
    probation_months = models.PositiveSmallIntegerField("留党察看期限（月）", null=True, blank=True)
    case = models.ForeignKey(
        LostContactCase,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="失联查找案",
    )
    status = models.CharField(
        "状态", max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED, db_index=True
    )
    reason = models.TextField("事实与理由")
    proposed_on = models.DateField("提出日期")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="提出人",
    )
    decided_on = models.DateField("审批日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审批录入人",
    )
    approver = models.CharField("批准机关", max_length=100, blank=True)
    approval_ref = models.CharField("批准文号/会议", max_length=100, blank=True)
    effective_on = models.DateField("生效日期", null=True, blank=True)
    probation_ends = models.DateField("察看期满日期", null=True, blank=True, editable=False)
    applied_to_member = models.BooleanField("已同步党员状态", default=False)
    applied_note = models.CharField("同步说明", max_length=200, blank=True)

    scope_person_field = "person"

    class Meta:
        ordering = ["-proposed_on", "-pk"]
        verbose_name = verbose_name_plural = "党籍事项"

    def __str__(self):
        return f"{self.person}：{self.get_kind_display()}（{self.get_status_display()}）"

    def clean(self):
        if self.kind == DecisionKind.DISCIPLINE:
            if not self.discipline_level:
                raise ValidationError({"discipline_level": "请选择处分种类。"})
            if self.discipline_level == DisciplineLevel.PROBATION and (
                self.probation_months not in rules.PROBATION_MONTHS
            ):
                raise ValidationError({"probation_months": "留党察看期限为 12 个月或 24 个月。"})
        elif self.discipline_level or self.probation_months:
            raise ValidationError({"discipline_level": "只有党纪处分填写处分种类与期限。"})
