"""Dues reminders: arrears warning (3 months), DUES-LAPSE cases (6 months), hand-overs awaiting confirmation."""

from django.urls import reverse

from core.reminders import PARENT_SECRETARY, PERSON, SECRETARY, DueItem, reminder_rule
from dues import months, rules, services
from dues.choices import HandoverStatus
from dues.models import DuesHandover
from members.models import Person


def _arrears(on):
    return services.arrears(Person.objects.party_members(), on)


@reminder_rule("DUES-WARN", label="欠缴党费预警（连续 3 个月）", module="dues")
def arrears_warning(on):
    limit = rules.version_on(on)
    for item in _arrears(on):
        if limit.warn_months <= item.months < limit.lapse_months:
            yield DueItem(
                rule="DUES-WARN",
                organization_id=item.person.organization_id,
                key=f"dues.person:{item.person.pk}",
                title=f"{item.person.name} 自{months.label(item.first_unpaid)}起连续 {item.months} 个月未交党费",
                due=on,
                url=reverse("dues:statement", args=[item.person.pk]),
                recipients=(SECRETARY, PERSON),
                person_id=item.person.pk,
                period=f"{on:%Y%m}",
            )


@reminder_rule("DUES-LAPSE", label="连续 6 个月未交党费，须支部研究处理", module="dues")
def lapse_case_due(on):
    limit = rules.version_on(on).lapse_months
    for item in _arrears(on):
        if item.months >= limit and item.case is None:
            yield DueItem(
                rule="DUES-LAPSE",
                organization_id=item.person.organization_id,
                key=f"dues.person:{item.person.pk}",
                title=f"{item.person.name} 已连续 {item.months} 个月未交党费，请支部研究处理（系统不会自动处置）",
                due=on,
                url=reverse("dues:arrears"),
                recipients=(SECRETARY, PARENT_SECRETARY),
                person_id=item.person.pk,
            )


@reminder_rule("DUES-HANDOVER", label="党费上缴待上级确认", module="dues")
def handover_unconfirmed(on):
    for handover in DuesHandover.objects.filter(status=HandoverStatus.SUBMITTED).select_related(
        "organization"
    ):
        yield DueItem(
            rule="DUES-HANDOVER",
            organization_id=handover.organization_id,
            key=f"dues.handover:{handover.pk}",
            title=f"{handover} {handover.declared_amount} 元待上级确认",
            due=handover.submitted_on,
            url=handover.get_absolute_url(),
            recipients=(PARENT_SECRETARY,),
        )
