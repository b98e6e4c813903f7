"""Numbers, amounts and dates as the reader's language writes them.

Every view a person reads (findings quoting invoice values, the rendered invoice,
the reports, the history of an invoice) formats through these few functions, so
that ``1 234,56 €`` and ``15/08/2026`` look the same everywhere.  The formatting
itself is Babel's (CLDR data): grouping, decimal sign, currency symbol placement
and date patterns are not ours to get wrong by hand.

The clerk's time zone is ``DEMAT_TIMEZONE`` (default ``Europe/Paris``: the
communes we serve are in France; overseas communes set their own).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

from invoices.i18n import language

#: The Babel locale of each language of the catalogue.
LOCALES = {"fr": "fr_FR", "en": "en_GB"}
DEFAULT_TIMEZONE = "Europe/Paris"


def _locale(lang: str | None) -> str:
    return LOCALES.get(lang or language(), LOCALES["en"])


def _decimal(value: Decimal | int | float | str) -> Decimal | None:
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


def money(
    value: Decimal | int | float | str | None, currency: str | None = "EUR", lang: str | None = None
) -> str:
    """``1 234,50 €`` in French, ``€1,234.50`` in English; empty for no value.

    A value that is not a number (a broken invoice may carry ``12,5O``) is shown as
    written: a finding must quote what the document says, not hide it."""
    if value is None or value == "":
        return ""
    amount = _decimal(value)
    if amount is None:
        return str(value)
    if not currency:
        return number(amount, lang, places=2)
    try:
        # No rounding: an amount of 10.005 must be quoted as the invoice writes it.
        return format_currency(amount, currency, locale=_locale(lang), decimal_quantization=False)
    except (ValueError, KeyError):
        return f"{number(amount, lang, places=2)} {currency}"


def number(
    value: Decimal | int | float | str | None, lang: str | None = None, places: int | None = None
) -> str:
    """A quantity, rate or percentage: as many decimals as it has (``20`` stays
    ``20``, ``1.5`` is ``1,5``), or exactly ``places``."""
    if value is None or value == "":
        return ""
    amount = _decimal(value)
    if amount is None:
        return str(value)
    if places is not None:
        pattern = "#,##0." + "0" * places if places else "#,##0"
        return format_decimal(amount, format=pattern, locale=_locale(lang))
    exponent = amount.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    pattern = "#,##0." + "#" * decimals if decimals else "#,##0"
    return format_decimal(amount, format=pattern, locale=_locale(lang), decimal_quantization=False)


def day(value: date | datetime | None, lang: str | None = None) -> str:
    """``15/08/2026`` in French, ``15/08/2026`` in British English as well (the
    day-first order both readers share); empty for no date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(timezone()).date() if value.tzinfo else value.date()
    return format_date(value, "dd/MM/yyyy", locale=_locale(lang))


def moment(value: datetime | None, lang: str | None = None) -> str:
    """A point in time in the clerk's time zone: ``15/08/2026 12:03``.  A naive
    value is taken as UTC (the store keeps UTC)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return format_datetime(value, "dd/MM/yyyy HH:mm", tzinfo=timezone(), locale=_locale(lang))


def timezone() -> ZoneInfo:
    """The clerk's time zone (``DEMAT_TIMEZONE``); an unknown name falls back to
    Paris rather than failing a report."""
    name = os.environ.get("DEMAT_TIMEZONE") or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)
