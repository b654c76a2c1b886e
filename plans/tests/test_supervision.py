import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans import services
from plans.models import ProgressReport
from plans.tests.factories import make_plan, make_task

D = dt.date


def finish(assignment, world, on):
    report = services.submit_report(
        ProgressReport(assignment=assignment, text="完成", percent=100, finished=True, reported_on=on),
        None,
        on=on,
    )
    services.review_report(report, world.users["zzb"], accept=True, on=on)


def school_plan(world):
    """Three tasks for A and B: A finishes one in Q3, B's one-off becomes overdue, the ongoing one goes on."""
    plan = make_plan(world, title="书记能力提升计划", issued_on=D(2023, 6, 28))
    first = make_task(world, plan=plan, number=1, title="修订议事规则", units=[("a", "lead"), ("b", "lead")])
    make_task(
        world, plan=plan, number=2, title="讲党课", deadline="长期坚持", units=[("a", "lead"), ("b", "lead")]
    )
    make_task(world, plan=plan, number=3, title="年度要点", deadline="2023年12月", units=[("a", "lead")])
    finish(first.assignments.get(organization=world.a), world, D(2023, 9, 20))
    services.sweep_overdue(D(2023, 10, 1))
    return plan


def test_supervision_notice_docx_lists_units_and_counts(world):
    import docx

    school_plan(world)
    response = world.client("zzb").get(
        "/plans/supervision-notice/", {"start": "2023-07-01", "end": "2023-09-30"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本期办结 1 项，正在推进 1 项，逾期未完成 3 项" in text
    table = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert table[0] == ["责任单位", "本期办结", "正在推进", "逾期未完成"]
    # A: 修订议事规则 done; 讲党课 missed Q3 (overdue); 年度要点 still in progress (due 2023-12-31)
    # B: 修订议事规则 overdue (due 2023-09-30), 讲党课 overdue
    assert table[1:] == [["A系党总支", "1", "1", "1"], ["B系党总支", "0", "0", "2"]]
    assert "修订议事规则" in text and "完成于 2023-09-20" in text


def test_notice_for_a_unit_only_covers_its_own_work(world):
    import docx

    school_plan(world)
    response = world.client("secretary_a").get(
        "/plans/supervision-notice/", {"start": "2023-07-01", "end": "2023-09-30"}
    )
    document = docx.Document(io.BytesIO(response.content))
    names = [row.cells[0].text for row in document.tables[0].rows[1:]]
    assert names == ["A系党总支"]
    assert world.client("nobody").get("/plans/supervision-notice/").status_code == 403


def test_dashboard_counts_and_charts(world):
    school_plan(world)
    response = world.client("zzb").get("/plans/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-chart-json="chart-unit"' in body and "<script>" not in body.replace('<script id="', "")
    context = response.context
    assert context["totals"] == {"total": 5, "done": 1, "overdue": 3, "pending": 0}
    units = {row["organization__name"]: (row["open"], row["overdue"]) for row in context["by_unit"]}
    assert units == {"A系党总支": (2, 1), "B系党总支": (2, 2)}
    assert world.client("nobody").get("/plans/").status_code == 403


def test_dashboard_of_a_branch_shows_only_its_assignments(world):
    school_plan(world)
    response = world.client("secretary_a").get("/plans/")
    assert response.context["totals"]["total"] == 3


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_data(world):
    plan = make_plan(world, issued_on=D(2023, 6, 28))

    def add(n):
        for i in range(n):
            task = make_task(
                world, plan=plan, units=[("a", "lead"), ("b", "co"), ("a1", "co")], title=f"任务{i}"
            )
            services.submit_report(
                ProgressReport(assignment=task.assignments.first(), text="x"), None, on=D(2023, 8, 1)
            )

    client = world.client("zzb")
    urls = ["/plans/", "/plans/assignments/", "/plans/tasks/", "/plans/plans/", f"/plans/plans/{plan.pk}/"]
    add(2)
    small = [_queries(client, u) for u in urls]
    add(12)
    large = [_queries(client, u) for u in urls]
    assert small == large
    assignment = plan.tasks.first().assignments.first()
    assert _queries(client, f"/plans/assignments/{assignment.pk}/") < 20


def test_letter_coverage_lists_who_has_not_signed(world):
    from plans.models import ResponsibilityLetter

    services.save_letter(
        ResponsibilityLetter(
            organization=world.a, year=2026, signer="甲", superior_signer="乙", signed_on=D(2026, 3, 1)
        ),
        None,
    )
    response = world.client("zzb").get("/plans/letters/coverage/", {"year": 2026})
    missing = {org.code for org in response.context["missing"]}
    assert missing == {"B", "A1", "B1"} and response.context["signed"] == 1
    response = world.client("secretary_a").get("/plans/letters/coverage/", {"year": 2026})
    assert {org.code for org in response.context["missing"]} == {"A1"}


def test_review_through_the_page(world):
    plan = make_plan(world)
    task = make_task(world, plan=plan, units=[("a", "lead")])
    assignment = task.assignments.get()
    response = world.client("secretary_a").post(
        f"/plans/reports/add/?assignment={assignment.pk}",
        {
            "assignment": assignment.pk,
            "text": "议事规则已报组织部备案",
            "reported_on": "2023-09-01",
            "percent": 100,
            "finished": "on",
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    # the unit itself may not review; the issuing department may
    world.client("secretary_a").post(f"/plans/reports/{report.pk}/review/", {"decision": "accepted"})
    report.refresh_from_db()
    assert report.status == "submitted"
    world.client("zzb").post(
        f"/plans/reports/{report.pk}/review/", {"decision": "accepted", "comment": "同意"}
    )
    assignment.refresh_from_db()
    assert assignment.status == "done"
    page = world.client("secretary_a").get(assignment.get_absolute_url()).content.decode()
    assert "已通过" in page and "同意" in page


def test_action_pages_out_of_scope_are_404_without_role_403(world):
    plan_b = make_plan(world, "b")
    task_b = make_task(world, plan=plan_b, units=[("b1", "lead")])
    report_b = services.submit_report(
        ProgressReport(assignment=task_b.assignments.get(), text="x"), None, on=D(2023, 8, 1)
    )
    client = world.client("secretary_a")
    assert (
        client.post(
            f"/plans/tasks/{task_b.pk}/resolve-units/", {"units": [world.a.pk], "role": "lead"}
        ).status_code
        == 404
    )
    assert client.post(f"/plans/reports/{report_b.pk}/review/", {"decision": "accepted"}).status_code == 404
    report_b.refresh_from_db()
    assert report_b.status == "submitted" and task_b.assignments.count() == 1
    nobody = world.client("nobody")
    assert nobody.post(f"/plans/reports/{report_b.pk}/review/", {"decision": "accepted"}).status_code == 403
    assert nobody.get("/plans/letters/coverage/").status_code == 403


def test_resolve_units_after_import(world):
    task = make_task(world, units=[("zzb_dept", "lead")])
    task.unresolved_units = "相关部门"
    task.save()
    response = world.client("zzb").post(
        f"/plans/tasks/{task.pk}/resolve-units/", {"units": [world.xcb_dept.pk], "role": "co"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.unresolved_units == ""
    assert dict(task.assignments.values_list("organization__code", "role")) == {"ZZB": "lead", "XCB": "co"}
