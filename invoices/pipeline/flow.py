"""Ingest at the speed of every core: read and check in parallel, store in groups.

Measured on the 2-core machine (300 small invoices): validation is the dominant cost,
and before this module one document at a time went read -> validate -> commit, so a
Saxon worker idled while we parsed and stored, and each document paid its own commit
(two fsyncs of SQLite's WAL, plus the blob's file and folder fsyncs).  Here:

* **Preparation in threads** (:func:`_prepare`): load, hash, known-or-not lookup, the
  one parse, the blob written to its content-addressed file, and the official checks in
  ``jobs`` warm Saxon workers (:class:`~invoices.validation.engine.Lender`; each worker
  holds its next document already, so it never waits for us).  The threads only hold
  the GIL between native calls; the workers are other processes.
* **Storing in groups** on the calling thread: one transaction for up to ``group``
  prepared documents (one chain-lock, one commit).  Each file is still its own unit of
  success or failure: if the group's transaction fails on one document, it is rolled
  back whole and each of its documents is written again in its own transaction, so
  one bad document never undoes its neighbours; the one that fails alone gets the
  outcome "could not be stored" (nothing recorded, the file stays for the next run).
* **Bounded**: the paths are taken lazily from the iterator and at most ``4 * jobs``
  documents are being prepared, plus one group waiting for its commit; memory does not
  grow with the folder.
* **Outcomes come in input order, and only once committed**: the inbox step moves a
  file when it sees its outcome, so a kill after a commit leaves at worst committed
  files in the inbox (found "already known" by the next run), never a moved file
  without its row.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import invoices.reading
from invoices.errors import InputError, SetupError
from invoices.pipeline.outcome import Outcome, OutcomeKind
from invoices.pipeline.record import (
    Checked,
    Options,
    Refusal,
    check,
    input_params,
    known_outcome,
    read_for_store,
    store_invoice,
    store_refusal,
)
from invoices.pipeline.revalidate import recheck_known
from invoices.reading import ReadResult
from invoices.store import InvoiceStatus, Store, records
from invoices.store.blobs import DirectoryBlobs, sha256_hex
from invoices.store.tables import Document
from invoices.validation.engine import POOL, Lender

#: Documents committed together (one transaction, one fsync).
GROUP = 50
#: Longest a prepared document waits for its group's commit (seconds).
GROUP_WAIT = 1.0
#: The reason of a file whose rows could not be written (the key of its outcome).
STORE_FAILED = "pipeline.store_failed"


def default_jobs() -> int:
    """One warm worker per core (``DEMAT_JOBS`` overrides)."""
    wanted = os.environ.get("DEMAT_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, os.cpu_count() or 1)


@dataclass(slots=True)
class Prepared:
    """One file, as far as the threads took it (an outcome already, or what to store)."""

    path: Path | None
    name: str
    data: bytes = b""
    digest: str = ""
    outcome: Outcome | None = None
    #: Stored earlier without a verdict: checked again by :func:`recheck_known`.
    recheck: int | None = None
    read: ReadResult | Refusal | None = None
    checked: Checked | None = None
    #: The environment stopped this file (artefact missing...): it waits, the rest go on.
    error: SetupError | None = None


#: What a stream gives per file: its outcome once committed, or the setup error.
Result = tuple[Prepared, Outcome | SetupError]


def _prepare(
    path: Path | None,
    data: bytes | None,
    name: str,
    store: Store,
    opts: Options,
    lender: Lender | None,
) -> Prepared:
    """Everything before the transaction (runs in a thread)."""
    item = Prepared(path, name)
    try:
        source: Path | bytes = data if data is not None else path or b""
        item.data, item.name = invoices.reading.load(source, name)
    except InputError as exc:
        item.outcome = Outcome(
            item.name, OutcomeKind.REJECTED, reason_key=exc.key, reason_params=input_params(exc)
        )
        return item
    item.digest = sha256_hex(item.data)
    with store.read() as session:
        known = records.document_by_sha(session, item.digest)
        if known is not None:
            invoice = known.invoice
            awaiting = invoice is not None and invoice.status == InvoiceStatus.UNVALIDATED
            if awaiting and opts.validate:
                item.recheck = known.id
            else:
                item.outcome = known_outcome(item.name, known)
            return item
    try:
        item.read = read_for_store(item.data, item.name, item.digest)
        if not isinstance(item.read, Refusal):
            item.checked = check(item.read, opts, engine=lender)
        if isinstance(store.blobs, DirectoryBlobs):
            # Content-addressed and idempotent: written (and fsynced) here, in parallel;
            # the transaction's own ``put`` then finds it.  An orphan left by a kill is
            # the same bytes the next run would write.
            store.blobs.put(None, item.digest, item.data)  # type: ignore[arg-type]
    except SetupError as exc:
        item.error = exc
    return item


class _Known:
    """Which of a group's documents the store holds already, asked in one query.

    The group's transaction holds the chain lock (see :meth:`Store.write`), so no
    other writer can store one of them meanwhile: one ``IN`` query at the start, and
    the digests written since, are the whole answer; only a second copy within the
    group asks the database again (for the row just written).
    """

    def __init__(self, session: Session, digests: list[str]) -> None:
        self.session = session
        found = session.scalars(select(Document).where(Document.sha256.in_(set(digests))))
        self.rows = {doc.sha256: doc for doc in found}
        self.written: set[str] = set()

    def get(self, digest: str) -> Document | None:
        if digest in self.written:
            return records.document_by_sha(self.session, digest)
        self.written.add(digest)
        return self.rows.get(digest)


def _write(
    session: Session, store: Store, item: Prepared, opts: Options, known: _Known | None = None
) -> Outcome:
    """The rows and audit records of one prepared document, in the caller's transaction."""
    # Another file of the group, or another process, may have stored the same bytes.
    doc = known.get(item.digest) if known else records.document_by_sha(session, item.digest)
    if doc is not None:
        return known_outcome(item.name, doc)
    path = str(item.path.absolute()) if item.path is not None else None
    if isinstance(item.read, Refusal):
        return store_refusal(
            session, store, item.data, item.digest, item.name, path, item.read, opts
        )
    assert item.read is not None and item.checked is not None
    return store_invoice(
        session, store, item.data, item.digest, item.name, path, item.read, item.checked, opts
    )


