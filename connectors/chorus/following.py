"""Status following: what became of a deposited invoice, asked of the platform and kept.

From ``sent`` the flow is followed (``consulterCRDetaille``) until it is terminal; an
integrated flow gives the platform's invoice id (``rechercher/fournisseur``) and its
history (``consulterHistorique``), whose steps are stored once each as status events.
What the store knows is answered without a call (:meth:`Following.status_of`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select

from connectors.base import StatusChange, SubmitResult, TransmissionState, TransmissionStatus
from connectors.chorus.context import NAME, ChorusContext, parse_platform_time
from connectors.chorus.models import FLOW_INTEGRATED, FlowReport, History, InvoiceSummary
from connectors.chorus.stored import StoredInvoice
from connectors.outbox import Entry
from invoices.store import Transmission, transmissions, utcnow
from invoices.validation import Finding, Layer, Severity


class Following:
    """Flows and invoice histories of one connector, recorded in its store."""

    def __init__(self, ctx: ChorusContext) -> None:
        self.ctx = ctx

    def complete(self, stored: StoredInvoice, entry: Entry, *, wait: bool) -> SubmitResult:
        """From ``sent``: wait for integration, then find the invoice id and its history."""
        assert entry.flow_id is not None
        client = self.ctx.client
        report = client.wait_flow(entry.flow_id) if wait else client.flow_report(entry.flow_id)
        if not report.terminal:
            if not report.known:
                self.ctx.outbox.audit_call(
                    {
                        "operation": "consulterCRDetaille",
                        "outcome": "unknown flow state",
                        "state": report.state,
                    },
                    invoice_id=stored.id,
                )
            return self.result(stored, entry, status=report.state)
        return self._settle_flow(stored, entry, report)

    def _settle_flow(self, stored: StoredInvoice, entry: Entry, report: FlowReport) -> SubmitResult:
        mine = report.findings(stored.number)
        ours_rejected = any(e.number in ("", stored.number) for e in report.invoice_errors)
        outbox = self.ctx.outbox
        if report.state in FLOW_INTEGRATED and not (
            report.state == "IN_INTEGRE_PARTIEL" and ours_rejected
        ):
            found = self.find_on_platform(stored, flow_id=entry.flow_id)
            if found is None:
                # Integrated, but not searchable yet: stay "sent" and look again later.
                return self.result(stored, entry, status=report.state)
            entry = outbox.settle(
                entry,
                TransmissionState.INTEGRATED,
                remote_id=str(found.invoice_id),
                details={"flow_state": report.state},
            )
            history = self.refresh_history(stored.id, entry, found.invoice_id)
            return self.result(stored, entry, status=history.current or found.status)
        entry = outbox.settle(
            entry,
            TransmissionState.REJECTED,
            error=findings_json(mine),
            details={"flow_state": report.state},
        )
        return self.result(stored, entry, status=report.state)

    def find_on_platform(
        self, stored: StoredInvoice, *, flow_id: str | None = None
    ) -> InvoiceSummary | None:
        """The platform's invoice for ours: same number, and same supplier when it says."""
        page = self.ctx.client.search_supplier(
            flow_id=flow_id, number=None if flow_id else stored.number
        )
        for item in page.items:
            if item.number != stored.number:
                continue
            if (
                stored.seller_siret
                and item.supplier_code
                and item.supplier_code != stored.seller_siret
            ):
                continue
            return item
        return None

    def refresh_history(self, invoice_id: int, entry: Entry | None, remote_id: int) -> History:
        history = self.ctx.client.history(remote_id)
        self._record_history(invoice_id, entry, history)
        return history

    def _record_history(self, invoice_id: int, entry: Entry | None, history: History) -> None:
        with self.ctx.store.write() as session:
            seen = {
                (e.status_code, (e.details or {}).get("at"))
                for e in transmissions.status_events(session, invoice_id)
                if e.source == NAME
            }
            tx = transmissions.get(session, entry.id) if entry is not None else None
            for step in history.entries:
                if (step.code, step.at) in seen:
                    continue
                transmissions.add_status_event(
                    session,
                    status_code=step.code,
                    source=NAME,
                    transmission=tx,
                    invoice_id=invoice_id,
                    at=parse_platform_time(step.at) or utcnow(),
                    details={
                        "at": step.at,
                        "comment": step.comment,
                        "remote_id": history.invoice_id,
                    },
                    actor=self.ctx.actor,
                )
                seen.add((step.code, step.at))

    def result(
        self,
        stored: StoredInvoice,
        entry: Entry,
        *,
        status: str | None = None,
        already_sent: bool = False,
    ) -> SubmitResult:
        return SubmitResult(
            stored.id,
            stored.number,
            entry.state,
            entry.flow_id,
            entry.remote_id,
            status or self._last_status(stored.id),
            tuple(findings_from(entry.last_error)),
            already_sent,
        )

    def _last_status(self, invoice_id: int) -> str | None:
        with self.ctx.store.read() as session:
            events = [
                e for e in transmissions.status_events(session, invoice_id) if e.source == NAME
            ]
            return events[-1].status_code if events else None

    def status_of(self, stored: StoredInvoice, entry: Entry | None) -> TransmissionStatus:
        """What the store knows, without asking the platform."""
        with self.ctx.store.read() as session:
            events = [
                e for e in transmissions.status_events(session, stored.id) if e.source == NAME
            ]
            history = tuple(
                StatusChange(
                    e.status_code,
                    (e.details or {}).get("at") or e.at.isoformat(),
                    (e.details or {}).get("comment") or "",
                )
                for e in events
            )
        return TransmissionStatus(
            stored.id,
            stored.number,
            entry.state if entry else TransmissionState.PENDING,
            history[-1].status if history else None,
            entry.flow_id if entry else None,
            entry.remote_id if entry else None,
            history,
            tuple(findings_from(entry.last_error if entry else None)),
        )

    def transmitted(self) -> list[int]:
        """Ids of the invoices this connector has a transmission for."""
        with self.ctx.store.read() as session:
            return list(
                session.scalars(
                    select(Transmission.invoice_id)
                    .where(Transmission.connector == NAME)
                    .order_by(Transmission.invoice_id)
                )
            )


def findings_json(findings: Iterable[Finding]) -> str:
    """Findings as kept in a transmission's ``last_error``."""
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False)


def findings_from(text: str | None) -> list[Finding]:
    """Findings saved in ``last_error`` (JSON), or a plain error message as one finding."""
    if not text:
        return []
    try:
        items = json.loads(text)
    except ValueError:
        items = None
    if not isinstance(items, list):
        return [Finding(Layer.CHORUS, "CPP-TRANSMISSION", Severity.INFORMATION, text)]
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append(
                Finding(
                    Layer.CHORUS,
                    str(item.get("rule")),
                    Severity(item.get("severity", "fatal")),
                    str(item.get("message")),
                    item.get("location"),
                    tuple(item.get("terms") or ()),
                )
            )
    return out
