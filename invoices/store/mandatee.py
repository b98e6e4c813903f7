"""The MANDATEE loop's memory: which received invoices Hélios's acquit lets us set
``MANDATEE`` on Chorus Pro, and where each of those requests stands.

An invoice is *due* when the current mandat that pays it (not replaced by a
correction) was accepted by Hélios: its PJ ``ok`` and, in a ``PES_Aller``, the
mandat ``ok`` too (a PJ-only file carries no mandat of ours for Hélios to judge),
and when it came from Chorus Pro (``documents.source`` ``chorus:<id>``).  The
``chorus_mandatee`` row is the outbox of that one status change: written with its
audit record *before* the call (:func:`claim`), settled after it (:func:`settle`);
an invoice has one row, ever, so a second refresh, a second night or a re-run after
a crash never sets it twice.  A row whose request may have left (``pending`` with
an attempt, or ``unknown``) is reconciled by reading the platform's status back,
never by sending again blindly (the connector's job, :mod:`connectors.chorus.mandatee`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from invoices.store import audit, transmissions
from invoices.store.tables import (
    Document,
    Invoice,
    MandateeRow,
    PesAttachment,
    PesFileRow,
    PesMandat,
    StatusEvent,
    utcnow,
)

#: Where a received invoice's platform id is kept (``documents.source``).
SOURCE_PREFIX = "chorus:"
#: The platform status the loop sets, and the source of its status event.
STATUS = "MANDATEE"
SOURCE = "chorus"
#: The transmission key under which the TdT connector keeps a PES file's events.
TDT_KEY = "tdt:pes:{name}"


class MandateeState(StrEnum):
    PENDING = "pending"  # intent recorded; with an attempt, a request may have left
    DONE = "done"  # the platform has the invoice MANDATEE with our mandat number
    UNKNOWN = "unknown"  # a request left and no answer came: read back, never re-send blindly
    REFUSED = "refused"  # the platform said no (its message in ``last_error``)


#: States that need the platform asked before anything is sent again.
OPEN = (MandateeState.PENDING, MandateeState.UNKNOWN)


@dataclass(frozen=True, slots=True)
class Due:
    """An invoice to set MANDATEE (or whose request must be reconciled), detached."""

    invoice_id: int
    number: str
    pes_mandat_id: int
    remote_id: str
    mandat: str
    row_id: int | None
    state: str | None
    attempts: int
    #: When the row last changed (the attempt, or the unknown outcome): the grace
    #: period a request in flight may still need runs from here.
    updated_at: datetime | None = None

    @property
    def needs_reconcile(self) -> bool:
        """A request may have reached the platform and we do not know what came of it."""
        return self.state == MandateeState.UNKNOWN or (
            self.state == MandateeState.PENDING and self.attempts > 0
        )


def mandat_number(mandat: PesMandat) -> str:
    """What ``numeroDPMandat`` carries: the mandat's number as the PES writes it."""
    return str(mandat.mandat)


def _accepted() -> Any:
    """The SQL condition of a mandat Hélios accepted (see the module's docstring)."""
    return and_(
        PesMandat.replaced_by.is_(None),
        PesAttachment.state == "ok",
        or_(PesFileRow.kind == "pj-only", PesMandat.state == "ok"),
        Document.source.like(SOURCE_PREFIX + "%"),
    )


def due(session: Session) -> list[Due]:
    """Accepted mandats of received invoices with no row yet or an open one."""
    stmt = (
        select(PesMandat, Invoice.number, Document.source, MandateeRow)
        .join(PesFileRow, PesFileRow.id == PesMandat.pes_file_id)
        .join(PesAttachment, PesAttachment.pes_mandat_id == PesMandat.id)
        .join(Invoice, Invoice.id == PesMandat.invoice_id)
        .join(Document, Document.id == PesMandat.invoice_id)
        .outerjoin(MandateeRow, MandateeRow.invoice_id == PesMandat.invoice_id)
        .where(_accepted())
        .where(or_(MandateeRow.id.is_(None), MandateeRow.state.in_([str(s) for s in OPEN])))
        .order_by(PesMandat.id)
    )
    out: list[Due] = []
    seen: set[int] = set()
    for mandat, number, source, row in session.execute(stmt):
        if mandat.invoice_id in seen:
            continue
        seen.add(mandat.invoice_id)
        remote = (source or "")[len(SOURCE_PREFIX) :]
        if not remote.isdigit():
            continue
        out.append(
            Due(
                mandat.invoice_id,
                number or "",
                mandat.id,
                remote,
                row.mandat_number if row is not None else mandat_number(mandat),
                row.id if row is not None else None,
                row.state if row is not None else None,
                row.attempts if row is not None else 0,
                row.updated_at if row is not None else None,
            )
        )
    return out