class _Group:
    """Prepared documents waiting for their common commit, in input order.

    The first groups are small (1, 2, 4... up to ``size``) and a group waits at most
    :data:`GROUP_WAIT` seconds: the first outcomes reach the screen at once, and a
    kill loses little work, while a long inbox still commits ``size`` at a time.
    """

    def __init__(self, store: Store, opts: Options, size: int) -> None:
        self.store, self.opts, self.size = store, opts, max(1, size)
        self.items: list[Prepared] = []
        self._limit = 1
        self._since = 0.0

    def add(self, item: Prepared) -> None:
        if item.outcome is not None:
            item.data, item.read = b"", None  # its outcome is all that is left to give
        if not self.items:
            self._since = time.monotonic()
        self.items.append(item)

    def full(self) -> bool:
        return len(self.items) >= self._limit or time.monotonic() - self._since >= GROUP_WAIT

    def commit(self) -> Iterator[Result]:
        items, self.items = self.items, []
        self._limit = min(self.size, self._limit * 2)
        todo = [i for i in items if i.outcome is None]
        if todo:
            self._write(todo)
        for item in items:
            assert item.outcome is not None
            yield item, item.outcome

    def _write(self, todo: list[Prepared]) -> None:
        try:
            with self.store.write() as session:
                known = _Known(session, [i.digest for i in todo])
                outcomes = [_write(session, self.store, i, self.opts, known) for i in todo]
        except SetupError:
            raise  # the database itself: nothing more can be stored tonight
        except Exception:
            if len(todo) == 1:
                self._alone(todo[0])
                return
            for item in todo:  # one of them is bad: each alone, so it fails alone
                self._alone(item)
            return
        for item, outcome in zip(todo, outcomes, strict=True):
            item.outcome = outcome

    def _alone(self, item: Prepared) -> None:
        try:
            with self.store.write() as session:
                item.outcome = _write(session, self.store, item, self.opts)
        except SetupError:
            raise
        except Exception as exc:  # its rows are refused by the database: nothing kept
            item.outcome = Outcome(
                item.name,
                OutcomeKind.REJECTED,
                sha256=item.digest or None,
                reason_key=STORE_FAILED,
                reason_params={"reason": f"{type(exc).__name__}: {str(exc).splitlines()[0]}"},
            )


def stream(
    sources: Iterable[Path | tuple[bytes, str]],
    *,
    store: Store,
    opts: Options,
    jobs: int | None = None,
    group: int = GROUP,
) -> Iterator[Result]:
    """One result per source, in order, each outcome yielded once committed.

    A source is a path, or ``(bytes, name)`` for a document received in memory.  A
    :class:`SetupError` of one file (an artefact missing for its kind) is yielded in
    its place, after the files before it are committed; one of the database is raised.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    lender = Lender(POOL, jobs) if opts.validate else None
    pending: deque[Future[Prepared]] = deque()
    batch = _Group(store, opts, group)

    def submit(pool: ThreadPoolExecutor, source: Path | tuple[bytes, str]) -> None:
        if isinstance(source, tuple):
            pending.append(pool.submit(_prepare, None, source[0], source[1], store, opts, lender))
        else:
            pending.append(pool.submit(_prepare, source, None, str(source), store, opts, lender))

    def take(item: Prepared) -> Iterator[Result]:
        if item.error is not None or item.recheck is not None:
            yield from batch.commit()  # in order: the files before it come first
            if item.error is not None:
                yield item, item.error
                return
            assert item.recheck is not None
            yield item, recheck_known(store, item.recheck, item.data, item.name, item.digest, opts)
            return
        batch.add(item)
        if batch.full():
            yield from batch.commit()

    try:
        with ThreadPoolExecutor(max_workers=3 * jobs, thread_name_prefix="demat-ingest") as pool:
            try:
                for source in sources:
                    submit(pool, source)
                    if len(pending) >= 4 * jobs:
                        yield from take(pending.popleft().result())
                while pending:
                    yield from take(pending.popleft().result())
                yield from batch.commit()
            finally:
                for future in pending:
                    future.cancel()
    finally:
        if lender is not None:
            lender.close()
