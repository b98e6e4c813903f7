"""The bank-detail gate, applied where an invoice is stored.

Only the invoices the commune pays go through it (buyer = the commune, seller
another party); what it issues is never held.  Every payee IBAN (BT-84) of the
invoice must be an account of its seller confirmed by enough people (see
:mod:`.register`); otherwise the invoice is ``held``, with one hold per account to
confirm, and the hold is audited in the same transaction as the invoice row.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from invoices.errors import InputError
from invoices.guard.register import (
    HELD,
    account_for,
    find_supplier,
    is_confirmed,
    normal_bic,
    normal_iban,
    supplier_for,
)
from invoices.guard.settings import GuardSettings
from invoices.model import Invoice as ModelInvoice
from invoices.store import audit
from invoices.store.suppliers import SupplierHold
from invoices.store.tables import Invoice, InvoiceStatus, utcnow


class HeldInvoice(InputError):
    """A step that pays (service fait, mandat) asked for a held invoice."""


def paid_by_commune(row: Invoice, settings: GuardSettings) -> bool:
    commune = settings.commune_siret
    return bool(commune) and row.buyer_siret == commune and row.seller_siret != commune


def apply_gate(
    session: Session,
    row: Invoice,
    invoice: ModelInvoice,
    settings: GuardSettings,
    *,
    actor: str | None = None,
) -> str | None:
    """Hold ``row`` when one of its payee accounts is not confirmed; the reason, or None."""
    if not settings.active or not paid_by_commune(row, settings) or row.seller_id is None:
        return None
    transfers = invoice.payment.credit_transfers if invoice.payment is not None else ()
    payees = [t for t in transfers if t.account_id.strip()]
    if not payees:
        return None
    new = find_supplier(session, row.seller_id) is None
    supplier = supplier_for(session, row.seller_id, row.seller_siret, row.seller_name)
    holds: list[tuple[int | None, str, str]] = []
    for transfer in payees:
        iban = normal_iban(transfer.account_id)
        if iban is None:
            holds.append((None, transfer.account_id.strip(), "bad-iban"))
            continue
        account = account_for(session, supplier, iban, normal_bic(transfer.bank_id))
        if not is_confirmed(session, account, settings.confirmations_needed):
            holds.append((account.id, iban, "new-supplier" if new else "unconfirmed-account"))
    if not holds:
        return None
    before = row.status
    row.status = str(InvoiceStatus.HELD)
    now = utcnow()
    session.add_all(
        SupplierHold(invoice_id=row.id, account_id=a, reason=r, created_at=now) for a, _, r in holds
    )
    session.flush()
    reason = holds[0][2]
    audit.append(
        session,
        HELD,
        actor=actor,
        object_type="invoice",
        object_id=row.id,
        invoice_id=row.id,
        details={
            "from": before,
            "reason": reason,
            "seller": row.seller_id,
            "ibans": [i for _, i, _ in holds],
            "needed": settings.confirmations_needed,
        },
    )
    return reason


def refuse_if_held(session: Session, invoice_id: int, step: str) -> None:
    """Raise :class:`HeldInvoice` when ``invoice_id`` is held (``step``: what was asked)."""
    row = session.get(Invoice, invoice_id)
    if row is None or row.status != InvoiceStatus.HELD:
        return
    raise HeldInvoice(
        "guard.held_refused",
        file=str(invoice_id),
        id=invoice_id,
        step=step,
        seller=row.seller_siret or row.seller_id or "-",
    )
