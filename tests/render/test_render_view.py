"""The readable view of the model: what the page says, for an invoice of each syntax,
in French and in English; codes in words; amounts and dates as Babel writes them."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from invoices.model import (
    AllowanceCharge,
    CreditTransfer,
    Invoice,
    LineVat,
    Note,
    PaymentInstructions,
    VatBreakdown,
)
from invoices.reading import read
from invoices.render import codes, invoice_view
from invoices.render.view import InvoiceView

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ZUGFERD1 = "zugferd-corpus/ZUGFeRDv1/correct/Intarsys/ZUGFeRD_1p0_EXTENDED_Warenrechnung.pdf"


def _all_text(view: InvoiceView) -> str:
    parts = [view.title, view.kind, view.issued, view.source]
    parts += [f"{r.label} {r.value}" for r in view.summary + view.references + view.dates]
    parts += [f"{r.label} {r.value}" for r in view.payment]
    for block in view.parties:
        parts += [block.heading, *(f"{r.label} {r.value}" for r in block.rows)]
    for table in (view.lines, view.vat, view.allowances):
        if table is not None:
            parts += [*table.headers, *("\n".join(row) for row in table.rows)]
    parts += [f"{t.label} {t.value}" for t in view.totals]
    return "\n".join([*parts, *view.notes, *view.attachments])


def _row(view: InvoiceView, label_start: str) -> str:
    rows = [*view.references, *view.dates, *view.payment]
    found = [r.value for r in rows if r.label.startswith(label_start)]
    assert found, f"no row {label_start!r}"
    return found[0]


def test_a_chorus_invoice_in_french_says_everything_a_clerk_checks() -> None:
    invoice = read(SAMPLES / "chorus-service-engagement.xml")
    view = invoice_view(invoice, lang="fr")
    assert view.title == "Facture n° IL-2026-0001"
    assert view.kind == "Type de document (BT-3) : Facture (code 380)"
    assert view.issued == "du 10/03/2026"
    seller, buyer = view.parties[:2]
    assert seller.heading == "Vendeur (fournisseur)" and buyer.heading == "Acheteur"
    seller_rows = {r.label: r.value for r in seller.rows}
    assert seller_rows["Raison sociale"] == "Informatique Leroy SA"
    assert seller_rows["SIRET"] == "80298765100014"
    assert seller_rows["N° de TVA intracommunautaire"] == "FR72802987651"
    assert {r.label: r.value for r in buyer.rows}["SIRET"] == "21440109300015"
    assert _row(view, "Code service") == "DEP-ACHATS"
    assert _row(view, "N° d'engagement") == invoice.purchase_order
    assert _row(view, "Date d'échéance") == "09/04/2026"
    totals = {t.label: t.value for t in view.totals}
    ttc = totals["Total TTC (BT-112)"]
    assert ttc.endswith("\xa0€") and "," in ttc  # Babel: 1 234,56 € with no-break spaces
    assert [t.label for t in view.totals if t.strong] == [
        "Total TTC (BT-112)",
        "Net à payer (BT-115)",
    ]


@pytest.mark.parametrize(
    "name", ["ubl-invoice.xml", "cii-en16931.xml", "facturx-en16931.pdf", "ubl-credit-note.xml"]
)
def test_every_syntax_gives_the_same_kind_of_page(name: str) -> None:
    invoice = read(SAMPLES / name)
    text = _all_text(invoice_view(invoice, lang="fr"))
    assert invoice.number in text
    assert invoice.seller.name and invoice.seller.name in text
    assert invoice.seller.siret and invoice.seller.siret in text
    for line in invoice.lines:
        assert line.item is not None and line.item.name in text


def test_a_zugferd1_invoice_is_rendered_too(corpus: Path) -> None:
    invoice = read(corpus / ZUGFERD1)
    view = invoice_view(invoice, lang="fr")
    assert invoice.number in view.title
    assert len(view.lines.rows) == len(invoice.lines)
    assert view.vat.rows and view.totals


def test_a_credit_note_is_titled_as_one() -> None:
    view = invoice_view(read(SAMPLES / "ubl-credit-note.xml"), lang="fr")
    assert view.title.startswith("Avoir n° ")
    assert "Facture d'origine (BT-25)" in [r.label for r in view.references]


def test_english_view_has_no_french_label() -> None:
    view = invoice_view(read(SAMPLES / "facturx-en16931.pdf"), lang="en")
    text = _all_text(view)
    assert view.title == "Invoice no. FD-2026-0003"
    assert "Total with VAT (BT-112)" in text and "€743.55" in text
    for french in ("Facture", "Vendeur", "Acheteur", "Virement", "Taux", "Récapitulatif"):
        assert french not in text


def _with(invoice: Invoice, **changes: object) -> InvoiceView:
    return invoice_view(dataclasses.replace(invoice, **changes), lang="fr")  # type: ignore[arg-type]


def test_codes_are_shown_in_words() -> None:
    base = read(SAMPLES / "ubl-invoice.xml")
    sepa = PaymentInstructions(
        means_code="58", credit_transfers=(CreditTransfer("FR7630006000011234567890189"),)
    )
    view = _with(base, payment=sepa, type_code="386")
    assert view.title.startswith("Facture d'acompte n° ")
    assert _row(view, "Moyen de paiement") == "Virement SEPA (code 58)"
    assert _row(view, "IBAN") == "FR76 3000 6000 0112 3456 7890 189"
    assert _with(base, payment=PaymentInstructions(means_code="30")).payment[0].value == (
        "Virement (code 30)"
    )
    vat = (VatBreakdown("E", Decimal(0), Decimal(100), Decimal(0), "Article 261 du CGI"),)
    row = _with(base, vat_breakdown=vat).vat.rows[0]
    assert row[0] == "Exonéré de TVA (E)" and row[1] == "0 %" and row[4] == "Article 261 du CGI"
    standard = _with(base, vat_breakdown=(VatBreakdown("S", Decimal("5.5")),)).vat.rows[0]
    assert standard[0] == "Taux normal ou réduit (S)" and standard[1] == "5,5 %"
    assert codes.word("means", "999", "fr") == "code 999"  # never dropped
    assert codes.unit("C62", "fr") == "unité" and codes.unit("XYZ", "fr") == "XYZ"
    assert codes.country("DE", "fr") == "Allemagne"


def test_line_details_allowances_and_notes() -> None:
    base = read(SAMPLES / "ubl-invoice.xml")
    line = dataclasses.replace(
        base.lines[0],
        vat=LineVat("AE", Decimal(0)),
        allowances=(AllowanceCharge(Decimal("5.00"), reason="Remise fidélité"),),
    )
    view = _with(
        base,
        lines=(line,),
        notes=(Note("Pénalités de retard : trois fois le taux légal.", "PMD"),),
        charges=(AllowanceCharge(Decimal("12.50"), reason="Transport", vat_category="S"),),
    )
    item, vat = view.lines.rows[0][1], view.lines.rows[0][5]
    assert "Remise : Remise fidélité (-5,00\xa0€)" in item
    assert vat == "0 %\nAutoliquidation"
    assert view.notes == ("Pénalités de retard : Pénalités de retard : trois fois le taux légal.",)
    assert view.allowances is not None
    (transport,) = [row for row in view.allowances.rows if row[1] == "Transport"]
    assert transport[0] == "Frais" and transport[4] == "12,50\xa0€"


def test_empty_fields_make_no_row() -> None:
    view = invoice_view(Invoice(number="X-1"), lang="fr")
    assert view.title == "Document n° X-1"
    assert view.references == () and view.dates == () and view.payment == ()
    assert view.lines.rows == () and view.totals == ()
