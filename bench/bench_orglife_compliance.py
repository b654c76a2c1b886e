"""组织生活合规：省级规模（15,000 个党组织、一年 400,000 次会议）在 PostgreSQL 上按季度计算全省/全校合规，对比原始 SQL 聚合。"""

import datetime as dt
import random

from bench.common import Result, Timer, postgres_url, setup_django

SCHOOLS, GENERAL_BRANCHES, BRANCHES = 60, 25, 9  # 1 + 60 + 1,500 + 13,500 = 15,061 organizations
MEETINGS = 400_000
YEAR = 2025
TYPES = ["theme_day", "committee_meeting", "general_meeting", "party_lecture", "group_meeting"]
WEIGHTS = [12, 12, 4, 4, 6]


def build_tree():
    """Organizations with treebeard paths computed directly (one bulk insert)."""
    from orgs.models import Organization

    def path(parent, n):
        return Organization._get_path(parent, len(parent) // Organization.steplen + 1 if parent else 1, n)

    orgs, branches = [], []

    def add(parent_path, n, **fields):
        p = path(parent_path, n)
        org = Organization(path=p, depth=len(p) // Organization.steplen, numchild=0, **fields)
        orgs.append(org)
        return org

    root = add("", 1, name="省委教育工委", code="P", org_type="committee")
    root.numchild = SCHOOLS
    for s in range(1, SCHOOLS + 1):
        school = add(root.path, s, name=f"第{s}学校党委", code=f"S{s}", org_type="committee")
        school.numchild = GENERAL_BRANCHES
        for g in range(1, GENERAL_BRANCHES + 1):
            gb = add(school.path, g, name=f"第{s}校第{g}党总支", code=f"S{s}G{g}", org_type="general_branch")
            gb.numchild = BRANCHES
            for b in range(1, BRANCHES + 1):
                branches.append(
                    add(
                        gb.path,
                        b,
                        name=f"第{s}校{g}总支{b}支部",
                        code=f"S{s}G{g}B{b}",
                        org_type="branch",
                        category="teacher" if b <= 3 else "student",
                    )  # fmt: skip
                )
    Organization.objects.bulk_create(orgs, batch_size=5000)
    return root, Organization.objects.filter(org_type="branch").values_list("id", flat=True)


def load_meetings(branch_ids):
    """400,000 meetings in the year through COPY, random types and days (so most branches miss some slot)."""
    from django.db import connection

    rng = random.Random(20230628)
    ids = list(branch_ids)
    now = dt.datetime(YEAR, 12, 31, 12, 0, tzinfo=dt.UTC)
    columns = ("created, updated, organization_id, meeting_type, also_counts_as, held_on, topic, place, invitees, "
               "content, decisions, photo, attachment, expected_count, present_count, quorum_met, status, "
               "return_reason, is_public")  # fmt: skip
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY orglife_meeting ({columns}) FROM STDIN") as copy:
            for _ in range(MEETINGS):
                kind = rng.choices(TYPES, WEIGHTS)[0]
                day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(365))
                copy.write_row((now, now, rng.choice(ids), kind, "", day, "学习", "", "", "内容", "", "", "", 10, 9,
                                True, "approved", "", False))  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE orglife_meeting")
        cursor.execute("ANALYZE orgs_organization")


RAW = """
SELECT m.organization_id, m.meeting_type, EXTRACT(YEAR FROM m.held_on), EXTRACT(MONTH FROM m.held_on), COUNT(*)
FROM orglife_meeting m JOIN orgs_organization o ON o.id = m.organization_id
WHERE o.path LIKE %s AND m.held_on BETWEEN %s AND %s AND m.quorum_met
GROUP BY 1, 2, 3, 4
"""


def run(args):
    url = postgres_url("dangjian_bench_orglife")
    setup_django(url)
    from django.db import connection

    from orglife import compliance, rules
    from orgs.models import Organization

    with Timer() as t_build:
        root, branch_ids = build_tree()
        load_meetings(branch_ids)
    note = f"{Organization.objects.count()} 个党组织，{MEETINGS} 次会议，装载 {t_build.seconds:.0f} 秒"
    period = rules.parse_period(f"{YEAR}Q2")
    on = dt.date(YEAR + 1, 1, 1)
    out = []
    for label, top in (("全省", root), ("一所学校", Organization.objects.get(code="S1"))):
        top = Organization.objects.get(pk=top.pk)
        compliance.compute(top, period, on)  # warm the caches the same way for both
        with Timer() as t_ours:
            results = compliance.compute(top, period, on)
        with connection.cursor() as cursor, Timer() as t_raw:
            # the raw aggregate over the same whole-year window compute() reads (year rules see the whole year)
            cursor.execute(RAW, [top.path + "%", dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)])
            rows = cursor.fetchall()
        failing = sum(1 for r in results if not r.compliant)
        out.append(
            Result(
                f"orglife 季度合规（{label}，{len(results)} 个组织）",
                t_ours.seconds,
                "原始 SQL 聚合",
                t_raw.seconds,
                f"{note}；未达标 {failing} 个；聚合 {len(rows)} 行",
            )
        )
    return out
