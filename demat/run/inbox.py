"""The ``inbox`` step: every ready file ingested, then moved once its outcome is committed.

Stored invoices go to ``archive/YYYY/MM/``; refused or invalid ones to ``rejected/``
with ``NAME.reason.txt`` in the clerk's language; a file still being written, or
whose check could not be completed, stays for the next run.  The order (commit,
then move) means a kill leaves at worst a committed file still in the inbox: the
next run finds its hash in the store ("already known") and moves it then, without
a second record.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from demat.run import files
from demat.run.hooks import test_kill_point
from demat.run.lock import LockHeld
from demat.run.progress import Progress
from demat.run.report import Attention, RunReport
from invoices.errors import DematError, SetupError
from invoices.i18n import t, without_file, word
from invoices.pipeline import Options, Outcome, OutcomeKind
from invoices.pipeline.flow import STORE_FAILED, stream
from invoices.store import InvoiceStatus, Store, audit
from invoices.store.tables import Document

STEP = "inbox"


def _attention(outcome: Outcome, kind: str) -> Attention:
    key = (
        f"document:{outcome.document_id}"
        if outcome.document_id is not None
        else f"file:{outcome.sha256 or outcome.file}"
    )
    return Attention(key, STEP, kind, outcome.number or outcome.file, outcome.reason() or "")


def _reason_text(store: Store, outcome: Outcome) -> str:
    reason = outcome.reason() or _known_reason(store, outcome)
    return t("run.reason_file", file=Path(outcome.file).name, reason=reason)


def _known_reason(store: Store, outcome: Outcome) -> str:
    """Why a document stored by an earlier, interrupted run was refused: its kept
    rejection, in today's language; for an invalid invoice, where to read the report."""
    if outcome.document_id is not None:
        with store.read() as session:
            doc = session.get(Document, outcome.document_id)
            rejection = doc.rejection if doc is not None else None
        if rejection and isinstance(rejection.get("key"), str):
            params = rejection.get("params") or {}
            return without_file(
                t(rejection["key"], **{**params, "file": outcome.file}), outcome.file
            )
    return t("run.reason_status", status=outcome.status or "-", id=outcome.document_id or "-")


def _unchecked(outcome: Outcome) -> bool:
    return outcome.unchecked or (
        outcome.kind is OutcomeKind.KNOWN and outcome.status == InvoiceStatus.UNVALIDATED
    )


def _stored_count(outcome: Outcome) -> str:
    if outcome.kind is OutcomeKind.DUPLICATE:
        return "duplicate"
    return "known" if outcome.kind is OutcomeKind.KNOWN else "stored"


def run_inbox(
    store: Store,
    inboxes: tuple[Path, ...],
    *,
    archive: Path,
    rejected: Path,
    settle: float,
    day: date,
    report: RunReport,
    progress: Progress,
) -> None:
    step = report.step(STEP)
    step.ran = True
    candidates: list[Path] = []
    for inbox in inboxes:
        if not inbox.is_dir():
            report.error(t("run.inbox_missing", folder=str(inbox)))
            continue
        candidates += files.scan(inbox, exclude=(archive, rejected))
    ready, busy = files.settled(candidates, settle)
    for path in busy:
        step.counts["being-written"] += 1
        report.left.append(str(path))
    opts = Options(actor=audit.default_actor(), source="inbox")
    progress.start(t("run.progress_inbox"), len(ready))
    # Read and checked in parallel, committed in groups; each outcome comes once
    # committed, in order, and the file is moved then (see invoices.pipeline.flow).
    done = 0
    try:
        for item, result in stream(ready, store=store, opts=opts):
            assert item.path is not None
            _one_file(
                store, item.path, result, archive=archive, rejected=rejected, day=day, report=report
            )
            done += 1
            progress.advance(item.path.name)
    except LockHeld:
        raise  # another run took over: this one stops at once
    except SetupError as exc:  # the database itself: the files not done wait for the next run
        report.error(exc.message())
        report.left += [str(path) for path in ready[done:]]
    finally:
        progress.finish()


def _one_file(
    store: Store,
    path: Path,
    result: Outcome | SetupError,
    *,
    archive: Path,
    rejected: Path,
    day: date,
    report: RunReport,
) -> None:
    step = report.step(STEP)
    if isinstance(result, SetupError):  # an artefact: this file waits, the rest go on
        step.counts["error"] += 1
        report.left.append(str(path))
        report.error(t("run.file_error", file=str(path), reason=result.message()))
        return
    outcome = result
    if outcome.reason_key == STORE_FAILED:  # its rows were refused: nothing kept, it waits
        step.counts["error"] += 1
        report.left.append(str(path))
        report.error(t("run.file_error", file=str(path), reason=outcome.reason() or "-"))
        return
    test_kill_point("after-commit")
    if _unchecked(outcome):
        step.counts["unchecked"] += 1
        report.left.append(str(path))
        report.error(t("run.file_unchecked", file=str(path), reason=outcome.reason() or "-"))
        return
    try:
        if outcome.refused:
            target = files.move(path, rejected, reason=_reason_text(store, outcome))
            step.counts["rejected"] += 1
            report.need(_attention(outcome, "refused"))
        else:
            target = files.move(path, files.archive_folder(archive, day))
            step.counts[_stored_count(outcome)] += 1
            if outcome.kind is OutcomeKind.DUPLICATE:
                report.need(_attention(outcome, "duplicate"))
    except (OSError, DematError) as exc:
        step.counts["error"] += 1
        reason = exc.message() if isinstance(exc, DematError) else (exc.strerror or str(exc))
        report.error(t("run.move_failed", file=str(path), reason=reason))
        return
    step.lines.append(
        t("run.moved", file=str(path), target=str(target), outcome=word("outcome", outcome.kind))
    )
