import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from members import idnumber
from members.models import Person


def roster(path, sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


ID1 = idnumber.make("140902", dt.date(1990, 5, 17), 101)
ID2 = idnumber.make("140902", dt.date(2003, 9, 1), 102)
ID3 = idnumber.make("140902", dt.date(1985, 1, 2), 103)


def good_file(tmp_path, world):
    return roster(
        tmp_path / "ok.xlsx",
        [
            (
                world.a1.name,  # sheet = branch, two header rows, aliases
                [
                    ["A系教工第一党支部党员花名册"],
                    ["姓名", "公民身份号码", "出生年月", "入党时间", "转正时间", "联系电话", "工号或学号"],
                    ["张三", ID1, "1990.5", "2015年7月1日", dt.datetime(2016, 7, 1), "13800000001", 1001],
                ],
            ),
            (
                "学生",
                [
                    ["姓名", "身份证号码", "所在党支部", "人员类别", "入党日期", "手机号码", "学号"],
                    ["李四", ID2, world.b1.name, "本科生", "202309", "13800000002", "S2021"],
                    ["王五", ID3, world.b1.name, "教师", "2023/9/1", "13800000003", "S2022"],
                ],
            ),
        ],
    )


def test_preview_writes_nothing_commit_writes_all(tmp_path, world, capsys):
    path = good_file(tmp_path, world)
    before = Person.objects.count()
    call_command("import_members", str(path))
    assert "错误 0" in capsys.readouterr().out
    assert Person.objects.count() == before
    call_command("import_members", str(path), "--commit")
    assert Person.objects.count() == before + 3
    zhang = Person.objects.get(name="张三")
    assert zhang.organization == world.a1 and zhang.joined_on == dt.date(2015, 7, 1)
    assert (
        zhang.full_member_on == dt.date(2016, 7, 1) and zhang.source == "imported" and zhang.id_number == ID1
    )
    li = Person.objects.get(name="李四")
    assert (
        li.joined_on == dt.date(2023, 9, 1)
        and li.category == "student"
        and li.political_status == "probationary"
    )


def test_bad_rows_reported_with_sheet_row_column_and_nothing_written(tmp_path, world, capsys):
    bad_checksum = ID1[:-1] + ("0" if ID1[-1] != "0" else "1")
    path = roster(
        tmp_path / "bad.xlsx",
        [
            (
                "名单",
                [
                    ["姓名", "身份证号", "所在支部", "入党日期"],
                    ["甲", bad_checksum, world.a1.name, "2020-01-01"],
                    ["乙", ID2, "不存在的支部", "2020-01-01"],
                    ["丙", ID3, world.a1.name, "2023-02-30"],
                    ["丁", ID2, world.a1.name, "2020-01-01"],
                    ["戊", idnumber.make("140902", dt.date(1991, 1, 1), 7), world.a1.name, "2020-01-01"],
                ],
            )
        ],
    )
    before = Person.objects.count()
    with pytest.raises(CommandError) as exc:
        call_command("import_members", str(path), "--commit")
    assert exc.value.returncode == 1
    out = capsys.readouterr().out
    assert "工作表“名单”第 2 行「身份证号」" in out and "校验位" in out
    assert "第 3 行「所在支部」：找不到党组织“不存在的支部”" in out
    assert "第 4 行「入党日期」：日期不存在" in out
    assert "第 5 行「身份证号」：与工作表“名单”第 3 行的身份证号重复" in out
    assert Person.objects.count() == before
    assert not Person.objects.filter(name="戊").exists()


def test_id_number_already_registered_is_an_error(tmp_path, world):
    from members.importers import PersonImporter

    path = good_file(tmp_path, world)
    PersonImporter(user=None).run(path, commit=True)
    result = PersonImporter(user=None).run(path, commit=True)
    assert not result.committed and any("已登记在系统中" in e.reason for e in result.errors)


def test_secretary_cannot_import_into_other_branch(tmp_path, world):
    from members.importers import PersonImporter

    result = PersonImporter(user=world.users["secretary_a1"]).run(good_file(tmp_path, world))
    assert any("须在您的管理范围内" in e.reason for e in result.errors)
