"""Reminder rules of 发展党员: the work lists, delivered by the notices app (constant queries per rule)."""

from core.reminders import PARENT_SECRETARY, PERSON, SECRETARY, DueItem, reminder_rule
from development.models import DevelopmentFile
from development.worklists import BY_KEY, due_date, params, work_list


def _items(key, on, recipients=(SECRETARY,), person=False):
    p = params()
    spec = BY_KEY[key]
    files = work_list(key, DevelopmentFile.objects.all(), on, p=p).select_related("person")
    for file in files:
        due = due_date(key, file, p)
        yield DueItem(
            rule=spec.rule,
            organization_id=file.organization_id,
            key=f"development.file:{file.pk}:{key}",
            title=f"{file.person.name}：{spec.label}（{spec.due_label} {due:%Y-%m-%d}）"
            if due
            else spec.label,
            due=due or on,
            url=file.get_absolute_url(),
            recipients=recipients,
            person_id=file.person_id if person else None,
        )


@reminder_rule("DEV-TALK", label="入党申请人一个月内谈话", module="development")
def first_talk(on):
    return _items("talk_due", on)


@reminder_rule("DEV-APPROVE", label="上级党委三个月内审批", module="development")
def approval_pending(on):
    return _items("approval_pending", on, recipients=(SECRETARY, PARENT_SECRETARY))


@reminder_rule("DEV-PROB", label="预备期即将期满", module="development")
def probation_ending(on):
    return _items("probation_ending", on)


@reminder_rule("DEV-REPORT", label="思想汇报", module="development")
def missing_reports(on):
    return _items("missing_reports", on, recipients=(SECRETARY, PERSON), person=True)


@reminder_rule("DEV-ASSESS", label="积极分子半年考察", module="development")
def assessments_due(on):
    return _items("assessments_due", on)


@reminder_rule("DEV-MENTOR", label="积极分子须有培养联系人", module="development")
def no_mentor(on):
    return _items("no_mentor", on)
