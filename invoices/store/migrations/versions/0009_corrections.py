"""Corrections linked to the invoices they correct (the honest-duplicates rule).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from invoices.store.tables import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invoice_corrections",
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id"), primary_key=True),
        sa.Column("corrects_id", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("linked_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_invoice_corrections_corrects_id", "invoice_corrections", ["corrects_id"])


def downgrade() -> None:
    op.drop_index("ix_invoice_corrections_corrects_id", table_name="invoice_corrections")
    op.drop_table("invoice_corrections")
