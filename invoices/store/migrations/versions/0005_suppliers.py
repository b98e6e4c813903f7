"""The supplier register: sellers, their bank accounts, who confirmed each.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from invoices.store.tables import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suppliers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seller_key", sa.String(200), nullable=False),
        sa.Column("siret", sa.String(20), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("seller_key", name="uq_suppliers_seller_key"),
    )
    op.create_table(
        "supplier_accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("supplier_id", sa.Integer(), sa.ForeignKey("suppliers.id"), nullable=False),
        sa.Column("iban", sa.String(34), nullable=False),
        sa.Column("bic", sa.String(11), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("supplier_id", "iban", name="uq_supplier_accounts_iban"),
    )
    op.create_index("ix_supplier_accounts_supplier_id", "supplier_accounts", ["supplier_id"])
    op.create_table(
        "supplier_confirmations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "account_id", sa.Integer(), sa.ForeignKey("supplier_accounts.id"), nullable=False
        ),
        sa.Column("confirmed_by", sa.String(200), nullable=False),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("confirmed_at", UTCDateTime(), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=True),
    )
    op.create_index(
        "ix_supplier_confirmations_account_id", "supplier_confirmations", ["account_id"]
    )
    op.create_table(
        "supplier_holds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("supplier_accounts.id"), nullable=True),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("released_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_supplier_holds_invoice_id", "supplier_holds", ["invoice_id"])
    op.create_index("ix_supplier_holds_account_id", "supplier_holds", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_supplier_holds_account_id", "supplier_holds")
    op.drop_index("ix_supplier_holds_invoice_id", "supplier_holds")
    op.drop_table("supplier_holds")
    op.drop_index("ix_supplier_confirmations_account_id", "supplier_confirmations")
    op.drop_table("supplier_confirmations")
    op.drop_index("ix_supplier_accounts_supplier_id", "supplier_accounts")
    op.drop_table("supplier_accounts")
    op.drop_table("suppliers")
