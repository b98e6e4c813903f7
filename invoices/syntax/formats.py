"""How model values are spelled in XML: amounts, quantities, rates and dates.

EN 16931 allows at most two decimals on document amounts (BR-DEC-*), while unit
prices and quantities may carry more; both syntaxes want plain decimal notation,
never an exponent (``Decimal("1E+2")`` must come out as ``100``).
"""

from __future__ import annotations

import base64
from datetime import date
from decimal import Decimal

CENT = Decimal("0.01")


def plain(value: Decimal) -> str:
    """A decimal in positional notation, trailing zeros kept as given."""
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def amount(value: Decimal) -> str:
    """An amount with at least two decimals, more only when the model has them.

    The writer never rounds what the model states: an invoice built with
    :func:`invoices.write.totals.complete` has two decimals everywhere, and a
    converted invoice that had more keeps them (validation then says BR-DEC).
    """
    if value.as_tuple().exponent > -2:  # type: ignore[operator]
        value = value.quantize(CENT)
    return plain(value)


def rate(value: Decimal) -> str:
    """A VAT or allowance percentage, written with two decimals at least."""
    return amount(value)


def cii_date(value: date) -> str:
    """CII date, format code 102 (CCYYMMDD)."""
    return value.strftime("%Y%m%d")


def iso_date(value: date) -> str:
    return value.isoformat()


def indicator(value: bool) -> str:
    return "true" if value else "false"


def base64_text(value: bytes) -> str:
    """BT-125 attachment content, as both syntaxes embed it."""
    return base64.b64encode(value).decode("ascii")
