"""Every file of a received invoice: its original, the platform's pivot, its attachments.

A commune must be able to show what it received, all of it: the supplier's file
(the stored document itself), the pivot the platform made of it (Chorus Pro's
``CPPFacturePivot``, which carries the platform's own reading and history) and the
supporting documents joined to it (delivery notes, statements of work...).  Each is
kept by its SHA-256 in the blob store, like any original, and linked to the document
by a ``received_files`` row written with its audit record in the same transaction.

:func:`files_of` lists them for a view or an export; :func:`file_bytes` gives one back,
checked against its hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from invoices.store import audit
from invoices.store.blobs import sha256_hex
from invoices.store.store import Store
from invoices.store.tables import Document, Invoice, ReceivedFile, utcnow

FILE_ADDED = "file.received"


class FileKind(StrEnum):
    ORIGINAL = "original"
    PIVOT = "pivot"
    ATTACHMENT = "attachment"


@dataclass(frozen=True)
class StoredFile:
    """One file of a document, as a view or an export needs it."""

    kind: str
    name: str
    media_type: str
    sha256: str
    size: int


def add_file(
    store: Store,
    session: Session,
    document_id: int,
    kind: FileKind,
    name: str,
    media_type: str,
    data: bytes,
    *,
    source: str | None = None,
    actor: str | None = None,
) -> bool:
    """Keep ``data`` as a file of ``document_id`` (False when it is already linked).

    The bytes go to the blob store before the row that refers to them commits, so a
    crash leaves at most an unreferenced blob, never a row without its bytes.
    """
    if kind is FileKind.ORIGINAL:
        raise ValueError("the original is the document itself")
    sha = sha256_hex(data)
    known = session.scalars(
        select(ReceivedFile.id).where(
            ReceivedFile.document_id == document_id,
            ReceivedFile.kind == str(kind),
            ReceivedFile.name == name,
            ReceivedFile.sha256 == sha,
        )
    ).first()
    if known is not None:
        return False
    store.blobs.put(session, sha, data)
    row = ReceivedFile(
        document_id=document_id,
        kind=str(kind),
        name=name,
        media_type=media_type,
        sha256=sha,
        size=len(data),
        source=source,
        received_at=utcnow(),
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        FILE_ADDED,
        actor=actor,
        object_type="received_file",
        object_id=row.id,
        invoice_id=document_id if session.get(Invoice, document_id) is not None else None,
        details={
            "document_id": document_id,
            "kind": str(kind),
            "name": name,
            "media_type": media_type,
            "sha256": sha,
            "size": len(data),
            "source": source,
        },
    )
    return True


def files_of(session_or_store: Session | Store, invoice_id: int) -> list[StoredFile]:
    """The files of document ``invoice_id``: the original first, then pivot and
    attachments in the order they came (empty when there is no such document)."""
    if isinstance(session_or_store, Store):
        with session_or_store.read() as session:
            return _files(session, invoice_id)
    return _files(session_or_store, invoice_id)


def _files(session: Session, document_id: int) -> list[StoredFile]:
    doc = session.get(Document, document_id)
    if doc is None:
        return []
    out = [
        StoredFile(str(FileKind.ORIGINAL), doc.original_name, doc.media_type, doc.sha256, doc.size)
    ]
    rows = session.scalars(
        select(ReceivedFile)
        .where(ReceivedFile.document_id == document_id)
        .order_by(ReceivedFile.id)
    )
    out += [StoredFile(r.kind, r.name, r.media_type, r.sha256, r.size) for r in rows]
    return out


def file_bytes(store: Store, session: Session, stored: StoredFile) -> bytes:
    """The bytes of one listed file, checked against their hash by the blob store."""
    return store.blobs.get(session, stored.sha256)
