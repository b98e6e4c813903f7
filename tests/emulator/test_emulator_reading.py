"""The emulator reads invoices on its own: it agrees with our reader on every corpus
invoice, refuses what a platform refuses, and writes valid UBL for bulk invoices.

Two independent readings agreeing over the shared corpus is what makes an end-to-end
test meaningful: a misread term in our reader now shows as a platform rejection or a
mismatch here instead of being confirmed by the same code.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import invoices
from emulators.chorus.demand import ContainerError
from emulators.chorus.extract import read_member
from emulators.chorus.ubl_builder import ubl_invoice
from invoices.errors import InputError
from invoices.model import Invoice, Party

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
#: syntaxeFlux a document of each detected kind is deposited with.
DEPOSIT = {
    "cii": "IN_DP_E1_CII_16B",
    "ubl-invoice": "IN_DP_E1_UBL_INVOICE",
    "ubl-creditnote": "IN_DP_E1_UBL_INVOICE",
    "facturx-pdf": "IN_DP_E2_CII_FACTURX",
}


def _siret(party: Party | None) -> str | None:
    if party is None:
        return None
    if party.legal_id is not None and party.legal_id.value.strip():
        return party.legal_id.value.strip()
    return next(
        (i.value.strip() for i in party.identifiers if i.scheme == "0009" and i.value.strip()),
        None,
    )


def _ours(invoice: Invoice) -> dict[str, Any]:
    """The routing data as our reader's model holds it."""
    payment = invoice.payment
    return {
        "number": invoice.number.strip() or None,
        "issue_date": invoice.issue_date,
        "type_code": invoice.type_code,
        "currency": invoice.currency,
        "supplier_id": _siret(invoice.seller),
        "recipient_id": _siret(invoice.buyer),
        "service_code": invoice.buyer_reference or None,
        "engagement": invoice.purchase_order or None,
        "framework": invoice.process_id or None,
        "payment_means": payment.means_code if payment else None,
        "total_ht": invoice.totals.tax_exclusive,
        "total_vat": invoice.totals.vat_total,
        "total_ttc": invoice.totals.tax_inclusive,
        "payable": invoice.totals.payable,
    }


def _documents(corpus: Path) -> list[tuple[Path, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    found = [(corpus / r["path"], r["syntax"]) for r in rows if r["syntax"] in DEPOSIT]
    found += [(p, "facturx-pdf") for p in sorted(SAMPLES.glob("*.pdf"))]
    found += [
        (p, "cii" if b"CrossIndustryInvoice" in p.read_bytes()[:4000] else "ubl-invoice")
        for p in sorted(SAMPLES.glob("*.xml"))
    ]
    return found


def test_the_platform_and_our_reader_agree_on_every_readable_invoice(corpus: Path) -> None:
    compared, disagreements = 0, []
    for path, kind in _documents(corpus):
        data = path.read_bytes()
        try:
            expected = _ours(invoices.read(data, name=path.name))
        except InputError:
            continue  # not a readable invoice for us: nothing to compare
        demand = read_member(data, path.name, DEPOSIT[kind])
        got = {name: getattr(demand, name) for name in expected}
        if got != expected:
            disagreements.append(
                (path.name, {k: (expected[k], got[k]) for k in expected if expected[k] != got[k]})
            )
        compared += 1
    assert compared > 300  # the corpus is there and was read
    assert disagreements == []


def test_routing_data_of_a_cii_invoice(build: Any) -> None:
    data = build.cii("F-7", service="SERV-1", engagement="EJ-42", means="58", type_code="381")
    demand = read_member(data, "f.xml", "IN_DP_E1_CII_16B")
    assert (demand.number, demand.issue_date, demand.type_code) == ("F-7", date(2026, 3, 15), "381")
    assert (demand.supplier_id, demand.supplier_scheme) == (build.COMMUNE, "0009")
    assert demand.recipient_id == build.SYNDICAT
    assert (demand.service_code, demand.engagement, demand.framework) == ("SERV-1", "EJ-42", "A1")
    assert (demand.payment_means, demand.iban) == ("58", "FR7630006000011234567890189")
    assert (demand.total_ht, demand.total_vat, demand.total_ttc, demand.payable) == (
        Decimal("100.00"),
        Decimal("20.00"),
        Decimal("120.00"),
        Decimal("120.00"),
    )
    [line] = demand.lines
    assert (line.reference, line.name, line.quantity, line.unit) == ("1", "Prestation", 1, "C62")
    assert [(v.rate, v.base, v.amount) for v in demand.vat] == [
        (Decimal("20.00"), Decimal("100.00"), Decimal("20.00"))
    ]


def test_an_empty_amount_is_missing_not_zero(build: Any) -> None:
    demand = read_member(build.cii(payable=None), "f.xml", "IN_DP_E1_CII_16B")
    assert demand.payable is None


@pytest.mark.parametrize(
    "prologue",
    [
        b"<!DOCTYPE rsm:CrossIndustryInvoice>",
        b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd">',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_a_doctype_is_refused_even_before_a_valid_invoice(build: Any, prologue: bytes) -> None:
    declaration, rest = build.cii().split(b"\n", 1)
    with pytest.raises(ContainerError) as caught:
        read_member(declaration + b"\n" + prologue + b"\n" + rest, "f.xml", "IN_DP_E1_CII_16B")
    assert caught.value.code == "XML_INVALIDE"


def test_facturx_is_read_from_its_embedded_xml() -> None:
    data = (SAMPLES / "facturx-en16931.pdf").read_bytes()
    demand = read_member(data, "f.pdf", "IN_DP_E2_CII_FACTURX")
    assert demand.original == data and demand.xml.lstrip().startswith(b"<?xml")
    assert demand.number == invoices.read(data).number


def test_bulk_invoices_are_valid_en16931_ubl(artefacts: Path) -> None:
    data = ubl_invoice(
        number="EMU-2026-0000001",
        issue=date(2026, 1, 1),
        supplier={"siret": "40212345900016", "designation": "Durand", "address": {}},
        recipient={"siret": "21750011500019", "designation": "Commune", "address": {}},
        quantity=3,
        price=Decimal("17.35"),
        item="Travaux de voirie",
        service="SERV-1",
        engagement="EJ-1",
    )
    report = invoices.validate(data, name="bulk.xml")
    assert str(report.verdict) == "valid", [f.rule for f in report.findings]
    demand = read_member(data, "bulk.xml", "IN_DP_E1_UBL_INVOICE")
    assert (demand.total_ht, demand.total_vat, demand.payable) == (
        Decimal("52.05"),
        Decimal("10.41"),
        Decimal("62.46"),
    )
