"""The original bytes of every document received, addressed by their SHA-256.

A commune must be able to show, ten years later, the very file it received: the
bytes are kept unchanged and their name is their hash, so the same file twice is
one file and a changed byte can never pass unnoticed (reading checks the hash).

Files live in a directory beside the database (``<db dir>/documents/ab/cd/<sha>``);
a shared deployment (several machines on one PostgreSQL) may keep them in the
database instead (:class:`DatabaseBlobs`).  A file is written atomically: temp file
in the same directory, fsync, rename over the final name, fsync of the directory,
so a crash leaves either no file or the whole file, never a torn one.  The blob is
written before the database transaction that refers to it commits: a crash in
between leaves an unreferenced blob (harmless, reused by the re-run), never a row
pointing at missing bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from invoices.errors import SetupError
from invoices.store.tables import DocumentBlob

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobCorrupted(SetupError):
    """Stored bytes no longer match their hash: the store itself is damaged."""


class Blobs(Protocol):
    """Where the original bytes go.  ``session`` is the caller's transaction (used by
    the database variant so the bytes commit with the rows that refer to them)."""

    def put(self, session: Session, sha256: str, data: bytes) -> bool:
        """Keep ``data``; False when it was already there."""

    def get(self, session: Session, sha256: str) -> bytes:
        """The bytes, checked against their hash."""

    def exists(self, session: Session, sha256: str) -> bool: ...

    def describe(self) -> str: ...


def _check(sha256: str) -> None:
    if not _SHA256.match(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")


def _verified(sha256: str, data: bytes) -> bytes:
    if sha256_hex(data) != sha256:
        raise BlobCorrupted("store.blob_corrupted", sha256=sha256)
    return data


class DirectoryBlobs:
    """Blobs as files under ``root``, two levels of fan-out to keep directories small."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        _check(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, session: Session, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, session: Session, sha256: str, data: bytes) -> bool:
        final = self.path(sha256)
        if final.is_file() and final.stat().st_size == len(data):
            return False
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".tmp-", suffix=".part")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(tmp, 0o444)
                os.replace(tmp, final)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            _fsync_dir(final.parent)
        except OSError as exc:
            raise SetupError("store.blob_write_failed", file=str(final), reason=str(exc)) from exc
        return True

    def get(self, session: Session, sha256: str) -> bytes:
        try:
            data = self.path(sha256).read_bytes()
        except OSError as exc:
            raise SetupError("store.blob_missing", sha256=sha256, reason=str(exc)) from exc
        return _verified(sha256, data)

    def describe(self) -> str:
        return str(self.root)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows cannot open directories)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DatabaseBlobs:
    """Blobs in the ``document_blobs`` table, committed with the caller's transaction."""

    def exists(self, session: Session, sha256: str) -> bool:
        _check(sha256)
        found = session.scalar(select(DocumentBlob.sha256).where(DocumentBlob.sha256 == sha256))
        return found is not None

    def put(self, session: Session, sha256: str, data: bytes) -> bool:
        if self.exists(session, sha256):
            return False
        session.add(DocumentBlob(sha256=sha256, data=data))
        return True

    def get(self, session: Session, sha256: str) -> bytes:
        _check(sha256)
        data = session.scalar(select(DocumentBlob.data).where(DocumentBlob.sha256 == sha256))
        if data is None:
            raise SetupError("store.blob_missing", sha256=sha256, reason="database")
        return _verified(sha256, bytes(data))

    def describe(self) -> str:
        return "database"
