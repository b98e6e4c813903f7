"""What ``demat inspect`` shows: a readable summary of a read document, or its JSON.

Lives in the library (not the CLI) so that the batch, a GUI or accounting
software show a document exactly as the clerk's terminal does.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from invoices.i18n import t, word
from invoices.model import Party, Totals, to_terms
from invoices.reading import ReadResult

#: Totals shown, in the order of the invoice (BT-111 and BT-114 only when present).
_TOTALS = (
    ("BT-106", "line_total"),
    ("BT-107", "allowance_total"),
    ("BT-108", "charge_total"),
    ("BT-109", "tax_exclusive"),
    ("BT-110", "vat_total"),
    ("BT-112", "tax_inclusive"),
    ("BT-113", "prepaid"),
    ("BT-115", "payable"),
)


def _show(value: Any) -> str:
    if value is None or value == "":
        return t("read.inspect.none")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _party(key: str, party: Party) -> list[str]:
    lines = [t(key, name=_show(party.name))]
    if party.siret:
        lines.append(t("read.inspect.siret", siret=party.siret))
    elif party.legal_id is not None:
        lines.append(
            t(
                "read.inspect.legal_id",
                value=party.legal_id.value,
                scheme=_show(party.legal_id.scheme),
            )
        )
    if party.vat_id:
        lines.append(t("read.inspect.vat_id", vat=party.vat_id))
    return lines


def _totals(totals: Totals, currency: str | None) -> list[str]:
    lines = [t("read.inspect.totals")]
    for term, attr in _TOTALS:
        amount = getattr(totals, attr)
        if amount is None and term not in ("BT-109", "BT-110", "BT-112", "BT-115"):
            continue
        shown = f"{amount} {currency or ''}".rstrip() if amount is not None else _show(None)
        label = t(f"read.inspect.t{term[3:]}")
        lines.append(t("read.inspect.total_line", term=term, label=label, amount=shown))
    return lines


def summary_lines(result: ReadResult) -> list[str]:
    """The readable summary of ``result``, one string per line, in the user's language."""
    detection = result.detection
    lines = [
        t("read.inspect.file", file=result.name),
        t(
            "read.inspect.format",
            syntax=detection.syntax.value,
            profile=word("profile", detection.profile.value),
        ),
    ]
    invoice = result.invoice
    if invoice is None:
        lines.append(t("read.inspect.unstructured"))
        return lines
    kind = t("read.inspect.credit_note" if invoice.is_credit_note else "read.inspect.invoice")
    lines.append(
        t(
            "read.inspect.document",
            kind=kind,
            number=_show(invoice.number),
            date=_show(invoice.issue_date),
        )
    )
    lines.append(t("read.inspect.type_code", code=_show(invoice.type_code)))
    if invoice.due_date:
        lines.append(t("read.inspect.due_date", date=_show(invoice.due_date)))
    lines.append(t("read.inspect.currency", currency=_show(invoice.currency)))
    lines += _party("read.inspect.seller", invoice.seller)
    lines += _party("read.inspect.buyer", invoice.buyer)
    if invoice.buyer_reference:
        lines.append(t("read.inspect.service_code", value=invoice.buyer_reference))
    if invoice.purchase_order:
        lines.append(t("read.inspect.engagement", value=invoice.purchase_order))
    lines += _totals(invoice.totals, invoice.currency)
    lines.append(t("read.inspect.vat"))
    for vat in invoice.vat_breakdown:
        lines.append(
            t(
                "read.inspect.vat_line",
                category=_show(vat.category),
                rate=_show(vat.rate),
                base=_show(vat.taxable_amount),
                amount=_show(vat.tax_amount),
            )
        )
    lines.append(t("read.inspect.lines", count=len(invoice.lines)))
    if invoice.attachments:
        lines.append(t("read.inspect.attachments", count=len(invoice.attachments)))
    return lines


def as_json(result: ReadResult) -> dict[str, Any]:
    """The whole model keyed by BT/BG names (``to_terms``), plus what the detection
    found under plain keys (``syntax``, ``profile``...) that no term name can clash with."""
    detection = result.detection
    out: dict[str, Any] = {
        "file": result.name,
        "sha256": result.sha256,
        "syntax": detection.syntax.value,
        "profile": detection.profile.value,
        "structured": result.structured,
    }
    if detection.embedded_name:
        out["embedded_file"] = detection.embedded_name
        out["af_relationship"] = detection.af_relationship
    if detection.xmp_profile:
        out["xmp_conformance_level"] = detection.xmp_profile
    if result.invoice is not None:
        out.update(to_terms(result.invoice))
    return out
