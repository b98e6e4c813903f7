"""MANDATEE loop: mandats acknowledged by Hélios, set on Chorus Pro once.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from invoices.store.tables import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chorus_mandatee",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column("pes_mandat_id", sa.Integer(), sa.ForeignKey("pes_mandats.id"), nullable=False),
        sa.Column("remote_id", sa.String(40), nullable=False),
        sa.Column("mandat_number", sa.String(40), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("invoice_id", name="uq_chorus_mandatee_invoice"),
    )
    op.create_index("ix_chorus_mandatee_state", "chorus_mandatee", ["state"])


def downgrade() -> None:
    op.drop_index("ix_chorus_mandatee_state", "chorus_mandatee")
    op.drop_table("chorus_mandatee")
