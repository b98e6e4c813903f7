"""The run lock: one ``demat run`` at a time per database.

A row per lock name, holding who has it (a random token, the pid and host) and
when it last said it was alive, so that a stale lock of a dead process can be
taken over safely and a live one never is.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from invoices.store.tables import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_locks",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("heartbeat_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("run_locks")
