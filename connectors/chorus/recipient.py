"""Recipient side: the invoices addressed to our structure, received and decided on.

``rechercher/recipiendaire`` is read page by page with a persisted cursor; each new
invoice's original file (the one attached to the ``PIVOT``, not the pivot itself) is
downloaded and ingested from memory like any file; our decisions go back with
``traiter/recue`` under the platform's status rules (``platforms/chorus``).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.base import ReceivedInvoice, ReceiveResult, StatusDecision
from connectors.chorus.context import NAME, ChorusContext, parse_platform_time
from connectors.chorus.errors import ChorusBusinessError, ChorusOutcomeUnknown
from connectors.chorus.models import InvoiceSummary
from invoices import xmlsafe
from invoices.errors import InputError, SetupError
from invoices.guard import refuse_if_held
from invoices.pipeline import ingest_bytes
from invoices.store import Document, Invoice, transmissions, utcnow
from platforms.chorus import tables

SOURCE_PREFIX = "chorus:"
#: Our decisions that lead to payment: refused for an invoice the guard holds.
PAYING_STATUSES = frozenset({"SERVICE_FAIT", "MANDATEE"})
RECEIVED_CURSOR = "received"
#: Criteria of ``rechercher/recipiendaire`` (structure id, deposit date).
Criteria = dict[str, int | str]


class Recipient:
    """Invoices received from the platform, and the statuses we set on them."""

    def __init__(self, ctx: ChorusContext) -> None:
        self.ctx = ctx

    def received_ids(self, session: Session) -> dict[int, int]:
        """Invoice ids of the platform already stored -> local document id."""
        rows = session.execute(
            select(Document.id, Document.source).where(Document.source.like(SOURCE_PREFIX + "%"))
        )
        out: dict[int, int] = {}
        for doc_id, source in rows:
            tail = (source or "")[len(SOURCE_PREFIX) :]
            if tail.isdigit():
                out[int(tail)] = doc_id
        return out

    def received_documents(self) -> set[int]:
        """Local ids of the documents that came from the platform."""
        with self.ctx.store.read() as session:
            return set(self.received_ids(session).values())

    def fetch_received(
        self, *, per_page: int = 100, progress: Callable[[int, str], None] | None = None
    ) -> ReceiveResult:
        """Store every invoice addressed to our structure that is not stored yet.

        The cursor (deposit date reached, next page to read) is saved after each page,
        so a crash resumes where it stopped; invoices already stored are recognised by
        the platform's id and never downloaded twice.  Results are sorted by deposit
        date, oldest first, so new invoices land after the pages already read.
        """
        config, client = self.ctx.config, self.ctx.client
        if not config.siret:
            raise SetupError("chorus.no_siret")
        ref = client.find_structure(config.siret)
        if ref is None:
            raise SetupError("chorus.own_structure_unknown", siret=config.siret)
        with self.ctx.store.read() as session:
            saved = transmissions.get_cursor(session, NAME, RECEIVED_CURSOR)
            known = self.received_ids(session)
        cursor = json.loads(saved or "{}")
        since: str | None = cursor.get("since")
        page = int(cursor.get("page") or 1)
        criteria: Criteria = {"idDestinataire": ref.structure_id}
        if since:
            criteria["periodeDateDepotDu"] = since
        received: list[ReceivedInvoice] = []
        already = 0
        errors: list[str] = []
        newest = since
        count = 0
        for result in client.iter_recipient(start_page=page, per_page=per_page, **criteria):
            for item in result.items:
                count += 1
                if item.deposit_date and (newest is None or item.deposit_date[:10] > newest):
                    newest = item.deposit_date[:10]
                if item.invoice_id in known:
                    already += 1
                    continue
                if progress is not None:
                    progress(count, item.number)
                try:
                    got = self._receive_one(item)
                except InputError as exc:
                    errors.append(exc.message())
                    continue
                known[item.invoice_id] = got.document_id or 0
                received.append(got)
            # The next page to read: a crash resumes there, pages already stored stay done.
            self._save_cursor({"since": since, "page": max(1, result.paging.page) + 1})
        self._save_cursor({"since": newest, "page": 1})
        return ReceiveResult(tuple(received), already, tuple(errors))

    def _save_cursor(self, value: dict[str, str | int | None]) -> None:
        with self.ctx.store.write() as session:
            transmissions.set_cursor(
                session,
                NAME,
                RECEIVED_CURSOR,
                json.dumps(value, sort_keys=True),
                actor=self.ctx.actor,
            )

    def _receive_one(self, item: InvoiceSummary) -> ReceivedInvoice:
        data, name = self.original_file(item.invoice_id)
        outcome = ingest_bytes(
            data,
            _safe_name(name, item),
            store=self.ctx.store,
            chorus=False,
            actor=self.ctx.actor,
            source=f"{SOURCE_PREFIX}{item.invoice_id}",
        )
        document_id = outcome.document_id
        if document_id is not None:
            with self.ctx.store.write() as session:
                if session.get(Invoice, document_id) is not None:
                    transmissions.add_status_event(
                        session,
                        status_code=item.status or "MISE_A_DISPOSITION",
                        source=NAME,
                        invoice_id=document_id,
                        at=parse_platform_time(item.status_at or item.deposit_date) or utcnow(),
                        details={"at": item.status_at, "remote_id": item.invoice_id, "comment": ""},
                        actor=self.ctx.actor,
                    )
        return ReceivedInvoice(
            str(item.invoice_id),
            item.number,
            item.supplier_name or item.supplier_code,
            item.status,
            document_id,
            outcome.valid,
        )

    def original_file(self, invoice_id: int) -> tuple[bytes, str]:
        """The file the supplier deposited: the invoice attached to the pivot (type 01)."""
        client = self.ctx.client
        pivot = client.download([invoice_id], "PIVOT")
        try:
            root = xmlsafe.parse(pivot, f"Chorus Pro {invoice_id} PIVOT").getroot()
        except InputError:
            root = None
        if root is not None:
            for pj in root.iter("{*}PJ"):
                kind = (pj.findtext("{*}TypePJ") or "").strip()
                content = (pj.findtext("{*}Contenu") or "").strip()
                if kind == "01" and content:
                    name = (pj.findtext("{*}NomPJ") or "").strip() or f"facture-{invoice_id}"
                    try:
                        return base64.b64decode(content, validate=False), name
                    except ValueError:
                        break
        # No original attached to the pivot: the PDF as deposited (Factur-X) is the file.
        return client.download([invoice_id], "PDF"), f"facture-{invoice_id}.pdf"

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
        actor = self.ctx.actor
        with self.ctx.store.write() as session:
            if session.get(Invoice, document_id) is not None:
                transmissions.add_status_event(
                    session,
                    status_code=decision.status,
                    source=NAME,
                    invoice_id=document_id,
                    details={
                        "at": decision.date,
                        "comment": motif or "",
                        "mandate": mandate,
                        "remote_id": remote,
                        "set_by": "us",
                    },
                    actor=actor,
                )
                transmissions.set_invoice_status(
                    session, document_id, decision.status, actor=actor, details={"connector": NAME}
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


def _safe_name(name: str, item: InvoiceSummary) -> str:
    base = Path(name.replace("\\", "/")).name
    cleaned = "".join(c for c in base if c.isalnum() or c in "-_.")[:100]
    return cleaned or f"facture-{item.invoice_id}"
