"""Background jobs (huey): the daily reminder pass on a schedule, notice e-mails queued on send."""

import datetime as dt
import zoneinfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from notices import delivery, engine


def utc_hour(local_hour):
    """huey's crontab runs on UTC; the school's day starts in TIME_ZONE."""
    offset = dt.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE)).utcoffset() or dt.timedelta()
    return int((local_hour - offset.total_seconds() // 3600) % 24)


@db_periodic_task(crontab(minute="0", hour=str(utc_hour(getattr(settings, "REMINDER_HOUR", 7)))))
def daily_reminders_task():
    """The daily pass for today (idempotent, so a retry or a second consumer does no harm)."""
    return engine.run_daily_pass().summary()


@db_task(retries=3, retry_delay=60)
def email_notice_task(notice_id):
    """E-mail a sent notice to the recipients who want it."""
    return delivery.email_notice(notice_id)


@db_task()
def daily_pass_task(on_iso=None):
    """Run the daily pass in the background (the 'run now' button of the rule page)."""
    on = dt.date.fromisoformat(on_iso) if on_iso else None
    return engine.run_daily_pass(on).summary()
