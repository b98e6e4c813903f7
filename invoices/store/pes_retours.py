"""PES_Retour files fetched from the TdT: kept once each, with their audit records.

The connector fetches a retour, :func:`save` commits it (row, blob and audit record
in one transaction), and only then tells the TdT it was read; :func:`mark_read`
records that.  A run that dies in between finds the retour still listed by the
TdT and already here (:func:`by_remote_id`): it marks it read without storing it
again, and the unique ``remote_id`` makes a second row impossible anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from invoices.store import audit
from invoices.store.blobs import sha256_hex
from invoices.store.store import Store
from invoices.store.tables import PesRetourRow, utcnow
from invoices.syntax.pes.retour import read_retour


@dataclass(frozen=True, slots=True)
class RetourView:
    id: int
    remote_id: str
    name: str
    date: str | None
    kind: str
    nom_fic: str | None
    sha256: str
    size: int
    fetched_at: str
    read: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "remote_id": self.remote_id,
            "name": self.name,
            "date": self.date,
            "kind": self.kind,
            "nom_fic": self.nom_fic,
            "sha256": self.sha256,
            "size": self.size,
            "fetched_at": self.fetched_at,
            "read": self.read,
        }


def _view(row: PesRetourRow) -> RetourView:
    return RetourView(
        row.id,
        row.remote_id,
        row.name,
        row.remote_date,
        row.kind,
        row.nom_fic,
        row.sha256,
        row.size,
        row.fetched_at.isoformat(),
        row.read_at is not None,
    )


def by_remote_id(session: Session, remote_id: str) -> RetourView | None:
    row = session.scalars(select(PesRetourRow).where(PesRetourRow.remote_id == remote_id)).first()
    return None if row is None else _view(row)


def save(
    session: Session,
    store: Store,
    remote_id: str,
    name: str,
    date: str | None,
    data: bytes,
    *,
    actor: str | None = None,
) -> RetourView:
    """Keep one retour as it came (:class:`InputError` when it is not well-formed XML:
    a truncated download is not kept, the next fetch downloads it again)."""
    info = read_retour(data, name)
    digest = sha256_hex(data)
    store.blobs.put(session, digest, data)
    row = PesRetourRow(
        remote_id=remote_id,
        name=name,
        remote_date=date or None,
        kind=info.kind,
        nom_fic=info.nom_fic,
        sha256=digest,
        size=len(data),
        fetched_at=utcnow(),
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        "pes.retour_fetched",
        actor=actor,
        object_type="pes_retour",
        object_id=row.id,
        details={
            "remote_id": remote_id,
            "name": name,
            "kind": info.kind,
            "nom_fic": info.nom_fic,
            "typ_fic": info.typ_fic,
            "bordereaux": info.bordereaux,
            "pieces": info.pieces,
            "sha256": digest,
        },
    )
    return _view(row)


def mark_read(
    session: Session, remote_id: str, *, actor: str | None = None, seen_read: bool = False
) -> None:
    """Record that the TdT was told the retour was read (``seen_read``: it no longer
    lists it, told by an earlier run that died before recording it)."""
    row = session.scalars(select(PesRetourRow).where(PesRetourRow.remote_id == remote_id)).one()
    if row.read_at is not None:
        return
    row.read_at = utcnow()
    audit.append(
        session,
        "pes.retour_read",
        actor=actor,
        object_type="pes_retour",
        object_id=row.id,
        details={"remote_id": remote_id, "seen_read": seen_read},
    )


def listing(session: Session) -> list[RetourView]:
    return [_view(r) for r in session.scalars(select(PesRetourRow).order_by(PesRetourRow.id))]


def content(session: Session, store: Store, retour_id: int) -> bytes | None:
    row = session.get(PesRetourRow, retour_id)
    return None if row is None else store.blobs.get(session, row.sha256)
