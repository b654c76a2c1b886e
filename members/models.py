"""People (every person the platform knows) and their history of party organizations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.models import BaseModel, OrgOwnedModel, RestrictedQuerySet
from members import idnumber
from members.choices import (
    ON_ROSTER_STANDINGS,
    PARTY_MEMBER_STATUSES,
    ChangeRequestStatus,
    DisciplineKind,
    Education,
    ExitType,
    Gender,
    MemberSource,
    OrgActionKind,
    PartyStanding,
    PersonCategory,
    PoliticalStatus,
    StandingEventKind,
)


class PersonQuerySet(RestrictedQuerySet):
    def party_members(self):
        """Party members on the roster: probationary and full members, not dead, gone or transferred out."""
        return self.filter(political_status__in=PARTY_MEMBER_STATUSES, party_standing__in=ON_ROSTER_STANDINGS)


class Person(OrgOwnedModel):
    """A person: staff, student, retiree; their party organization is ``organization``."""

    objects = PersonQuerySet.as_manager()

    name = models.CharField("姓名", max_length=50, db_index=True)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    ethnicity = models.CharField("民族", max_length=20, default="汉族")
    birth_date = models.DateField("出生日期", null=True, blank=True)
    # 身份证号: ciphertext plus a keyed hash for lookups and uniqueness; never stored in the clear.
    id_number_cipher = models.TextField("身份证号（密文）", blank=True, editable=False)
    id_number_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    phone = models.CharField("手机", max_length=20, blank=True, db_index=True)
    email = models.EmailField("邮箱", blank=True)
    staff_no = models.CharField("工号/学号", max_length=30, unique=True, null=True, blank=True)
    category = models.CharField(
        "人员类别", max_length=10, choices=PersonCategory.choices, default=PersonCategory.STAFF
    )
    education = models.CharField("学历", max_length=12, choices=Education.choices, blank=True)
    title = models.CharField("职称/职务", max_length=60, blank=True)
    unit = models.CharField(
        "所在单位", max_length=60, blank=True, help_text="行政单位（系/院/处室），不是党组织"
    )
    political_status = models.CharField(
        "政治面貌",
        max_length=16,
        choices=PoliticalStatus.choices,
        default=PoliticalStatus.MASSES,
        db_index=True,
    )
    joined_on = models.DateField("入党日期", null=True, blank=True)
    full_member_on = models.DateField("转正日期", null=True, blank=True)
    # 党籍 is changed only by members.services (停止/恢复/出党/死亡), each with a StandingEvent.
    party_standing = models.CharField(
        "党籍状态", max_length=16, choices=PartyStanding.choices, default=PartyStanding.NORMAL, db_index=True
    )
    exit_type = models.CharField("出党方式", max_length=12, choices=ExitType.choices, blank=True)
    group = models.ForeignKey(
        "orgs.Organization",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_people",
        verbose_name="所在党小组",
    )
    source = models.CharField("党员来源", max_length=12, choices=MemberSource.choices, blank=True)

    scope_person_field = "pk"

    class Meta:
        ordering = ["organization__path", "name", "pk"]
        verbose_name = verbose_name_plural = "人员"

    def __str__(self):
        return self.name

    def clean(self):
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": "出生日期不能晚于今天。"})
        if self.joined_on and self.full_member_on and self.full_member_on < self.joined_on:
            raise ValidationError({"full_member_on": "转正日期不能早于入党日期。"})
        if self.phone and not self.phone.replace("-", "").isdigit():
            raise ValidationError({"phone": "手机号只能包含数字。"})
        if self.group_id and self.organization_id and not self.group.path.startswith(self.organization.path):
            raise ValidationError({"group": "党小组须是所在党支部下的党小组。"})

    # 身份证号 -------------------------------------------------------------
    @property
    def id_number(self) -> str:
        return idnumber.decrypt(self.id_number_cipher)

    def set_id_number(self, value: str):
        """Validate, encrypt and hash; an empty value clears it. Raises ValidationError."""
        if not value:
            self.id_number_cipher, self.id_number_hash = "", None
            return
        try:
            number = idnumber.validate(value, self.birth_date)
        except ValueError as exc:
            raise ValidationError({"id_number": str(exc)}) from None
        self.id_number_cipher = idnumber.encrypt(number)
        self.id_number_hash = idnumber.lookup_hash(number)
        if not self.birth_date:
            self.birth_date = idnumber.birth_date_of(number)

    @property
    def masked_id_number(self) -> str:
        return idnumber.mask(self.id_number) if self.id_number_cipher else ""

    @property
    def age(self):
        if not self.birth_date:
            return None
        today = timezone.localdate()
        return (
            today.year
            - self.birth_date.year
            - ((today.month, today.day) < (self.birth_date.month, self.birth_date.day))
        )

    @property
    def is_party_member(self):
        return self.political_status in (PoliticalStatus.PROBATIONARY, PoliticalStatus.FULL_MEMBER)

    def party_age(self, on=None):
        """党龄 in whole years (DEV-AGE-PARTY): from the conversion date (end of probation), not approval."""
        return party_age(self.full_member_on, on or timezone.localdate())

    @property
    def party_years(self):
        return self.party_age()


def party_age(full_member_on, on):
    """DEV-AGE-PARTY: whole years from 转正日期 (the end of probation) to ``on``; None before conversion."""
    if not full_member_on or on < full_member_on:
        return None
    return on.year - full_member_on.year - ((on.month, on.day) < (full_member_on.month, full_member_on.day))


class OrgMembership(OrgOwnedModel):
    """One stay of a person in a party organization (history kept when branches merge, split or people move)."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="memberships", verbose_name="人员")
    start = models.DateField("转入日期")
    end = models.DateField("转出日期", null=True, blank=True)
    reason = models.CharField("原因", max_length=100, blank=True)

    scope_person_field = "person"

    class Meta:
        ordering = ["person", "-start", "-pk"]
        verbose_name = verbose_name_plural = "组织关系记录"

    def __str__(self):
        return f"{self.person} @ {self.organization}（{self.start}–{self.end or '至今'}）"


