"""Spreadsheet imports: read, check every row, preview, then commit all-or-nothing.

An importer declares its columns (with the aliases people really use in headers) and
implements ``check()`` (cross-row and database checks) and ``write()``. Errors name the
sheet, row, column and reason; if there is any error nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from openpyxl import load_workbook

from core.parsing import clean_text

HEADER_SCAN_ROWS = 6


@dataclass
class ImportColumn:
    key: str
    label: str
    aliases: tuple = ()
    required: bool = False
    parse: Callable[[Any], Any] | None = None  # raises ValueError(reason)

    def names(self):
        return {normalize_header(n) for n in (self.label, *self.aliases)}


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self):
        where = f"工作表“{self.sheet}”第 {self.row} 行" if self.row else f"工作表“{self.sheet}”"
        return f"{where}{('「' + self.column + '」') if self.column else ''}：{self.reason}"


@dataclass
class ImportRow:
    sheet: str
    row: int
    values: dict
    extra: dict = field(default_factory=dict)  # filled by check(): resolved objects


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    written: int = 0
    committed: bool = False

    @property
    def ok(self):
        return not self.errors

    def error(self, row: ImportRow | None, column: str, reason: str, sheet: str = ""):
        self.errors.append(RowError(row.sheet if row else sheet, row.row if row else 0, column, reason))


def normalize_header(text) -> str:
    return re.sub(r"[\s\u3000*＊:：()（）]", "", clean_text(text)).lower()


class ImportFileError(Exception):
    """The file as a whole cannot be read (not an Excel file, no header…)."""


class Importer:
    """Subclasses set ``columns`` and implement ``check`` and ``write``."""

    columns: list[ImportColumn] = []
    title = "导入"
    template_columns: list[str] | None = None  # header of the downloadable template

    def __init__(self, user=None):
        self.user = user

    # reading ---------------------------------------------------------------
    def read(self, path_or_file) -> ImportResult:
        result = ImportResult()
        try:
            wb = load_workbook(path_or_file, read_only=True, data_only=True)
        except Exception as exc:
            raise ImportFileError(f"无法读取 Excel 文件：{exc.__class__.__name__}") from exc
        try:
            for ws in wb.worksheets:
                self._read_sheet(ws, result)
        finally:
            wb.close()
        if not result.rows and not result.errors:
            result.error(None, "", "文件中没有数据行。", sheet=wb.sheetnames[0] if wb.sheetnames else "")
        return result

    def _find_header(self, rows):
        """The header is the first-rows line matching most column names; a second line below may add names."""
        best, best_hits = None, 0
        for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            hits = sum(1 for cell in row if self._column_for(cell))
            if hits > best_hits:
                best, best_hits = index, hits
        if best is None:
            return None, {}
        mapping = {}
        for offset in (0, 1):
            if best + offset >= len(rows):
                break
            for col, cell in enumerate(rows[best + offset]):
                column = self._column_for(cell)
                if column and column.key not in mapping.values() and col not in mapping:
                    mapping[col] = column.key
        second_row_used = best + 1 < len(rows) and any(self._column_for(c) for c in rows[best + 1])
        return best + (2 if second_row_used else 1), mapping

    def _column_for(self, cell):
        name = normalize_header(cell)
        if not name:
            return None
        for column in self.columns:
            if name in column.names():
                return column
        return None

    def _read_sheet(self, ws, result):
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        if not any(any(c not in (None, "") for c in r) for r in rows):
            return
        start, mapping = self._find_header(rows)
        if start is None:
            result.error(None, "", "找不到表头（第 1–6 行中没有可识别的列名）。", sheet=ws.title)
            return
        present = set(mapping.values())
        missing = [c.label for c in self.columns if c.required and c.key not in present]
        if missing:
            result.error(None, "、".join(missing), "缺少必需的列", sheet=ws.title)
            return
        labels = {c.key: c.label for c in self.columns}
        for offset, raw in enumerate(rows[start:], start=start + 1):
            if not any(c not in (None, "") for c in raw):
                continue
            item = ImportRow(ws.title, offset, {})
            for col, key in mapping.items():
                value = raw[col] if col < len(raw) else None
                column = next(c for c in self.columns if c.key == key)
                try:
                    if column.parse and value not in (None, ""):
                        value = column.parse(value)
                    elif isinstance(value, str) or value is None:
                        value = clean_text(value)
                except ValueError as exc:
                    result.error(item, labels[key], str(exc))
                    value = None
                if column.required and value in (None, ""):
                    result.error(item, labels[key], "不能为空")
                item.values[key] = value
            self.row_context(item, ws.title)
            result.rows.append(item)

    def row_context(self, item, sheet_title):
        """Hook: e.g. take the branch from the sheet name when the row has none."""

    # checking and writing --------------------------------------------------
    def check(self, result: ImportResult):
        """Cross-row and database checks; add errors with ``result.error``."""

    def write(self, result: ImportResult) -> int:
        raise NotImplementedError

    def run(self, path_or_file, *, commit=False) -> ImportResult:
        """Preview (commit=False) or import all rows in one transaction; nothing is written on any error."""
        result = self.read(path_or_file)
        if result.rows:
            self.check(result)
        if commit and result.ok:
            with transaction.atomic():
                result.written = self.write(result)
            result.committed = True
        return result
