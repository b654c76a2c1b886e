"""Dues: the yearly base per member, payments, reductions, arrears cases, hand-over and the yearly notice."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from core.models import OrgOwnedModel
from dues import months
from dues.choices import (
    ApprovalStatus,
    CaseOutcome,
    CaseStatus,
    DuesKind,
    HandoverStatus,
    PaymentMethod,
    ReductionKind,
)

MONEY = {"max_digits": 12, "decimal_places": 2}


def _first_of_month(field):
    def check(self):
        value = getattr(self, field)
        if value and value.day != 1:
            setattr(self, field, months.month_of(value))

    return check


class DuesBase(OrgOwnedModel):
    """A member's monthly base for one year (DUES-BASE) and the monthly dues computed from it."""

    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="dues_bases", verbose_name="党员"
    )
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("交纳类别", max_length=10, choices=DuesKind.choices)
    base = models.DecimalField(
        "计算基数（元/月）",
        null=True,
        blank=True,
        help_text="在职：每月工资收入（税后，不含社保、公积金、年金、奖励性绩效）；离退休：基本离退休费；固定标准不填",
        **MONEY,
    )
    rate = models.DecimalField("比例", max_digits=6, decimal_places=4, null=True, blank=True, editable=False)
    bracket = models.CharField("档次", max_length=40, blank=True, editable=False)
    monthly_amount = models.DecimalField("每月应交（元）", editable=False, default=0, **MONEY)
    capped = models.BooleanField("按上限", default=False, editable=False)
    rule_version = models.CharField("规则版本", max_length=20, blank=True, editable=False)
    note = models.CharField("备注", max_length=200, blank=True)

    scope_person_field = "person"

    class Meta:
        ordering = ["-year", "organization__path", "person__name", "pk"]
        verbose_name = verbose_name_plural = "党费基数"
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="dues_base_person_year")]

    def __str__(self):
        return f"{self.person}·{self.year}年"

    def clean(self):
        if self.kind != DuesKind.FLAT and self.base is None:
            raise ValidationError({"base": "按比例交纳的党员须填写计算基数。"})
        if self.base is not None and self.base < 0:
            raise ValidationError({"base": "计算基数不能为负数。"})


class DuesPayment(OrgOwnedModel):
    """One payment covering consecutive months (back-payment, current or in advance), plus any voluntary extra."""

    person = models.ForeignKey(
        "members.Person", models.PROTECT, related_name="dues_payments", verbose_name="党员"
    )
    paid_on = models.DateField("缴纳日期")
    from_month = models.DateField("起始月份")
    to_month = models.DateField("截止月份")
    amount = models.DecimalField("实缴金额（元）", **MONEY)
    due_amount = models.DecimalField("应交金额（元）", default=0, editable=False, **MONEY)
    extra_amount = models.DecimalField("自愿多交（元）", default=0, editable=False, **MONEY)
    overdue_months = models.PositiveSmallIntegerField("补交月数", default=0, editable=False)
    advance_months = models.PositiveSmallIntegerField("预交月数", default=0, editable=False)
    method = models.CharField("缴纳方式", max_length=10, choices=PaymentMethod.choices)
    reference = models.CharField("交易流水号", max_length=64, blank=True, help_text="线上缴纳必填")
    paid_by = models.CharField("代缴人", max_length=50, blank=True, help_text="他人代为缴纳时填写")
    back_reason = models.CharField(
        "补交原因", max_length=200, blank=True, help_text="补交超过 6 个月须说明原因（DUES-BACK）"
    )
    note = models.CharField("备注", max_length=200, blank=True)

    scope_person_field = "person"
    clean_from = _first_of_month("from_month")
    clean_to = _first_of_month("to_month")

    class Meta:
        ordering = ["-paid_on", "-pk"]
        verbose_name = verbose_name_plural = "党费缴纳记录"

    def __str__(self):
        return f"{self.person} {months.label(self.from_month)}–{months.label(self.to_month)}"

    @property
    def months_label(self):
        if self.from_month == self.to_month:
            return months.label(self.from_month)
        return f"{months.label(self.from_month)}至{months.label(self.to_month)}"

    def clean(self):
        self.clean_from()
        self.clean_to()
        if self.from_month and self.to_month and self.to_month < self.from_month:
            raise ValidationError({"to_month": "截止月份不能早于起始月份。"})
        if self.method == PaymentMethod.ONLINE and not self.reference.strip():
            raise ValidationError({"reference": "线上缴纳须填写交易流水号。"})
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": "金额不能为负数。"})