class StandingEvent(BaseModel):
    """One change of 党籍 (停止党籍, 恢复党籍, 出党 with its type, 死亡), kept as history."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="standing_events", verbose_name="人员")
    kind = models.CharField("事件", max_length=14, choices=StandingEventKind.choices)
    on = models.DateField("日期")
    exit_type = models.CharField("出党方式", max_length=12, choices=ExitType.choices, blank=True)
    reason = models.TextField("原因与依据", blank=True)
    document_no = models.CharField("批准文号", max_length=60, blank=True)

    scope_org_field = "person__organization"
    scope_person_field = "person"

    class Meta:
        ordering = ["person", "-on", "-pk"]
        verbose_name = verbose_name_plural = "党籍变动"

    def __str__(self):
        extra = f"（{self.get_exit_type_display()}）" if self.exit_type else ""
        return f"{self.person} {self.get_kind_display()}{extra} {self.on:%Y-%m-%d}"


class RecordCategory(models.TextChoices):
    COMMENDATION = "commendation", "表彰奖励"
    DISCIPLINE = "discipline", "党纪处分"
    ORG_ACTION = "org_action", "组织处理"


KIND_CHOICES = [
    ("表彰奖励", [("commendation", "表彰奖励")]),
    ("党纪处分", DisciplineKind.choices),
    ("组织处理", OrgActionKind.choices),
]
DISCIPLINE_KINDS = set(DisciplineKind.values)
ORG_ACTION_KINDS = set(OrgActionKind.values)


class MemberRecord(BaseModel):
    """A commendation, a party discipline (with its period for 留党察看) or an 组织处理 of one person."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="records", verbose_name="人员")
    category = models.CharField("类别", max_length=14, choices=RecordCategory.choices)
    kind = models.CharField("种类", max_length=16, choices=KIND_CHOICES)
    title = models.CharField("名称/事由", max_length=200)
    decided_on = models.DateField("决定日期")
    decided_by = models.CharField("决定机关", max_length=100, blank=True)
    document_no = models.CharField("文号", max_length=60, blank=True)
    # 留党察看 lasts one or two years; rights may be suspended (matters for DEV-SPONSOR).
    period_months = models.PositiveSmallIntegerField("察看期（月）", null=True, blank=True)
    suspends_rights = models.BooleanField("察看期间停止表决权、选举权和被选举权", default=False)
    expires_on = models.DateField("影响期/察看期届满", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    scope_org_field = "person__organization"
    scope_person_field = "person"

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = verbose_name_plural = "奖惩与组织处理"

    def __str__(self):
        return f"{self.person} · {self.get_kind_display()} · {self.title}"

    def clean(self):
        expected = (
            RecordCategory.DISCIPLINE
            if self.kind in DISCIPLINE_KINDS
            else RecordCategory.ORG_ACTION
            if self.kind in ORG_ACTION_KINDS
            else RecordCategory.COMMENDATION
        )
        if self.category != expected:
            raise ValidationError(
                {"kind": f"“{self.get_kind_display()}”不属于{self.get_category_display()}。"}
            )
        if self.kind == DisciplineKind.PROBATION:
            if self.period_months not in (12, 24):
                raise ValidationError({"period_months": "留党察看期为一年或两年（12 或 24 个月）。"})
        elif self.period_months or self.suspends_rights:
            raise ValidationError({"period_months": "只有留党察看填写察看期和是否停止权利。"})


class ChangeRequest(BaseModel):
    """A member's request to correct their own record; the branch secretary approves or returns it."""

    EDITABLE_FIELDS = ("phone", "email", "education", "title", "unit", "ethnicity")

    person = models.ForeignKey(Person, models.CASCADE, related_name="change_requests", verbose_name="人员")
    changes = models.JSONField("申请修改", default=dict, help_text="{字段: [原值, 新值]}")
    reason = models.CharField("说明", max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, verbose_name="审核人"
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_note = models.CharField("审核意见", max_length=200, blank=True)

    scope_org_field = "person__organization"
    scope_person_field = "person"

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = verbose_name_plural = "信息变更申请"

    def __str__(self):
        return f"{self.person} 的信息变更申请（{self.get_status_display()}）"

    def change_lines(self):
        labels = {f.name: f.verbose_name for f in Person._meta.fields}
        return [(labels.get(k, k), old, new) for k, (old, new) in self.changes.items()]
