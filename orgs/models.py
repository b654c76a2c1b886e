"""The organization tree, positions (职务) and the 双带头人 profile of teacher-branch secretaries."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from core.models import BaseModel, RestrictedQuerySet
from orgs.choices import BRANCH_TYPES, COMMITTEE_POSTS, BranchCategory, OrgStatus, OrgType, Post


class OrganizationQuerySet(MP_NodeQuerySet, RestrictedQuerySet):
    def active(self):
        return self.filter(status=OrgStatus.ACTIVE)


class OrganizationManager(MP_NodeManager.from_queryset(OrganizationQuerySet)):
    def get_queryset(self):
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")

    def add(self, parent=None, **fields):
        """Insert a node as the last child of ``parent`` (a root when None); saves and returns it."""
        instance = self.model(**fields)
        return self.add_child(parent, instance=instance) if parent else self.add_root(instance=instance)


class Organization(MP_Node, BaseModel):
    """A party organization: 校党委, 职能部门, 党总支, 党支部, 党小组 or 功能型党组织."""

    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    code = models.CharField("编码", max_length=40, unique=True)
    org_type = models.CharField("类型", max_length=20, choices=OrgType.choices, db_index=True)
    category = models.CharField("支部类别", max_length=10, choices=BranchCategory.choices, blank=True)
    established = models.DateField("成立日期", null=True, blank=True)
    term_start = models.DateField("本届任期开始", null=True, blank=True)
    term_end = models.DateField("本届任期届满", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=OrgStatus.choices, default=OrgStatus.ACTIVE)
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)
    modules = models.JSONField(
        "负责模块", default=list, blank=True, help_text='职能部门负责的业务模块；["*"] 表示全部（组织部）'
    )
    note = models.TextField("备注", blank=True)

    objects = OrganizationManager()
    scope_org_field = ""  # the organization is its own scope anchor

    node_order_by = None

    class Meta:
        ordering = ["path"]
        verbose_name = verbose_name_plural = "党组织"

    def __str__(self):
        return self.name

    def clean(self):
        if self.category and self.org_type not in BRANCH_TYPES:
            raise ValidationError({"category": "只有党支部和功能型党组织设置支部类别。"})
        if self.org_type in BRANCH_TYPES and not self.category:
            raise ValidationError({"category": "请选择支部类别（教工/学生/离退休/机关/混合）。"})
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": "任期届满日期应晚于任期开始日期。"})
        if self.status == OrgStatus.DISSOLVED and not self.dissolved_on:
            raise ValidationError({"dissolved_on": "已撤销的组织须填写撤销日期。"})

    @property
    def is_branch(self):
        return self.org_type in BRANCH_TYPES

    @property
    def display_short(self):
        return self.short_name or self.name

    def ancestors_and_self(self):
        """Breadcrumb path from the root, one query."""
        paths = [self.path[: i * self.steplen] for i in range(1, self.depth + 1)]
        return list(
            Organization.objects.filter(path__in=paths).only("id", "name", "short_name", "path", "depth")
        )


class PositionQuerySet(RestrictedQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on) | Q(start__isnull=True), Q(end__isnull=True) | Q(end__gte=on))

    def committee(self):
        return self.filter(post__in=COMMITTEE_POSTS)


class Position(BaseModel):
    """A person holding a post in an organization for a period (roles are derived from current ones)."""

    person = models.ForeignKey(
        "members.Person", models.CASCADE, related_name="positions", verbose_name="人员"
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="positions", verbose_name="党组织"
    )
    post = models.CharField("职务", max_length=24, choices=Post.choices)
    start = models.DateField("任职日期", default=dt.date.today)
    end = models.DateField("免职日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    objects = PositionQuerySet.as_manager()
    scope_org_field = "organization"
    scope_person_field = "person"

    class Meta:
        ordering = ["organization__path", "post", "start"]
        verbose_name = verbose_name_plural = "职务"

    def __str__(self):
        return f"{self.organization} {self.get_post_display()} {self.person}"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "免职日期不能早于任职日期。"})
        if (
            self.post == Post.GROUP_LEADER
            and self.organization_id
            and self.organization.org_type != OrgType.GROUP
        ):
            raise ValidationError({"post": "党小组长只能在党小组任职。"})
        if (
            self.post == Post.STAFF
            and self.organization_id
            and self.organization.org_type != OrgType.DEPARTMENT
        ):
            raise ValidationError({"post": "部门工作人员只能在职能部门任职。"})

    @property
    def is_current(self):
        today = timezone.localdate()
        return (self.start is None or self.start <= today) and (self.end is None or self.end >= today)


class DualLeaderProfile(BaseModel):
    """教师党支部书记“双带头人”: the academic side of a teacher-branch secretary (plan 2)."""

    person = models.OneToOneField(
        "members.Person", models.CASCADE, related_name="dual_leader_profile", verbose_name="人员"
    )
    discipline_leader = models.BooleanField("学科（专业）带头人", default=False)
    teaching_committee = models.BooleanField("教学指导委员会委员", default=False)
    academic_committee = models.BooleanField("学术/学位委员会委员", default=False)
    high_level_talent = models.BooleanField("高层次人才", default=False)
    teaching_team_leader = models.BooleanField("教学科研团队负责人", default=False)
    projects = models.TextField("主持项目与成果", blank=True)
    note = models.TextField("备注", blank=True)

    scope_org_field = "person__organization"
    scope_person_field = "person"
    scope_module = "orgs"

    class Meta:
        verbose_name = verbose_name_plural = "双带头人档案"

    def __str__(self):
        return f"{self.person} 的双带头人档案"

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    @property
    def is_dual_leader(self):
        return any(
            [
                self.discipline_leader,
                self.teaching_committee,
                self.academic_committee,
                self.high_level_talent,
                self.teaching_team_leader,
            ]
        )
