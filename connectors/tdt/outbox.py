"""Exactly-once upload of PES files: the outbox protocol of :mod:`connectors.outbox`
applied to a file rather than an invoice.

One ``transmissions`` row per PES file (key ``tdt:pes:<NomFic>``), hung on the
file's first invoice since a row needs one; the invoices' own statuses are left
alone (a mandated invoice is not "sent" by us, it is paid through Hélios).  The
intent and the attempt commit before the upload; a run that dies after that
leaves a row needing reconciliation, never a silent re-send.  The TdT's status
codes are status events of the row, the transaction number its flow number.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.outbox import Entry
from invoices.errors import SetupError
from invoices.store import (
    PesAttachment,
    PesFileRow,
    Store,
    Transmission,
    TransmissionState,
    transmissions,
)

CONNECTOR = "tdt"


def key(name: str) -> str:
    return f"{CONNECTOR}:pes:{name}"


@dataclass(frozen=True)
class PesFile:
    name: str
    content: bytes
    invoice_id: int


def load_file(session: Session, store: Store, name: str) -> PesFile:
    row = session.scalars(select(PesFileRow).where(PesFileRow.name == name)).first()
    if row is None or row.sha256 is None:
        raise SetupError("tdt.no_such_file", file=name)
    first = session.scalars(
        select(PesAttachment.invoice_id)
        .where(PesAttachment.pes_file_id == row.id)
        .order_by(PesAttachment.id)
    ).first()
    if first is None:
        raise SetupError("tdt.no_such_file", file=name)
    return PesFile(name, store.blobs.get(session, row.sha256), first)


def file_names(session: Session) -> list[str]:
    return list(session.scalars(select(PesFileRow.name).order_by(PesFileRow.id)))


def latest_status(session: Session, tx: Transmission) -> int | None:
    events = transmissions.status_events(session, tx.invoice_id)
    codes = [e.status_code for e in events if e.transmission_id == tx.id]
    return int(codes[-1]) if codes else None


class PesOutbox:
    def __init__(self, store: Store, actor: str | None = None) -> None:
        self.store = store
        self.actor = actor

    def find(self, name: str) -> Entry | None:
        with self.store.read() as session:
            tx = transmissions.by_key(session, key(name))
            return Entry.of(tx) if tx is not None else None

    def claim(self, name: str) -> tuple[Entry, bool]:
        """The intent and the attempt, in one transaction (see :meth:`Outbox.claim`)."""
        with self.store.write() as session:
            pes = load_file(session, self.store, name)
            tx, _created = transmissions.create(
                session, pes.invoice_id, CONNECTOR, key(name), actor=self.actor
            )
            owned = tx.state == str(TransmissionState.PENDING) and tx.attempts == 0
            if owned:
                transmissions.update(
                    session, tx, attempted=True, actor=self.actor, details={"file": name}
                )
            return Entry.of(tx), owned

    def cancel_attempt(self, entry: Entry, reason: str) -> Entry:
        with self.store.write() as session:
            tx = self._row(session, entry)
            tx.attempts = max(0, tx.attempts - 1)
            transmissions.update(
                session, tx, last_error=reason, actor=self.actor, details={"cancelled": True}
            )
            return Entry.of(tx)

    def settle(
        self,
        entry: Entry,
        state: TransmissionState,
        *,
        transaction: str | None = None,
        error: str | None = None,
        status: int | None = None,
    ) -> Entry:
        with self.store.write() as session:
            tx = self._row(session, entry)
            transmissions.update(
                session,
                tx,
                state=str(state),
                remote_flow_number=transaction or tx.remote_flow_number,
                last_error=error,
                actor=self.actor,
            )
            if status is not None and latest_status(session, tx) != status:
                transmissions.add_status_event(
                    session, status_code=str(status), source=CONNECTOR, transmission=tx
                )
            return Entry.of(tx)

    def _row(self, session: Session, entry: Entry) -> Transmission:
        tx = transmissions.get(session, entry.id)
        if tx is None:  # never deleted: a missing row is a broken database
            raise LookupError(f"transmission {entry.id} vanished")
        return tx
