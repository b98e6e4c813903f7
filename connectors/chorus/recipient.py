"""Recipient side: the invoices addressed to our structure, received, kept in sync, decided on.

``rechercher/recipiendaire`` is read by status-change window, every window to its
last page, with a persisted cursor (:mod:`connectors.chorus.sync`): a new invoice is
brought in whole, its file, pivot and attachments (:mod:`connectors.chorus.receiving`);
one we have, seen again because its status moved on the platform, gets its new
history steps, at the platform's dates.  Our decisions go back with ``traiter/recue``
under the status rules of ``platforms/chorus/transitions.json`` (motif, mandate
number, legal transitions), and the step the platform recorded for each is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from connectors.base import ReceivedInvoice, ReceiveResult, StatusDecision
from connectors.chorus.calls_recipient import history_steps
from connectors.chorus.context import NAME, ChorusContext
from connectors.chorus.errors import ChorusBusinessError, ChorusOutcomeUnknown
from connectors.chorus.models import InvoiceSummary
from connectors.chorus.receiving import (
    SOURCE_PREFIX,
    receive_new,
    received_ids,
    refresh_known,
)
from connectors.chorus.steps import record_steps
from connectors.chorus.sync import StatusSync
from invoices.errors import InputError, SetupError
from invoices.guard import refuse_if_held
from invoices.store import Document, Invoice, transmissions
from platforms.chorus import tables

__all__ = ["PAYING_STATUSES", "SOURCE_PREFIX", "Recipient"]

#: Our decisions that lead to payment: refused for an invoice the guard holds.
PAYING_STATUSES = frozenset({"SERVICE_FAIT", "MANDATEE"})


class Recipient:
    """Invoices received from the platform, and the statuses we set on them."""

    def __init__(self, ctx: ChorusContext) -> None:
        self.ctx = ctx
        #: Status steps recorded by the last :meth:`fetch_received` for invoices we had.
        self.updated: list[tuple[int, str]] = []

    def received_ids(self, session: Session) -> dict[int, int]:
        """Invoice ids of the platform already stored -> local document id."""
        return received_ids(session)

    def received_documents(self) -> set[int]:
        """Local ids of the documents that came from the platform."""
        with self.ctx.store.read() as session:
            return set(self.received_ids(session).values())

    def fetch_received(
        self,
        *,
        per_page: int = 100,
        progress: Callable[[int, str], None] | None = None,
        maximum: int | None = None,
    ) -> ReceiveResult:
        """Store every invoice addressed to our structure that we do not have, and the
        status changes of those we have; every window read to its last page.

        ``maximum`` is the longest list one answer may hold (``nbResultatsMaximum``,
        by default ``limits.max_search_results``): a fuller window is split.
        """
        config, client = self.ctx.config, self.ctx.client
        if not config.siret:
            raise SetupError("chorus.no_siret")
        ref = client.find_structure(config.siret)
        if ref is None:
            raise SetupError("chorus.own_structure_unknown", siret=config.siret)
        with self.ctx.store.read() as session:
            known = self.received_ids(session)
        received: list[ReceivedInvoice] = []
        errors: list[str] = []
        already = 0
        self.updated = []

        def on_item(item: InvoiceSummary) -> None:
            nonlocal already
            if item.invoice_id in known:
                already += 1
                document_id = known[item.invoice_id]
                with self.ctx.about(document_id):
                    added = refresh_known(self.ctx, document_id, item.invoice_id)
                self.updated += [(document_id, code) for code in added]
                return
            if progress is not None:
                progress(len(received) + 1, item.number)
            try:
                got = receive_new(self.ctx, item)
            except InputError as exc:
                errors.append(exc.message())
                return
            known[item.invoice_id] = got.document_id or 0
            received.append(got)

        sync = StatusSync(self.ctx, ref.structure_id, on_item, per_page=per_page, maximum=maximum)
        outcome = sync.run()
        errors += [
            InputError("chorus.window_full", window=window).message() for window in outcome.full
        ]
        return ReceiveResult(tuple(received), already, tuple(errors))

    def original_file(self, invoice_id: int) -> tuple[bytes, str]:
        """The file the supplier deposited: the invoice attached to the pivot (type 01)."""
        from connectors.chorus.calls_recipient import download_pivot
        from connectors.chorus.pivot import read_pivot

        content = read_pivot(download_pivot(self.ctx.client, invoice_id), invoice_id)
        if content.original is not None:
            return content.original.data, content.original.name
        return self.ctx.client.download([invoice_id], "PDF"), f"facture-{invoice_id}.pdf"

    def remote_id_of(self, document_id: int) -> str:
        with self.ctx.store.read() as session:
            doc = session.get(Document, document_id)
            source = doc.source if doc is not None else None
            if source is None or not source.startswith(SOURCE_PREFIX):
                raise InputError("chorus.not_received", file=str(document_id))
            return source[len(SOURCE_PREFIX) :]

    def set_status(
        self, document_id: int, status: str, *, motif: str | None = None, mandate: str | None = None
    ) -> StatusDecision:
        """``demat set-status``: our decision on a received invoice, by local id."""
        remote = self.remote_id_of(document_id)
        if status.strip().upper() in PAYING_STATUSES:
            with self.ctx.store.read() as session:
                refuse_if_held(session, document_id, status.strip().upper())
        decision = self.push_status(
            remote, status, motif=motif, mandate=mandate, file=str(document_id)
        )
        # The step the platform recorded, at its date, with our motif and mandate number.
        _current, steps = history_steps(self.ctx.client, int(remote))
        decided = {"status": decision.status, "mandate": mandate, "decided_on": decision.date}
        record_steps(self.ctx, document_id, int(remote), steps, decided=decided)
        with self.ctx.store.write() as session:
            if session.get(Invoice, document_id) is not None:
                transmissions.set_invoice_status(
                    session,
                    document_id,
                    decision.status,
                    actor=self.ctx.actor,
                    details={"connector": NAME},
                )
        return decision

    def push_status(
        self,
        remote_id: str,
        status: str,
        *,
        motif: str | None = None,
        mandate: str | None = None,
        file: str | None = None,
    ) -> StatusDecision:
        """Our decision on the platform's invoice ``remote_id``, checked before it is sent."""
        rules = tables.lifecycle()
        where = file or remote_id
        status = status.strip().upper()
        motif = (motif or "").strip() or None
        if status not in rules.recipient_statuses:
            raise InputError(
                "chorus.status_unknown",
                file=where,
                status=status,
                allowed=", ".join(rules.recipient_statuses),
            )
        if status in rules.motif_required and not motif:
            raise InputError("chorus.motif_required", file=where, status=status)
        if motif and len(motif) > rules.motif_max_length:
            raise InputError(
                "chorus.motif_too_long", file=where, size=len(motif), limit=rules.motif_max_length
            )
        if mandate and status not in rules.mandate_number_only_with:
            raise InputError("chorus.mandate_only_mandatee", file=where)
        client = self.ctx.client
        ident = int(remote_id)
        current = client.history(ident).current
        allowed = client.possible_statuses(current) if current else []
        illegal = InputError(
            "chorus.transition_illegal",
            file=where,
            current=current or "-",
            status=status,
            allowed=", ".join(allowed) or "-",
        )
        if status not in allowed:
            raise illegal
        try:
            done = client.process_received(ident, status, motif=motif, mandate=mandate)
        except ChorusBusinessError as exc:
            if exc.code == tables.return_code("ILLEGAL_TRANSITION"):
                raise illegal from None
            raise
        except ChorusOutcomeUnknown:
            # A status change is checked, not re-sent: did it happen?
            now = client.history(ident)
            if now.current != status:
                raise
            return StatusDecision(
                remote_id, now.number, status, now.entries[-1].at if now.entries else ""
            )
        return StatusDecision(remote_id, done.number, done.status or status, done.date)
