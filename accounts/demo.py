"""Demo positions and accounts: secretaries and committees filled, the five demo logins."""

import datetime as dt

from django.contrib.auth.hashers import make_password

from accounts.models import User
from members.choices import Gender, PersonCategory, PoliticalStatus
from members.models import Person
from orgs.choices import BRANCH_TYPES, OrgType, Post
from orgs.models import Organization, Position

DEMO_PASSWORD = "demo12345"
DEMO_LOGINS = [
    ("admin", "系统管理员（超级用户，可进入系统后台）"),
    ("zzb", "组织部工作人员：全校、全部模块"),
    ("zongzhi", "中文系党总支书记：本总支及下属支部"),
    ("zhibu", "中文系教工第一党支部书记：本支部及党小组"),
    ("dangyuan", "中文系教工第一党支部党员：本人信息"),
]


def load(ctx):
    if User.objects.filter(username="zzb").exists():
        ctx["log"]("  职务和账号已存在，跳过")
        return
    rng = ctx["rng"]
    start = dt.date(2023, 9, 1)
    positions = []
    by_org = {}
    for person in Person.objects.select_related("organization").order_by("pk"):
        by_org.setdefault(person.organization_id, []).append(person)
    orgs = list(Organization.objects.all())
    by_path = {o.path: o for o in orgs}
    taken = set()

    def pick(candidates, n=1):
        chosen = [
            p for p in candidates if p.pk not in taken and p.political_status == PoliticalStatus.FULL_MEMBER
        ][:n]
        taken.update(p.pk for p in chosen)
        return chosen

    for org in orgs:
        if org.org_type in BRANCH_TYPES:
            members = by_org.get(org.pk, [])
            full = [p for p in members if p.political_status == PoliticalStatus.FULL_MEMBER]
            posts = [Post.SECRETARY]
            if len(full) >= 7:
                posts += [Post.ORGANIZATION_MEMBER, Post.PUBLICITY_MEMBER] + (
                    [Post.DISCIPLINE_MEMBER] if rng.random() < 0.5 else []
                )
            elif len(full) >= 4:
                posts.append(Post.DEPUTY_SECRETARY)
            staff = sorted(members, key=lambda p: p.category != PersonCategory.STAFF)
            for post, person in zip(posts, pick(staff, len(posts)), strict=False):
                positions.append(Position(person=person, organization=org, post=post, start=start))
            for group in (o for o in orgs if o.org_type == OrgType.GROUP and o.path.startswith(org.path)):
                for person in pick(members, 1):
                    positions.append(
                        Position(person=person, organization=group, post=Post.GROUP_LEADER, start=start)
                    )
    for org in orgs:
        if org.org_type == OrgType.GENERAL_BRANCH:
            teachers = [
                p
                for o in orgs
                if o.path.startswith(org.path) and o.category == "teacher"
                for p in by_org.get(o.pk, [])
            ]
            for post, person in zip(
                [Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.ORGANIZER], pick(teachers, 3), strict=False
            ):
                positions.append(Position(person=person, organization=org, post=post, start=start))
    # department staff and school leaders come from the office branches
    office = [p for o in orgs if o.category == "office" for p in by_org.get(o.pk, [])]
    if not office:  # the small demo has no office branches: take staff from the teacher branches
        office = [
            p
            for o in orgs
            if o.category == "teacher" and not o.code.startswith("ZW")
            for p in by_org.get(o.pk, [])
        ]
    root = by_path[min(by_path)]
    for post, person in zip([Post.SECRETARY, Post.DEPUTY_SECRETARY], pick(office, 2), strict=False):
        positions.append(Position(person=person, organization=root, post=post, start=dt.date(2022, 6, 1)))
    for org in orgs:
        if org.org_type == OrgType.DEPARTMENT:
            for person in pick(office, 2):
                positions.append(Position(person=person, organization=org, post=Post.STAFF, start=start))
    Position.objects.bulk_create(positions, batch_size=500)

    # accounts: every secretary and department staff member (one hash shared: demo only)
    password = make_password(DEMO_PASSWORD)
    holders = {
        p.person_id
        for p in positions
        if p.post in (Post.SECRETARY, Post.STAFF, Post.DEPUTY_SECRETARY, Post.ORGANIZER)
    }
    people = {p.pk: p for p in Person.objects.filter(pk__in=holders)}
    User.objects.bulk_create(
        [User(username=people[pk].staff_no, person_id=pk, password=password) for pk in sorted(holders)],
        batch_size=500,
    )

    def named(username, person, **extra):
        User.objects.filter(person=person).delete()
        return User.objects.create(username=username, person=person, password=password, **extra)

    zzb = Position.objects.filter(organization__code="ZZB", post=Post.STAFF).select_related("person").first()
    named("zzb", zzb.person)
    zongzhi = Position.objects.get(organization__code="ZW", post=Post.SECRETARY)
    named("zongzhi", zongzhi.person)
    zhibu = Position.objects.get(organization__code="ZW-T1", post=Post.SECRETARY)
    named("zhibu", zhibu.person)
    member = (
        Person.objects.filter(organization__code="ZW-T1", political_status=PoliticalStatus.FULL_MEMBER)
        .exclude(pk__in=taken)
        .first()
    )
    named("dangyuan", member)
    admin_person = (
        Person.objects.filter(organization__code="JG-1").exclude(pk__in=taken).first()
        if not ctx["small"]
        else None
    )
    if admin_person is None:
        admin_person = Person.objects.create(
            name="系统管理员",
            gender=Gender.MALE,
            organization=root,
            category=PersonCategory.STAFF,
            staff_no="ADMIN",
        )
    User.objects.filter(username="admin").delete()
    User.objects.create(
        username="admin", person=admin_person, password=password, is_superuser=True, is_staff=True
    )
    ctx["log"](f"  职务 {len(positions)} 个，账号 {User.objects.count()} 个；演示密码 {DEMO_PASSWORD}")
