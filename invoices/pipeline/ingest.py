"""Ingest: files or folders -> read -> validate -> store + audit, one outcome per file.

The same function serves the clerk (``demat ingest``), the nightly batch and
accounting software.  Its promises:

* **One outcome per file**, in a stable order (paths sorted): new, already known,
  suspected duplicate, or rejected with the reason.  Bad input never stops the
  batch; only an environment problem (database gone, artefacts missing) does.
* **Idempotent and resumable.**  Documents are keyed by the SHA-256 of their bytes;
  files are committed in groups (:mod:`.flow`), each file still its own unit of
  success or failure, together with its audit records.  A crash loses at most the
  group in flight, and a re-run skips what is stored ("already known", no new
  record) and completes the rest.
* **Every core.**  Files are read and checked by ``jobs`` warm workers (default: one
  per core) while the calling thread stores the ones before (:mod:`.flow`).
* **A refused file is still received.**  A file that cannot be read as an invoice
  (not XML, hostile XML, a PDF without invoice data...) is stored with its bytes
  and the reason, status ``refused``: the clerk can show it arrived and why it was
  turned down.  A file whose bytes cannot even be loaded (vanished, no permission,
  over the size limit) is reported as rejected but not recorded: there is nothing
  to keep, and it stays where it is for the next run.
* **Invalid invoices are kept.**  An invoice that validation rejects is stored with
  its report (status ``invalid``) and reported as rejected: the evidence of what
  was received and why it was refused is the point of an audit trail.
* **Validation that cannot run stops the batch** (exit 2): a missing or altered
  official artefact is the installation's fault; storing the invoice as "invalid"
  would be a lasting lie.  The file stays in the inbox for the run after the fix.
* **A check that could not reach its verdict is never "invalid".**  An engine
  crash or timeout, or a bug of ours, on one document stores it as
  ``unvalidated`` with the reason, and the batch goes on; the next ingest of the
  same bytes, or ``demat revalidate``, checks it again (:mod:`.revalidate`).
* **Duplicates are flagged, never silently accepted.**  Another file with the same
  seller identifier, invoice number and year is stored with status
  ``suspected-duplicate`` and a pointer to the first one (a resend or a fraud: a
  person decides).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import invoices.reading
from invoices.errors import InputError, SetupError
from invoices.files import iter_files
from invoices.guard import load_guard
from invoices.pipeline.flow import stream
from invoices.pipeline.outcome import Outcome, OutcomeKind
from invoices.pipeline.record import (
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
from invoices.store import InvoiceStatus, Store, audit, records
from invoices.store.blobs import sha256_hex
from invoices.validation import Structures

Progress = Callable[[int, str], None]


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    *,
    store: Store,
    fr: bool = False,
    chorus: bool = False,
    structures: Structures | None = None,
    actor: str | None = None,
    source: str | None = None,
    progress: Progress | None = None,
    validate: bool = True,
    jobs: int | None = None,
) -> Iterator[Outcome]:
    """Ingest every file under ``paths``; yields one :class:`Outcome` per file, as it goes.

    ``fr`` / ``chorus`` / ``structures`` are passed to validation.  ``source`` says
    where the files came from (``"cli"``, ``"inbox"``, a connector name...).
    ``validate=False`` stores invoices without validating them (bulk import of an
    archive, storage benchmarks): they get the visible status ``unvalidated``, and
    their audit record says validation was not asked for.
    ``jobs``: warm validation workers (default: one per core, ``DEMAT_JOBS``).
    Raises :class:`~invoices.errors.SetupError` only for an environment problem,
    once the files before the one that met it are committed and yielded.
    """
    opts = Options(
        fr=fr,
        chorus=chorus,
        structures=structures,
        actor=actor or audit.default_actor(),
        source=source,
        validate=validate,
        guard=load_guard(),
    )
    results = stream(iter_files(paths), store=store, opts=opts, jobs=jobs)
    for count, (item, result) in enumerate(results, start=1):
        if isinstance(result, SetupError):
            raise result
        if progress is not None:
            progress(count, str(item.path or item.name))
        yield result


def ingest_file(path: Path, *, store: Store, opts: Options) -> Outcome:
    """Ingest one file (see :func:`ingest`)."""
    name = str(path)
    try:
        data, name = invoices.reading.load(path)
    except InputError as exc:
        return Outcome(
            name, OutcomeKind.REJECTED, reason_key=exc.key, reason_params=input_params(exc)
        )
    return _ingest_data(data, name, store=store, opts=opts, path=str(path.absolute()))


def ingest_bytes(
    data: bytes,
    name: str,
    *,
    store: Store,
    fr: bool = False,
    chorus: bool = False,
    structures: Structures | None = None,
    actor: str | None = None,
    source: str | None = None,
    validate: bool = True,
) -> Outcome:
    """Ingest one document received as bytes (e.g. downloaded by a connector).

    Same promises as :func:`ingest`; ``name`` is the name to keep and show.
    """
    opts = Options(
        fr=fr,
        chorus=chorus,
        structures=structures,
        actor=actor or audit.default_actor(),
        source=source,
        validate=validate,
        guard=load_guard(),
    )
    try:
        data, name = invoices.reading.load(data, name)  # the same size limit as for files
    except InputError as exc:
        return Outcome(
            name, OutcomeKind.REJECTED, reason_key=exc.key, reason_params=input_params(exc)
        )
    return _ingest_data(data, name, store=store, opts=opts, path=None)


def _ingest_data(
    data: bytes, name: str, *, store: Store, opts: Options, path: str | None
) -> Outcome:
    digest = sha256_hex(data)
    with store.read() as session:
        known = records.document_by_sha(session, digest)
        if known is not None:
            invoice = known.invoice
            awaiting = invoice is not None and invoice.status == InvoiceStatus.UNVALIDATED
            if not (awaiting and opts.validate):
                return known_outcome(name, known)
    if known is not None:  # stored earlier without a verdict: check it again now
        return recheck_known(store, known.id, data, name, digest, opts)

    read = read_for_store(data, name, digest)
    checked = None if isinstance(read, Refusal) else check(read, opts)

    with store.write() as session:
        known = records.document_by_sha(session, digest)  # another process may have won
        if known is not None:
            return known_outcome(name, known)
        if isinstance(read, Refusal):
            return store_refusal(session, store, data, digest, name, path, read, opts)
        assert checked is not None
        return store_invoice(session, store, data, digest, name, path, read, checked, opts)
