"""The test world: org A (general branch) with branch A1 (and its group), sibling B with B1, users for each role.

校党委 ROOT ─┬─ 组织部 ZZB (department, modules ["*"])
             ├─ 宣传部 XCB (department, modules ["orglife"])
             ├─ A 党总支 ── A1 党支部 (teacher) ── A1-G 党小组
             └─ B 党总支 ── B1 党支部 (student)
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.test import Client

from accounts.models import User
from members.choices import PoliticalStatus
from members.models import Person
from orgs.choices import BranchCategory, OrgType, Post
from orgs.models import Organization, Position

PASSWORD = "pw-test-123"
ROLES = (
    "admin",
    "zzb",
    "xcb",
    "secretary_a",
    "secretary_a1",
    "committee_a1",
    "group_leader",
    "member_a1",
    "secretary_b1",
    "nobody",
)


@dataclass
class World:
    orgs: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)

    def client(self, role):
        client = Client()
        client.force_login(self.users[role])
        return client

    def __getattr__(self, name):
        for table in ("orgs", "users", "people"):
            if name in self.__dict__.get(table, {}):
                return self.__dict__[table][name]
        raise AttributeError(name)


@lru_cache(maxsize=1)
def password_hash():
    """One argon2 hash for every test user: hashing is deliberately slow, and the world is built per test."""
    return make_password(PASSWORD)


def person(name, org, status=PoliticalStatus.FULL_MEMBER, **extra):
    """A person saved through the service (so the membership history starts as in real use)."""
    from members.services import save_person

    return save_person(
        Person(
            name=name, gender=extra.pop("gender", "M"), organization=org, political_status=status, **extra
        ),
        None,
    )


def build_world() -> World:
    w = World()
    root = Organization.objects.add(None, name="测试学校党委", code="ROOT", org_type=OrgType.COMMITTEE)
    w.orgs["root"] = root
    w.orgs["zzb_dept"] = Organization.objects.add(
        root, name="组织部", code="ZZB", org_type=OrgType.DEPARTMENT, modules=["*"]
    )
    w.orgs["xcb_dept"] = Organization.objects.add(
        root, name="宣传部", code="XCB", org_type=OrgType.DEPARTMENT, modules=["orglife"]
    )
    w.orgs["a"] = Organization.objects.add(root, name="A系党总支", code="A", org_type=OrgType.GENERAL_BRANCH)
    w.orgs["b"] = Organization.objects.add(root, name="B系党总支", code="B", org_type=OrgType.GENERAL_BRANCH)
    w.orgs["a1"] = Organization.objects.add(
        w.orgs["a"],
        name="A系教工第一党支部",
        code="A1",
        org_type=OrgType.BRANCH,
        category=BranchCategory.TEACHER,
    )
    w.orgs["b1"] = Organization.objects.add(
        w.orgs["b"],
        name="B系学生第一党支部",
        code="B1",
        org_type=OrgType.BRANCH,
        category=BranchCategory.STUDENT,
    )
    w.orgs["a1g"] = Organization.objects.add(
        w.orgs["a1"], name="A1 第一党小组", code="A1-G", org_type=OrgType.GROUP
    )
    for key in list(w.orgs):
        w.orgs[key] = Organization.objects.get(pk=w.orgs[key].pk)

    def holder(role, org_key, post, person_org_key=None):
        p = person(f"{role}人员", w.orgs[person_org_key or org_key], staff_no=f"S-{role}")
        w.people[role] = p
        if post:
            Position.objects.create(person=p, organization=w.orgs[org_key], post=post)
        w.users[role] = User.objects.create(username=role, password=password_hash(), person=p)

    holder("zzb", "zzb_dept", Post.STAFF, "a1")
    holder("xcb", "xcb_dept", Post.STAFF, "b1")
    holder("secretary_a", "a", Post.SECRETARY, "a1")
    holder("secretary_a1", "a1", Post.SECRETARY)
    holder("committee_a1", "a1", Post.PUBLICITY_MEMBER)
    holder("group_leader", "a1g", Post.GROUP_LEADER, "a1")
    holder("member_a1", "a1", None)
    holder("secretary_b1", "b1", Post.SECRETARY)
    w.people["member_b1"] = person("B1党员", w.orgs["b1"], staff_no="S-member_b1")
    w.users["admin"] = User.objects.create(
        username="admin", password=password_hash(), is_superuser=True, is_staff=True
    )
    w.users["nobody"] = User.objects.create(username="nobody", password=password_hash())
    return w