def _audit(session: Session, action: str, row: MandateeRow, actor: str | None, **more: Any) -> None:
    audit.append(
        session,
        action,
        actor=actor,
        object_type="mandatee",
        object_id=row.id,
        invoice_id=row.invoice_id,
        details={
            "remote_id": row.remote_id,
            "mandat": row.mandat_number,
            "state": row.state,
            "attempts": row.attempts,
            **more,
        },
    )


def claim(session: Session, item: Due, *, actor: str | None = None) -> tuple[Due, bool]:
    """Record the intent and take the attempt in one transaction; whether this caller
    now owns a request (only a ``pending`` row never attempted can be taken)."""
    row = session.scalars(select(MandateeRow).where(MandateeRow.invoice_id == item.invoice_id))
    found = row.first()
    now = utcnow()
    if found is None:
        found = MandateeRow(
            invoice_id=item.invoice_id,
            pes_mandat_id=item.pes_mandat_id,
            remote_id=item.remote_id,
            mandat_number=item.mandat,
            state=str(MandateeState.PENDING),
            attempts=0,
            created_at=now,
            updated_at=now,
        )
        session.add(found)
        session.flush()
        _audit(session, "mandatee.intent", found, actor)
    owned = found.state == MandateeState.PENDING and found.attempts == 0
    if owned:
        found.attempts += 1
        found.updated_at = now
        _audit(session, "mandatee.attempt", found, actor)
    return _snapshot(found, item.number), owned


def _snapshot(row: MandateeRow, number: str) -> Due:
    return Due(
        row.invoice_id,
        number,
        row.pes_mandat_id,
        row.remote_id,
        row.mandat_number,
        row.id,
        row.state,
        row.attempts,
        row.updated_at,
    )


def _row(session: Session, row_id: int) -> MandateeRow:
    row = session.get(MandateeRow, row_id)
    if row is None:  # never deleted: a missing row is a broken database
        raise LookupError(f"chorus_mandatee {row_id} vanished")
    return row


def settle(
    session: Session,
    row_id: int,
    state: MandateeState,
    *,
    error: str | None = None,
    at: str = "",
    reconciled: bool = False,
    actor: str | None = None,
) -> None:
    """Record the outcome; ``done`` also records the platform's status for the invoice
    (a status event and the invoice's status, as ``demat set-status`` does)."""
    row = _row(session, row_id)
    row.state = str(state)
    row.last_error = error
    row.updated_at = utcnow()
    _audit(session, f"mandatee.{state}", row, actor, error=error, reconciled=reconciled)
    if state is MandateeState.DONE:
        transmissions.add_status_event(
            session,
            status_code=STATUS,
            source=SOURCE,
            invoice_id=row.invoice_id,
            details={
                "at": at,
                "comment": "",
                "mandate": row.mandat_number,
                "remote_id": row.remote_id,
                "set_by": "us",
                "after": "helios-acquit",
            },
            actor=actor,
        )
        transmissions.set_invoice_status(
            session, row.invoice_id, STATUS, actor=actor, details={"connector": SOURCE}
        )


def release(session: Session, row_id: int, reason: str, *, actor: str | None = None) -> None:
    """The request provably never took effect (never left, or the platform's status read
    back shows it did not): ``pending`` again, no attempt, so it may be sent."""
    row = _row(session, row_id)
    if row.state not in (str(s) for s in OPEN):
        return
    row.state = str(MandateeState.PENDING)
    row.attempts = 0
    row.last_error = reason
    row.updated_at = utcnow()
    _audit(session, "mandatee.released", row, actor, reason=reason)


def of_invoice(session: Session, invoice_id: int) -> dict[str, Any] | None:
    """The loop's row for one invoice, JSON-ready (for ``demat show``)."""
    row = session.scalars(select(MandateeRow).where(MandateeRow.invoice_id == invoice_id)).first()
    if row is None:
        return None
    return {
        "state": row.state,
        "mandat": row.mandat_number,
        "remote_id": row.remote_id,
        "attempts": row.attempts,
        "error": row.last_error,
        "created_at": row.created_at.isoformat(),
        "updated_at": row.updated_at.isoformat(),
    }


def helios_messages(session: Session, file_name: str) -> dict[str, str]:
    """What Hélios said of each KO PJ (by IdUnique) and mandat (``exercice/bordereau/
    mandat``) of a file, as the TdT connector kept it with the acquit's status event."""
    tx = transmissions.by_key(session, TDT_KEY.format(name=file_name))
    if tx is None:
        return {}
    events = session.scalars(
        select(StatusEvent)
        .where(StatusEvent.transmission_id == tx.id)
        .order_by(StatusEvent.id.desc())
    )
    for event in events:
        said = event.details.get("ko")
        if isinstance(said, dict):
            return {str(k): str(v) for k, v in said.items()}
    return {}


