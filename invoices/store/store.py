"""The store handle: one database, one place for the original bytes, transactions.

Every change goes through :meth:`Store.write`, a transaction that first takes the
audit chain lock (see :mod:`invoices.store.audit`).  Taking it first, rather than
at the first audit record, serializes writers completely: a second process that
ingests the same file waits, then sees the first one's committed row, instead of
racing it into a unique-constraint error.  Ingest spends its time reading and
validating outside the transaction, so the lock is held only for a few inserts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from invoices.errors import SetupError
from invoices.paths import data_dir
from invoices.store import audit, db
from invoices.store.blobs import Blobs, DatabaseBlobs, DirectoryBlobs

#: ``DEMAT_DOCUMENTS``: a directory for the original bytes, or ``database``.
DOCUMENTS_ENV = "DEMAT_DOCUMENTS"


class Store:
    def __init__(self, url: str, engine: Engine, blobs: Blobs) -> None:
        self.url = url
        self.engine = engine
        self.blobs = blobs
        self._writer = sessionmaker(bind=engine, expire_on_commit=False)
        self._reader = sessionmaker(
            bind=engine.execution_options(**{db.READ_ONLY: True}), expire_on_commit=False
        )

    @property
    def display_url(self) -> str:
        """The URL without its password, for messages and exports."""
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction holding the chain lock; commits on success, rolls back on error.

        Connector code joins it by taking the session it yields: its rows and their
        audit records then commit (or vanish) together.
        """
        with _database_errors(self), self._writer() as session, session.begin():
            audit._lock_head(session)
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction (never blocks writers, never waits for them)."""
        with _database_errors(self), self._reader() as session, session.begin():
            yield session

    def export_audit(
        self, path: str | os.PathLike[str], *, actor: str | None = None
    ) -> audit.Verdict:
        """Write the self-verifiable export to ``path`` (atomically) and record that.

        The "exported" record is appended first, in the same transaction, so the file
        contains the record of its own making and its head is that record.  If writing
        the file fails the transaction rolls back: no record of an export that is not.
        """
        target = Path(path)
        with self.write() as session:
            audit.append(
                session,
                audit.Action.AUDIT_EXPORTED,
                actor=actor,
                object_type="export",
                object_id=target.name,
                details={"file": str(target.resolve())},
            )
            tmp = target.with_name(f".{target.name}.part")
            try:
                with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                    verdict = audit.write_export(session, out, database=self.display_url)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, target)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise SetupError(
                    "store.audit_export_failed", file=str(target), reason=str(exc)
                ) from exc
        return verdict

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@contextmanager
def _database_errors(store: Store) -> Iterator[None]:
    """A lost server or a locked file is an environment problem, said in words."""
    try:
        yield
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise SetupError("store.db_unreachable", url=store.display_url, reason=reason) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise SetupError(
                "store.db_unreachable", url=store.display_url, reason=str(exc.orig)
            ) from exc
        raise


def _blobs_for(url: str, documents: str | os.PathLike[str] | None) -> Blobs:
    choice = documents if documents is not None else os.environ.get(DOCUMENTS_ENV)
    if choice is not None and str(choice) == "database":
        return DatabaseBlobs()
    if choice:
        return DirectoryBlobs(Path(choice))
    sqlite_file = db.sqlite_path(url)
    base = sqlite_file.parent if sqlite_file is not None else data_dir()
    return DirectoryBlobs(base / "documents")


def open_store(
    url: str | None = None, *, documents: str | os.PathLike[str] | None = None, migrate: bool = True
) -> Store:
    """Open (and on first use create or upgrade) the store at ``url``.

    ``url``: ``--db`` / ``DEMAT_DB`` / an SQLite file in the data directory.
    ``documents``: where the original bytes go: a directory, ``"database"``, or by
    default ``DEMAT_DOCUMENTS`` else a ``documents`` directory beside the SQLite file
    (beside the data directory for PostgreSQL).
    """
    resolved = db.resolve_url(url)
    engine = db.make_engine(resolved)
    if migrate:
        try:
            db.upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
    return Store(resolved, engine, _blobs_for(resolved, documents))
