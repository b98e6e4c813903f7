"""Codes the syntaxes spell differently for the same meaning.

BT-8 (VAT point date code) is an UNTDID 2005 code in the model, as in EN 16931 and
UBL; CII writes the UNTDID 2475 code of the same event.  One table, read in both
directions: the CII reader turns 2475 into 2005, the CII writer 2005 into 2475,
and the UBL writer normalises a model that holds the CII spelling.  Other values
are kept as written, for validation to flag.
"""

from __future__ import annotations

#: BT-8: UNTDID 2475 (CII) -> UNTDID 2005 (model, UBL).
TAX_POINT_2475_TO_2005 = {"5": "3", "29": "35", "72": "432"}
_TAX_POINT_2005_TO_2475 = {new: old for old, new in TAX_POINT_2475_TO_2005.items()}


def tax_point_2005(code: str) -> str:
    """BT-8 as the model and UBL spell it."""
    return TAX_POINT_2475_TO_2005.get(code, code)


def tax_point_2475(code: str) -> str:
    """BT-8 as CII spells it."""
    return _TAX_POINT_2005_TO_2475.get(code, code)
