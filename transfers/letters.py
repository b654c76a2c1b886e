"""The transfer letter (中国共产党党员组织关系介绍信) as a .docx built with python-docx."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from core.exporting import file_response

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _center(doc, text, size=16, bold=True):
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)
    return paragraph


def parties(transfer):
    """(sending, receiving) organization names as the letter names them."""
    from transfers.choices import TransferKind

    if transfer.kind == TransferKind.IN:
        return transfer.external_org, transfer.organization.name
    if transfer.kind == TransferKind.WITHIN:
        return transfer.organization.name, transfer.target_org.name
    return transfer.organization.name, transfer.external_org


def letter_document(transfer) -> bytes:
    """The letter and its receipt stub (回执), filled from the transfer record."""
    person = transfer.person
    sender, receiver = parties(transfer)
    doc = Document()
    _center(doc, "中国共产党党员组织关系介绍信", 18)
    _center(doc, f"编号：{transfer.letter_no or '—'}", 11, bold=False)
    doc.add_paragraph(f"{receiver}：")
    status = person.get_political_status_display()
    doc.add_paragraph(
        f"    {person.name}同志（{person.get_gender_display()}，{person.age or '—'}岁，{status}），"
        f"系{sender}党员，由{sender}去{receiver}，"
        f"请转接组织关系。该同志党费已交到{transfer.dues_paid_to.strftime('%Y年%m月') if transfer.dues_paid_to else '____年__月'}。"
    )
    doc.add_paragraph(f"    （有效期 {transfer.valid_days} 天，至 {transfer.valid_until:%Y年%m月%d日}）")
    if transfer.external_address:
        doc.add_paragraph(f"    接收方地址/联系方式：{transfer.external_address}")
    right = doc.add_paragraph(f"{sender}（盖章）\n{transfer.issued_on:%Y年%m月%d日}")
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("-" * 60)
    _center(doc, "回  执", 14)
    doc.add_paragraph(f"{sender}：")
    doc.add_paragraph(
        f"    {person.name}同志的党员组织关系已转达我处。（介绍信编号：{transfer.letter_no or '—'}）"
    )
    right = doc.add_paragraph("接收党组织（盖章）\n____年__月__日")
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def letter_response(transfer):
    return file_response(
        letter_document(transfer), f"介绍信-{transfer.letter_no}-{transfer.person.name}.docx", DOCX_TYPE
    )
