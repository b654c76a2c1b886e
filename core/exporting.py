"""Exports: any table to .xlsx or CSV (utf-8-sig), safe against formula injection."""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Plain values for a sheet; text that a spreadsheet would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | Decimal | dt.date):
        return value
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def workbook_bytes(sheets):
    """``sheets``: list of (title, header, rows). Returns the .xlsx file as bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title=title[:31] or "Sheet")
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F2DCDB")
        widths = [max(len(str(h)) * 2, 8) for h in header]
        for row in rows:
            values = [safe_cell(v) for v in row]
            ws.append(values)
            for i, v in enumerate(values[: len(widths)]):
                widths[i] = min(max(widths[i], len(str(v)) * 2 if isinstance(v, str) else 12), 60)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def file_response(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def table_rows(table, objects):
    columns = [c for c in table.columns if c.export]
    return [c.label for c in columns], ([c.value(obj) for c in columns] for obj in objects)


def export_table(table, objects, title, fmt="xlsx"):
    header, rows = table_rows(table, objects)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([safe_cell(v) for v in row] for row in rows)
        return file_response(
            buffer.getvalue().encode("utf-8"), f"{title}-{stamp}.csv", "text/csv; charset=utf-8"
        )
    return file_response(workbook_bytes([(title, header, rows)]), f"{title}-{stamp}.xlsx", XLSX_TYPE)
