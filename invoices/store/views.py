"""What the clerk sees of the store: list lines, one document's page, audit lines.

Kept out of ``cli.py`` so the command line stays thin and accounting software can
get the same views (``document_view`` is the JSON of ``demat show --json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from invoices.i18n import t
from invoices.store import audit, records, transmissions
from invoices.store.tables import Document


def list_text(items: Iterable[records.ListItem]) -> str:
    lines = []
    for item in items:
        valid = {True: t("core.yes"), False: t("core.no"), None: "?"}[item.valid]
        lines.append(
            f"#{item.id:<6} {item.status:<20} {valid:<4} {item.number or '-':<20} "
            f"{item.seller or '-':<16} {item.total or '-':>12} {item.currency or ''}"
            f"  {item.name}"
        )
    return "\n".join(lines) if lines else t("store.list_empty")


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


def _dash(value: Any) -> Any:
    return "-" if value is None or value == "" else value


def document_text(view: dict[str, Any]) -> str:
    out = [
        t(
            "store.show_document",
            **{
                k: _dash(view[k])
                for k in (
                    "id",
                    "name",
                    "received_at",
                    "source",
                    "size",
                    "media_type",
                    "syntax",
                    "profile",
                    "sha256",
                    "status",
                )
            },
        )
    ]
    if view["rejection_text"]:
        out.append(t("store.show_refusal", reason=view["rejection_text"]))
    inv = view["invoice"]
    if inv is not None:
        valid = {True: t("core.yes"), False: t("core.no"), None: "?"}[inv["valid"]]
        out.append(
            t(
                "store.show_invoice",
                **{k: _dash(v) for k, v in inv.items() if k != "valid"},
                valid=valid,
            )
        )
        if inv["duplicate_of"] is not None:
            out.append(t("store.show_duplicate", original=inv["duplicate_of"]))
        for tx in inv["transmissions"]:
            out.append(
                f"  -> {tx['connector']} #{tx['id']}: {tx['state']} "
                f"{_dash(tx['remote_flow_number'])} {tx['last_error'] or ''}".rstrip()
            )
        for ev in inv["status_events"]:
            out.append(f"  {ev['at']} {ev['source']}: {ev['status_code']}")
    report = view["report"]
    if report is None:
        out.append(t("store.show_no_report"))
    else:
        verdict = t("store.verdict_valid" if report["valid"] else "store.verdict_invalid")
        out.append(
            t(
                "store.show_report",
                created_at=report["created_at"],
                verdict=verdict,
                layers=", ".join(report["layers_run"]) or "-",
            )
        )
        for f in report["findings"]:
            where = f" [{f['location']}]" if f["location"] else ""
            out.append(f"  {f['severity']:<11} {f['layer']:<8} {f['rule']}: {f['message']}{where}")
    out.append(t("store.show_history"))
    out.extend("  " + audit_line(rec) for rec in view["history"])
    return "\n".join(out)


def audit_line(rec: dict[str, Any]) -> str:
    obj = f"{rec['object_type']}:{rec['object_id']}" if rec["object_type"] else "-"
    return (
        f"#{rec['seq']:<7} {rec['at']} {rec['actor']:<20} {rec['action']:<22} {obj:<16} "
        f"{rec['details']}"
    )


def audit_json(rec: dict[str, Any]) -> str:
    return json.dumps({**rec, "details": json.loads(rec["details"])}, ensure_ascii=False)


def verdict_text(verdict: audit.Verdict) -> str:
    if verdict.ok:
        return t(
            "store.audit_ok", count=verdict.count, seq=verdict.head_seq, hash=verdict.head_hash
        )
    problem = t(f"store.audit_problem_{verdict.problem.value.replace('-', '_')}")  # type: ignore[union-attr]
    return t(
        "store.audit_broken",
        seq=_dash(verdict.seq),
        problem=problem,
        detail=verdict.detail,
        count=verdict.count,
    )
