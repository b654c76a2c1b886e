"""The REL-* rules of DOMAIN.md §5, each encoded once here."""

import calendar
import datetime as dt

# REL-LETTER: a letter is valid 30 days by default and at most 3 months.
LETTER_DEFAULT_DAYS = 30
LETTER_MAX_MONTHS = 3
# REL-MOBILE: away ≥ 6 months without a transfer makes a 流动党员, who reports at least once a year.
MOBILE_MIN_MONTHS = 6
# REL-MOVE: 6 months away at a fixed place (a new job or home) requires a formal transfer.
MOVE_AFTER_MONTHS = 6
# REL-LOST: no contact ≥ 6 months → 停止党籍 proposal; 2 more years → 自行脱党 proposal.
LOST_MONTHS = 6
QUIT_AFTER_MONTHS = 24
# REL-GRAD: relationship kept at school up to 2 years; students abroad contacted every half year.
GRAD_KEEP_MONTHS = 24
GRAD_REMIND_DAYS = 60
ABROAD_CONTACT_MONTHS = 6
# 留党察看 lasts one or two years (党章第四十条).
PROBATION_MONTHS = (12, 24)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later (clamped to the month's end: 08-31 + 6 → 02-28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def letter_valid_until(issued_on: dt.date, valid_days: int) -> dt.date:
    """REL-LETTER: the last day the letter is valid."""
    return issued_on + dt.timedelta(days=valid_days)


def letter_validity_error(issued_on: dt.date, valid_days: int) -> str:
    """REL-LETTER: '' when the validity is allowed, else the reason."""
    if valid_days < 1:
        return "有效期至少 1 天。"
    limit = add_months(issued_on, LETTER_MAX_MONTHS)
    if letter_valid_until(issued_on, valid_days) > limit:
        return f"介绍信有效期最长 3 个月（开具于 {issued_on}，最晚至 {limit}）（REL-LETTER）。"
    return ""


def letter_overdue(valid_until: dt.date, received_on, on: dt.date) -> bool:
    """REL-LETTER: no receipt and the validity has passed."""
    return received_on is None and on > valid_until


def mobile_duration_error(left_on: dt.date, expected_return) -> str:
    """REL-MOBILE: only an absence of at least 6 months makes a 流动党员."""
    if expected_return and expected_return < add_months(left_on, MOBILE_MIN_MONTHS):
        return (
            f"外出不足 6 个月（{left_on} 至 {expected_return}），不登记为流动党员（REL-MOBILE），"
            "请在所在支部正常参加组织生活。"
        )
    return ""


def mobile_report_missing(report_years, on: dt.date) -> bool:
    """REL-MOBILE: no report in the calendar year of ``on``."""
    return on.year not in set(report_years)


def stop_proposal_allowed_from(last_contact_on: dt.date) -> dt.date:
    """REL-LOST: the first day a 停止党籍 proposal may be made (6 months without contact)."""
    return add_months(last_contact_on, LOST_MONTHS)


def quit_proposal_allowed_from(stopped_on: dt.date) -> dt.date:
    """REL-LOST: the first day a 自行脱党 proposal may be made (2 more years without contact)."""
    return add_months(stopped_on, QUIT_AFTER_MONTHS)


def retention_until(graduated_on: dt.date) -> dt.date:
    """REL-GRAD: the last day the relationship may stay at school."""
    return add_months(graduated_on, GRAD_KEEP_MONTHS)


def abroad_contact_due(last_contact_on: dt.date) -> dt.date:
    """REL-GRAD: the day the next half-yearly contact with a student abroad is due."""
    return add_months(last_contact_on, ABROAD_CONTACT_MONTHS)


# How far ahead the reminders warn.
ABROAD_REMIND_DAYS = 15
MOBILE_REPORT_REMIND_FROM_MONTH = 10  # the yearly report is asked for in the last quarter
PROBATION_REMIND_DAYS = 30


def transfer_required_from(left_on: dt.date, fixed_place: bool):
    """REL-MOVE: the day from which an absence at a fixed place requires a transfer (None: not at a fixed place)."""
    return add_months(left_on, MOVE_AFTER_MONTHS) if fixed_place else None
