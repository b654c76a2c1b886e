import datetime as dt
import io

from auditlog.models import LogEntry
from openpyxl import Workbook, load_workbook

from core.exporting import safe_cell
from core.parsing import parse_date
from members import idnumber
from members.models import Person
from orgs.models import Organization


def xlsx(sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "roster.xlsx"
    return buffer


def test_parse_date_forms():
    for text in [
        "2023.9.1",
        "2023-09-01",
        "2023/9/1",
        "2023年9月1日",
        "20230901",
        dt.datetime(2023, 9, 1, 0, 0),
    ]:
        assert parse_date(text) == dt.date(2023, 9, 1)
    assert parse_date("202309") == dt.date(2023, 9, 1)
    for bad in ["2023年13月", "2023-02-30", "明年"]:
        try:
            parse_date(bad)
        except ValueError as exc:
            assert "日期" in str(exc)
        else:
            raise AssertionError(bad)


def test_formula_injection_is_quoted():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("+1") == "'+1" and safe_cell("张三") == "张三" and safe_cell(5) == 5


def test_people_import_preview_then_commit_all_or_nothing(world):
    good = idnumber.make("140902", dt.date(1999, 3, 4), 12)
    other = idnumber.make("140902", dt.date(2001, 7, 8), 31)
    bad_checksum = other[:-1] + ("1" if other[-1] != "1" else "2")
    file = xlsx(
        [
            # sheet named after the branch; a title row above a two-row header
            (
                "A系教工第一党支部",
                [
                    ["2024年花名册"],
                    ["姓名", "身份证号码", "入党时间", "手机号码", "工号"],
                    [None, None, None, None, None],
                    ["王一", good, "2020.7.1", "13800000001", "T1"],
                    ["王二", bad_checksum, "2020年13月1日", "13800000002", "T2"],
                ],
            ),
            ("B系学生第一党支部", [["姓名", "公民身份号码", "所在党支部"], ["赵三", good, "不存在的支部"]]),
        ]
    )
    client = world.client("zzb")
    before = Person.objects.count()
    response = client.post("/members/people/import/", {"file": file})
    body = response.content.decode()
    assert "校验位错误" in body and "日期不存在" in body
    assert "不存在的支部" in body and "重复" in body
    assert "确认导入" not in body
    assert Person.objects.count() == before


def test_people_import_commits_every_row(world):
    file = xlsx(
        [
            (
                "A1",
                [
                    ["姓名", "性别", "出生年月", "身份证号", "所在支部", "政治面貌"],
                    [
                        "李四",
                        "男",
                        "1990-01-02",
                        idnumber.make("140902", dt.date(1990, 1, 2), 1),
                        "A1",
                        "正式党员",
                    ],
                    [
                        "李五",
                        "女",
                        dt.datetime(1991, 2, 3),
                        idnumber.make("140902", dt.date(1991, 2, 3), 2),
                        "A系教工第一党支部",
                        "预备党员",
                    ],
                ],
            )
        ]
    )
    client = world.client("secretary_a1")
    before_log = LogEntry.objects.count()
    response = client.post("/members/people/import/", {"file": file})
    assert "确认导入 2 行" in response.content.decode()
    token = client.session["import_token"]
    response = client.post("/members/people/import/", {"token": token})
    assert response.status_code == 302
    assert set(
        Person.objects.filter(organization=world.a1, name__in=["李四", "李五"]).values_list(
            "political_status", flat=True
        )
    ) == {"full_member", "probationary"}
    assert LogEntry.objects.count() == before_log + 2


def test_org_import_builds_subtree(world):
    file = xlsx(
        [
            (
                "组织",
                [
                    ["名称", "编码", "类型", "上级编码", "支部类别"],
                    ["A系学生第一党支部", "A-S1", "党支部", "A", "学生"],
                    ["A系学生第一党支部党小组", "A-S1-G", "党小组", "A-S1", None],
                ],
            )
        ]
    )
    client = world.client("secretary_a")
    response = client.post("/orgs/organizations/import/", {"file": file})
    assert "确认导入 2 行" in response.content.decode()
    client.post("/orgs/organizations/import/", {"token": client.session["import_token"]})
    child = Organization.objects.get(code="A-S1-G")
    assert child.path.startswith(Organization.objects.get(code="A-S1").path)


def test_org_import_refuses_parent_outside_scope(world):
    file = xlsx(
        [
            (
                "组织",
                [["名称", "编码", "类型", "上级编码", "支部类别"], ["越权支部", "X1", "党支部", "B", "学生"]],
            )
        ]
    )
    body = world.client("secretary_a").post("/orgs/organizations/import/", {"file": file}).content.decode()
    assert "找不到上级组织" in body
    assert not Organization.objects.filter(code="X1").exists()


def test_export_uses_the_list_columns(world):
    response = world.client("zzb").get("/orgs/organizations/", {"export": "xlsx", "org_type": "branch"})
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["名称", "编码", "类型"]
    assert {row[1] for row in ws.iter_rows(min_row=2, values_only=True)} == {"A1", "B1"}


def test_every_write_leaves_one_change_log_entry(world):
    client = world.client("secretary_a1")
    before = LogEntry.objects.count()
    response = client.post(
        f"/orgs/organizations/{world.a1.pk}/edit/",
        {"name": "A系教工第一党支部（改）", "code": "A1", "category": "teacher", "modules": "[]"},
    )
    assert response.status_code == 302
    entries = LogEntry.objects.filter(pk__gt=0).count() - before
    assert entries == 1
    entry = LogEntry.objects.latest("timestamp")
    assert entry.actor == world.users["secretary_a1"] and entry.remote_addr
    assert "name" in entry.changes_dict
    body = client.get(f"/orgs/organizations/{world.a1.pk}/changelog/").content.decode()
    assert "A系教工第一党支部（改）" in body


def test_global_changelog_for_school_admins_only(world):
    assert world.client("zzb").get("/changelog/").status_code == 200
    assert world.client("secretary_a").get("/changelog/").status_code == 403


def test_csp_and_security_headers(world):
    response = world.client("zzb").get("/orgs/tree/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
