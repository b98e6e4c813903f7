"""Sending PES files to the TdT and following them until Hélios's acquit is applied.

``send`` records the intent, uploads once and settles; an upload whose outcome is
unknown (dropped connection, crash) is reconciled by posting the very same bytes
again: S²LOW refuses a file whose SHA-1 it already holds with "doublon détecté"
and the transaction it belongs to, so the second post either proves the first
arrived or is the first.  ``refresh`` asks the status and, once acknowledged,
downloads the ``PES_ACQUIT`` and applies it to the mandats and PJ of the file.
Every call and every change leaves an audit record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from connectors.base import (
    Connector,
    ReceiveResult,
    StatusChange,
    StatusDecision,
    SubmitResult,
    TransmissionStatus,
)
from connectors.outbox import Entry, Outbox
from connectors.tdt.client import Answer, CallEvent, TdtClient
from connectors.tdt.errors import TdtAuthError, TdtNotSent, TdtOutcomeUnknown, TdtUnavailable
from connectors.tdt.outbox import CONNECTOR, PesOutbox, file_names, key, load_file
from connectors.tdt.states import (
    ACQUIT_READY,
    FAILED,
    REFUSED,
    STATUS_NAMES,
    FileState,
    file_state,
    problems,
)
from invoices.errors import InputError, SetupError
from invoices.store import (
    Invoice,
    PesAttachment,
    PesFileRow,
    Store,
    TransmissionState,
    apply_acquit,
    transmissions,
)
from invoices.syntax import read_acquit

DOUBLON = "doublon"
DONE = (TransmissionState.SENT, TransmissionState.INTEGRATED, TransmissionState.REJECTED)


@dataclass(frozen=True)
class Sent:
    name: str
    state: TransmissionState | None
    transaction: str | None = None
    message: str = ""
    already_sent: bool = False
    reconciled: bool = False
    dry_run: bool = False


ClientFactory = Callable[[Callable[[CallEvent], None]], TdtClient]


class TdtConnector(Connector):
    """PES files are what travels; ``submit``/``follow`` take an invoice and act on the
    file that carries its current mandat."""

    name = CONNECTOR

    def __init__(
        self,
        store: Store,
        client: ClientFactory,
        actor: str | None = None,
        *,
        must_signed: bool = False,
    ) -> None:
        self.store = store
        #: Ask the TdT to hold each file until it is signed on its pages (status 13).
        self.must_signed = must_signed
        self.outbox = PesOutbox(store, actor)
        self._calls = Outbox(store, CONNECTOR, actor=actor)
        self._client = client
        self._file: str | None = None

    def _observe(self, event: CallEvent) -> None:
        details = {
            "operation": event.operation,
            "status": event.status,
            "outcome": event.outcome,
            "elapsed": event.elapsed,
            "file": self._file,
        }
        self._calls.audit_call(details)

    def _open(self, name: str) -> TdtClient:
        self._file = name
        return self._client(self._observe)

    def client(self, label: str) -> TdtClient:
        """A client whose calls are audited under ``label`` (a file name, or what is
        fetched: see :mod:`connectors.tdt.retours`)."""
        return self._open(label)

    # sending -----------------------------------------------------------

    def unsent(self) -> list[str]:
        """Files never sent, or whose upload must be reconciled."""
        with self.store.read() as session:
            names = file_names(session)
            rows = {n: transmissions.by_key(session, key(n)) for n in names}
            return [n for n, tx in rows.items() if tx is None or tx.state not in DONE]

    def send(self, name: str, *, dry_run: bool = False) -> Sent:
        entry = self.outbox.find(name)
        if entry is not None and entry.state in DONE:
            return Sent(name, entry.state, entry.flow_id, entry.last_error or "", True)
        if dry_run:
            with self.store.read() as session:
                load_file(session, self.store, name)
            return Sent(name, entry.state if entry else None, dry_run=True)
        if entry is not None and entry.needs_reconcile:
            return self._reconcile(entry, name)
        entry, owned = self.outbox.claim(name)
        if not owned:
            return self._reconcile(entry, name) if entry.needs_reconcile else self.send(name)
        return self._upload(entry, name, reconciling=False)

    def _upload(self, entry: Entry, name: str, *, reconciling: bool) -> Sent:
        with self.store.read() as session:
            content = load_file(session, self.store, name).content
        with self._open(name) as client:
            try:
                answer = client.post_file(name, content, must_signed=self.must_signed)
            except TdtNotSent as exc:
                if not reconciling:
                    self.outbox.cancel_attempt(entry, exc.reason)
                raise TdtUnavailable(
                    "tdt.unavailable", operation="import", reason=exc.reason
                ) from None
            except TdtAuthError:  # refused before the import: nothing was recorded
                if not reconciling:
                    self.outbox.cancel_attempt(entry, "authentication refused")
                raise
            except TdtOutcomeUnknown as exc:
                entry = self.outbox.settle(entry, TransmissionState.UNKNOWN, error=exc.reason)
                return Sent(name, TransmissionState.UNKNOWN, message=exc.reason)
        return self._settle_answer(entry, name, answer, reconciling)

    def _settle_answer(self, entry: Entry, name: str, answer: Answer, reconciling: bool) -> Sent:
        if answer.ok:
            entry = self.outbox.settle(
                entry, TransmissionState.SENT, transaction=answer.id, status=1
            )
            return Sent(name, entry.state, answer.id, reconciled=reconciling)
        if reconciling and DOUBLON in answer.message.lower() and answer.id:
            entry = self.outbox.settle(entry, TransmissionState.SENT, transaction=answer.id)
            return Sent(name, entry.state, answer.id, answer.message, reconciled=True)
        if reconciling and DOUBLON in answer.message.lower():  # ours, but which transaction?
            entry = self.outbox.settle(entry, TransmissionState.UNKNOWN, error=answer.message)
            return Sent(name, entry.state, None, answer.message)
        entry = self.outbox.settle(entry, TransmissionState.REJECTED, error=answer.message)
        return Sent(name, entry.state, None, answer.message, reconciled=reconciling)

    def _reconcile(self, entry: Entry, name: str) -> Sent:
        """Post the same bytes again: "doublon détecté" names the transaction it had."""
        with self.store.write() as session:
            tx = transmissions.get(session, entry.id)
            assert tx is not None
            transmissions.update(
                session, tx, attempted=True, actor=self.outbox.actor, details={"reconcile": name}
            )
            entry = Entry.of(tx)
        return self._upload(entry, name, reconciling=True)

    # following ---------------------------------------------------------

    def status(self, name: str) -> FileState:
        with self.store.read() as session:
            return file_state(session, name)

    def statuses(self) -> list[FileState]:
        with self.store.read() as session:
            return [file_state(session, n) for n in file_names(session)]

    def refresh(self, name: str) -> FileState:
        """Ask the TdT where a sent file stands; apply the acquit once it is there."""
        entry = self.outbox.find(name)
        if entry is None or entry.state is not TransmissionState.SENT or not entry.flow_id:
            return self.status(name)
        with self._open(name) as client:
            answer = client.status(entry.flow_id)
            if not answer.ok or answer.status is None:
                self.outbox.settle(entry, entry.state, error=answer.message or None)
                return self.status(name)
            if answer.status in FAILED:
                nack = client.acquit(entry.flow_id) if answer.status == REFUSED else None
                if nack is not None:
                    self._keep_answer(entry, name, nack, answer.status)
                self.outbox.settle(
                    entry, TransmissionState.REJECTED, error=answer.message, status=answer.status
                )
                return self.status(name)
            data = client.acquit(entry.flow_id) if answer.status in ACQUIT_READY else None
        if data is None:
            self.outbox.settle(entry, entry.state, status=answer.status)
            return self.status(name)
        try:
            acquit = read_acquit(data, name)
        except InputError:  # truncated or garbled: the next refresh downloads it again
            self.outbox.settle(entry, entry.state, error="unreadable acquit", status=answer.status)
            return self.status(name)
        digest = hashlib.sha256(data).hexdigest()
        with self.store.write() as session:
            self.store.blobs.put(session, digest, data)
            applied = apply_acquit(session, name, acquit)
            tx = transmissions.get(session, entry.id)
            assert tx is not None
            details = {
                "file": name,
                "kind": str(acquit.kind),
                "acquit_sha256": digest,
                "unknown": list(applied.unknown),
                "ko": problems(session, name, acquit),
            }
            transmissions.add_status_event(
                session,
                status_code=str(answer.status),
                source=CONNECTOR,
                transmission=tx,
                details=details,
                actor=self.outbox.actor,
            )
        self.outbox.settle(entry, TransmissionState.INTEGRATED, status=answer.status)
        return self.status(name)

    def _keep_answer(self, entry: Entry, name: str, data: bytes, status: int) -> None:
        """Keep Hélios's PES_NonAcquit as it came, named by its root, never interpreted
        (a body that is not one is not kept: the status and its message say enough)."""
        try:
            kind = str(read_acquit(data, name).kind)
        except InputError:
            return
        digest = hashlib.sha256(data).hexdigest()
        with self.store.write() as session:
            self.store.blobs.put(session, digest, data)
            tx = transmissions.get(session, entry.id)
            assert tx is not None
            transmissions.add_status_event(
                session,
                status_code=str(status),
                source=CONNECTOR,
                transmission=tx,
                details={"file": name, "kind": kind, "acquit_sha256": digest},
                actor=self.outbox.actor,
            )

    def refresh_all(self) -> list[FileState]:
        with self.store.read() as session:
            names = file_names(session)
        return [self.refresh(n) for n in names]

    # the connector interface --------------------------------------------

    def _carrier(self, invoice_id: int) -> tuple[str, str, str]:
        """(file name, invoice number, IdUnique) of the invoice's latest PJ."""
        with self.store.read() as session:
            invoice = session.get(Invoice, invoice_id)
            found = session.execute(
                select(PesFileRow.name, PesAttachment.id_unique)
                .join(PesFileRow, PesFileRow.id == PesAttachment.pes_file_id)
                .where(PesAttachment.invoice_id == invoice_id)
                .order_by(PesAttachment.id.desc())
            ).first()
            if invoice is None or found is None:
                raise SetupError("tdt.invoice_not_mandated", id=invoice_id)
            return found[0], invoice.number or "", found[1]

    def submit(self, invoice_id: int, *, dry_run: bool = False) -> SubmitResult:
        name, number, id_unique = self._carrier(invoice_id)
        sent = self.send(name, dry_run=dry_run)
        state = sent.state or TransmissionState.PENDING
        return SubmitResult(
            invoice_id,
            number,
            state,
            flow_id=sent.transaction,
            remote_id=id_unique,
            already_sent=sent.already_sent,
        )

    def follow(self, invoice_id: int, *, refresh: bool = True) -> TransmissionStatus:
        name, number, id_unique = self._carrier(invoice_id)
        state = self.refresh(name) if refresh else self.status(name)
        pj = next((a for a in state.attachments if a["id_unique"] == id_unique), {})
        with self.store.read() as session:
            tx = transmissions.by_key(session, key(name))
            events = [] if tx is None else transmissions.status_events(session, tx.invoice_id)
            history = tuple(
                StatusChange(STATUS_NAMES.get(int(e.status_code), e.status_code), e.at.isoformat())
                for e in events
                if tx is not None and e.transmission_id == tx.id
            )
        return TransmissionStatus(
            invoice_id,
            number,
            TransmissionState(state.state or TransmissionState.PENDING),
            pj.get("acquit"),
            flow_id=state.transaction,
            remote_id=id_unique,
            history=history,
        )

    def fetch_received(self) -> ReceiveResult:
        """The TdT delivers no invoice addressed to us (PES_Retour are accounting returns)."""
        return ReceiveResult()

    def push_status(
        self, remote_id: str, status: str, *, motif: str | None = None, mandate: str | None = None
    ) -> StatusDecision:
        """Decisions on received invoices are Chorus Pro's: the TdT takes none."""
        raise SetupError("tdt.no_status_push", id=remote_id)
