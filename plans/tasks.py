"""Background jobs (huey): mark overdue assignments every night, before the morning reminder pass."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from notices.tasks import utc_hour
from plans import services


@db_periodic_task(crontab(minute="30", hour=str(utc_hour(0))))
def sweep_overdue_task():
    """PLAN-OVERDUE: status follows the deadlines and the reporting cycles (idempotent)."""
    return services.sweep_overdue()
