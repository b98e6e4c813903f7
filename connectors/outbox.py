"""The outbox: exactly-once transmission on top of the store, for any connector.

The order of events is what makes a crash harmless:

1. ``claim``: the transmission row (state ``pending``, idempotency key), the
   invoice's new status and the counted attempt commit together, before any network
   call: from here on a crash leaves "a request may have left", which the next run
   must *ask* the platform about (``needs_reconcile``) instead of sending again;
2. ``settle``: the outcome (``sent`` + flow number, ``unknown``, ``rejected``...)
   commits with the invoice status, and ``cancel_attempt`` takes the attempt back only when
   the request provably never left (connection refused).

Every change appends its audit record in the same transaction (the store's API does
it), and every platform call is audited through :meth:`Outbox.audit_call`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from invoices.store import Store, Transmission, TransmissionState, audit
from invoices.store import transmissions as repo

#: Audit action of one call to a platform (operation, outcome, timings; no payload).
CALL_ACTION = "connector.call"


@dataclass(frozen=True)
class Entry:
    """A detached snapshot of a transmission row (safe to use after its session ended)."""

    id: int
    invoice_id: int
    key: str
    state: TransmissionState
    flow_id: str | None
    remote_id: str | None
    attempts: int
    last_error: str | None
    updated_at: str

    @classmethod
    def of(cls, tx: Transmission) -> Entry:
        return cls(
            tx.id,
            tx.invoice_id,
            tx.idempotency_key,
            TransmissionState(tx.state),
            tx.remote_flow_number,
            tx.remote_invoice_id,
            tx.attempts,
            tx.last_error,
            tx.updated_at.isoformat(),
        )

    @property
    def needs_reconcile(self) -> bool:
        """A request may have reached the platform and we do not know what came of it."""
        return self.state is TransmissionState.UNKNOWN or (
            self.state is TransmissionState.PENDING and self.attempts > 0
        )


class Outbox:
    def __init__(self, store: Store, connector: str, *, actor: str | None = None) -> None:
        self.store = store
        self.connector = connector
        self.actor = actor

    def key(self, invoice_id: int) -> str:
        """One transmission per invoice and connector: the invoice is sent once, ever."""
        return f"{self.connector}:invoice:{invoice_id}"

    def find(self, invoice_id: int) -> Entry | None:
        with self.store.read() as session:
            tx = repo.by_key(session, self.key(invoice_id))
            return Entry.of(tx) if tx is not None else None

    def claim(self, invoice_id: int, operation: str) -> tuple[Entry, bool]:
        """Record the intent to send and take the attempt, in one transaction.

        Returns the transmission and whether this caller now owns a send attempt: only
        a ``pending`` transmission never attempted can be taken, and the store's write
        transaction serializes writers, so two processes racing on the same invoice
        can never both send it.
        """
        with self.store.write() as session:
            tx, created = repo.create(
                session, invoice_id, self.connector, self.key(invoice_id), actor=self.actor
            )
            if created:
                repo.set_invoice_status(
                    session,
                    invoice_id,
                    str(TransmissionState.PENDING),
                    actor=self.actor,
                    details={"connector": self.connector},
                )
            owned = tx.state == str(TransmissionState.PENDING) and tx.attempts == 0
            if owned:
                repo.update(
                    session, tx, attempted=True, actor=self.actor, details={"operation": operation}
                )
            return Entry.of(tx), owned

    def cancel_attempt(self, entry: Entry, reason: str) -> Entry:
        """The request never left (connection refused): it does not count as a try."""
        with self.store.write() as session:
            tx = self._row(session, entry)
            tx.attempts = max(0, tx.attempts - 1)
            repo.update(
                session,
                tx,
                last_error=reason,
                actor=self.actor,
                details={"attempt_cancelled": True, "attempts": tx.attempts},
            )
            return Entry.of(tx)

    def settle(
        self,
        entry: Entry,
        state: TransmissionState,
        *,
        flow_id: str | None = None,
        remote_id: str | None = None,
        error: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> Entry:
        """Record where the transmission stands, and move the invoice status with it."""
        with self.store.write() as session:
            tx = self._row(session, entry)
            changes: dict[str, Any] = {
                "state": str(state),
                "actor": self.actor,
                "details": dict(details or {}),
            }
            if flow_id is not None:
                changes["remote_flow_number"] = flow_id
            if remote_id is not None:
                changes["remote_invoice_id"] = remote_id
            if error is not None or state in (TransmissionState.SENT, TransmissionState.INTEGRATED):
                changes["last_error"] = error
            repo.update(session, tx, **changes)
            repo.set_invoice_status(
                session,
                tx.invoice_id,
                str(state),
                actor=self.actor,
                details={"connector": self.connector},
            )
            return Entry.of(tx)

    def mark_interrupted(self, entry: Entry) -> Entry:
        """A run died between taking an attempt and recording its outcome: ``unknown``.

        Only a row still in that state moves (another process may have settled it).
        """
        with self.store.write() as session:
            tx = self._row(session, entry)
            if tx.state == str(TransmissionState.PENDING) and tx.attempts > 0:
                repo.update(
                    session,
                    tx,
                    state=str(TransmissionState.UNKNOWN),
                    last_error="interrupted during a send",
                    actor=self.actor,
                )
                repo.set_invoice_status(
                    session,
                    tx.invoice_id,
                    str(TransmissionState.UNKNOWN),
                    actor=self.actor,
                    details={"connector": self.connector},
                )
            return Entry.of(tx)

    def reset_to_pending(self, entry: Entry, reason: str) -> Entry:
        """Reconciliation proved the platform never got it: sending is allowed again.

        Only an ``unknown`` row moves: one another process settled meanwhile is left as is.
        """
        with self.store.write() as session:
            tx = self._row(session, entry)
            if tx.state != str(TransmissionState.UNKNOWN):
                return Entry.of(tx)
            tx.attempts = 0
            repo.update(
                session,
                tx,
                state=str(TransmissionState.PENDING),
                last_error=reason,
                actor=self.actor,
                details={"reconciled": "not found", "attempts": 0},
            )
            repo.set_invoice_status(
                session,
                tx.invoice_id,
                str(TransmissionState.PENDING),
                actor=self.actor,
                details={"connector": self.connector},
            )
            return Entry.of(tx)

    def audit_call(self, details: Mapping[str, Any], invoice_id: int | None = None) -> None:
        with self.store.write() as session:
            audit.append(
                session,
                CALL_ACTION,
                actor=self.actor,
                object_type="connector",
                object_id=self.connector,
                invoice_id=invoice_id,
                details=dict(details),
            )

    def _row(self, session: Session, entry: Entry) -> Transmission:
        tx = repo.get(session, entry.id)
        if tx is None:  # the row is never deleted; a missing one is a broken database
            raise LookupError(f"transmission {entry.id} vanished")
        return tx
