"""The supplier register: accounts, confirmations, and what the chain vouches for.

A confirmation counts only when the audit record it names exists, is intact (its
own hash) and says the same thing (seller, IBAN, person): an account row or a
confirmation row written straight into the database, without going through
:func:`confirm_iban`, has no such record and is not trusted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

from invoices.errors import InputError
from invoices.identifiers import siret as siret_id
from invoices.store import audit
from invoices.store.records import validation_status
from invoices.store.suppliers import (
    Supplier,
    SupplierAccount,
    SupplierConfirmation,
    SupplierHold,
)
from invoices.store.tables import AuditRecord, Invoice, InvoiceStatus, utcnow

CONFIRMED = "supplier.iban_confirmed"
RELEASED = "invoice.released"
HELD = "invoice.held"


def normal_iban(text: str) -> str | None:
    """The IBAN in its compact form, or ``None`` when the checksum or format is wrong."""
    try:
        return str(stdnum_iban.validate(text))
    except ValidationError:
        return None


def normal_bic(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return str(stdnum_bic.validate(text))
    except ValidationError:
        return None


def key_of(seller: str) -> str:
    """A SIRET (or SIREN) as typed by a clerk -> the register's seller key."""
    compact = "".join(seller.split())
    if ":" in compact:
        return compact
    return f"{siret_id.SCHEME}:{compact}"


def find_supplier(session: Session, key: str) -> Supplier | None:
    return session.scalars(select(Supplier).where(Supplier.seller_key == key)).one_or_none()


def supplier_for(session: Session, key: str, siret: str | None, name: str | None) -> Supplier:
    found = find_supplier(session, key)
    if found is not None:
        return found
    made = Supplier(seller_key=key, siret=siret, name=name, created_at=utcnow())
    session.add(made)
    session.flush()
    return made


def account_for(
    session: Session, supplier: Supplier, iban: str, bic: str | None
) -> SupplierAccount:
    stmt = select(SupplierAccount).where(
        SupplierAccount.supplier_id == supplier.id, SupplierAccount.iban == iban
    )
    found = session.scalars(stmt).one_or_none()
    if found is not None:
        return found
    made = SupplierAccount(supplier_id=supplier.id, iban=iban, bic=bic, created_at=utcnow())
    session.add(made)
    session.flush()
    return made


def _vouched(session: Session, conf: SupplierConfirmation) -> bool:
    """The confirmation has its intact audit record, saying the same thing."""
    if conf.audit_seq is None:
        return False
    record = session.get(AuditRecord, conf.audit_seq)
    if record is None or record.action != CONFIRMED or record.object_id != str(conf.id):
        return False
    if audit.record_hash(audit.as_dict(record)) != record.hash:
        return False
    try:
        said: dict[str, Any] = json.loads(record.details)
    except ValueError:
        return False
    account = conf.account
    return (
        said.get("seller") == account.supplier.seller_key
        and said.get("iban") == account.iban
        and said.get("by") == conf.confirmed_by
    )


def confirmers(session: Session, account: SupplierAccount) -> list[str]:
    """The distinct people whose confirmation of ``account`` the chain vouches for."""
    out: list[str] = []
    for conf in account.confirmations:
        if conf.confirmed_by not in out and _vouched(session, conf):
            out.append(conf.confirmed_by)
    return out


def is_confirmed(session: Session, account: SupplierAccount, needed: int) -> bool:
    return len(confirmers(session, account)) >= needed


@dataclass(frozen=True, slots=True)
class Confirmed:
    seller: str
    iban: str
    #: The people who have confirmed so far, and how many are needed.
    by: tuple[str, ...]
    needed: int
    released: tuple[int, ...]

    @property
    def complete(self) -> bool:
        return len(self.by) >= self.needed


