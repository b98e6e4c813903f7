"""Initial schema: documents, invoices, reports, transmissions, audit chain.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from invoices.store.tables import DecimalText, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("syntax", sa.String(40), nullable=True),
        sa.Column("profile", sa.String(40), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("rejection", sa.JSON(), nullable=True),
        sa.UniqueConstraint("sha256", name="uq_documents_sha256"),
    )
    op.create_table(
        "document_blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("seller_siret", sa.String(20), nullable=True),
        sa.Column("buyer_siret", sa.String(20), nullable=True),
        sa.Column("seller_id", sa.String(200), nullable=True),
        sa.Column("seller_name", sa.Text(), nullable=True),
        sa.Column("buyer_name", sa.Text(), nullable=True),
        sa.Column("number", sa.String(200), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("type_code", sa.String(10), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("tax_exclusive", DecimalText(), nullable=True),
        sa.Column("vat_total", DecimalText(), nullable=True),
        sa.Column("tax_inclusive", DecimalText(), nullable=True),
        sa.Column("payable", DecimalText(), nullable=True),
        sa.Column("service_code", sa.String(200), nullable=True),
        sa.Column("engagement", sa.String(200), nullable=True),
        sa.Column("valid", sa.Boolean(), nullable=True),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("duplicate_of", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=True),
    )
    op.create_index("ix_invoices_dup_key", "invoices", ["seller_id", "number", "year"])
    op.create_index("ix_invoices_seller_siret", "invoices", ["seller_siret"])
    op.create_index("ix_invoices_buyer_siret", "invoices", ["buyer_siret"])
    op.create_index("ix_invoices_status", "invoices", ["status"])
    op.create_table(
        "validation_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("syntax", sa.String(40), nullable=True),
        sa.Column("profile", sa.String(40), nullable=True),
        sa.Column("layers_run", sa.JSON(), nullable=False),
        sa.Column("artefacts", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
    )
    op.create_index("ix_validation_reports_document_id", "validation_reports", ["document_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "report_id", sa.Integer(), sa.ForeignKey("validation_reports.id"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("layer", sa.String(20), nullable=False),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
    )
    op.create_index("ix_findings_report_id", "findings", ["report_id"])
    op.create_table(
        "transmissions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column("connector", sa.String(40), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("remote_flow_number", sa.String(200), nullable=True),
        sa.Column("remote_invoice_id", sa.String(200), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("idempotency_key", name="uq_transmissions_idempotency_key"),
    )
    op.create_index("ix_transmissions_invoice_id", "transmissions", ["invoice_id"])
    op.create_index("ix_transmissions_state", "transmissions", ["state"])
    op.create_table(
        "status_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "transmission_id", sa.Integer(), sa.ForeignKey("transmissions.id"), nullable=True
        ),
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=True),
        sa.Column("status_code", sa.String(100), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
    )
    op.create_index("ix_status_events_transmission_id", "status_events", ["transmission_id"])
    op.create_index("ix_status_events_invoice_id", "status_events", ["invoice_id"])
    op.create_table(
        "connector_cursors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("connector", sa.String(40), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("connector", "name", name="uq_connector_cursors"),
    )
    op.create_table(
        "audit_records",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("object_type", sa.String(40), nullable=True),
        sa.Column("object_id", sa.String(100), nullable=True),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_records_at", "audit_records", ["at"])
    op.create_index("ix_audit_records_invoice_id", "audit_records", ["invoice_id"])
    # The chain head exists from the start (seq 0, the genesis hash), so that every
    # writer can lock the same row; see invoices.store.audit.
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])


def downgrade() -> None:
    for table in (
        "audit_head",
        "audit_records",
        "connector_cursors",
        "status_events",
        "transmissions",
        "findings",
        "validation_reports",
        "invoices",
        "document_blobs",
        "documents",
    ):
        op.drop_table(table)
