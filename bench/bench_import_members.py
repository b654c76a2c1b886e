"""Roster import (花名册): 10,000 rows on 10 branch sheets, preview + all-or-nothing commit, vs a bare openpyxl read.

The reference is a bare openpyxl read-only parse of the same file (every cell read once), so the ratio
shows what header detection, parsing, ID checks, encryption, database checks and bulk writes cost.
"""

import datetime as dt
import random
import tempfile
from pathlib import Path

from bench.common import Result, Timer, setup_django

ROWS = 10_000
SHEETS = 10


def make_roster(path, branches, idnumber):
    from openpyxl import Workbook

    rng = random.Random(7)
    wb = Workbook(write_only=True)
    per_sheet = ROWS // len(branches)
    n = 0
    for branch in branches:
        ws = wb.create_sheet(branch)
        ws.append([f"{branch}党员花名册"])
        ws.append(
            [
                "姓名",
                "性别",
                "民族",
                "出生年月",
                "公民身份号码",
                "学历",
                "人员类别",
                "入党时间",
                "转正时间",
                "手机号码",
                "工号或学号",
            ]
        )
        for _ in range(per_sheet):
            n += 1
            born = dt.date(1965, 1, 1) + dt.timedelta(days=n)  # distinct birth dates: distinct ID numbers
            joined = born + dt.timedelta(days=365 * 20 + rng.randrange(2000))
            ws.append(
                [
                    f"党员{n}",
                    rng.choice(["男", "女"]),
                    "汉族",
                    f"{born.year}.{born.month}",
                    idnumber.make("140902", born, n % 1000),
                    rng.choice(["本科", "硕士", "博士"]),
                    rng.choice(["教工", "学生"]),
                    joined.strftime("%Y年%m月%d日"),
                    (joined + dt.timedelta(days=365)).strftime("%Y-%m-%d"),
                    f"138{n:08d}",
                    f"B{n:06d}",
                ]
            )
    wb.save(path)


def bare_parse(path):
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for _ in row)
    wb.close()
    return cells


def run(args):
    setup_django()
    from members import idnumber
    from members.importers import PersonImporter
    from members.models import Person
    from orgs.choices import BranchCategory, OrgType
    from orgs.models import Organization

    root = Organization.objects.add(None, name="基准学校党委", code="BROOT", org_type=OrgType.COMMITTEE)
    branches = []
    for i in range(SHEETS):
        org = Organization.objects.add(
            root,
            name=f"基准第{i + 1}党支部",
            code=f"B{i}",
            org_type=OrgType.BRANCH,
            category=BranchCategory.MIXED,
        )
        branches.append(org.name)
    path = Path(tempfile.mkdtemp(prefix="bench-roster-")) / "roster.xlsx"
    make_roster(path, branches, idnumber)
    with Timer() as ref:
        bare_parse(path)
    with Timer() as preview:
        result = PersonImporter(user=None).run(path, commit=False)
    assert result.ok, result.errors[:5]
    with Timer() as commit:
        result = PersonImporter(user=None).run(path, commit=True)
    assert result.committed and Person.objects.count() == ROWS
    return [
        Result(
            f"import_members preview {ROWS} rows", preview.seconds, "openpyxl read-only parse", ref.seconds
        ),
        Result(
            f"import_members --commit {ROWS} rows",
            commit.seconds,
            "openpyxl read-only parse",
            ref.seconds,
            note="limit 60 s",
        ),
    ]
