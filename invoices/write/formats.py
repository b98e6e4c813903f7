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


# BT-8 (VAT point date code) is an UNTDID 2005 code in the model, as in EN 16931
# and UBL; CII writes the UNTDID 2475 code of the same meaning.  Both directions
# are mapped, so a model holding either spelling is written right.
_TAX_POINT_CII_TO_UBL = {"5": "3", "29": "35", "72": "432"}
_TAX_POINT_UBL_TO_CII = {ubl: cii for cii, ubl in _TAX_POINT_CII_TO_UBL.items()}


def tax_point_code_ubl(code: str) -> str:
    return _TAX_POINT_CII_TO_UBL.get(code, code)


def tax_point_code_cii(code: str) -> str:
    return _TAX_POINT_UBL_TO_CII.get(code, code)
