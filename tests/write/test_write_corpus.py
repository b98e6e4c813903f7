"""Real invoices survive a trip through the writers: read -> write -> read gives the same model.

The corpus (``shared/corpus``) holds invoices from many producers; whatever our
reader gets out of one, the writers must be able to put back.  The only
differences allowed are the ones the target syntax imposes, each named below.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from invoices.errors import InputError
from invoices.model import Invoice, Party
from invoices.reading import read, read_document
from invoices.syntax import Profile
from invoices.write import to_cii, to_ubl


def _corpus_invoices(corpus: Path) -> list[tuple[str, Invoice]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as stream:
        paths = [row["path"] for row in csv.DictReader(stream, delimiter="\t")]
    out = []
    for path in paths:
        try:
            doc = read_document(corpus / path)
        except InputError:
            continue  # the readers' tests cover unreadable files
        if doc.invoice is not None:
            out.append((path, doc.invoice))
    return out


@pytest.fixture(scope="module")
def corpus_invoices(corpus: Path) -> list[tuple[str, Invoice]]:
    invoices = _corpus_invoices(corpus)
    assert len(invoices) > 300  # the walk really happened
    return invoices


def _ids_in_cii_order(party: Party | None) -> Party | None:
    """CII writes ram:ID (no scheme) before ram:GlobalID (with scheme): order is not kept."""
    if party is None:
        return None
    ids = tuple(sorted(party.identifiers, key=lambda i: i.scheme is not None))
    return dataclasses.replace(party, identifiers=ids)


def _as_cii_keeps_it(invoice: Invoice) -> Invoice:
    return dataclasses.replace(
        invoice,
        specification_id=None,
        seller=_ids_in_cii_order(invoice.seller),
        buyer=_ids_in_cii_order(invoice.buyer),
        payee=_ids_in_cii_order(invoice.payee),
    )


def _without_na_order(invoice: Invoice) -> Invoice:
    """cac:OrderReference/cbc:ID is mandatory in UBL: with only a sales order (BT-14)
    the binding writes "NA" as the purchase order, which reads back as such."""
    if invoice.purchase_order == "NA" and invoice.sales_order:
        return dataclasses.replace(invoice, purchase_order=None)
    return invoice


def _as_ubl_keeps_it(invoice: Invoice) -> Invoice:
    invoice = _without_na_order(invoice)
    payee = invoice.payee
    return dataclasses.replace(
        invoice,
        specification_id=None,
        # UBL-SR-16: a single buyer identifier.
        buyer=dataclasses.replace(invoice.buyer, identifiers=invoice.buyer.identifiers[:1]),
        # The EN 16931 UBL binding has no payee address (CII EXTENDED has one).
        payee=dataclasses.replace(payee, address=None) if payee else None,
    )


def _ubl_read_back(invoice: Invoice) -> Invoice:
    return dataclasses.replace(_without_na_order(invoice), specification_id=None)


def test_corpus_round_trips_through_cii_extended(
    corpus_invoices: list[tuple[str, Invoice]],
) -> None:
    changed = []
    for path, invoice in corpus_invoices:
        back = read(to_cii(invoice, Profile.EXTENDED))
        if _as_cii_keeps_it(back) != _as_cii_keeps_it(invoice):
            changed.append(path)
    assert not changed


def test_corpus_round_trips_through_ubl(corpus_invoices: list[tuple[str, Invoice]]) -> None:
    changed = []
    for path, invoice in corpus_invoices:
        back = read(to_ubl(invoice))
        if _ubl_read_back(back) != _as_ubl_keeps_it(invoice):
            changed.append(path)
    assert not changed
