"""A validation report may hold no verdict: the check could not run.

An engine crash, a timeout or a missing artefact leaves the document neither
valid nor invalid; ``valid`` is then NULL and ``verdict`` says "not-checked",
so that a re-check later can give the real verdict and nobody reads a lasting
"invalid" that the supplier never deserved.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("validation_reports") as batch:
        batch.alter_column("valid", existing_type=sa.Boolean(), nullable=True)
        batch.add_column(
            sa.Column("verdict", sa.String(20), nullable=False, server_default="valid")
        )
    op.execute("UPDATE validation_reports SET verdict = 'invalid' WHERE NOT valid")


def downgrade() -> None:
    op.execute("UPDATE validation_reports SET valid = FALSE WHERE valid IS NULL")
    with op.batch_alter_table("validation_reports") as batch:
        batch.drop_column("verdict")
        batch.alter_column("valid", existing_type=sa.Boolean(), nullable=False)
