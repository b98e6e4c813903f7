"""Honest duplicates across syntaxes and receive paths, corrections, duplicate-and-invalid.

The invoices are built once as a model and written by the library's own writers
(:mod:`invoices.write`), so "the same invoice as UBL and as Factur-X" is literally the
same invoice in two syntaxes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from demat.views.store import list_text
from invoices.model import Invoice as ModelInvoice
from invoices.pipeline import OutcomeKind, ingest, ingest_bytes
from invoices.reading import read_document
from invoices.store import Invoice, Store, corrections, records, transmissions
from invoices.store.records import DUPLICATE_COUNTS
from invoices.write import to_cii, to_facturx_pdf, to_ubl

WRITERS: dict[str, tuple[Callable[[ModelInvoice], bytes], str]] = {
    "cii": (to_cii, "xml"),
    "ubl": (to_ubl, "xml"),
    "facturx": (to_facturx_pdf, "pdf"),
}


@pytest.fixture(autouse=True)
def _no_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMAT_GUARD", "off")  # the bank-detail gate has its own tests


@pytest.fixture
def model(cii: Callable[..., bytes]) -> ModelInvoice:
    invoice = read_document(cii("SYN-1"), name="model.xml").invoice
    assert invoice is not None
    return invoice


def _file(folder: Path, invoice: ModelInvoice, syntax: str, name: str) -> Path:
    write, ext = WRITERS[syntax]
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.{ext}"
    path.write_bytes(write(invoice))
    return path


def _one(store: Store, path: Path) -> Any:
    [outcome] = list(ingest([path], store=store))
    return outcome


@pytest.mark.parametrize(
    ("first", "second"), [("ubl", "facturx"), ("facturx", "ubl"), ("cii", "ubl")]
)
def test_the_same_invoice_in_two_syntaxes_is_a_suspected_duplicate(
    first: str, second: str, store: Store, model: ModelInvoice, tmp_path: Path
) -> None:
    a = _one(store, _file(tmp_path / "a", model, first, "a"))
    b = _one(store, _file(tmp_path / "b", model, second, "b"))
    assert a.kind is OutcomeKind.NEW and a.valid is True
    assert (b.kind, b.duplicate_of, b.status) == (
        OutcomeKind.DUPLICATE,
        a.document_id,
        "suspected-duplicate",
    )


def test_a_seller_named_by_siret_then_by_vat_number_is_the_same_seller(
    store: Store, model: ModelInvoice, tmp_path: Path
) -> None:
    # One tool writes the SIRET (BT-30), another only the VAT number (BT-31): the same
    # company (its SIREN), the same number, date and amount: the same invoice.
    by_vat = dataclasses.replace(
        model, seller=dataclasses.replace(model.seller, legal_id=None, identifiers=())
    )
    assert by_vat.seller.siret is None and by_vat.seller.vat_id == "FR13402123459"
    a = _one(store, _file(tmp_path / "a", model, "ubl", "a"))
    b = _one(store, _file(tmp_path / "b", by_vat, "cii", "b"))
    assert (b.kind, b.duplicate_of) == (OutcomeKind.DUPLICATE, a.document_id)
    assert records.company_of("0009:40212345900016") == records.company_of("vat:FR13402123459")


def test_a_seller_named_differently_with_another_amount_is_another_invoice(
    store: Store, model: ModelInvoice, tmp_path: Path
) -> None:
    seller = dataclasses.replace(model.seller, legal_id=None, identifiers=())
    totals = dataclasses.replace(model.totals, prepaid=Decimal("20.00"), payable=Decimal("100.00"))
    other = dataclasses.replace(model, seller=seller, totals=totals)
    _one(store, _file(tmp_path / "a", model, "ubl", "a"))
    b = _one(store, _file(tmp_path / "b", other, "cii", "b"))
    assert b.document_id is not None and b.duplicate_of is None


@pytest.mark.parametrize("inbox_first", [True, False])
def test_inbox_and_chorus_receipt_of_one_invoice_are_duplicates(
    inbox_first: bool, store: Store, model: ModelInvoice, tmp_path: Path
) -> None:
    inbox = _file(tmp_path / "inbox", model, "facturx", "scan")

    def from_chorus() -> Any:
        return ingest_bytes(to_ubl(model), "4100001.xml", store=store, source="chorus:4100001")

    first, second = (
        (_one(store, inbox), from_chorus()) if inbox_first else (from_chorus(), _one(store, inbox))
    )
    assert first.kind is OutcomeKind.NEW
    assert (second.kind, second.duplicate_of) == (OutcomeKind.DUPLICATE, first.document_id)


NOT_COUNTING = sorted(s for s, counts in DUPLICATE_COUNTS.items() if not counts)


@pytest.mark.parametrize("status", NOT_COUNTING)
def test_a_reissue_of_a_refused_or_rejected_invoice_is_linked_as_its_correction(
    status: str, store: Store, model: ModelInvoice, tmp_path: Path
) -> None:
    a = _one(store, _file(tmp_path / "a", model, "cii", "a"))
    with store.write() as session:
        transmissions.set_invoice_status(session, a.document_id, status)
    b = _one(store, _file(tmp_path / "b", model, "ubl", "b"))  # re-issued, other bytes
    assert (b.kind, b.status, b.duplicate_of) == (OutcomeKind.NEW, "received", None)
    with store.read() as session:
        assert corrections.correction_of(session, b.document_id) == a.document_id
        assert corrections.corrected_by(session, a.document_id) == [b.document_id]
        assert corrections.correction_of(session, a.document_id) is None
        items = {i.id: i for i in records.list_items(session)}
    assert items[b.document_id].to_json()["correction_of"] == a.document_id
    assert items[a.document_id].to_json()["corrected_by"] == [b.document_id]
    text = list_text(items.values())
    assert f"corrects #{a.document_id}" in text or f"corrige #{a.document_id}" in text


def test_a_duplicate_that_is_also_invalid_says_both_and_is_listed_as_invalid(
    store: Store, cii: Callable[..., bytes], tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "a.xml").write_bytes(cii("BOTH-1"))
    broken = cii("BOTH-1").replace(
        b"<ram:TypeCode>380</ram:TypeCode>", b"<ram:TypeCode>999</ram:TypeCode>"
    )
    (tmp_path / "b" / "b.xml").write_bytes(broken)
    a = _one(store, tmp_path / "a")
    b = _one(store, tmp_path / "b")
    assert (b.kind, b.duplicate_of, b.valid) == (OutcomeKind.DUPLICATE, a.document_id, False)
    assert b.refused  # exit code 1, as any invalid document
    message = b.message("en")
    assert f"already received as #{a.document_id}" in message and "AND invalid" in message
    with store.read() as session:
        row = session.get(Invoice, b.document_id)
        assert row is not None and (row.status, row.valid) == ("suspected-duplicate", False)
        invalid = records.list_items(session, statuses=["invalid"])
        dupes = records.list_items(session, statuses=["suspected-duplicate"])
    assert [i.id for i in invalid] == [b.document_id] == [i.id for i in dupes]
    assert "invalid" in list_text(invalid)
