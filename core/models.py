"""Base models every app builds on, and named events for state transitions."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse

from core.scoping import get_scope


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action="view"):
        """Only the rows ``user`` may ``action`` (view/add/change/delete/sensitive)."""
        q = get_scope(user).q_for(self.model, action)
        return self if q is None else self.filter(q)


class BaseModel(models.Model):
    """Created/updated stamps, ``objects.restrict()``, and a URL from the naming rule."""

    created = models.DateTimeField("创建时间", auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def url_name(cls, suffix=""):
        return f"{cls._meta.app_label}:{cls._meta.model_name}{suffix}"

    def get_absolute_url(self):
        try:
            return reverse(self.url_name(), args=[self.pk])
        except NoReverseMatch:
            return ""


class OrgOwnedModel(BaseModel):
    """A record that belongs to one party organization and is scoped by it."""

    organization = models.ForeignKey("orgs.Organization", models.PROTECT, verbose_name="党组织")

    scope_org_field = "organization"

    class Meta:
        abstract = True


class Event(models.Model):
    """A named state transition (e.g. 撤销党组织, 合并党支部) with who, when and what."""

    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.CharField(max_length=64, db_index=True)
    target = GenericForeignKey("content_type", "object_id")
    name = models.CharField("事件", max_length=64)
    message = models.TextField("说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, verbose_name="操作人"
    )
    created = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = verbose_name_plural = "业务事件"

    def __str__(self):
        return f"{self.name}：{self.message}"
