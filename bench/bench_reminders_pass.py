"""Daily reminder pass over the province tier (15,000 orgs with positions) on PostgreSQL: time and query count.

Builds root → universities (校党委) → 党总支 → 党支部 with a secretary, an organization member and
a committee member per branch and a secretary and an organizer per 党总支, registers two rules (a term
rule for a third of the branches, a per-quarter rule for every branch), then runs the pass three times:
the first run (everything new), a second run the same day (nothing to send) and the next day. The
reference is the bare SQL that lists the due items with their recipients (no inbox, no de-duplication).
"""

import datetime as dt
import os

from bench.common import Result, Timer, postgres_url, setup_django

SIZES = {"school": (2, 10, 9), "province": (150, 10, 9)}  # universities × general branches × branches


def _path(*steps):
    from orgs.models import Organization

    return "".join(Organization._int2str(step).rjust(Organization.steplen, "0") for step in steps)


def build(universities, generals, branches, on):
    """Bulk-build the tree, people and positions; returns the number of organizations."""
    from members.models import Person
    from orgs.models import Organization, Position

    orgs = [
        Organization(
            name="省委教育工委",
            code="ROOT",
            org_type="committee",
            path=_path(1),
            depth=1,
            numchild=universities + 1,
        )
    ]
    orgs.append(
        Organization(
            name="组织部", code="ZZB", org_type="department", modules=["*"], path=_path(1, 1), depth=2
        )
    )
    term_end = on + dt.timedelta(days=90)
    for u in range(universities):
        orgs.append(
            Organization(
                name=f"第{u}大学党委",
                code=f"U{u}",
                org_type="committee",
                path=_path(1, u + 2),
                depth=2,
                numchild=generals,
            )
        )
        for g in range(generals):
            orgs.append(
                Organization(
                    name=f"第{u}大学{g}系党总支",
                    code=f"U{u}G{g}",
                    org_type="general_branch",
                    path=_path(1, u + 2, g + 1),
                    depth=3,
                    numchild=branches,
                )
            )
            for b in range(branches):
                orgs.append(
                    Organization(
                        name=f"第{u}大学{g}系第{b}党支部",
                        code=f"U{u}G{g}B{b}",
                        org_type="branch",
                        category="teacher",
                        path=_path(1, u + 2, g + 1, b + 1),
                        depth=4,
                        term_end=term_end if b % 3 == 0 else None,
                    )
                )
    Organization.objects.bulk_create(orgs, batch_size=2000)
    saved = list(Organization.objects.values_list("id", "org_type"))
    plan = {
        "branch": ["secretary", "organization_member", "publicity_member"],
        "general_branch": ["secretary", "organizer"],
    }
    plan["department"] = ["staff", "staff"]
    people, posts = [], []
    for org_id, org_type in saved:
        for post in plan.get(org_type, []):
            people.append(Person(name=f"人员{len(people)}", gender="M", organization_id=org_id))
            posts.append((org_id, post))
    Person.objects.bulk_create(people, batch_size=2000)
    Position.objects.bulk_create(
        [
            Position(person_id=p.pk, organization_id=org_id, post=post, start=on - dt.timedelta(days=400))
            for p, (org_id, post) in zip(people, posts, strict=True)
        ],
        batch_size=2000,
    )
    return len(orgs)


def register_rules():
    from core import reminders as contract
    from orgs.models import Organization

    contract.discover()
    contract.RULES.clear()  # measure the engine with known rules only

    @contract.reminder_rule("BENCH-TERM", label="换届提醒", module="orgs")
    def term(on):
        for org_id, name, end in Organization.objects.filter(
            org_type="branch", term_end__isnull=False, term_end__lte=on + dt.timedelta(days=183)
        ).values_list("id", "name", "term_end"):
            yield contract.DueItem(
                rule="BENCH-TERM",
                organization_id=org_id,
                key=f"org:{org_id}",
                title=f"{name} 任期将于 {end} 届满",
                due=end,
                recipients=(contract.SECRETARY, contract.PARENT_SECRETARY),
                period=str(end),
            )

    @contract.reminder_rule("BENCH-QUARTER", label="季度组织生活", module="orglife")
    def quarter(on):
        from notices.when import quarter as quarter_of

        label, end = quarter_of(on)
        for org_id, name in Organization.objects.filter(org_type="branch").values_list("id", "name"):
            yield contract.DueItem(
                rule="BENCH-QUARTER",
                organization_id=org_id,
                key=f"org:{org_id}",
                title=f"{name} {label} 党课尚未记录",
                due=end,
                recipients=(contract.COMMITTEE,),
                period=label,
            )


REFERENCE_SQL = """
SELECT o.id, o.name, p.person_id
FROM orgs_organization o
JOIN orgs_position p ON p.organization_id = o.id
WHERE o.org_type = 'branch' AND o.status = 'active'
  AND p.post IN ('secretary', 'deputy_secretary', 'organization_member', 'publicity_member',
                 'discipline_member', 'youth_member', 'committee_member')
  AND (p.start IS NULL OR p.start <= %s) AND (p.end IS NULL OR p.end >= %s)
"""


def run(args):
    url = postgres_url("dangjian_bench_reminders")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    setup_django(url)
    from auditlog.context import disable_auditlog
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from notices.engine import run_daily_pass
    from notices.models import Message

    on = dt.date(2026, 11, 2)
    with disable_auditlog():
        with Timer() as t_build:
            count = build(*SIZES[args.scale], on)
    print(f"   built {count} organizations in {t_build.seconds:.1f} s", flush=True)
    register_rules()
    with Timer() as ref, connection.cursor() as cursor:
        cursor.execute(REFERENCE_SQL, [on, on])
        reference_rows = len(cursor.fetchall())
    results = []
    for label, day in (
        ("first run", on),
        ("second run, same day", on),
        ("next day", on + dt.timedelta(days=1)),
    ):
        with CaptureQueriesContext(connection) as queries, Timer() as timer:
            result = run_daily_pass(day)
        results.append(
            Result(
                f"reminder pass {args.scale} ({label})",
                timer.seconds,
                "bare SQL due list",
                ref.seconds,
                f"{len(queries.captured_queries)} queries; {result.items} items, {result.targets} reminders, "
                f"{len(result.created)} new, {len(result.digests)} digests; {Message.objects.count()} in inboxes; "
                f"reference rows {reference_rows}",
            )
        )
    return results
