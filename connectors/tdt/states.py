"""What the store knows of each PES file: its transmission, the TdT status and, per
mandat and PJ, what Hélios's acquit said (for ``demat pes status``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.tdt.outbox import key, latest_status
from invoices.store import PesAttachment, PesFileRow, PesMandat, Transmission, transmissions
from invoices.syntax import Acquit, Anomaly

#: S²LOW's transaction statuses, by code (the names are message keys ``tdt.status_<name>``).
STATUS_NAMES = {
    -1: "error",
    0: "cancelled",
    1: "posted",
    2: "waiting",
    3: "transmitted",
    4: "acknowledged",
    5: "validated",
    6: "refused",
    7: "processing",
    8: "information",
    13: "to_sign",
    24: "no_acquit",
}
#: The acquit can be downloaded.
ACQUIT_READY = frozenset({4, 5, 8})
#: The file will never be acknowledged.
FAILED = frozenset({-1, 0, 6})
#: Refused by Hélios: its PES_NonAcquit can be downloaded like an acquit.
REFUSED = 6
#: Waiting to be signed on the TdT's web pages (posted with ``must_signed``).
TO_SIGN = 13


@dataclass(frozen=True)
class FileState:
    name: str
    transaction: str | None
    state: str | None
    status: int | None
    error: str | None
    mandats: tuple[dict[str, Any], ...]
    attachments: tuple[dict[str, Any], ...]
    #: What Hélios answered (``acquit``, ``non-acquit``, ``acquit-retour``) and the
    #: SHA-256 of the answer kept in the blob store; ``None`` before any answer.
    answer: dict[str, str] | None = None

    def to_json(self) -> dict[str, Any]:
        status = None
        if self.status is not None:
            status = {"code": self.status, "name": STATUS_NAMES.get(self.status, "unknown")}
        return {
            "name": self.name,
            "transaction": self.transaction,
            "state": self.state,
            "status": status,
            "error": self.error,
            "mandats": list(self.mandats),
            "attachments": list(self.attachments),
            "answer": self.answer,
        }


def _said(errors: tuple[Anomaly, ...]) -> str:
    return "; ".join(" : ".join(p for p in (e.code, e.label) if p) for e in errors)


def mandat_key(exercice: int, bordereau: int, mandat: int) -> str:
    return f"{exercice}/{bordereau}/{mandat}"


def problems(session: Session, name: str, acquit: Acquit) -> dict[str, str]:
    """What Hélios said of each KO PJ (by IdUnique) and mandat (by exercice/bordereau/
    number), kept with the status event so that the clerk sees the reason."""
    row = session.scalars(select(PesFileRow).where(PesFileRow.name == name)).one()
    said: dict[str, str] = {}
    for m in session.scalars(select(PesMandat).where(PesMandat.pes_file_id == row.id)):
        if m.state == "ko":
            errors = acquit.mandat_errors(m.exercice, m.bordereau, m.mandat)
            said[mandat_key(m.exercice, m.bordereau, m.mandat)] = _said(errors)
    for a in session.scalars(select(PesAttachment).where(PesAttachment.pes_file_id == row.id)):
        element = acquit.pj(a.id_unique)
        if a.state == "ko" and element is not None:
            said[a.id_unique] = _said(element.errors)
    return said


def _told(session: Session, tx: Transmission | None) -> dict[str, str]:
    """The reasons of the KO elements, from the status event of the applied acquit."""
    if tx is None:
        return {}
    for event in reversed(transmissions.status_events(session, tx.invoice_id)):
        said = event.details.get("ko")
        if event.transmission_id == tx.id and isinstance(said, dict):
            return {str(k): str(v) for k, v in said.items()}
    return {}


def _answer(session: Session, tx: Transmission) -> dict[str, str] | None:
    """The kind and digest of the last answer of Hélios kept for the file."""
    for event in reversed(transmissions.status_events(session, tx.invoice_id)):
        kind, digest = event.details.get("kind"), event.details.get("acquit_sha256")
        if event.transmission_id == tx.id and isinstance(kind, str) and isinstance(digest, str):
            return {"kind": kind, "sha256": digest}
    return None


def file_state(session: Session, name: str) -> FileState:
    row = session.scalars(select(PesFileRow).where(PesFileRow.name == name)).one()
    tx = transmissions.by_key(session, key(name))
    told = _told(session, tx)
    mandats = tuple(
        {
            "exercice": m.exercice,
            "bordereau": m.bordereau,
            "mandat": m.mandat,
            "invoice": m.invoice_id,
            "acquit": m.state,
            "message": told.get(mandat_key(m.exercice, m.bordereau, m.mandat)),
        }
        for m in session.scalars(
            select(PesMandat).where(PesMandat.pes_file_id == row.id).order_by(PesMandat.id)
        )
    )
    attachments = tuple(
        {
            "id_unique": a.id_unique,
            "invoice": a.invoice_id,
            "acquit": a.state,
            "message": told.get(a.id_unique),
        }
        for a in session.scalars(
            select(PesAttachment)
            .where(PesAttachment.pes_file_id == row.id)
            .order_by(PesAttachment.id)
        )
    )
    if tx is None:
        return FileState(name, None, None, None, None, mandats, attachments)
    return FileState(
        name,
        tx.remote_flow_number,
        tx.state,
        latest_status(session, tx),
        tx.last_error,
        mandats,
        attachments,
        _answer(session, tx),
    )
