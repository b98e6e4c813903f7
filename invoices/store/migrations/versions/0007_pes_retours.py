"""PES_Retour files fetched from the TdT.

``remote_id`` (the TdT's id of the retour) is unique: a retour fetched a second
time, because the run died between storing it and marking it read, is recognised
and never stored twice.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from invoices.store.tables import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pes_retours",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("remote_id", sa.String(50), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("remote_date", sa.String(40), nullable=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("nom_fic", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("remote_id", name="uq_pes_retours_remote_id"),
    )


def downgrade() -> None:
    op.drop_table("pes_retours")
