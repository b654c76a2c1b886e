import json

import pytest
from django.core.management import CommandError, call_command

from core.importing import ImportFileError
from orgs.choices import OrgType
from orgs.models import Organization
from plans.importers import TaskBreakdownImporter, parsed_rows
from plans.models import Assignment, Plan, Task
from plans.tests.helpers import EXPECTED, FIXTURE_DOCX, HEADER, KEYS, split_docx, write, xlsx_bytes


def as_written(result):
    return [{k: row[k] for k in KEYS} for row in parsed_rows(result)]


def nothing_written():
    return not Plan.objects.exists() and not Task.objects.exists() and not Assignment.objects.exists()


@pytest.fixture
def departments(world):
    """The units the table names that the test world lacks."""
    for name, code in (("纪委办公室", "JW"), ("巡察办", "XC"), ("党校", "DX")):
        Organization.objects.add(
            world.root, name=name, code=code, org_type=OrgType.DEPARTMENT, modules=["plans"]
        )
    return world


def test_fixture_parses_exactly_to_expected_json(db):
    result = TaskBreakdownImporter().read(FIXTURE_DOCX)
    assert result.ok, result.errors
    assert as_written(result) == EXPECTED


def test_fixture_commit_writes_plan_tasks_and_fans_out(departments):
    world = departments
    importer = TaskBreakdownImporter(user=world.users["zzb"])
    result = importer.run(FIXTURE_DOCX, commit=True)
    assert result.committed and result.written == 30
    plan = Plan.objects.get()
    assert plan.doc_number == "组函字〔2023〕29号"
    assert plan.title == "高校院（系）党组织书记政治能力提升计划"
    assert plan.organization == world.zzb_dept  # issuer …组织部 → the 组织部 department
    assert plan.document.name.endswith(".docx") and plan.document.size == FIXTURE_DOCX.stat().st_size
    assert Task.objects.filter(ongoing=True).count() == sum(r["deadline"] == "长期坚持" for r in EXPECTED)
    # 一.2 "中层党组织" → one assignment per general branch (A and B), nothing else
    task = Task.objects.get(section__startswith="一", number=2)
    assert task.due_date.isoformat() == "2023-09-30"  # PLAN-DEADLINE: end of the month
    assert set(task.assignments.values_list("organization__code", flat=True)) == {"A", "B"}
    # 二.4 "组织部 (纪检、巡察办)": 组织部 leads, 纪检 (纪委办公室) and 巡察办 co-responsible
    task = Task.objects.get(section__startswith="二", number=4)
    roles = dict(task.assignments.values_list("organization__code", "role"))
    assert roles == {"ZZB": "lead", "JW": "co", "XC": "co"}
    # 二.1 "组织部 (党校) 相关部门": the vague unit is kept for the admin
    task = Task.objects.get(section__startswith="二", number=1)
    assert task.unresolved_units == "相关部门"
    assert dict(task.assignments.values_list("organization__code", "role")) == {"ZZB": "lead", "DX": "co"}
    assert any("相关部门" in w for w in importer.warnings)


def test_split_tables_with_blank_continuation_sections(db, tmp_path):
    path = write(tmp_path, "split.docx", split_docx(per_table=7))
    importer = TaskBreakdownImporter()
    result = importer.read(path)
    assert result.ok, result.errors
    assert as_written(result) == EXPECTED
    assert importer.meta["plan_title"] == "测试计划" and importer.meta["doc_number"] == "组函字〔2023〕29号"


def test_repeated_header_row_inside_a_table_is_skipped(db, tmp_path):
    def mutate(row, values):
        return HEADER if row["number"] == 3 and row["section"].startswith("三") else values

    rows = [r for r in EXPECTED]
    path = write(tmp_path, "rep.docx", split_docx(rows, per_table=40, mutate=mutate))
    result = TaskBreakdownImporter().read(path)
    assert result.ok
    assert len(result.rows) == 29  # the row replaced by a header is dropped, nothing else


def test_xlsx_with_title_row_columns_in_any_order_and_number_column(db, tmp_path):
    result = TaskBreakdownImporter().read(write(tmp_path, "t.xlsx", xlsx_bytes()))
    assert result.ok, result.errors
    assert as_written(result) == EXPECTED


def test_xlsx_without_number_column_takes_numbers_from_titles(db, tmp_path):
    order = ("工作任务", "主要内容", "责任单位", "完成时限", "工作举措")
    result = TaskBreakdownImporter().read(write(tmp_path, "t.xlsx", xlsx_bytes(order=order, title=False)))
    assert result.ok, result.errors
    assert as_written(result) == EXPECTED


def test_missing_column_is_named_and_nothing_written(world, tmp_path):
    order = ("序号", "主要内容", "工作任务", "工作举措", "完成时限")
    result = TaskBreakdownImporter().run(write(tmp_path, "t.xlsx", xlsx_bytes(order=order)), commit=True)
    assert not result.ok and not result.committed
    assert any("责任单位" in e.column and "缺少必需的列" in e.reason for e in result.errors)
    assert nothing_written()


