"""The store's view of one document as data: everything recorded about it, JSON-ready.

A library function, not terminal text: it is the JSON of ``demat show --json`` and
what accounting software or a clerk's web view reads, so it stays beside the tables
it queries.  How it reads on a terminal is the application's (``demat.views.store``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from invoices.i18n import t
from invoices.store import audit, records, transmissions
from invoices.store.tables import Document


def document_view(session: Session, document_id: int) -> dict[str, Any] | None:
    """Everything stored about one document, JSON-ready."""
    doc = session.get(Document, document_id)
    if doc is None:
        return None
    inv = doc.invoice
    report = records.latest_report(session, doc.id)
    view: dict[str, Any] = {
        "id": doc.id,
        "name": doc.original_name,
        "sha256": doc.sha256,
        "size": doc.size,
        "media_type": doc.media_type,
        "syntax": doc.syntax,
        "profile": doc.profile,
        "received_at": doc.received_at.isoformat(),
        "source": doc.source,
        "status": records.status_of(doc),
        "rejection": doc.rejection,
        "rejection_text": t(
            doc.rejection["key"], file=doc.original_name, **doc.rejection.get("params", {})
        )
        if doc.rejection
        else None,
        "invoice": None,
        "report": None,
    }
    if inv is not None:
        view["invoice"] = {
            "number": inv.number,
            "issue_date": inv.issue_date.isoformat() if inv.issue_date else None,
            "type_code": inv.type_code,
            "currency": inv.currency,
            "seller": inv.seller_name,
            "seller_siret": inv.seller_siret,
            "seller_id": inv.seller_id,
            "buyer": inv.buyer_name,
            "buyer_siret": inv.buyer_siret,
            **{
                k: None if getattr(inv, k) is None else str(getattr(inv, k))
                for k in ("tax_exclusive", "vat_total", "tax_inclusive", "payable")
            },
            "service_code": inv.service_code,
            "engagement": inv.engagement,
            "valid": inv.valid,
            "status": inv.status,
            "duplicate_of": inv.duplicate_of,
            "transmissions": [
                {
                    "id": tx.id,
                    "connector": tx.connector,
                    "state": tx.state,
                    "remote_flow_number": tx.remote_flow_number,
                    "remote_invoice_id": tx.remote_invoice_id,
                    "attempts": tx.attempts,
                    "last_error": tx.last_error,
                }
                for tx in transmissions.for_invoice(session, inv.id)
            ],
            "status_events": [
                {
                    "status_code": ev.status_code,
                    "at": ev.at.isoformat(),
                    "source": ev.source,
                    "details": ev.details,
                }
                for ev in transmissions.status_events(session, inv.id)
            ],
        }
    if report is not None:
        view["report"] = {
            "created_at": report.created_at.isoformat(),
            "valid": report.valid,
            "verdict": report.verdict,
            "syntax": report.syntax,
            "profile": report.profile,
            "layers_run": report.layers_run,
            "artefacts": report.artefacts,
            "options": report.options,
            "findings": [
                {
                    "layer": f.layer,
                    "rule": f.rule,
                    "severity": f.severity,
                    "location": f.location,
                    "message": f.message,
                    "terms": f.terms,
                }
                for f in report.findings
            ],
        }
    view["history"] = list(audit.history(session, invoice_id=doc.id))
    return view
