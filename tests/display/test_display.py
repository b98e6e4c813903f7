"""The formatting every view shares: Babel's CLDR patterns, in the reader's language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from invoices import display

NNBSP, NBSP = "\u202f", "\xa0"


def test_french_amounts_group_with_a_narrow_space_and_use_a_comma() -> None:
    assert display.money(Decimal("1234.5"), "EUR", "fr") == f"1{NNBSP}234,50{NBSP}€"
    assert display.money(Decimal("1234.5"), "EUR", "en") == "€1,234.50"


def test_an_amount_is_never_rounded_away() -> None:
    # A finding about BR-DEC (too many decimals) must quote what the invoice says.
    assert display.money("10.005", "EUR", "fr") == f"10,005{NBSP}€"


def test_a_value_that_is_not_a_number_is_quoted_as_written() -> None:
    assert display.money("12,5O", "EUR", "fr") == "12,5O"
    assert display.number("abc", "fr") == "abc"


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("20.00", "fr", "20"),
        ("1.5", "fr", "1,5"),
        ("1.5", "en", "1.5"),
        ("1234.25", "fr", f"1{NNBSP}234,25"),
    ],
)
def test_numbers_keep_the_decimals_they_have(value: str, lang: str, shown: str) -> None:
    assert display.number(value, lang) == shown


def test_dates_are_day_first_and_moments_in_the_clerks_time_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert display.day(date(2026, 8, 15), "fr") == "15/08/2026"
    monkeypatch.setenv("DEMAT_TIMEZONE", "Europe/Paris")
    assert display.moment(datetime(2026, 8, 15, 10, 3, tzinfo=UTC), "fr") == "15/08/2026 12:03"
    monkeypatch.setenv("DEMAT_TIMEZONE", "America/Cayenne")
    assert display.moment(datetime(2026, 8, 15, 10, 3, tzinfo=UTC), "fr") == "15/08/2026 07:03"
    monkeypatch.setenv("DEMAT_TIMEZONE", "Nowhere/Atlantis")
    assert display.timezone().key == "Europe/Paris"


def test_no_value_is_an_empty_cell() -> None:
    assert display.money(None) == display.day(None) == display.moment(None) == ""
