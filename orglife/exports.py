"""Word documents: a meeting's minutes (会议记录) and a branch's year of organizational life (纪实 book)."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    style.font.size = Pt(12)
    return doc


def _title(doc, text, size=18):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size)
    return p


def _minutes(doc, meeting, attendance):
    """The minutes table of one meeting (same layout as the paper 会议记录本)."""
    absent = [a for a in attendance if not a.present]
    present = [a.person.name for a in attendance if a.present]
    rows = [
        ("会议名称", f"{meeting.organization.name} {meeting.type_label}"),
        ("时间", f"{meeting.held_on:%Y年%m月%d日}"),
        ("地点", meeting.place),
        ("主持人", meeting.host.name if meeting.host else ""),
        ("记录人", meeting.recorder.name if meeting.recorder else ""),
        ("主讲人", meeting.lecturer.name if meeting.lecturer else ""),
        ("应到人数", str(meeting.expected_count)),
        ("实到人数", str(meeting.present_count)),
        ("出席人员", "、".join(present)),
        (
            "缺席人员及原因",
            "、".join(f"{a.person.name}（{a.get_absence_reason_display()}）" for a in absent) or "无",
        ),
        ("列席人员", meeting.invitees or "无"),
        ("会议主题", meeting.topic),
        ("会议内容", meeting.content),
        ("决定事项", meeting.decisions or "无"),
        ("备案状态", meeting.get_status_display()),
    ]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = value or ""
        cells[0].width = Pt(90)
    return table


def minutes_docx(meeting) -> bytes:
    doc = _document()
    _title(doc, "会 议 记 录")
    _minutes(doc, meeting, list(meeting.attendance.select_related("person").order_by("person__name")))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def year_book_docx(org, year, meetings, results, attendance) -> bytes:
    """Cover, compliance summary, then every meeting's minutes in date order."""
    from orglife.choices import MeetingType

    doc = _document()
    _title(doc, org.name, 20)
    _title(doc, f"{year}年度组织生活纪实", 20)
    doc.add_paragraph(f"共记录组织生活 {len(meetings)} 次。")
    doc.add_heading("一、执行情况", level=2)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["党组织", "规则", "会议类型", "应开", "已开", "缺项"], strict=True
    ):
        cell.text = text
    for org_result in results:
        for r in org_result.results:
            cells = table.add_row().cells
            values = [org_result.org.name, r.rule.rule_id, MeetingType(r.rule.meeting_type).label,
                      str(r.required), str(r.held), str(r.missing)]  # fmt: skip
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
    doc.add_heading("二、会议记录", level=2)
    by_meeting = {}
    for row in attendance:
        by_meeting.setdefault(row.meeting_id, []).append(row)
    for meeting in meetings:
        doc.add_heading(str(meeting), level=3)
        _minutes(doc, meeting, by_meeting.get(meeting.pk, []))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
