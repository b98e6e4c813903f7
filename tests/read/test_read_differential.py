"""Differential test: our model against the ``factur-x`` package's own parser.

On every corpus file both can read, the terms the clerk and Chorus Pro rely on
must agree: number, issue date, type, currency, seller and buyer names and legal
identifiers, totals BT-106..BT-115, VAT breakdown and number of lines.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

import facturx

from invoices.errors import InputError
from invoices.model import Invoice, Party
from invoices.reading import read_document
from invoices.syntax import Syntax

#: Reviewed disagreements where we are right: corpus path -> (term, why).  Empty
#: today: on every file both parsers read, the compared terms agree exactly.
KNOWN_DIFFERENCES: dict[str, tuple[str, str]] = {}

_TOTALS = {
    "BT-106": "line_total",
    "BT-107": "allowance_total",
    "BT-108": "charge_total",
    "BT-109": "tax_exclusive",
    "BT-110": "vat_total",
    "BT-111": "vat_total_accounting",
    "BT-112": "tax_inclusive",
    "BT-113": "prepaid",
    "BT-114": "rounding",
    "BT-115": "payable",
}


def _theirs(data: bytes, syntax: Syntax) -> dict[str, Any] | None:
    """facturx's parse of the same document, or None where it cannot read it."""
    logging.getLogger("factur-x").setLevel(logging.CRITICAL)
    try:
        if syntax is Syntax.FACTURX_PDF:
            _name, xml = facturx.get_xml_from_pdf(data, check_xsd=False)
            if not xml:
                return None
        else:
            xml = data
        return facturx.parse_ubl_cii_xml(xml, check_xsd=False)
    except Exception:
        return None


def _dec(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, list):  # facturx returns a list when the term repeats
        value = value[0]
    return Decimal(str(value))


def _party(ours: Party, theirs: dict[str, Any] | None) -> dict[str, Any]:
    theirs = theirs or {}
    legal = ours.legal_id
    return {
        "ours": (ours.name, legal.value if legal else None, legal.scheme if legal else None),
        "theirs": (
            theirs.get("name"),
            theirs.get("legal_identifier"),
            theirs.get("legal_identifier_schemeid"),
        ),
    }


def differences(ours: Invoice, theirs: dict[str, Any]) -> list[str]:
    """Each term where the two readings disagree, as ``term: ours != theirs``."""
    out = []

    def check(term: str, mine: Any, other: Any) -> None:
        if mine != other:
            out.append(f"{term}: {mine!r} != {other!r}")

    check("BT-1", ours.number or None, theirs.get("BT-1"))
    check("BT-2", ours.issue_date, theirs.get("BT-2"))
    check("BT-3", ours.type_code, theirs.get("BT-3"))
    check("BT-5", ours.currency, theirs.get("BT-5"))
    for term, party, key in (("BG-4", ours.seller, "BG-4"), ("BG-7", ours.buyer, "BG-7")):
        pair = _party(party, theirs.get(key))
        check(term, pair["ours"], pair["theirs"])
    for term, attr in _TOTALS.items():
        check(term, getattr(ours.totals, attr), _dec(theirs.get(term)))
    mine_vat = [(v.category, v.rate, v.taxable_amount, v.tax_amount) for v in ours.vat_breakdown]
    their_vat = [
        (
            v.get("BT-118"),
            _dec(v.get("BT-119")),
            _dec(v.get("BT-116")) or Decimal(0),
            _dec(v.get("BT-117")) or Decimal(0),
        )
        for v in theirs.get("BG-23") or []
    ]
    check("BG-23", mine_vat, their_vat)
    check("BG-25 count", len(ours.lines), len(theirs.get("BG-25") or []))
    return out


_READABLE = {Syntax.CII, Syntax.UBL_INVOICE, Syntax.UBL_CREDITNOTE, Syntax.FACTURX_PDF}


def test_agrees_with_facturx_parser(corpus: Path, manifest: list[dict[str, str]]) -> None:
    compared = 0
    problems = []
    for row in manifest:
        try:
            result = read_document(corpus / row["path"])
        except InputError:
            continue
        if result.invoice is None or result.detection.syntax not in _READABLE:
            continue
        theirs = _theirs(result.data, result.detection.syntax)
        if theirs is None:
            continue
        compared += 1
        diffs = differences(result.invoice, theirs)
        known = KNOWN_DIFFERENCES.get(row["path"])
        if known is not None:
            stale = not any(d.startswith(known[0] + ":") for d in diffs)
            if stale:  # an exception that no longer applies must leave the list
                problems.append(f"{row['path']}: listed exception {known[0]} no longer differs")
            diffs = [d for d in diffs if not d.startswith(known[0] + ":")]
        if diffs:
            problems.append(f"{row['path']}: " + "; ".join(diffs))
    assert compared > 250, f"only {compared} files compared"
    assert not problems, f"{len(problems)} disagreements:\n" + "\n".join(problems)
