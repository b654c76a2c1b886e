"""Demo school tree: 校党委, the notice's departments, 16 colleges' general branches with teacher and student branches."""

import datetime as dt

from orgs.choices import BranchCategory, OrgType
from orgs.models import Organization

SCHOOL = "中共晋北师范学院委员会"
DEPARTMENTS = [
    ("组织部", "ZZB", ["*"]),
    ("宣传部", "XCB", ["orglife", "showcase", "feedback"]),
    ("纪委办公室（纪检）", "JJ", ["talks", "evaluation"]),
    ("巡察办", "XCBAN", ["plans", "evaluation"]),
    ("党校", "DX", ["training", "development"]),
]
COLLEGES = [
    ("中文系", "ZW"),
    ("数学系", "SX"),
    ("物理系", "WL"),
    ("化学系", "HX"),
    ("生物系", "SW"),
    ("地理系", "DL"),
    ("历史系", "LS"),
    ("政法系", "ZF"),
    ("外语系", "WY"),
    ("音乐系", "YY"),
    ("美术系", "MS"),
    ("体育系", "TY"),
    ("教育系", "JY"),
    ("计算机系", "JSJ"),
    ("经济管理系", "JG"),
    ("马克思主义学院", "MY"),
]
GRADES = ["2022级", "2023级", "2024级", "2025级"]


def load(ctx):
    if Organization.objects.filter(code="XDW").exists():
        ctx["log"]("  组织体系已存在，跳过")
        ctx["existing"] = True
        return
    rng = ctx["rng"]
    today = dt.date.today()
    colleges = COLLEGES[:3] if ctx["small"] else COLLEGES
    root = Organization.objects.add(
        None,
        name=SCHOOL,
        short_name="校党委",
        code="XDW",
        org_type=OrgType.COMMITTEE,
        established=dt.date(1958, 9, 1),
        term_start=dt.date(2022, 6, 1),
        term_end=dt.date(2027, 5, 31),
    )
    for name, code, modules in DEPARTMENTS:
        Organization.objects.add(root, name=name, code=code, org_type=OrgType.DEPARTMENT, modules=modules)
    branches = []

    def add_branch(parent, name, code, category, n_groups=0):
        # terms: most current, a few ending within six months, a few already expired (ORG-TERM warnings)
        start = today - dt.timedelta(days=rng.choice([200, 400, 700, 950, 1000, 1150]))
        branch = Organization.objects.add(
            parent,
            name=name,
            short_name=name.replace("党支部", "支部"),
            code=code,
            org_type=OrgType.BRANCH,
            category=category,
            established=start - dt.timedelta(days=rng.randint(400, 3000)),
            term_start=start,
            term_end=start.replace(year=start.year + 3) - dt.timedelta(days=1),
        )
        for g in range(n_groups):
            Organization.objects.add(
                branch, name=f"{name}第{'一二三'[g]}党小组", code=f"{code}-G{g + 1}", org_type=OrgType.GROUP
            )
        branches.append(branch)
        return branch

    for index, (college, code) in enumerate(colleges, start=1):
        gb = Organization.objects.add(
            root,
            name=f"{college}党总支",
            short_name=college,
            code=f"{code}",
            org_type=OrgType.GENERAL_BRANCH,
            established=dt.date(2000 + index % 10, 9, 1),
            term_start=dt.date(2023, 9, 1),
            term_end=dt.date(2026, 8, 31) if index % 5 == 0 else dt.date(2028, 8, 31),
        )
        n_teacher = 2 if ctx["small"] else rng.choice([3, 3, 4])
        for t in range(n_teacher):
            add_branch(
                gb,
                f"{college}教工第{'一二三四'[t]}党支部",
                f"{code}-T{t + 1}",
                BranchCategory.TEACHER,
                n_groups=2 if t == 0 else 0,
            )
        grades = GRADES[:2] if ctx["small"] else GRADES
        for g, grade in enumerate(grades, start=1):
            add_branch(gb, f"{college}{grade}学生党支部", f"{code}-S{g}", BranchCategory.STUDENT)
        if not ctx["small"]:
            add_branch(
                gb,
                f"{college}研究生党支部" if index % 4 == 0 else f"{college}学生第五党支部",
                f"{code}-S5",
                BranchCategory.STUDENT,
            )
            if index % 4 == 1:
                Organization.objects.add(
                    gb,
                    name=f"{college}学生公寓功能型党支部",
                    code=f"{code}-F1",
                    org_type=OrgType.FUNCTIONAL_BRANCH,
                    category=BranchCategory.STUDENT,
                    established=dt.date(2024, 3, 1),
                )
    if not ctx["small"]:
        for i, name in enumerate(
            ["机关第一党支部", "机关第二党支部", "机关第三党支部", "图书馆党支部"], start=1
        ):
            add_branch(root, name, f"JG-{i}", BranchCategory.OFFICE, n_groups=1)
        for i in (1, 2):
            add_branch(root, f"离退休第{'一二'[i - 1]}党支部", f"LT-{i}", BranchCategory.RETIRED)
    ctx["root"] = root
    ctx["log"](f"  党组织 {Organization.objects.count()} 个，其中党支部 {len(branches)} 个")
