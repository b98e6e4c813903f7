"""Corrections: a re-issue of an invoice that was refused or rejected is linked to it.

The honest-duplicates rule (:data:`invoices.store.records.DUPLICATE_COUNTS`) says that
an earlier invoice refused by our checks (``invalid``), rejected by the commune
(``REJETEE``) or by the platform (``rejected``) does not make its re-issue a duplicate.
The re-issue is then recorded as that invoice's **correction**, so a clerk sees the
two together (``demat list``, ``demat show``) instead of two unrelated invoices.
One row per correcting invoice; an invoice corrected twice has two rows pointing at it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from invoices.store.tables import Base, Invoice, utcnow


class Correction(Base):
    """``invoice_id`` corrects ``corrects_id`` (which was ``reason`` when it was linked)."""

    __tablename__ = "invoice_corrections"

    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), primary_key=True)
    corrects_id: Mapped[int] = mapped_column(Integer, ForeignKey("invoices.id"), index=True)
    reason: Mapped[str] = mapped_column(String(40))
    linked_at: Mapped[datetime]


def find_corrected(
    session: Session,
    seller_id: str | None,
    number: str,
    year: int | None,
    *,
    counts: Callable[[str], bool],
) -> Invoice | None:
    """The latest earlier invoice with the same seller, number and year whose status does
    not count as an original (``counts``: the rule), if any."""
    if seller_id is None or not number:
        return None
    year_test = Invoice.year.is_(None) if year is None else Invoice.year == year
    stmt = (
        select(Invoice)
        .where(Invoice.seller_id == seller_id, Invoice.number == number, year_test)
        .order_by(Invoice.id.desc())
    )
    return next((row for row in session.scalars(stmt) if not counts(row.status)), None)


def link(session: Session, invoice_id: int, corrects: Invoice) -> Correction:
    row = Correction(
        invoice_id=invoice_id, corrects_id=corrects.id, reason=corrects.status, linked_at=utcnow()
    )
    session.add(row)
    session.flush()
    return row


def correction_of(session: Session, invoice_id: int) -> int | None:
    """The invoice that ``invoice_id`` corrects, if it is a correction."""
    row = session.get(Correction, invoice_id)
    return row.corrects_id if row is not None else None


def corrected_by(session: Session, invoice_id: int) -> list[int]:
    """The invoices that correct ``invoice_id``, oldest first."""
    stmt = (
        select(Correction.invoice_id)
        .where(Correction.corrects_id == invoice_id)
        .order_by(Correction.invoice_id)
    )
    return list(session.scalars(stmt))


def links(session: Session, ids: list[int]) -> tuple[dict[int, int], dict[int, list[int]]]:
    """For a listing: ``correction_of`` and ``corrected_by`` of each of ``ids`` at once."""
    of: dict[int, int] = {}
    by: dict[int, list[int]] = {}
    if not ids:
        return of, by
    stmt = select(Correction).where(
        Correction.invoice_id.in_(ids) | Correction.corrects_id.in_(ids)
    )
    for row in session.scalars(stmt.order_by(Correction.invoice_id)):
        of[row.invoice_id] = row.corrects_id
        by.setdefault(row.corrects_id, []).append(row.invoice_id)
    return of, by
