from django.db import models


class OrgType(models.TextChoices):
    COMMITTEE = "committee", "校党委"
    DEPARTMENT = "department", "职能部门"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"
    GROUP = "group", "党小组"
    FUNCTIONAL_BRANCH = "functional_branch", "功能型党组织"


BRANCH_TYPES = (OrgType.BRANCH, OrgType.FUNCTIONAL_BRANCH)


class BranchCategory(models.TextChoices):
    TEACHER = "teacher", "教工"
    STUDENT = "student", "学生"
    RETIRED = "retired", "离退休"
    OFFICE = "office", "机关"
    MIXED = "mixed", "混合"


class OrgStatus(models.TextChoices):
    ACTIVE = "active", "正常"
    DISSOLVED = "dissolved", "已撤销"


class Post(models.TextChoices):
    SECRETARY = "secretary", "书记"
    DEPUTY_SECRETARY = "deputy_secretary", "副书记"
    ORGANIZATION_MEMBER = "organization_member", "组织委员"
    PUBLICITY_MEMBER = "publicity_member", "宣传委员"
    DISCIPLINE_MEMBER = "discipline_member", "纪检委员"
    YOUTH_MEMBER = "youth_member", "青年委员"
    COMMITTEE_MEMBER = "committee_member", "委员"
    ORGANIZER = "organizer", "组织员"
    GROUP_LEADER = "group_leader", "党小组长"
    STAFF = "staff", "部门工作人员"


# Posts that sit on an organization's committee (支委会 / 总支委员会).
COMMITTEE_POSTS = (
    Post.SECRETARY,
    Post.DEPUTY_SECRETARY,
    Post.ORGANIZATION_MEMBER,
    Post.PUBLICITY_MEMBER,
    Post.DISCIPLINE_MEMBER,
    Post.YOUTH_MEMBER,
    Post.COMMITTEE_MEMBER,
)
