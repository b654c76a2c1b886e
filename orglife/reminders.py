"""提醒: meetings not yet held near the end of their period (LIFE-GM, LIFE-CM, LIFE-THEME, …)."""

from core.reminders import reminder_rule
from orglife import services


@reminder_rule(
    "LIFE-MEETINGS",
    label="组织生活临近期末尚未召开",
    module="orglife",
    description="每条 LIFE-* 频次规则：本月/本季度/本年度结束前 10 天内仍未达到次数的党支部（党总支）",
)
def meetings_due(on):
    return services.due_list(on)
