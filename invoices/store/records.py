"""Documents, invoices and validation reports: how they are written and found.

Functions take the caller's session, so that the rows and the audit record that
describes them commit together (:meth:`invoices.store.store.Store.write`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

# The supplier register's tables belong to the same schema (the migrations test).
import invoices.store.suppliers  # noqa: F401
from invoices.identifiers.seller_key import seller_key
from invoices.model import Invoice as ModelInvoice
from invoices.store import corrections
from invoices.store.tables import (
    Document,
    DocumentStatus,
    FindingRow,
    Invoice,
    InvoiceStatus,
    ValidationReport,
    utcnow,
)
from invoices.validation import Report


def document_by_sha(session: Session, sha256: str) -> Document | None:
    return session.scalars(select(Document).where(Document.sha256 == sha256)).one_or_none()


def add_document(
    session: Session,
    *,
    sha256: str,
    name: str,
    data: bytes,
    source: str | None,
    syntax: str | None,
    profile: str | None,
    status: DocumentStatus,
    media_type: str,
    rejection: dict[str, Any] | None = None,
    received_at: datetime | None = None,
) -> Document:
    doc = Document(
        sha256=sha256,
        original_name=name,
        size=len(data),
        media_type=media_type,
        syntax=syntax,
        profile=profile,
        received_at=received_at or utcnow(),
        source=source,
        status=str(status),
        rejection=rejection,
    )
    session.add(doc)
    session.flush()
    return doc


#: The honest-duplicates rule: does an earlier invoice in this status make a new one
#: with the same seller, number and year a suspected duplicate?  The re-issue of an
#: invoice that was refused (``invalid``) or rejected (our ``REJETEE`` on Chorus Pro,
#: the platform's ``rejected``) is its correction, not a duplicate of it.  A status
#: not listed counts: flagging wrongly costs a look, missing a duplicate a payment.
DUPLICATE_COUNTS: dict[str, bool] = {
    "received": True,
    "unvalidated": True,
    "suspected-duplicate": True,
    "held": True,
    "invalid": False,
    "REJETEE": False,
    "rejected": False,
}


def counts_as_original(status: str) -> bool:
    return DUPLICATE_COUNTS.get(status, True)


def company_of(seller_id: str | None) -> str | None:
    """The SIREN behind a seller key, when the key says it: a SIRET (``0009:``), a SIREN
    (``0002:``) or a French VAT number (``vat:FRkk`` + SIREN).  The same company may be
    named by its SIRET in one syntax and by its VAT number in another (a UBL and a
    Factur-X of one invoice made by two tools); this is what they share."""
    if not seller_id:
        return None
    scheme, _, value = seller_id.partition(":")
    value = value.replace(" ", "")
    if scheme == "0009" and len(value) == 14 and value.isdigit():
        return value[:9]
    if scheme == "0002" and len(value) == 9 and value.isdigit():
        return value
    if scheme == "vat" and value.upper().startswith("FR") and len(value) == 13:
        return value[4:] if value[4:].isdigit() else None
    return None


def find_duplicate(
    session: Session,
    seller_id: str | None,
    number: str,
    year: int | None,
    *,
    issue_date: date | None = None,
    total: Decimal | None = None,
) -> Invoice | None:
    """The first stored invoice with the same seller, number and year whose status
    counts (:data:`DUPLICATE_COUNTS`), if any.

    With ``issue_date`` and ``total``, a seller named differently (SIRET here, VAT
    number there: :func:`company_of`) is the same seller when the number, the issue
    date and the amount due all match too: the same invoice received in two syntaxes.
    """
    if not number:
        return None
    year_test = Invoice.year.is_(None) if year is None else Invoice.year == year
    stmt = select(Invoice).where(Invoice.number == number, year_test).order_by(Invoice.id)
    rows = [row for row in session.scalars(stmt) if counts_as_original(row.status)]
    if seller_id is not None:
        exact = next((row for row in rows if row.seller_id == seller_id), None)
        if exact is not None:
            return exact
    company = company_of(seller_id)
    if company is None or issue_date is None or total is None:
        return None
    return next(
        (
            row
            for row in rows
            if company_of(row.seller_id) == company
            and row.issue_date == issue_date
            and (row.payable if row.payable is not None else row.tax_inclusive) == total
        ),
        None,
    )


def find_corrected(
    session: Session, seller_id: str | None, number: str, year: int | None
) -> Invoice | None:
    """The refused or rejected invoice (a status that does not count) that a new one with
    the same seller, number and year corrects, when it is not a duplicate of another."""
    return corrections.find_corrected(session, seller_id, number, year, counts=counts_as_original)


def add_invoice(
    session: Session,
    doc: Document,
    invoice: ModelInvoice,
    *,
    valid: bool | None,
    duplicate_of: Invoice | None,
) -> Invoice:
    totals = invoice.totals
    status = validation_status(valid, duplicate_of.id if duplicate_of is not None else None)
    row = Invoice(
        id=doc.id,
        seller_siret=invoice.seller.siret,
        buyer_siret=invoice.buyer.siret,
        seller_id=seller_key(invoice.seller),
        seller_name=invoice.seller.name,
        buyer_name=invoice.buyer.name,
        number=invoice.number,
        issue_date=invoice.issue_date,
        year=invoice.issue_date.year if invoice.issue_date else None,
        type_code=invoice.type_code,
        currency=invoice.currency,
        tax_exclusive=totals.tax_exclusive,
        vat_total=totals.vat_total,
        tax_inclusive=totals.tax_inclusive,
        payable=totals.payable,
        service_code=invoice.buyer_reference,
        engagement=invoice.purchase_order,
        valid=valid,
        status=str(status),
        duplicate_of=duplicate_of.id if duplicate_of is not None else None,
    )
    session.add(row)
    session.flush()
    return row


def validation_status(valid: bool | None, duplicate_of: int | None) -> InvoiceStatus:
    """The status the checks give an invoice (a held one gets it back when released)."""
    if duplicate_of is not None:
        return InvoiceStatus.SUSPECTED_DUPLICATE
    if valid is None:
        return InvoiceStatus.UNVALIDATED
    return InvoiceStatus.RECEIVED if valid else InvoiceStatus.INVALID


def set_verdict(row: Invoice, valid: bool | None) -> None:
    """A new verdict on a stored invoice.  A suspected duplicate stays one (a person
    decides that), a held one stays held (a person releases it); otherwise the status
    follows the verdict."""
    row.valid = valid
    if row.status in (InvoiceStatus.SUSPECTED_DUPLICATE, InvoiceStatus.HELD):
        return
    if valid is None:
        row.status = str(InvoiceStatus.UNVALIDATED)
    else:
        row.status = str(InvoiceStatus.RECEIVED if valid else InvoiceStatus.INVALID)


def add_report(
    session: Session, doc: Document, report: Report, options: dict[str, Any]
) -> ValidationReport:
    row = ValidationReport(
        document_id=doc.id,
        created_at=utcnow(),
        valid=report.valid if report.checked else None,
        verdict=str(report.verdict),
        syntax=report.syntax,
        profile=report.profile,
        layers_run=[str(layer) for layer in report.layers_run],
        artefacts=dict(report.artefacts),
        options=options,
    )
    session.add(row)
    session.flush()
    session.add_all(
        FindingRow(
            report_id=row.id,
            position=i,
            layer=str(f.layer),
            rule=f.rule,
            severity=str(f.severity),
            location=f.location,
            message=f.message,
            terms=list(f.terms),
        )
        for i, f in enumerate(report.findings)
    )
    return row


# ------------------------------------------------------------------ queries


@dataclass(frozen=True, slots=True)
class ListItem:
    """One line of ``demat list``: every document received, invoice or not."""

    id: int
    name: str
    number: str | None
    seller: str | None
    issue_date: str | None
    total: str | None
    currency: str | None
    valid: bool | None
    status: str
    received_at: str
    #: The seller's SIRET, beside its name (``seller``): one meaning per column.
    seller_siret: str | None = None
    #: The honest-duplicates links: the invoice this one may duplicate, the refused or
    #: rejected one it corrects, and the ones that correct it.
    duplicate_of: int | None = None
    correction_of: int | None = None
    corrected_by: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "number": self.number,
            "seller": self.seller,
            "issue_date": self.issue_date,
            "total": self.total,
            "currency": self.currency,
            "valid": self.valid,
            "status": self.status,
            "received_at": self.received_at,
            "seller_siret": self.seller_siret,
            "duplicate_of": self.duplicate_of,
            "correction_of": self.correction_of,
            "corrected_by": list(self.corrected_by),
        }


def status_of(doc: Document) -> str:
    return doc.invoice.status if doc.invoice is not None else doc.status


def list_items(
    session: Session, *, statuses: Sequence[str] = (), limit: int | None = None
) -> list[ListItem]:
    stmt = select(Document, Invoice).outerjoin(Invoice, Invoice.id == Document.id)
    if statuses:
        wanted = list(statuses)
        matches = Invoice.status.in_(wanted) | (Invoice.id.is_(None) & Document.status.in_(wanted))
        if str(InvoiceStatus.INVALID) in wanted:
            # A suspected duplicate (or held invoice) that is also invalid is listed too.
            matches = matches | Invoice.valid.is_(False)
        stmt = stmt.where(matches)
    stmt = stmt.order_by(Document.id)
    if limit:
        stmt = stmt.limit(limit)
    rows = list(session.execute(stmt))
    of, by = corrections.links(session, [inv.id for _doc, inv in rows if inv is not None])
    items = []
    for doc, inv in rows:
        items.append(
            ListItem(
                id=doc.id,
                name=doc.original_name,
                number=inv.number if inv else None,
                seller=(inv.seller_name or inv.seller_id) if inv else None,
                seller_siret=inv.seller_siret if inv else None,
                issue_date=inv.issue_date.isoformat() if inv and inv.issue_date else None,
                total=str(inv.payable if inv.payable is not None else inv.tax_inclusive)
                if inv and (inv.payable is not None or inv.tax_inclusive is not None)
                else None,
                currency=inv.currency if inv else None,
                valid=inv.valid if inv else False,
                status=inv.status if inv else doc.status,
                received_at=doc.received_at.isoformat(),
                duplicate_of=inv.duplicate_of if inv else None,
                correction_of=of.get(doc.id),
                corrected_by=tuple(by.get(doc.id, ())),
            )
        )
    return items


def latest_report(session: Session, document_id: int) -> ValidationReport | None:
    stmt = (
        select(ValidationReport)
        .where(ValidationReport.document_id == document_id)
        .order_by(ValidationReport.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()
