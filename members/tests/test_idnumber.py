import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members import idnumber


def test_known_valid_number():
    # GB 11643 example: 11010519491231002X
    assert idnumber.validate("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1101051949123100", "18 位"),
        ("11010519491231002Y", "只能由数字"),
        ("110105194912310021", "校验位"),
        ("110105194902310028", "出生日期不存在"),
    ],
)
def test_invalid_numbers(value, reason):
    with pytest.raises(ValueError, match=reason):
        idnumber.validate(value)


def test_birth_date_must_match():
    with pytest.raises(ValueError, match="不一致"):
        idnumber.validate("11010519491231002X", dt.date(1949, 12, 30))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2010, 12, 31)), st.integers(0, 999))
def test_made_numbers_validate_and_round_trip(born, seq):
    number = idnumber.make("140902", born, seq)
    assert idnumber.validate(number, born) == number
    assert idnumber.decrypt(idnumber.encrypt(number)) == number
    assert idnumber.lookup_hash(number) == idnumber.lookup_hash(number.lower())
    assert number not in idnumber.encrypt(number)