@dataclass(frozen=True, slots=True)
class Refused:
    """A current mandat Hélios refused (its PJ or itself): the invoice stays where it was."""

    invoice_id: int
    number: str
    mandat: str
    file: str
    message: str


def refused_by_helios(session: Session) -> list[Refused]:
    """Every current mandat of a received invoice that Hélios's acquit refused."""
    stmt = (
        select(PesMandat, PesAttachment.id_unique, PesAttachment.state, PesFileRow.name)
        .join(PesFileRow, PesFileRow.id == PesMandat.pes_file_id)
        .join(PesAttachment, PesAttachment.pes_mandat_id == PesMandat.id)
        .join(Document, Document.id == PesMandat.invoice_id)
        .where(PesMandat.replaced_by.is_(None), Document.source.like(SOURCE_PREFIX + "%"))
        .where(or_(PesAttachment.state == "ko", PesMandat.state == "ko"))
        .order_by(PesMandat.id)
    )
    out: list[Refused] = []
    told: dict[str, dict[str, str]] = {}
    for mandat, id_unique, pj_state, name in session.execute(stmt):
        said = told.setdefault(name, helios_messages(session, name))
        key = f"{mandat.exercice}/{mandat.bordereau}/{mandat.mandat}"
        message = said.get(id_unique, "") if pj_state == "ko" else ""
        message = message or said.get(key, "")
        invoice = session.get(Invoice, mandat.invoice_id)
        number = invoice.number if invoice is not None else ""
        out.append(Refused(mandat.invoice_id, number, mandat_number(mandat), name, message))
    return out


def _tdt(session: Session, name: str) -> dict[str, Any]:
    """The TdT transaction of a PES file: number, outbox state, latest S²LOW status
    code and when the acquit was applied (from the status events)."""
    tx = transmissions.by_key(session, TDT_KEY.format(name=name))
    if tx is None:
        return {"transaction": None, "state": None, "status": None, "acquit_at": None}
    events = list(
        session.scalars(
            select(StatusEvent).where(StatusEvent.transmission_id == tx.id).order_by(StatusEvent.id)
        )
    )
    codes = [e.status_code for e in events if e.status_code.lstrip("-").isdigit()]
    applied = [e for e in events if "acquit_sha256" in e.details]
    return {
        "transaction": tx.remote_flow_number,
        "state": tx.state,
        "status": int(codes[-1]) if codes else None,
        "sent_at": events[0].at.isoformat() if events and tx.remote_flow_number else None,
        "acquit_at": applied[-1].at.isoformat() if applied else None,
    }


def helios_life(session: Session, invoice_id: int) -> dict[str, Any]:
    """Every mandat of one invoice with its PES file, TdT transaction, Hélios's answer
    per mandat and PJ (and its message when KO), and the MANDATEE request: JSON-ready."""
    mandats = session.scalars(
        select(PesMandat).where(PesMandat.invoice_id == invoice_id).order_by(PesMandat.id)
    )
    out: list[dict[str, Any]] = []
    for m in mandats:
        file = session.get(PesFileRow, m.pes_file_id)
        assert file is not None  # a mandat row is its file's
        said = helios_messages(session, file.name)
        replaced = session.get(PesFileRow, m.replaced_by) if m.replaced_by else None
        pjs = session.scalars(
            select(PesAttachment)
            .where(PesAttachment.pes_mandat_id == m.id)
            .order_by(PesAttachment.id)
        )
        out.append(
            {
                "exercice": m.exercice,
                "bordereau": m.bordereau,
                "mandat": m.mandat,
                "lines": m.lines,
                "amount_ht": str(m.amount_ht),
                "amount_tva": str(m.amount_tva),
                "acquit": m.state,
                "message": said.get(f"{m.exercice}/{m.bordereau}/{m.mandat}"),
                "created_at": m.created_at.isoformat(),
                "replaced_by": replaced.name if replaced is not None else None,
                "file": {
                    "name": file.name,
                    "kind": file.kind,
                    "sha256": file.sha256,
                    "correction": file.correction,
                    **_tdt(session, file.name),
                },
                "attachments": [
                    {
                        "id_unique": a.id_unique,
                        "name": a.name,
                        "media_type": a.media_type,
                        "sha256": a.document_sha256,
                        "acquit": a.state,
                        "message": said.get(a.id_unique),
                    }
                    for a in pjs
                ],
            }
        )
    return {"mandats": out, "mandatee": of_invoice(session, invoice_id)}