class DuesReduction(OrgOwnedModel):
    """A hardship reduction or waiver (DUES-REDUCE): decided by the branch, approved by the higher organization."""

    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="dues_reductions", verbose_name="党员"
    )
    kind = models.CharField("类型", max_length=10, choices=ReductionKind.choices)
    from_month = models.DateField("起始月份")
    to_month = models.DateField("截止月份")
    monthly_amount = models.DecimalField("减交后每月（元）", default=0, help_text="免交填 0", **MONEY)
    reason = models.TextField("原因")
    decided_on = models.DateField("支部研究决定日期")
    status = models.CharField(
        "审批状态",
        max_length=10,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.PENDING,
        editable=False,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="审批人",
    )
    approved_on = models.DateField("审批日期", null=True, blank=True, editable=False)
    approval_note = models.CharField("审批意见", max_length=200, blank=True, editable=False)

    scope_person_field = "person"
    clean_from = _first_of_month("from_month")
    clean_to = _first_of_month("to_month")

    class Meta:
        ordering = ["-from_month", "-pk"]
        verbose_name = verbose_name_plural = "党费减免"

    def __str__(self):
        return f"{self.person} {self.get_kind_display()} {months.label(self.from_month)}–{months.label(self.to_month)}"

    def clean(self):
        self.clean_from()
        self.clean_to()
        if self.from_month and self.to_month and self.to_month < self.from_month:
            raise ValidationError({"to_month": "截止月份不能早于起始月份。"})
        if self.kind == ReductionKind.WAIVE:
            self.monthly_amount = 0
        elif self.monthly_amount is not None and self.monthly_amount <= 0:
            raise ValidationError({"monthly_amount": "减交须填写减交后的每月金额；全部免交请选择“免交”。"})


class LapseCase(OrgOwnedModel):
    """Six consecutive unpaid months (DUES-LAPSE): a case the branch handles; the system never removes anyone."""

    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="dues_lapse_cases", verbose_name="党员"
    )
    opened_on = models.DateField("立案日期")
    unpaid_from = models.DateField("未交起始月份")
    unpaid_months = models.PositiveSmallIntegerField("连续未交月数")
    status = models.CharField(
        "状态", max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN, editable=False
    )
    outcome = models.CharField(
        "处理结果", max_length=10, choices=CaseOutcome.choices, blank=True, editable=False
    )
    closed_on = models.DateField("办结日期", null=True, blank=True, editable=False)
    note = models.TextField("处理情况", blank=True)

    scope_person_field = "person"

    class Meta:
        ordering = ["status", "-opened_on", "-pk"]
        verbose_name = verbose_name_plural = "欠缴党费处理"

    def __str__(self):
        return f"{self.person} 连续 {self.unpaid_months} 个月未交党费"


class DuesHandover(OrgOwnedModel):
    """One month's dues handed over by an organization to the one above, confirmed there."""

    month = models.DateField("月份")
    ledger_amount = models.DecimalField("台账收缴合计（元）", default=0, editable=False, **MONEY)
    children_amount = models.DecimalField(
        "下级已确认上缴（元）", null=True, blank=True, editable=False, **MONEY
    )
    declared_amount = models.DecimalField("本次上缴金额（元）", **MONEY)
    status = models.CharField(
        "状态",
        max_length=10,
        choices=HandoverStatus.choices,
        default=HandoverStatus.SUBMITTED,
        editable=False,
    )
    submitted_on = models.DateField("上缴日期")
    confirmed_on = models.DateField("确认日期", null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="确认人",
    )
    received_amount = models.DecimalField("上级实收（元）", null=True, blank=True, editable=False, **MONEY)
    note = models.CharField("说明", max_length=200, blank=True)

    clean_month = _first_of_month("month")

    class Meta:
        ordering = ["-month", "organization__path"]
        verbose_name = verbose_name_plural = "党费上缴"
        constraints = [
            models.UniqueConstraint(fields=["organization", "month"], name="dues_handover_org_month")
        ]

    def __str__(self):
        return f"{self.organization} {months.label(self.month)} 上缴"

    def clean(self):
        self.clean_month()

    @property
    def ledger_difference(self):
        """Declared minus what the ledger shows received in the subtree that month."""
        return self.declared_amount - self.ledger_amount

    @property
    def children_difference(self):
        if self.children_amount is None:
            return None
        return self.declared_amount - self.children_amount

    @property
    def received_difference(self):
        if self.received_amount is None:
            return None
        return self.received_amount - self.declared_amount


class DuesAnnualNotice(OrgOwnedModel):
    """The year's dues totals of an organization, published to its members (党费公开)."""

    year = models.PositiveSmallIntegerField("年度")
    member_count = models.PositiveIntegerField("应交人数", default=0, editable=False)
    due_total = models.DecimalField("应交合计（元）", default=0, editable=False, **MONEY)
    paid_total = models.DecimalField("实收合计（元）", default=0, editable=False, **MONEY)
    extra_total = models.DecimalField("自愿多交（元）", default=0, editable=False, **MONEY)
    published_on = models.DateField("公开日期")
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["-year", "organization__path"]
        verbose_name = verbose_name_plural = "党费收缴公开"
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="dues_notice_org_year")]

    def __str__(self):
        return f"{self.organization} {self.year} 年党费收缴情况"
