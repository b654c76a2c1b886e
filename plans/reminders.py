"""Reminders before deadlines and cycle ends, and for overdue assignments (PLAN-DEADLINE, PLAN-CYCLE)."""

from core.reminders import PARENT_SECRETARY, SECRETARY, DueItem, reminder_rule
from plans import services


@reminder_rule(
    "PLAN-DUE",
    label="任务落实到期提醒",
    module="plans",
    description="一次性任务到期前 7 天起提醒，逾期后持续提醒；长期坚持任务在每个报送周期结束前 7 天提醒，漏报的周期为逾期。",
)
def plan_due(on):
    for assignment, due, title, period in services.due_list(on):
        yield DueItem(
            rule="PLAN-DUE",
            organization_id=assignment.organization_id,
            key=f"plans.assignment:{assignment.pk}",
            title=title,
            due=due,
            url=assignment.get_absolute_url(),
            recipients=(SECRETARY, PARENT_SECRETARY),
            period=period,
        )
