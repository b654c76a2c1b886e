"""The 任务分解表 importer: Word tables (merged or split across pages) or an Excel sheet → plan, tasks, assignments.

The reading is format-specific (tables of text cells); header detection, error reporting, the preview
and the all-or-nothing commit come from ``core.importing.Importer``.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from core.importing import ImportColumn, Importer, ImportFileError, ImportResult, ImportRow, normalize_header
from core.parsing import clean_text, parse_date
from plans.rules import parse_deadline
from plans.units import UnitMatcher

DOC_NUMBER = re.compile(r"\S*字\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
DATE_LINE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
NUMBERED_TITLE = re.compile(r"^\s*[（(]?(\d{1,3})\s*[)）.．、]\s*")
TABLE_SUFFIX = "任务分解表"


class TaskBreakdownImporter(Importer):
    """任务分解表 → one plan with its tasks; each task fanned out to its responsible units (领题)."""

    title = "导入任务分解表"
    columns = [
        ImportColumn("section", "主要内容", aliases=("主要任务", "重点内容", "内容", "项目")),
        ImportColumn("number", "序号", aliases=("编号", "任务序号")),
        ImportColumn("title", "工作任务", aliases=("任务", "具体任务", "任务内容"), required=True),
        ImportColumn("units", "责任单位", aliases=("牵头单位", "责任部门", "牵头部门"), required=True),
        ImportColumn("measures", "工作举措", aliases=("举措", "具体举措", "工作措施", "措施")),
        ImportColumn("deadline", "完成时限", aliases=("时限", "完成时间", "时间要求"), required=True),
    ]
    template_columns = ["序号", "主要内容", "工作任务", "责任单位", "工作举措", "完成时限"]

    def __init__(self, user=None, plan=None, plan_title="", organization=None, resolutions=None):
        super().__init__(user)
        self.resolutions = resolutions or {}  # {unit name: [Organization]} picked in the preview
        self.unresolved_names = []
        self.plan = plan  # import into an existing plan (None: a new plan from the document)
        self.plan_title = plan_title
        self.organization = organization
        self.meta = {}
        self.warnings = []

    # reading -----------------------------------------------------------------
    def read(self, path_or_file) -> ImportResult:
        data = _read_bytes(path_or_file)
        kind = sniff(data)
        # the original file is attached to the new plan (报送原件)
        self.source = (data, kind) if kind else None
        if kind == "docx":
            tables, self.meta = _docx_tables(data)
        elif kind == "xlsx":
            tables = _xlsx_tables(data)
        else:
            raise ImportFileError("不是 Word（.docx）或 Excel（.xlsx）文件，无法读取任务分解表。")
        result = ImportResult()
        for name, rows in tables:
            self._read_table(name, rows, result)
        if not result.rows and not result.errors:
            result.error(None, "", "文件中没有任务行（表格为空）。", sheet=tables[0][0] if tables else "文件")
        self._carry_sections(result)
        return result

    def _read_table(self, name, rows, result):
        rows = [[clean_text(c) for c in row] for row in rows]
        if not any(any(rows_cell for rows_cell in row) for row in rows):
            return
        start, mapping = self._find_header(rows)
        if start is None:
            result.error(
                None, "", "找不到表头（前 6 行中没有“工作任务”“责任单位”“完成时限”等列名）。", sheet=name
            )
            return
        header = rows[start - 1]
        extra = [
            f"第 {i + 1} 列“{cell}”"
            for i, cell in enumerate(header)
            if cell and i not in mapping and not _same_merged(header, i, mapping)
        ]
        if extra:
            result.error(
                None,
                "、".join(extra),
                "表头中有无法识别的列（可识别：" + "、".join(c.label for c in self.columns) + "）",
                sheet=name,
            )
            return
        present = set(mapping.values())
        missing = [c.label for c in self.columns if c.required and c.key not in present]
        if missing:
            result.error(None, "、".join(missing), "缺少必需的列", sheet=name)
            return
        header_names = {normalize_header(c) for c in header if c}
        for index, raw in enumerate(rows[start:], start=start + 1):
            cells = [c for c in raw if c]
            if not cells:
                continue
            if {normalize_header(c) for c in cells} <= header_names:
                continue  # the header repeated on a new page
            values = {key: (raw[col] if col < len(raw) else "") for col, key in mapping.items()}
            item = ImportRow(name, index, values)
            self._parse_row(item, result)
            result.rows.append(item)

    def _parse_row(self, item, result):
        v = item.values
        labels = {c.key: c.label for c in self.columns}
        for column in self.columns:
            v.setdefault(column.key, "")
            if column.required and not v[column.key]:
                result.error(item, labels[column.key], "不能为空")
        title = v["title"]
        m = NUMBERED_TITLE.match(title)
        if m:
            v["title"] = title[m.end() :].strip()
        number = v.get("number") or (m[1] if m else "")
        try:
            v["number"] = int(float(str(number))) if str(number).strip() else None
        except ValueError:
            result.error(item, "序号", f"序号“{number}”不是数字")
            v["number"] = None
        if v["number"] is None and "序号" not in [e.column for e in result.errors if e.row == item.row]:
            result.error(item, "序号", "无法确定任务序号（既没有序号列，工作任务也不以“1.”开头）")
        if v["deadline"]:
            try:
                deadline = parse_deadline(v["deadline"])
                item.extra["due_date"], item.extra["ongoing"] = deadline.due, deadline.ongoing
            except ValueError as exc:
                result.error(item, "完成时限", str(exc))

    def _carry_sections(self, result):
        """Merged section cells arrive filled; on continuation rows and split tables a blank section continues."""
        section, order, seen = "", 0, {}
        for item in result.rows:
            if item.values.get("section"):
                section = item.values["section"]
            item.values["section"] = section
            if section not in seen:
                order += 1
                seen[section] = order
            item.extra["section_order"] = seen[section]

    # checking and writing ----------------------------------------------------
    def check(self, result):
        matcher = UnitMatcher()
        self.warnings = []
        seen = {}
        for item in result.rows:
            match = matcher.match(item.values["units"], self.resolutions)
            item.extra["units"] = match.units
            item.extra["unresolved"] = match.unresolved
            for name in match.unresolved:
                if name not in self.unresolved_names:
                    self.unresolved_names.append(name)
            if match.unresolved:
                self.warnings.append(
                    f"{item.values['section'][:12]} 第 {item.values['number']} 项：“{'、'.join(match.unresolved)}”"
                    "未对应到党组织，导入后请在任务页指定"
                )
            key = (item.values["section"], item.values["number"])
            if key in seen:
                result.error(item, "序号", f"与第 {seen[key]} 行序号重复")
            seen[key] = item.row
        self.issuer_org = matcher.issuer_org(self.meta.get("issuer", ""))

    def write(self, result) -> int:
        from plans import services
        from plans.models import Plan, Task

        plan = self.plan
        if plan is None:
            plan = Plan(
                organization=self.organization or self.issuer_org,
                title=self.plan_title or self.meta.get("plan_title") or "任务分解表",
                doc_number=self.meta.get("doc_number", ""),
                issuer=self.meta.get("issuer", ""),
                issued_on=self.meta.get("issued_on"),
            )
            services.save_plan(plan, self.user, action="add")
            if self.source:
                from django.core.files.base import ContentFile

                content, kind = self.source
                plan.document.save(f"{plan.title[:40]}.{kind}", ContentFile(content), save=True)
            self.plan = plan
        written = 0
        for item in result.rows:
            v = item.values
            task = Task(
                plan=plan,
                organization=plan.organization,
                section=v["section"],
                section_order=item.extra["section_order"],
                number=v["number"],
                title=v["title"],
                measures=v["measures"],
                units_text=v["units"],
                unresolved_units="、".join(item.extra["unresolved"]),
                deadline_text=v["deadline"],
                due_date=item.extra["due_date"],
                ongoing=item.extra["ongoing"],
            )
            services.save_task(task, self.user, units=item.extra["units"])
            written += 1
        return written


def _same_merged(header, i, mapping):
    """A horizontally merged header cell repeats its text in the next grid column."""
    return i > 0 and header[i] == header[i - 1] and (i - 1) in mapping


def _read_bytes(path_or_file) -> bytes:
    if isinstance(path_or_file, str | Path):
        return Path(path_or_file).read_bytes()
    if hasattr(path_or_file, "read"):
        path_or_file.seek(0)
        return path_or_file.read()
    return bytes(path_or_file)


def sniff(data: bytes) -> str:
    """'docx', 'xlsx' or '' from the content (the file name may lie)."""
    if not data.startswith(b"PK"):
        return ""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return ""
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return ""


def _docx_tables(data):
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ImportFileError(f"无法打开 Word 文件：{exc.__class__.__name__}") from exc
    tables = []
    for number, table in enumerate(document.tables, start=1):
        # row.cells repeats a vertically merged cell's text on each row it spans
        tables.append((f"表格{number}", [[cell.text for cell in row.cells] for row in table.rows]))
    if not tables:
        raise ImportFileError("Word 文件中没有表格（任务分解表应为表格）。")
    return tables, _docx_meta(document)


def _docx_meta(document):
    """文号, issuer, date and the table's title from the paragraphs of the notice."""
    meta = {}
    texts = [clean_text(p.text) for p in document.paragraphs if clean_text(p.text)]
    for index, text in enumerate(texts):
        if "doc_number" not in meta and (m := DOC_NUMBER.search(text)):
            meta["doc_number"] = m[0].replace(" ", "")
            if index > 0 and "issuer" not in meta:
                meta["issuer"] = texts[index - 1]
        if "issued_on" not in meta and (m := DATE_LINE.match(text)):
            try:
                meta["issued_on"] = parse_date(f"{m[1]}-{m[2]}-{m[3]}")
            except ValueError:
                pass
        if text.endswith(TABLE_SUFFIX):
            meta["plan_title"] = text[: -len(TABLE_SUFFIX)] or text
        elif "notice_title" not in meta and text.startswith("关于"):
            meta["notice_title"] = text
    if "plan_title" not in meta and "notice_title" in meta:
        meta["plan_title"] = meta["notice_title"]
    return meta


def _xlsx_tables(data):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFileError(f"无法读取 Excel 文件：{exc.__class__.__name__}") from exc
    try:
        return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    finally:
        wb.close()


def parsed_rows(result) -> list[dict]:
    """The rows as the expected-JSON keys (as written) plus the parsed fields."""
    out = []
    for item in result.rows:
        v = item.values
        units = item.extra.get("units", [])
        out.append(
            {
                "section": v["section"],
                "number": v["number"],
                "title": v["title"],
                "units": v["units"],
                "measures": v["measures"],
                "deadline": v["deadline"],
                "due_date": item.extra.get("due_date").isoformat() if item.extra.get("due_date") else None,
                "ongoing": item.extra.get("ongoing"),
                "lead_units": [o.name for o, role in units if role == "lead"],
                "co_units": [o.name for o, role in units if role == "co"],
                "unresolved_units": item.extra.get("unresolved", []),
            }
        )
    return out
