"""The connectors' outbox, status events and paging cursors.

This is the small API the connectors (Chorus Pro first) use.  Every function takes
the caller's session (from :meth:`Store.write`) and appends the audit record of the
change it makes, so the change and its record commit together or not at all.

Exactly-once sending rests on the outbox: a connector first :func:`create` s the
transmission (state ``pending``, a unique idempotency key) and commits; then sends;
then records the outcome with :func:`update`.  After a crash, a ``pending`` row with
``attempts > 0`` or an ``unknown`` row is one whose outcome must be ASKED of the
platform (by flow number / idempotency key), never blindly sent again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from invoices.store import audit
from invoices.store.tables import (
    ConnectorCursor,
    Invoice,
    StatusEvent,
    Transmission,
    TransmissionState,
    utcnow,
)


class UnknownInvoice(LookupError):
    pass


def create(
    session: Session,
    invoice_id: int,
    connector: str,
    idempotency_key: str,
    *,
    actor: str | None = None,
) -> tuple[Transmission, bool]:
    """The transmission for this key: (existing, False) or (new pending one, True)."""
    existing = by_key(session, idempotency_key)
    if existing is not None:
        return existing, False
    if session.get(Invoice, invoice_id) is None:
        raise UnknownInvoice(invoice_id)
    now = utcnow()
    tx = Transmission(
        invoice_id=invoice_id,
        connector=connector,
        idempotency_key=idempotency_key,
        state=str(TransmissionState.PENDING),
        attempts=0,
        created_at=now,
        updated_at=now,
    )
    session.add(tx)
    session.flush()
    audit.append(
        session,
        audit.Action.TRANSMISSION_CREATED,
        actor=actor,
        object_type="transmission",
        object_id=tx.id,
        invoice_id=invoice_id,
        details={"connector": connector, "idempotency_key": idempotency_key},
    )
    return tx, True


def by_key(session: Session, idempotency_key: str) -> Transmission | None:
    stmt = select(Transmission).where(Transmission.idempotency_key == idempotency_key)
    return session.scalars(stmt).one_or_none()


def get(session: Session, transmission_id: int) -> Transmission | None:
    return session.get(Transmission, transmission_id)


def for_invoice(session: Session, invoice_id: int) -> list[Transmission]:
    stmt = (
        select(Transmission).where(Transmission.invoice_id == invoice_id).order_by(Transmission.id)
    )
    return list(session.scalars(stmt))


def in_states(
    session: Session, connector: str, states: Sequence[str], limit: int | None = None
) -> list[Transmission]:
    """Transmissions of ``connector`` in ``states``, oldest first (e.g. the work to resume)."""
    stmt = (
        select(Transmission)
        .where(
            Transmission.connector == connector, Transmission.state.in_([str(s) for s in states])
        )
        .order_by(Transmission.id)
    )
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


_UNSET: Any = object()


def update(
    session: Session,
    tx: Transmission,
    *,
    state: str | None = None,
    remote_flow_number: str | None = _UNSET,
    remote_invoice_id: str | None = _UNSET,
    last_error: str | None = _UNSET,
    attempted: bool = False,
    actor: str | None = None,
    details: dict[str, Any] | None = None,
) -> Transmission:
    """Change a transmission (state, remote ids, error; ``attempted`` counts a try)."""
    if state is not None and state not in {str(s) for s in TransmissionState}:
        raise ValueError(f"unknown transmission state {state!r}")
    changes: dict[str, Any] = {}
    if state is not None and state != tx.state:
        changes["state"] = [tx.state, state]
        tx.state = state
    for name, value in (
        ("remote_flow_number", remote_flow_number),
        ("remote_invoice_id", remote_invoice_id),
        ("last_error", last_error),
    ):
        if value is not _UNSET and value != getattr(tx, name):
            changes[name] = value
            setattr(tx, name, value)
    if attempted:
        tx.attempts += 1
        changes["attempts"] = tx.attempts
    if not changes:
        return tx
    tx.updated_at = utcnow()
    session.flush()
    audit.append(
        session,
        audit.Action.TRANSMISSION_UPDATED,
        actor=actor,
        object_type="transmission",
        object_id=tx.id,
        invoice_id=tx.invoice_id,
        details={**changes, **(details or {})},
    )
    return tx


def add_status_event(
    session: Session,
    *,
    status_code: str,
    source: str,
    transmission: Transmission | None = None,
    invoice_id: int | None = None,
    at: datetime | None = None,
    details: dict[str, Any] | None = None,
    actor: str | None = None,
) -> StatusEvent:
    """Record a status reported by a platform (or set by a user) for an invoice."""
    if transmission is None and invoice_id is None:
        raise ValueError("a status event needs a transmission or an invoice")
    inv_id = invoice_id if invoice_id is not None else transmission.invoice_id  # type: ignore[union-attr]
    event = StatusEvent(
        transmission_id=transmission.id if transmission else None,
        invoice_id=inv_id,
        status_code=status_code,
        at=at or utcnow(),
        source=source,
        details=details or {},
    )
    session.add(event)
    session.flush()
    audit.append(
        session,
        audit.Action.STATUS_RECEIVED,
        actor=actor,
        object_type="status_event",
        object_id=event.id,
        invoice_id=inv_id,
        details={
            "status_code": status_code,
            "source": source,
            "transmission_id": event.transmission_id,
            "at": audit.format_at(event.at),
            **(details or {}),
        },
    )
    return event


def status_events(session: Session, invoice_id: int) -> list[StatusEvent]:
    stmt = (
        select(StatusEvent)
        .where(StatusEvent.invoice_id == invoice_id)
        .order_by(StatusEvent.at, StatusEvent.id)
    )
    return list(session.scalars(stmt))


def set_invoice_status(
    session: Session,
    invoice_id: int,
    status: str,
    *,
    actor: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Move an invoice's status on (e.g. ``sent``, ``integrated``, ``paid``)."""
    inv = session.get(Invoice, invoice_id)
    if inv is None:
        raise UnknownInvoice(invoice_id)
    if inv.status == status:
        return
    before = inv.status
    inv.status = status
    session.flush()
    audit.append(
        session,
        audit.Action.INVOICE_STATUS,
        actor=actor,
        object_type="invoice",
        object_id=invoice_id,
        invoice_id=invoice_id,
        details={"from": before, "to": status, **(details or {})},
    )


def get_cursor(session: Session, connector: str, name: str) -> str | None:
    stmt = select(ConnectorCursor.value).where(
        ConnectorCursor.connector == connector, ConnectorCursor.name == name
    )
    return session.scalars(stmt).one_or_none()


def set_cursor(
    session: Session, connector: str, name: str, value: str, *, actor: str | None = None
) -> None:
    """Persist a paging cursor; audited, since it decides which statuses are fetched."""
    row = session.scalars(
        select(ConnectorCursor).where(
            ConnectorCursor.connector == connector, ConnectorCursor.name == name
        )
    ).one_or_none()
    if row is not None and row.value == value:
        return
    if row is None:
        row = ConnectorCursor(connector=connector, name=name, value=value, updated_at=utcnow())
        session.add(row)
    else:
        row.value = value
        row.updated_at = utcnow()
    session.flush()
    audit.append(
        session,
        audit.Action.CURSOR_SET,
        actor=actor,
        object_type="cursor",
        object_id=f"{connector}:{name}",
        details={"value": value},
    )
