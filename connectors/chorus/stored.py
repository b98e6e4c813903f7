"""What the connector needs of a stored invoice, read from the store in short transactions.

The store already holds everything ingest learned: the key fields, the original
bytes and the validation report.  A send reads those instead of reading the file
again; only the Chorus rules that need the recipient's requirements, when the stored
report could not run them, make the connector read the document (once).
"""

from __future__ import annotations

from dataclasses import dataclass

from invoices.errors import InputError
from invoices.store import Document, Invoice, Store, records
from invoices.validation import CHORUS_NOT_CHECKED, Finding, Layer, Severity


@dataclass(frozen=True)
class StoredInvoice:
    """The key fields of a stored invoice (without its bytes)."""

    id: int
    number: str
    name: str
    seller_siret: str | None
    buyer_siret: str | None
    syntax: str | None
    valid: bool | None
    status: str


@dataclass(frozen=True)
class Original:
    """What a deposit needs beyond the key fields: the bytes and the stored verdict."""

    data: bytes
    #: The Chorus findings of the stored report, or ``None`` when that report did not
    #: judge the invoice against its recipient's requirements (the check must run).
    chorus: tuple[Finding, ...] | None


def load(store: Store, invoice_id: int) -> StoredInvoice:
    """The stored invoice ``invoice_id`` (:class:`InputError` when there is none)."""
    with store.read() as session:
        row = session.get(Invoice, invoice_id)
        if row is None:
            raise InputError("chorus.not_found", file=str(invoice_id))
        doc = session.get(Document, invoice_id)
        assert doc is not None  # an invoice row is keyed by its document
        return StoredInvoice(
            row.id,
            row.number,
            doc.original_name,
            row.seller_siret,
            row.buyer_siret,
            doc.syntax,
            row.valid,
            row.status,
        )


def original(store: Store, invoice_id: int) -> Original:
    """The bytes as received, and the Chorus verdict of the latest stored report."""
    with store.read() as session:
        doc = session.get(Document, invoice_id)
        if doc is None:
            raise InputError("chorus.not_found", file=str(invoice_id))
        data = store.blobs.get(session, doc.sha256)
        report = records.latest_report(session, invoice_id)
        chorus: tuple[Finding, ...] | None = None
        if report is not None and str(Layer.CHORUS) in report.layers_run:
            found = tuple(
                Finding(
                    Layer(row.layer),
                    row.rule,
                    Severity(row.severity),
                    row.message,
                    row.location,
                    tuple(str(term) for term in row.terms),
                )
                for row in report.findings
                if row.layer == str(Layer.CHORUS)
            )
            if not any(f.rule == CHORUS_NOT_CHECKED for f in found):
                chorus = found
        return Original(data, chorus)
