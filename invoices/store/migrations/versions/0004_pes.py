"""PES V2 files, mandats and PJ: what went to Hélios for which invoice.

``pes_attachments.id_unique`` is unique across the whole database: Hélios refuses
an IdUnique it has already received from the commune, in any exercice, budget or
file, so the database itself must make a second use impossible.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from invoices.store.tables import DecimalText, UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pes_files",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("id_coll", sa.String(14), nullable=False),
        sa.Column("cod_col", sa.String(3), nullable=False),
        sa.Column("correction", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("name", name="uq_pes_files_name"),
    )
    op.create_table(
        "pes_mandats",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pes_file_id", sa.Integer(), sa.ForeignKey("pes_files.id"), nullable=False),
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column("exercice", sa.Integer(), nullable=False),
        sa.Column("bordereau", sa.Integer(), nullable=False),
        sa.Column("mandat", sa.Integer(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("amount_ht", DecimalText(), nullable=False),
        sa.Column("amount_tva", DecimalText(), nullable=False),
        sa.Column("state", sa.String(20), nullable=True),
        sa.Column("replaced_by", sa.Integer(), sa.ForeignKey("pes_files.id"), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("pes_file_id", "exercice", "mandat", name="uq_pes_mandats_file_mandat"),
    )
    op.create_index("ix_pes_mandats_pes_file_id", "pes_mandats", ["pes_file_id"])
    op.create_index("ix_pes_mandats_invoice_id", "pes_mandats", ["invoice_id"])
    op.create_table(
        "pes_attachments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("id_unique", sa.String(50), nullable=False),
        sa.Column("id_coll", sa.String(14), nullable=False),
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column("pes_file_id", sa.Integer(), sa.ForeignKey("pes_files.id"), nullable=False),
        sa.Column("pes_mandat_id", sa.Integer(), sa.ForeignKey("pes_mandats.id"), nullable=True),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("state", sa.String(20), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("id_unique", name="uq_pes_attachments_id_unique"),
    )
    op.create_index("ix_pes_attachments_invoice_id", "pes_attachments", ["invoice_id"])
    op.create_index("ix_pes_attachments_pes_file_id", "pes_attachments", ["pes_file_id"])


def downgrade() -> None:
    op.drop_table("pes_attachments")
    op.drop_table("pes_mandats")
    op.drop_table("pes_files")
