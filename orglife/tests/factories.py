"""Small helpers to build orglife records in tests (through the services, as real use does)."""

import datetime as dt

from orglife import services
from orglife.choices import MeetingType
from orglife.models import Meeting


def meeting(
    org, meeting_type=MeetingType.GENERAL_MEETING, held_on=dt.date(2026, 3, 10), absent=(), user=None, **extra
):
    """Record a meeting with everyone expected present except ``absent`` (people)."""
    m = Meeting(
        organization=org,
        meeting_type=meeting_type,
        held_on=held_on,
        topic=extra.pop("topic", "学习会议"),
        **extra,
    )
    m.content = m.content or "学习讨论"
    m.decisions = m.decisions or "形成决议"
    people = services.expected_people(org, meeting_type, held_on)
    absent_ids = {p.pk for p in absent}
    attendance = {p.pk: (p.pk not in absent_ids, "sick" if p.pk in absent_ids else "") for p in people}
    return services.save_meeting(m, user, attendance)