def confirm_iban(
    session: Session,
    seller: str,
    iban: str,
    *,
    by: str,
    how: str,
    needed: int,
    bic: str | None = None,
    actor: str | None = None,
) -> Confirmed:
    """A person's confirmation of an account, audited; the account's held invoices
    are released when enough people have confirmed it."""
    key = key_of(seller)
    compact = normal_iban(iban)
    if compact is None:
        raise InputError("guard.iban_invalid", file=seller, iban=iban)
    by, how = by.strip(), how.strip()
    if not by or not how:
        raise InputError("guard.confirm_needs_who_how", file=seller)
    checked_bic = normal_bic(bic)
    if bic and checked_bic is None:
        raise InputError("guard.bic_invalid", file=seller, bic=bic)
    siret = key.split(":", 1)[1] if key.startswith(f"{siret_id.SCHEME}:") else None
    supplier = supplier_for(session, key, siret, None)
    account = account_for(session, supplier, compact, checked_bic)
    if checked_bic and not account.bic:
        account.bic = checked_bic
    already = confirmers(session, account)
    if by in already:
        raise InputError("guard.same_person", file=seller, by=by, iban=compact)
    conf = SupplierConfirmation(
        account_id=account.id, confirmed_by=by, how=how, confirmed_at=utcnow()
    )
    session.add(conf)
    session.flush()
    record = audit.append(
        session,
        CONFIRMED,
        actor=actor,
        object_type="supplier_confirmation",
        object_id=conf.id,
        details={"seller": key, "iban": compact, "bic": account.bic, "by": by, "how": how},
    )
    conf.audit_seq = record.seq
    session.flush()
    session.refresh(account)
    people = confirmers(session, account)
    released: tuple[int, ...] = ()
    if len(people) >= needed:
        released = _release(session, account, actor)
    return Confirmed(key, compact, tuple(people), needed, released)


def _release(session: Session, account: SupplierAccount, actor: str | None) -> tuple[int, ...]:
    holds = session.scalars(
        select(SupplierHold).where(
            SupplierHold.account_id == account.id, SupplierHold.released_at.is_(None)
        )
    )
    now = utcnow()
    touched: list[int] = []
    for hold in holds:
        hold.released_at = now
        touched.append(hold.invoice_id)
    session.flush()
    released: list[int] = []
    for invoice_id in sorted(set(touched)):
        left = session.scalars(
            select(SupplierHold).where(
                SupplierHold.invoice_id == invoice_id, SupplierHold.released_at.is_(None)
            )
        ).first()
        row = session.get(Invoice, invoice_id)
        if left is not None or row is None or row.status != InvoiceStatus.HELD:
            continue
        row.status = str(validation_status(row.valid, row.duplicate_of))
        audit.append(
            session,
            RELEASED,
            actor=actor,
            object_type="invoice",
            object_id=invoice_id,
            invoice_id=invoice_id,
            details={"from": InvoiceStatus.HELD.value, "to": row.status, "iban": account.iban},
        )
        released.append(invoice_id)
    session.flush()
    return tuple(released)


@dataclass(frozen=True, slots=True)
class Forged:
    """A confirmation the audit trail does not vouch for."""

    confirmation_id: int
    seller: str
    iban: str
    by: str


def verify_register(session: Session) -> list[Forged]:
    """Every confirmation without its intact, matching audit record."""
    out = []
    for conf in session.scalars(select(SupplierConfirmation).order_by(SupplierConfirmation.id)):
        if not _vouched(session, conf):
            account = conf.account
            out.append(
                Forged(conf.id, account.supplier.seller_key, account.iban, conf.confirmed_by)
            )
    return out


def suppliers(session: Session) -> list[Supplier]:
    return list(session.scalars(select(Supplier).order_by(Supplier.seller_key)))


def held_accounts(session: Session, invoice_id: int) -> list[tuple[str, str]]:
    """(seller key, IBAN) of each account a held invoice waits for."""
    stmt = (
        select(Supplier.seller_key, SupplierAccount.iban)
        .join(SupplierAccount, SupplierAccount.supplier_id == Supplier.id)
        .join(SupplierHold, SupplierHold.account_id == SupplierAccount.id)
        .where(SupplierHold.invoice_id == invoice_id, SupplierHold.released_at.is_(None))
        .order_by(SupplierAccount.id)
    )
    return [(key, iban) for key, iban in session.execute(stmt)]
