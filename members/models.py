"""People (every person the platform knows) and their history of party organizations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.models import OrgOwnedModel
from members import idnumber
from members.choices import Education, Gender, PersonCategory, PoliticalStatus


class Person(OrgOwnedModel):
    """A person: staff, student, retiree; their party organization is ``organization``."""

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
