"""身份证号: validation (length, checksum, birth date), encryption at rest, keyed lookup hash, masking."""

import base64
import datetime as dt
import hashlib
import hmac
import re
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def normalize(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def validate(value: str, birth_date: dt.date | None = None) -> str:
    """The normalized number, or ValueError with the reason in Chinese."""
    number = normalize(value)
    if len(number) != 18:
        raise ValueError(f"身份证号应为 18 位，现为 {len(number)} 位")
    if not _PATTERN.match(number):
        raise ValueError("身份证号只能由数字组成，最后一位可以是 X")
    born = birth_date_of(number)
    if born is None:
        raise ValueError("身份证号中的出生日期不存在")
    if check_digit(number[:17]) != number[17]:
        raise ValueError("身份证号校验位错误")
    if birth_date and born != birth_date:
        raise ValueError(
            f"身份证号中的出生日期 {born:%Y-%m-%d} 与填写的出生日期 {birth_date:%Y-%m-%d} 不一致"
        )
    return number


def birth_date_of(number: str):
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def gender_of(number: str) -> str:
    return "M" if int(number[16]) % 2 else "F"


def mask(number: str) -> str:
    return f"{number[:4]}{'*' * 10}{number[-4:]}" if number else ""


@lru_cache(maxsize=4)
def _keys(secret: str):
    digest = hashlib.sha256(("fernet:" + secret).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest)), hashlib.sha256(("lookup:" + secret).encode()).digest()


def encrypt(number: str) -> str:
    return _keys(settings.FIELD_ENCRYPTION_KEY)[0].encrypt(number.encode()).decode()


def decrypt(token: str) -> str:
    return _keys(settings.FIELD_ENCRYPTION_KEY)[0].decrypt(token.encode()).decode() if token else ""


def lookup_hash(number: str) -> str:
    """Keyed hash: finds and keeps unique an ID number without storing it in the clear."""
    return hmac.new(
        _keys(settings.FIELD_ENCRYPTION_KEY)[1], normalize(number).encode(), hashlib.sha256
    ).hexdigest()


def make(region: str, born: dt.date, sequence: int) -> str:
    """A made-up but valid number (demo data and tests)."""
    first17 = f"{region}{born:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_digit(first17)
