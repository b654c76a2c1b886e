"""Demo people: made-up Chinese names, 工号/学号, valid-checksum made-up ID numbers, every political status."""

import datetime as dt

from members import idnumber
from members.choices import Education, PersonCategory, PoliticalStatus
from members.models import OrgMembership, Person
from orgs.choices import BranchCategory, OrgType
from orgs.models import Organization

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞斌宇浩凯建国志成晨欣怡佳琪雪梅子涵思雨嘉博文轩宁丹婷琳慧晓蕾翔旭东海波辉亮健锋永光春晖新悦"
REGIONS = ["140902", "140921", "140922", "140923", "140981", "140925", "140926", "140930"]
TITLES = ["教授", "副教授", "讲师", "助教", "副研究员", "实验师"]
OFFICE_TITLES = ["科长", "副科长", "科员", "馆员", "副处长"]


def _name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


def _student_status(rng):
    return rng.choices(
        [
            PoliticalStatus.MASSES,
            PoliticalStatus.APPLICANT,
            PoliticalStatus.ACTIVIST,
            PoliticalStatus.CANDIDATE,
            PoliticalStatus.PROBATIONARY,
            PoliticalStatus.FULL_MEMBER,
        ],
        weights=[2, 5, 5, 2, 3, 5],
    )[0]


def load(ctx):
    if Person.objects.exists():
        ctx["log"]("  人员已存在，跳过")
        return
    rng = ctx["rng"]
    today = dt.date.today()
    people, seq, used = [], {"T": 10000, "S": 0}, set()
    branches = list(
        Organization.objects.filter(org_type__in=[OrgType.BRANCH, OrgType.FUNCTIONAL_BRANCH]).order_by("path")
    )
    colleges = {o.path: o for o in Organization.objects.filter(org_type=OrgType.GENERAL_BRANCH)}
    big_branch_done = small_branch_done = False
    for branch in branches:
        college = colleges.get(branch.path[:8])
        unit = college.short_name if college else branch.name.replace("党支部", "")
        student = branch.category == BranchCategory.STUDENT
        retired = branch.category == BranchCategory.RETIRED
        size = rng.randint(18, 26) if student else rng.randint(12, 22)
        if branch.org_type == OrgType.FUNCTIONAL_BRANCH:
            size = rng.randint(6, 9)
        # one oversized and one undersized branch, so the structure warnings (ORG-BRANCH) show on real data
        if not big_branch_done and not student and not retired and college and not ctx["small"]:
            size, big_branch_done = 56, True
        elif not small_branch_done and student and branch.code.endswith("S5"):
            size, small_branch_done = 4, True
        for _ in range(size):
            gender = rng.choice("MF")
            if student:
                born = dt.date(rng.randint(2002, 2007), rng.randint(1, 12), rng.randint(1, 28))
                status = _student_status(rng)
                category, education, title = PersonCategory.STUDENT, "", ""
                seq["S"] += 1
                staff_no = f"20{rng.randint(22, 25)}{seq['S']:06d}"
            elif retired:
                born = dt.date(rng.randint(1940, 1962), rng.randint(1, 12), rng.randint(1, 28))
                status, category, education, title = (
                    PoliticalStatus.FULL_MEMBER,
                    PersonCategory.RETIRED,
                    Education.BACHELOR,
                    "退休教师",
                )
                seq["T"] += 1
                staff_no = f"T{seq['T']}"
            else:
                born = dt.date(rng.randint(1964, 1997), rng.randint(1, 12), rng.randint(1, 28))
                status = rng.choices(
                    [
                        PoliticalStatus.FULL_MEMBER,
                        PoliticalStatus.PROBATIONARY,
                        PoliticalStatus.ACTIVIST,
                        PoliticalStatus.APPLICANT,
                    ],
                    weights=[16, 1, 1, 1],
                )[0]
                category = PersonCategory.STAFF
                education = rng.choice(
                    [Education.DOCTOR, Education.MASTER, Education.MASTER, Education.BACHELOR]
                )
                title = rng.choice(OFFICE_TITLES if branch.category == BranchCategory.OFFICE else TITLES)
                seq["T"] += 1
                staff_no = f"T{seq['T']}"
            joined = full = None
            if status in (PoliticalStatus.PROBATIONARY, PoliticalStatus.FULL_MEMBER):
                earliest = born.replace(year=born.year + 18) + dt.timedelta(days=200)
                if status == PoliticalStatus.PROBATIONARY:
                    joined = today - dt.timedelta(days=rng.randint(30, 360))
                else:
                    span = max((today - earliest).days - 400, 1)
                    joined = earliest + dt.timedelta(days=rng.randint(0, span))
                    full = (
                        joined.replace(year=joined.year + 1)
                        if not (joined.month == 2 and joined.day == 29)
                        else joined + dt.timedelta(days=365)
                    )
            region = rng.choice(REGIONS)
            number = idnumber.make(region, born, rng.randint(0, 499) * 2 + (1 if gender == "M" else 0))
            while number in used:
                number = idnumber.make(region, born, (int(number[14:17]) + 2) % 1000)
            used.add(number)
            people.append(
                Person(
                    name=_name(rng),
                    gender=gender,
                    ethnicity="汉族" if rng.random() > 0.04 else rng.choice(["回族", "蒙古族", "满族"]),
                    birth_date=born,
                    id_number_cipher=idnumber.encrypt(number),
                    id_number_hash=idnumber.lookup_hash(number),
                    phone=f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}",
                    staff_no=staff_no,
                    category=category,
                    education=education,
                    title=title,
                    unit=unit,
                    organization=branch,
                    political_status=status,
                    joined_on=joined,
                    full_member_on=full,
                )
            )
    Person.objects.bulk_create(people, batch_size=500, ignore_conflicts=False)
    people = list(Person.objects.all().only("id", "organization_id", "joined_on"))
    OrgMembership.objects.bulk_create(
        [
            OrgMembership(
                person_id=p.id,
                organization_id=p.organization_id,
                start=p.joined_on or dt.date(2023, 9, 1),
                reason="建库",
            )
            for p in people
        ],
        batch_size=500,
    )
    ctx["log"](f"  人员 {len(people)} 人")
