"""Parsers for values as people type them in spreadsheets (dates, numbers), with Chinese errors."""

import datetime as dt
import re

_DATE_PATTERNS = [
    re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_MONTH_PATTERNS = [
    re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$"),
    re.compile(r"^(\d{4})(\d{2})$"),
]


def parse_date(value, *, month_day=1):
    """A date from 2023.9.1, 2023-09-01, 2023/9/1, 2023年9月1日, 20230901, 202309, 2023年9月 or a date cell.

    A month alone gives ``month_day`` of that month. Raises ValueError with a reason in Chinese.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            return _make_date(int(m[1]), int(m[2]), int(m[3]), text)
    for pattern in _MONTH_PATTERNS:
        m = pattern.match(text)
        if m:
            return _make_date(int(m[1]), int(m[2]), month_day, text)
    raise ValueError(
        f"无法识别的日期“{text}”（可用格式：2023-09-01、2023.9.1、2023/9/1、2023年9月1日、202309）"
    )


def _make_date(year, month, day, text):
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"日期不存在：“{text}”") from None


def clean_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()
