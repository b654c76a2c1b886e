"""User accounts (each belongs to a person) and explicit grants beyond what positions give."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.models import BaseModel, RestrictedQuerySet
from core.scoping import ACTIONS


class ScopedUserManager(UserManager.from_queryset(RestrictedQuerySet)):
    pass


class User(AbstractUser):
    """A login; rights come from the person's current positions (roles.py) plus grants."""

    person = models.OneToOneField(
        "members.Person", models.SET_NULL, null=True, blank=True, related_name="user", verbose_name="人员"
    )

    objects = ScopedUserManager()
    scope_org_field = "person__organization"
    scope_person_field = "person"

    class Meta:
        ordering = ["username"]
        verbose_name = verbose_name_plural = "账号"

    def __str__(self):
        return f"{self.person.name}（{self.username}）" if self.person_id else self.username

    @classmethod
    def url_name(cls, suffix=""):
        return f"accounts:user{suffix}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("accounts:user", args=[self.pk])


MODULE_CHOICES = [
    ("orgs", "组织"),
    ("members", "党员"),
    ("accounts", "账号"),
    ("development", "发展党员"),
    ("transfers", "组织关系"),
    ("orglife", "组织生活"),
    ("plans", "工作计划与督办"),
    ("notices", "通知提醒"),
    ("dues", "党费"),
    ("talks", "谈心谈话与关怀"),
    ("training", "培训学习"),
    ("evaluation", "考核评价"),
    ("feedback", "意见征集"),
    ("showcase", "品牌与共建"),
    ("reports", "统计报表"),
]


class RoleGrant(BaseModel):
    """An explicit right given to a user: actions on modules over an org subtree (blank: whole school)."""

    user = models.ForeignKey(User, models.CASCADE, related_name="grants", verbose_name="账号")
    organization = models.ForeignKey(
        "orgs.Organization", models.CASCADE, null=True, blank=True, verbose_name="范围（留空为全校）"
    )
    modules = models.JSONField("模块", default=list, blank=True, help_text="留空为全部模块")
    actions = models.JSONField("操作", default=list)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    reason = models.CharField("授权原因", max_length=200)

    objects = RestrictedQuerySet.as_manager()
    scope_org_field = "user__person__organization"
    scope_module = "accounts"

    class Meta:
        ordering = ["user", "-created"]
        verbose_name = verbose_name_plural = "授权"

    def __str__(self):
        return f"{self.user} · {self.organization or '全校'} · {'、'.join(self.actions)}"

    def clean(self):
        unknown = set(self.actions) - set(ACTIONS)
        if unknown or not self.actions:
            raise ValidationError({"actions": f"操作须从 {', '.join(ACTIONS)} 中选择"})
        known = {m for m, _ in MODULE_CHOICES}
        if set(self.modules) - known:
            raise ValidationError({"modules": "未知模块：" + "、".join(sorted(set(self.modules) - known))})

    @property
    def is_valid(self):
        return self.valid_until is None or self.valid_until >= timezone.localdate()
