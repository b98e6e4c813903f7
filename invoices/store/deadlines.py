"""The payment deadline of a received invoice, and what waits for the clerk.

A commune must pay within the *délai global de paiement* (30 days for a local
authority, decree 2013-269), counted from the day the invoice reached it: on Chorus
Pro the platform's ``MISE_A_DISPOSITION`` date, otherwise the moment we received the
document.  While the invoice is ``SUSPENDUE`` (the commune asked the supplier for
something) the clock stops; the time suspended is added back once the platform
records the next step (``COMPLETEE`` or any later status).

Everything is computed from the invoice's status history (``status_events``, whose
``at`` is the platform's own date of each step), never from the moment a sync
happened to run.  The number of days is a setting: ``DEMAT_PAYMENT_DAYS``, else
``[todo] payment_days`` of ``config.toml``, else 30.

:func:`todo` lists what waits for a person: held invoices (bank details to check)
first, then received invoices awaiting a decision, invalid or suspected-duplicate
ones, oldest deadline first, then invoices the platform rejected that we issued.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from invoices.display import timezone
from invoices.errors import SetupError
from invoices.paths import config_dir
from invoices.store.tables import (
    Document,
    Invoice,
    InvoiceStatus,
    StatusEvent,
    Transmission,
    TransmissionState,
)

DEFAULT_PAYMENT_DAYS = 30
#: The platform step that starts the clock.
MADE_AVAILABLE = "MISE_A_DISPOSITION"
#: The step that stops it, until the next step.
SUSPENDED = "SUSPENDUE"
#: Sent back to the supplier, who deposits it again: the clock starts anew.
RECYCLED = "A_RECYCLER"
#: Steps after which the invoice no longer waits for the commune's decision.
DECIDED = frozenset(
    {
        "SERVICE_FAIT",
        "MANDATEE",
        "MISE_A_DISPOSITION_COMPTABLE",
        "COMPTABILISEE",
        "MISE_EN_PAIEMENT",
        "REJETEE",
        "A_RECYCLER",
    }
)
#: The platform steps the deadline and the to-do list read; other status events of
#: an invoice (a PES file's acknowledgement...) say nothing of its payment period.
STEPS = DECIDED | {MADE_AVAILABLE, SUSPENDED, "COMPLETEE", "DEPOSEE", "EN_COURS_ACHEMINEMENT"}
#: Invoice statuses of ours that still wait for a person, and why.
_LOCAL_WAITING = {
    str(InvoiceStatus.HELD): "held",
    str(InvoiceStatus.RECEIVED): "decide",
    str(InvoiceStatus.INVALID): "check",
    str(InvoiceStatus.SUSPECTED_DUPLICATE): "check",
    str(InvoiceStatus.UNVALIDATED): "check",
}


class Kind(StrEnum):
    """Why an item is on the list (and the order of the groups for equal deadlines)."""

    HELD = "held"  # bank details to confirm before anything else
    DECIDE = "decide"  # service fait, reject or suspend
    CHECK = "check"  # invalid, suspected duplicate, not checked
    SUSPENDED = "suspended"  # waiting for the supplier; the clock is stopped
    CORRECT = "correct"  # an invoice we issued, rejected by the platform


@dataclass(frozen=True, slots=True)
class Deadline:
    """When an invoice must be paid, from its history."""

    #: The moment the clock started (platform date, or our receipt).
    start: datetime
    #: Where the start comes from: ``"platform"`` or ``"received"``.
    start_from: str
    #: Time spent suspended (ended suspensions, and the current one up to now).
    suspended: timedelta
    #: Suspended now: the deadline moves on every day until the supplier answers.
    suspended_now: bool
    due: date

    def days_left(self, today: date) -> int:
        """Days until the deadline (0 on the day, negative once overdue)."""
        return (self.due - today).days

    def to_json(self, today: date) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "start_from": self.start_from,
            "suspended_days": round(self.suspended.total_seconds() / 86400, 2),
            "suspended_now": self.suspended_now,
            "due": self.due.isoformat(),
            "days_left": self.days_left(today),
        }


def payment_days(environ: Mapping[str, str] | None = None, path: Path | None = None) -> int:
    """The délai global de paiement in days (``DEMAT_PAYMENT_DAYS`` / ``[todo] payment_days``)."""
    environ = os.environ if environ is None else environ
    path = config_dir() / "config.toml" if path is None else path
    raw: Any = environ.get("DEMAT_PAYMENT_DAYS")
    origin = "DEMAT_PAYMENT_DAYS"
    if not raw:
        origin = str(path)
        try:
            with path.open("rb") as handle:
                table = tomllib.load(handle).get("todo", {})
        except FileNotFoundError:
            return DEFAULT_PAYMENT_DAYS
        except (tomllib.TOMLDecodeError, OSError) as exc:
            raise SetupError("todo.config_invalid", file=origin, reason=str(exc)) from None
        raw = table.get("payment_days", DEFAULT_PAYMENT_DAYS) if isinstance(table, dict) else None
    try:
        days = int(str(raw).strip())
    except ValueError:
        days = 0
    if days < 1 or days > 365:
        raise SetupError("todo.bad_days", file=origin, value=str(raw))
    return days


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _start(ordered: Sequence[StatusEvent], received_at: datetime) -> tuple[datetime, str]:
    """The first ``MISE_A_DISPOSITION``; after a recycling (the supplier re-deposits the
    invoice), the one that followed it: a new deposit starts a new period."""
    start: datetime | None = None
    recycled = False
    for event in ordered:
        if event.status_code == MADE_AVAILABLE and (start is None or recycled):
            start, recycled = _utc(event.at), False
        elif event.status_code == RECYCLED and start is not None:
            recycled = True
    return (start, "platform") if start is not None else (_utc(received_at), "received")


def deadline(
    events: Sequence[StatusEvent],
    received_at: datetime,
    *,
    days: int = DEFAULT_PAYMENT_DAYS,
    now: datetime | None = None,
) -> Deadline:
    """The deadline from ``events`` (the invoice's status history, any order) and the
    document's receipt (used when the platform's ``MISE_A_DISPOSITION`` is unknown)."""
    now = _utc(now or datetime.now(UTC))
    ordered = sorted(
        (e for e in events if e.status_code in STEPS), key=lambda e: (_utc(e.at), e.id or 0)
    )
    start, start_from = _start(ordered, received_at)
    suspended = timedelta()
    since: datetime | None = None
    for event in ordered:
        at = _utc(event.at)
        if at < start:
            continue
        if event.status_code == SUSPENDED:
            since = since or at
        elif since is not None:
            suspended += max(at - since, timedelta())
            since = None
    if since is not None:
        suspended += max(now - since, timedelta())
    end = start + timedelta(days=days) + suspended
    return Deadline(
        start, start_from, suspended, since is not None, end.astimezone(timezone()).date()
    )


@dataclass(frozen=True, slots=True)
class TodoItem:
    kind: Kind
    invoice_id: int
    number: str | None
    #: The supplier of a received invoice, the buyer of one we issued.
    party: str | None
    total: Any
    currency: str | None
    #: Our status of the invoice (``received``, ``held``...) or its platform step.
    status: str
    received_at: datetime
    deadline: Deadline | None = None
    #: For a platform rejection: the platform's words.
    reason: str | None = None
    #: For a suspected duplicate: the id of the invoice it repeats.
    duplicate_of: int | None = None

    def to_json(self, today: date) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "invoice_id": self.invoice_id,
            "number": self.number,
            "party": self.party,
            "total": None if self.total is None else str(self.total),
            "currency": self.currency,
            "status": self.status,
            "received_at": _utc(self.received_at).isoformat(),
            "deadline": self.deadline.to_json(today) if self.deadline else None,
            "reason": self.reason,
            "duplicate_of": self.duplicate_of,
        }


_GROUP_ORDER = {Kind.HELD: 0, Kind.DECIDE: 1, Kind.CHECK: 1, Kind.SUSPENDED: 1, Kind.CORRECT: 2}


def _sort_key(item: TodoItem) -> tuple[int, date, datetime, int]:
    due = item.deadline.due if item.deadline else date.max
    return (_GROUP_ORDER[item.kind], due, _utc(item.received_at), item.invoice_id)


def _events_by_invoice(session: Session, ids: Iterable[int]) -> dict[int, list[StatusEvent]]:
    wanted = sorted(set(ids))
    out: dict[int, list[StatusEvent]] = {}
    for i in range(0, len(wanted), 500):
        stmt = select(StatusEvent).where(StatusEvent.invoice_id.in_(wanted[i : i + 500]))
        for event in session.scalars(stmt):
            if event.invoice_id is not None:
                out.setdefault(event.invoice_id, []).append(event)
    return out


def _current_step(events: Sequence[StatusEvent]) -> str | None:
    steps = [e for e in events if e.status_code in STEPS]
    if not steps:
        return None
    return max(steps, key=lambda e: (_utc(e.at), e.id or 0)).status_code


def _kind(invoice: Invoice, step: str | None) -> Kind | None:
    """Why a received invoice waits for a person, or None when it does not."""
    local = _LOCAL_WAITING.get(invoice.status)
    if local == "held":
        return Kind.HELD  # whatever the platform says: it must not be paid as it is
    if local == "check":
        return Kind.CHECK
    # The platform history, when there is one, is where the invoice stands (our own
    # decisions are recorded in it too); a status of ours alone otherwise.
    current = step if step is not None else invoice.status
    if current in DECIDED:
        return None
    if current == SUSPENDED:
        return Kind.SUSPENDED
    if local == "decide" or step is not None:
        return Kind.DECIDE
    return None


def todo(
    session: Session,
    *,
    commune_siret: str | None = None,
    days: int = DEFAULT_PAYMENT_DAYS,
    now: datetime | None = None,
) -> list[TodoItem]:
    """What waits for the clerk, held invoices first, then oldest deadline first.

    Received invoices are those the commune did not issue: no transmission of ours,
    and, when the commune's SIRET is known, a seller other than the commune."""
    issued = set(session.scalars(select(Transmission.invoice_id)))
    rows = session.execute(select(Invoice, Document.received_at).join(Document)).all()
    received = [
        (invoice, at)
        for invoice, at in rows
        if invoice.id not in issued
        and not (commune_siret and invoice.seller_siret == commune_siret)
    ]
    events = _events_by_invoice(session, (invoice.id for invoice, _ in received))
    items: list[TodoItem] = []
    for invoice, at in received:
        history = events.get(invoice.id, [])
        kind = _kind(invoice, _current_step(history))
        if kind is None:
            continue
        items.append(
            TodoItem(
                kind=kind,
                invoice_id=invoice.id,
                number=invoice.number,
                party=invoice.seller_name or invoice.seller_siret,
                total=invoice.tax_inclusive,
                currency=invoice.currency,
                # ours when it is what the clerk must act on, else the platform's
                status=invoice.status
                if kind in (Kind.HELD, Kind.CHECK)
                else _current_step(history) or invoice.status,
                received_at=at,
                deadline=deadline(history, at, days=days, now=now),
                duplicate_of=invoice.duplicate_of,
            )
        )
    items += _rejections(session)
    return sorted(items, key=_sort_key)


def _rejections(session: Session) -> list[TodoItem]:
    """Invoices we issued that the platform rejected (the newest transmission of each)."""
    stmt = (
        select(Transmission, Invoice, Document.received_at)
        .join(Invoice, Transmission.invoice_id == Invoice.id)
        .join(Document, Document.id == Invoice.id)
        .order_by(Transmission.invoice_id, Transmission.id)
    )
    newest: dict[int, tuple[Transmission, Invoice, datetime]] = {}
    for transmission, invoice, at in session.execute(stmt):
        newest[invoice.id] = (transmission, invoice, at)
    return [
        TodoItem(
            kind=Kind.CORRECT,
            invoice_id=invoice.id,
            number=invoice.number,
            party=invoice.buyer_name or invoice.buyer_siret,
            total=invoice.tax_inclusive,
            currency=invoice.currency,
            status=transmission.state,
            received_at=transmission.updated_at or at,
            reason=transmission.last_error,
        )
        for transmission, invoice, at in newest.values()
        if transmission.state == TransmissionState.REJECTED
    ]
