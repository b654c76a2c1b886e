import datetime as dt
from decimal import Decimal

import pytest

from dues import rules
from dues.rules import FLAT, RETIRED, SALARIED, monthly_amount

ON = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("base", "rate", "amount"),
    [
        # DUES-RATE: upper bounds inclusive
        ("3000", "0.005", "15.00"),
        ("3000.01", "0.01", "30.00"),
        ("5000", "0.01", "50.00"),
        ("5000.01", "0.015", "75.00"),
        ("10000", "0.015", "150.00"),
        ("10000.01", "0.02", "200.00"),
        ("0", "0.005", "0.00"),
    ],
)
def test_salaried_brackets_at_every_boundary(base, rate, amount):
    calc = monthly_amount(SALARIED, Decimal(base), ON)
    assert calc.rate == Decimal(rate)
    assert calc.amount == Decimal(amount)
    assert not calc.capped


@pytest.mark.parametrize(
    ("base", "rate", "amount"),
    [("5000", "0.005", "25.00"), ("5000.01", "0.01", "50.00"), ("3200", "0.005", "16.00")],
)
def test_retired_brackets(base, rate, amount):
    # DUES-RETIRED: ≤ 5000 → 0.5 %, > 5000 → 1 %
    calc = monthly_amount(RETIRED, Decimal(base), ON)
    assert (calc.rate, calc.amount) == (Decimal(rate), Decimal(amount))


def test_students_pay_the_flat_amount_whatever_the_base():
    # DUES-FLAT
    assert monthly_amount(FLAT, None, ON).amount == Decimal("0.20")
    assert monthly_amount(FLAT, Decimal("99999"), ON).amount == Decimal("0.20")


def test_cap_at_1000():
    # DUES-CAP: 2 % of 50,000 is exactly 1,000; above that the amount stays at 1,000
    at = monthly_amount(SALARIED, Decimal("50000"), ON)
    assert (at.amount, at.capped) == (Decimal("1000.00"), False)
    above = monthly_amount(SALARIED, Decimal("50000.50"), ON)
    assert (above.amount, above.capped) == (Decimal("1000.00"), True)
    assert "DUES-CAP" in above.explanation


def test_rounding_is_half_up_to_the_fen():
    # 3002.50 × 1 % = 30.025 → 30.03 (banker's rounding would give 30.02)
    assert monthly_amount(SALARIED, Decimal("3002.50"), ON).amount == Decimal("30.03")
    assert rules.money("0.005") == Decimal("0.01")


def test_explanation_names_base_bracket_and_rate():
    text = monthly_amount(SALARIED, Decimal("4200"), ON).explanation
    assert "4,200.00" in text and "≤ 5,000.00 元" in text and "1%" in text and "42.00" in text


def test_version_in_force_by_date():
    assert rules.version_on(dt.date(2026, 6, 1)).version == "2008"
    assert rules.version_on(dt.date(2026, 6, 1)).back_limit == 6
