"""The supplier register: per seller, the bank accounts the commune knows and who
confirmed each one, when and how.

A payment to a fraudster's IBAN after a fake "change of bank details" is the
commonest real loss of a small commune: an account is trusted only after a person
confirmed it out of band (a callback to a known number, a letter), and each
confirmation names the audit record written with it (``audit_seq``), so a row
slipped straight into the database, without its record, is not believed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from invoices.store.tables import Base


class Supplier(Base):
    """A seller, named by :func:`invoices.identifiers.seller_key.seller_key`."""

    __tablename__ = "suppliers"
    __table_args__ = (UniqueConstraint("seller_key", name="uq_suppliers_seller_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_key: Mapped[str] = mapped_column(String(200))
    siret: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]

    accounts: Mapped[list[SupplierAccount]] = relationship(
        back_populates="supplier", order_by="SupplierAccount.id"
    )


class SupplierAccount(Base):
    """An IBAN seen on an invoice of the supplier or declared by a person; trusted
    only once confirmed (see :mod:`invoices.guard.register`)."""

    __tablename__ = "supplier_accounts"
    __table_args__ = (UniqueConstraint("supplier_id", "iban", name="uq_supplier_accounts_iban"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    created_at: Mapped[datetime]

    supplier: Mapped[Supplier] = relationship(back_populates="accounts")
    confirmations: Mapped[list[SupplierConfirmation]] = relationship(
        back_populates="account", order_by="SupplierConfirmation.id"
    )


class SupplierConfirmation(Base):
    """One person's confirmation of an account; ``audit_seq`` is the record of it."""

    __tablename__ = "supplier_confirmations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("supplier_accounts.id"), index=True)
    confirmed_by: Mapped[str] = mapped_column(String(200))
    how: Mapped[str] = mapped_column(Text)
    confirmed_at: Mapped[datetime]
    audit_seq: Mapped[int | None] = mapped_column(Integer)

    account: Mapped[SupplierAccount] = relationship(back_populates="confirmations")


class SupplierHold(Base):
    """Why an invoice is held: the account (``None`` for an IBAN that is not one) that
    must be confirmed; ``released_at`` once it is."""

    __tablename__ = "supplier_holds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("supplier_accounts.id"), index=True)
    reason: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]
    released_at: Mapped[datetime | None]
