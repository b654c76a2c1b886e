"""Builds the default Word templates (docxtpl/Jinja tags) shipped with the app.

Staff edit a copy: put an edited file with the same name under MEDIA_ROOT/doc_templates/development/ and it
is used instead (keep the {{ … }} tags). Run ``python development/doc_templates/build.py`` to rebuild.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent


def _doc(title):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    return doc


def _kv_table(doc, rows):
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for i in range(0, len(rows), 2):
        cells = table.add_row().cells
        for j, (label, value) in enumerate(rows[i : i + 2]):
            cells[2 * j].text = label
            cells[2 * j + 1].text = value
    return table


PERSON_ROWS = [
    ("姓名", "{{ p.name }}"),
    ("性别", "{{ p.gender }}"),
    ("民族", "{{ p.ethnicity }}"),
    ("出生日期", "{{ p.birth_date }}"),
    ("学历", "{{ p.education }}"),
    ("人员类别", "{{ p.category }}"),
    ("工号/学号", "{{ p.staff_no }}"),
    ("所在单位", "{{ p.unit }}"),
    ("所在党支部", "{{ f.organization }}"),
    ("团组织推优", "{{ f.youth_league }}"),
]


def publicity():
    doc = _doc("{{ kind_title }}")
    doc.add_paragraph(
        "根据《中国共产党发展党员工作细则》的规定，经{{ f.organization }}研究，现将以下同志的有关情况予以公示："
    )
    _kv_table(
        doc,
        PERSON_ROWS[:8]
        + [("递交入党申请书", "{{ f.applied_on }}"), ("确定为积极分子", "{{ f.activist_on }}")]
        + [("确定为发展对象", "{{ f.candidate_on }}"), ("预备期满", "{{ f.probation_end }}")],
    )
    doc.add_paragraph(
        "公示时间：{{ start }} 至 {{ end }}（{{ working_days }} 个工作日）。公示期间，如对公示对象有意见，"
        "可通过来信、来电、来访等方式向{{ f.organization }}反映。联系方式：{{ contact }}"
    )
    end = doc.add_paragraph("{{ f.organization }}\n{{ today }}")
    end.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(HERE / "publicity.docx")


def filing(name, title, extra):
    doc = _doc(title)
    _kv_table(doc, PERSON_ROWS + extra)
    doc.add_paragraph("党支部意见：")
    doc.add_paragraph("{{ notes }}")
    doc.add_paragraph("党支部书记（签字）：__________    {{ today }}")
    doc.add_paragraph("上级党委备案意见：")
    doc.add_paragraph("（盖章）        年    月    日")
    doc.save(HERE / f"{name}.docx")


def full_record():
    doc = _doc("发展党员工作全程纪实表")
    _kv_table(doc, PERSON_ROWS)
    doc.add_paragraph("")
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["阶段", "序号", "步骤", "日期", "相关人员/审批", "记录"], strict=True
    ):
        cell.text = text
    table.add_row().cells[0].text = "{%tr for s in steps %}"
    cells = table.add_row().cells
    for cell, text in zip(
        cells,
        [
            "{{ s.stage }}",
            "{{ s.number }}",
            "{{ s.name }}",
            "{{ s.dates }}",
            "{{ s.people }}",
            "{{ s.notes }}",
        ],
        strict=False,
    ):
        cell.text = text
    table.add_row().cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("培养联系人：{{ f.mentors }}    入党介绍人：{{ f.sponsors }}")
    doc.add_paragraph("{% if overrides %}规则例外记录：{{ overrides }}{% endif %}")
    doc.add_paragraph("制表：{{ f.organization }}    {{ today }}")
    doc.save(HERE / "full_record.docx")


if __name__ == "__main__":
    publicity()
    filing(
        "activist_filing",
        "入党积极分子备案表",
        [
            ("递交入党申请书", "{{ f.applied_on }}"),
            ("确定为积极分子", "{{ f.activist_on }}"),
            ("培养联系人", "{{ f.mentors }}"),
            ("谈话日期", "{{ f.talked_on }}"),
        ],
    )
    filing(
        "candidate_filing",
        "发展对象备案表",
        [
            ("确定为积极分子", "{{ f.activist_on }}"),
            ("确定为发展对象", "{{ f.candidate_on }}"),
            ("入党介绍人", "{{ f.sponsors }}"),
            ("培养联系人", "{{ f.mentors }}"),
        ],
    )
    filing(
        "admission_summary",
        "接收预备党员审批汇总表",
        [
            ("确定为发展对象", "{{ f.candidate_on }}"),
            ("支部大会讨论", "{{ f.admitted_on }}"),
            ("表决结果", "{{ admission_vote }}"),
            ("上级党委审批", "{{ f.approved_on }}"),
            ("入党介绍人", "{{ f.sponsors }}"),
            ("预备期", "{{ f.admitted_on }} 至 {{ f.probation_end }}"),
        ],
    )
    filing(
        "conversion_summary",
        "预备党员转正审批汇总表",
        [
            ("入党日期", "{{ f.admitted_on }}"),
            ("预备期满", "{{ f.probation_end }}"),
            ("转正支部大会", "{{ f.conversion_meeting_on }}"),
            ("表决结果", "{{ conversion_vote }}"),
            ("上级党委审批", "{{ f.conversion_approved_on }}"),
            ("转正日期", "{{ f.full_member_on }}"),
        ],
    )
    full_record()
