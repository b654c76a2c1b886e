"""Test inputs built from the fixture's rows: split Word tables, Excel with a title row, broken files."""

import io
import json
from pathlib import Path

from django.conf import settings

FIXTURES = Path(settings.BASE_DIR).parent / "shared" / "fixtures"
FIXTURE_DOCX = FIXTURES / "task-breakdown.docx"
EXPECTED = json.loads((FIXTURES / "task-breakdown.expected.json").read_text(encoding="utf-8"))
KEYS = ["section", "number", "title", "units", "measures", "deadline"]
HEADER = ["主要内容", "工作任务", "责任单位", "工作举措", "完成时限"]


def _cells(row):
    return [
        row["section"],
        f"{row['number']}. {row['title']}",
        row["units"],
        row["measures"],
        row["deadline"],
    ]


def split_docx(rows=EXPECTED, per_table=7, header=HEADER, mutate=None) -> bytes:
    """The table split across several tables (one per page), header repeated, section blank on continuation rows."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("中共测试学校委员会组织部")
    document.add_paragraph("组函字〔2023〕29号")
    document.add_paragraph("测试计划任务分解表")
    previous = None
    for start in range(0, max(len(rows), 1), per_table):
        chunk = rows[start : start + per_table]
        table = document.add_table(rows=1, cols=len(header))
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        for row in chunk:
            values = _cells(row)
            if row["section"] == previous:
                values[0] = ""
            previous = row["section"]
            if mutate:
                values = mutate(row, values)
            for cell, text in zip(table.add_row().cells, values, strict=False):
                cell.text = str(text)
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(
    rows=EXPECTED, order=("完成时限", "序号", "责任单位", "主要内容", "工作举措", "工作任务"), title=True
):
    """An Excel sheet with a title row above the header, columns in the given order, an optional 序号 column."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["高校院（系）党组织书记政治能力提升计划任务分解表"])
    ws.append(list(order))
    for row in rows:
        values = {
            "序号": row["number"],
            "主要内容": row["section"],
            "工作任务": row["title"] if "序号" in order else f"{row['number']}. {row['title']}",
            "责任单位": row["units"],
            "工作举措": row["measures"],
            "完成时限": row["deadline"],
        }
        ws.append([values.get(name, "多余") for name in order])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write(tmp_path, name, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path