def test_bad_deadline_names_row_and_value(world, tmp_path):
    def mutate(row, values):
        if row["section"].startswith("一") and row["number"] == 2:
            values[4] = "2023年13月"
        return values

    result = TaskBreakdownImporter().run(write(tmp_path, "bad.docx", split_docx(mutate=mutate)), commit=True)
    assert not result.committed and len(result.errors) == 1
    error = result.errors[0]
    assert error.column == "完成时限" and "2023年13月" in error.reason and "月份 13 不存在" in error.reason
    assert error.sheet == "表格1" and error.row == 3
    assert nothing_written()


def test_extra_column_is_refused(world, tmp_path):
    order = ("序号", "主要内容", "工作任务", "责任单位", "工作举措", "完成时限", "备注")
    result = TaskBreakdownImporter().run(write(tmp_path, "t.xlsx", xlsx_bytes(order=order)), commit=True)
    assert not result.ok and "备注" in result.errors[0].column and "无法识别的列" in result.errors[0].reason
    assert nothing_written()


def test_empty_table_and_random_bytes(world, tmp_path):
    result = TaskBreakdownImporter().run(write(tmp_path, "empty.docx", split_docx(rows=[])), commit=True)
    assert not result.ok and "没有任务行" in result.errors[0].reason
    with pytest.raises(ImportFileError, match="不是 Word"):
        TaskBreakdownImporter().run(write(tmp_path, "random.docx", b"\x00\x13garbage" * 100), commit=True)
    with pytest.raises(ImportFileError, match="不是 Word"):
        TaskBreakdownImporter().run(write(tmp_path, "empty.xlsx", b""), commit=True)
    assert nothing_written()


def test_command_json_prints_expected_keys_and_writes_nothing(world, capsys):
    call_command("import_task_breakdown", str(FIXTURE_DOCX), "--json")
    rows = json.loads(capsys.readouterr().out)
    assert [{k: r[k] for k in KEYS} for r in rows] == EXPECTED
    assert rows[0]["due_date"] == "2023-09-30" and rows[4]["ongoing"] is True
    assert rows[1]["lead_units"] == ["A系党总支", "B系党总支"]
    assert nothing_written()


def test_command_commit_and_bad_files_exit_nonzero(world, tmp_path):
    call_command("import_task_breakdown", str(FIXTURE_DOCX), "--commit", "--plan-title", "书记能力提升计划")
    assert Plan.objects.get().title == "书记能力提升计划" and Task.objects.count() == 30

    def bad_deadline(row, values):
        values[4] = "2023年13月" if row["number"] == 1 else values[4]
        return values

    cases = [
        (write(tmp_path, "x.docx", b"random bytes"), "不是 Word"),
        (write(tmp_path, "bad.docx", split_docx(mutate=bad_deadline)), "2023年13月"),
        (
            write(tmp_path, "m.xlsx", xlsx_bytes(order=("序号", "工作任务", "责任单位", "工作举措"))),
            "完成时限",
        ),
        (write(tmp_path, "e.docx", split_docx(rows=[])), "没有任务行"),
    ]
    for path, text in cases:
        with pytest.raises(CommandError, match=text):
            call_command("import_task_breakdown", str(path), "--commit", "--plan-title", "不应写入")
    assert Plan.objects.count() == 1 and Task.objects.count() == 30


def test_import_view_preview_then_commit(departments, tmp_path):
    client = departments.client("zzb")
    with FIXTURE_DOCX.open("rb") as fh:
        response = client.post("/plans/plans/import/", {"file": fh, "plan_title": ""})
    body = response.content.decode()
    assert response.status_code == 200 and "全部通过检查" in body and "相关部门" in body
    assert nothing_written()
    assert 'name="unit::相关部门"' in body  # the admin resolves the vague unit right in the preview
    token = client.session["import_token"]
    response = client.post(
        "/plans/plans/import/", {"token": token, "unit::相关部门": [departments.xcb_dept.pk]}
    )
    assert response.status_code == 302
    assert Task.objects.count() == 30 and Plan.objects.get().organization == departments.zzb_dept
    task = Task.objects.get(section__startswith="二", number=1)
    assert task.unresolved_units == ""
    assert dict(task.assignments.values_list("organization__code", "role")) == {
        "ZZB": "lead",
        "DX": "co",
        "XCB": "lead",
    }


def test_import_view_rejects_random_bytes_with_message(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("notice.docx", b"\x00not a document")
    response = world.client("zzb").post("/plans/plans/import/", {"file": upload})
    assert response.status_code == 400 and "不是 Word" in response.content.decode()
    assert nothing_written()


def test_import_needs_add_right(world):
    assert world.client("nobody").get("/plans/plans/import/").status_code == 403
