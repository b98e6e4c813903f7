"""A plain PDF the commune issues, with the data its clerk entered: stored like the others.

When the commune cannot produce an invoice as structured data (no Factur-X, no XML),
Chorus Pro takes the PDF with the key data typed in (``deposer/pdf`` + ``soumettre``).
The PDF enters the store the same way every document does (by content hash, audited,
once), and the entered data fill the invoice row, so that ``list``, ``show``, the
outbox and the duplicate rule see it like any other invoice.  Nothing here reads the
PDF's text: what the clerk typed is the invoice, and it is recorded as entered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from invoices.errors import InputError
from invoices.identifiers import siret
from invoices.pipeline.outcome import Outcome, OutcomeKind
from invoices.pipeline.record import Options, note
from invoices.store import DocumentStatus, Store, audit, corrections, records
from invoices.store.tables import Invoice

#: The ``documents.syntax`` of a plain PDF with entered data.
PLAIN_PDF = "pdf"
#: The ``source`` of the documents stored this way.
SOURCE = "entered"
VAT_REGIMES = ("TVA_SUR_DEBIT", "TVA_SUR_ENCAISSEMENT", "EXONERATION", "SANS_TVA")


@dataclass(frozen=True)
class EnteredInvoice:
    """What a clerk enters for a plain PDF invoice: what the PDF cannot carry."""

    number: str
    issue_date: date
    buyer_siret: str
    total_ht: Decimal
    total_vat: Decimal
    total_ttc: Decimal
    service_code: str | None = None
    engagement: str | None = None
    credit_note: bool = False
    currency: str = "EUR"
    vat_regime: str = "TVA_SUR_DEBIT"
    payable: Decimal | None = None
    comment: str | None = None

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise InputError("supplier_ops.bad_data", field="number")
        if not siret.is_valid(self.buyer_siret):
            raise InputError("supplier_ops.bad_data", field="buyer_siret")
        if self.vat_regime not in VAT_REGIMES:
            raise InputError("supplier_ops.bad_data", field="vat_regime")
        if self.total_ht + self.total_vat != self.total_ttc:
            raise InputError("supplier_ops.bad_totals")

    @property
    def due(self) -> Decimal:
        return self.total_ttc if self.payable is None else self.payable

    def as_json(self) -> dict[str, Any]:
        """The entered data, as the audit trail keeps them."""
        return {
            "number": self.number,
            "issue_date": self.issue_date.isoformat(),
            "buyer_siret": self.buyer_siret,
            "service_code": self.service_code,
            "engagement": self.engagement,
            "credit_note": self.credit_note,
            "currency": self.currency,
            "vat_regime": self.vat_regime,
            "total_ht": str(self.total_ht),
            "total_vat": str(self.total_vat),
            "total_ttc": str(self.total_ttc),
            "payable": str(self.due),
        }

    @classmethod
    def of_row(cls, row: Invoice) -> EnteredInvoice:
        """The entered data back from the invoice row (for a send taken up again)."""
        if row.issue_date is None or row.buyer_siret is None:
            raise InputError("supplier_ops.bad_data", field="issue_date")
        zero = Decimal("0")
        return cls(
            number=row.number,
            issue_date=row.issue_date,
            buyer_siret=row.buyer_siret,
            total_ht=row.tax_exclusive or zero,
            total_vat=row.vat_total or zero,
            total_ttc=row.tax_inclusive or zero,
            service_code=row.service_code,
            engagement=row.engagement,
            credit_note=row.type_code == "381",
            currency=row.currency or "EUR",
            payable=row.payable,
        )


def store_entered(
    store: Store,
    data: bytes,
    name: str,
    entered: EnteredInvoice,
    *,
    seller_siret: str,
    seller_name: str | None = None,
    actor: str = "-",
) -> Outcome:
    """Store the PDF once (by hash) with the entered data as its invoice row.

    The same PDF given again is ``known`` (its first data stand: the file is the
    invoice); a new PDF with the same seller, number and year as an invoice that
    counts (:data:`invoices.store.records.DUPLICATE_COUNTS`) is a suspected duplicate,
    and one re-issuing an invoice refused or rejected is linked to it as its correction.
    """
    if not data.startswith(b"%PDF-"):
        raise InputError("supplier_ops.not_pdf", file=name)
    digest = hashlib.sha256(data).hexdigest()
    opts = Options(actor=actor, source=SOURCE, validate=False)
    with store.write() as session:
        known = records.document_by_sha(session, digest)
        if known is not None:
            row = session.get(Invoice, known.id)
            return Outcome(
                known.original_name,
                OutcomeKind.KNOWN,
                known.id,
                digest,
                row.status if row is not None else known.status,
                row.valid if row is not None else None,
                row.number if row is not None else None,
            )
        store.blobs.put(session, digest, data)
        doc = records.add_document(
            session,
            sha256=digest,
            name=name,
            data=data,
            source=SOURCE,
            syntax=PLAIN_PDF,
            profile=None,
            status=DocumentStatus.STORED,
            media_type="application/pdf",
        )
        details: dict[str, Any] = {"name": name, "sha256": digest, "size": doc.size}
        details.update(media_type=doc.media_type, syntax=PLAIN_PDF, source=SOURCE)
        note(session, audit.Action.DOCUMENT_RECEIVED, opts, "document", doc.id, details)
        seller_id = f"{siret.SCHEME}:{seller_siret}"
        year = entered.issue_date.year
        original = records.find_duplicate(
            session,
            seller_id,
            entered.number,
            year,
            issue_date=entered.issue_date,
            total=entered.due,
        )
        corrected = (
            records.find_corrected(session, seller_id, entered.number, year)
            if original is None
            else None
        )
        status = records.validation_status(True, original.id if original else None)
        row = Invoice(
            id=doc.id,
            seller_siret=seller_siret,
            buyer_siret=entered.buyer_siret,
            seller_id=seller_id,
            seller_name=seller_name,
            number=entered.number,
            issue_date=entered.issue_date,
            year=year,
            type_code="381" if entered.credit_note else "380",
            currency=entered.currency,
            tax_exclusive=entered.total_ht,
            vat_total=entered.total_vat,
            tax_inclusive=entered.total_ttc,
            payable=entered.due,
            service_code=entered.service_code,
            engagement=entered.engagement,
            valid=True,
            status=str(status),
            duplicate_of=original.id if original else None,
        )
        session.add(row)
        session.flush()
        if corrected is not None:  # the re-issue of a refused or rejected one: linked
            corrections.link(session, row.id, corrected)
        stored = {**entered.as_json(), "entered": True, "status": row.status}
        stored["duplicate_of"] = row.duplicate_of
        stored["correction_of"] = corrected.id if corrected is not None else None
        note(session, audit.Action.INVOICE_STORED, opts, "invoice", row.id, stored)
        kind = OutcomeKind.DUPLICATE if original is not None else OutcomeKind.NEW
        return Outcome(
            name,
            kind,
            doc.id,
            digest,
            row.status,
            True,
            row.number,
            duplicate_of=row.duplicate_of,
        )
