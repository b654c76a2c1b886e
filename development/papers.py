"""Official papers filled from the data with docxtpl; staff edit the templates (see doc_templates/build.py)."""

import io
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from docxtpl import DocxTemplate

from core.exporting import file_response
from development.choices import PublicityKind, Stage

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SHIPPED = Path(__file__).resolve().parent / "doc_templates"

PAPERS = {
    "activist_filing": "入党积极分子备案表",
    "candidate_filing": "发展对象备案表",
    "admission_summary": "接收预备党员审批汇总表",
    "conversion_summary": "预备党员转正审批汇总表",
    "full_record": "发展党员工作全程纪实表",
}
TEMPLATE_NAMES = PAPERS | {"publicity": "公示"}
PUBLICITY_TITLES = {
    PublicityKind.CANDIDATE: "关于确定发展对象的公示",
    PublicityKind.ADMISSION: "关于拟发展党员的公示",
    PublicityKind.CONVERSION: "关于预备党员拟转正的公示",
}


def edited_template_path(name) -> Path:
    return Path(settings.MEDIA_ROOT) / "doc_templates" / "development" / f"{name}.docx"


def template_path(name) -> Path:
    """An edited copy under MEDIA_ROOT/doc_templates/development/ wins over the shipped template."""
    edited = edited_template_path(name)
    return edited if edited.exists() else SHIPPED / f"{name}.docx"


def _d(day):
    return f"{day:%Y年%m月%d日}" if day else ""


def person_context(person):
    return {
        "name": person.name,
        "gender": person.get_gender_display(),
        "ethnicity": person.ethnicity,
        "birth_date": _d(person.birth_date),
        "education": person.get_education_display(),
        "category": person.get_category_display(),
        "staff_no": person.staff_no or "",
        "unit": person.unit,
    }


def file_context(file):
    f = {
        key: _d(getattr(file, key))
        for key in (
            "applied_on",
            "talked_on",
            "activist_on",
            "candidate_on",
            "admitted_on",
            "approved_on",
            "probation_end",
            "conversion_meeting_on",
            "conversion_approved_on",
            "full_member_on",
        )
    }
    f["organization"] = file.organization.name
    f["youth_league"] = "是" if file.youth_league_recommended else "否"
    f["mentors"] = "、".join(p.name for p in file.mentors.all())
    f["sponsors"] = "、".join(p.name for p in file.sponsors.all())
    return f


def _vote_text(record):
    vote = getattr(record, "vote", None) if record else None
    if vote is None:
        return ""
    return (
        f"应到 {vote.should_attend} 人，实到 {vote.present} 人；赞成 {vote.yes} 票（另书面赞成 {vote.written_yes}），"
        f"反对 {vote.no + vote.written_no} 票，弃权 {vote.abstain + vote.written_abstain} 票；"
        f"{'通过' if vote.passed else '未通过'}"
    )


def render(name, context, filename):
    doc = DocxTemplate(template_path(name))
    doc.render(context)
    buffer = io.BytesIO()
    doc.save(buffer)
    return file_response(buffer.getvalue(), filename, DOCX_TYPE)


def file_paper(file, kind):
    """One of PAPERS for ``file`` as a .docx response."""
    records = list(
        file.records.select_related("step", "approving_org", "vote")
        .prefetch_related("people")
        .order_by("on", "pk")
    )
    by_step = {}
    for r in records:
        by_step.setdefault(r.step.number, []).append(r)
    steps = []
    for step in file.rule_set.steps.all():
        rs = by_step.get(step.number, [])
        people = {p.name for r in rs for p in r.people.all()} | {
            r.approving_org.name for r in rs if r.approving_org
        }
        steps.append(
            {
                "stage": Stage(step.stage).label,
                "number": step.number,
                "name": step.name,
                "dates": "、".join(f"{r.on:%Y-%m-%d}" for r in rs),
                "people": "、".join(sorted(people)),
                "notes": "；".join(filter(None, (r.notes for r in rs))),
            }
        )
    context = {
        "p": person_context(file.person),
        "f": file_context(file),
        "steps": steps,
        "today": _d(timezone.localdate()),
        "notes": "",
        "admission_vote": _vote_text(next(iter(by_step.get(15, [])), None)),
        "conversion_vote": _vote_text(next(iter(reversed(by_step.get(23, []))), None)),
        "overrides": "；".join(f"第 {r.step.number} 步：{r.override_reason}" for r in records if r.override),
    }
    return render(kind, context, f"{file.person.name}-{PAPERS[kind]}.docx")


def publicity_docx(publicity):
    file = publicity.file
    context = {
        "p": person_context(file.person),
        "f": file_context(file),
        "kind_title": PUBLICITY_TITLES[publicity.kind],
        "start": _d(publicity.start),
        "end": _d(publicity.end),
        "working_days": publicity.working_days,
        "contact": publicity.contact,
        "today": _d(timezone.localdate()),
    }
    return render("publicity", context, f"{file.person.name}-{publicity.get_kind_display()}.docx")
