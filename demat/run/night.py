"""The whole night in one call: lock, the chosen steps in order, the report, the record.

The run itself is an audit record (``run.completed``) holding its summary and the
keys of the items it reported; the next run reads them to tell "still waiting"
from "new", so a clean night after a bad one is exit 0 again.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from demat.run import anchor
from demat.run.exchange import run_follow, run_receive, run_send
from demat.run.held import add_held
from demat.run.inbox import run_inbox
from demat.run.lock import RunLockGuard
from demat.run.progress import Progress
from demat.run.report import RunReport
from demat.run.settings import STEPS, RunSettings
from demat.views.guard import guard_notice
from invoices.errors import SetupError
from invoices.i18n import t
from invoices.store import Store, audit
from invoices.store.tables import AuditRecord

RUN_ACTION = "run.completed"
_CHORUS_STEPS = ("receive", "send", "follow")


def reported_before(store: Store) -> set[str]:
    """The keys the previous run reported (new or still waiting)."""
    with store.read() as session:
        details = session.scalars(
            select(AuditRecord.details)
            .where(AuditRecord.action == RUN_ACTION)
            .order_by(AuditRecord.seq.desc())
            .limit(1)
        ).first()
    if details is None:
        return set()
    try:
        keys: Any = json.loads(details).get("reported", [])
    except (ValueError, AttributeError):
        return set()
    return {str(k) for k in keys} if isinstance(keys, list) else set()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Guarded:
    """The progress display, which also stops the run between two items if its lock
    was taken over."""

    def __init__(self, shown: Progress, lock: RunLockGuard) -> None:
        self.shown = shown
        self.lock = lock

    def start(self, label: str, total: int | None) -> None:
        self.lock.ensure()
        self.shown.start(label, total)

    def advance(self, note: str = "") -> None:
        self.lock.ensure()
        self.shown.advance(note)

    def finish(self) -> None:
        self.shown.finish()


def run_night(store: Store, settings: RunSettings, progress: Progress) -> RunReport:
    """Run the steps of ``settings``; raises :class:`~demat.run.lock.LockHeld` when
    another run holds the database."""
    lock = RunLockGuard(store, timeout=settings.lock_timeout)
    lock.acquire()
    progress = _Guarded(progress, lock)
    report = RunReport(started_at=_now(), guard=guard_notice() or "")
    try:
        if lock.taken_over is not None:
            holder = lock.taken_over
            report.step("lock").lines.append(
                t("run.lock_taken_over", pid=holder.pid, host=holder.host)
            )
        try:
            report.chain, intact = anchor.check(store, settings.anchors_file)
        except SetupError as exc:  # the anchors file: said, and the night goes on
            report.chain, intact = exc.message(), False
        if not intact:
            report.error(report.chain)
        _steps(store, settings, report, progress)
        try:
            add_held(store, report)
        except SetupError as exc:
            report.error(exc.message())
        before = reported_before(store)
        report.sort_out(before)
        if settings.steps != STEPS:  # a partial run has not looked at everything
            report.carried = sorted(before - set(report.reported_keys()))
        report.finished_at = _now()
        lock.ensure()
        _record(store, report)
        if report.audit_seq is not None and report.audit_hash is not None:
            try:
                anchor.record(
                    settings.anchors_file,
                    store.display_url,
                    anchor.Anchor(report.audit_seq, report.audit_hash),
                )
            except OSError as exc:
                report.error(
                    t("run.anchor_unwritable", file=str(settings.anchors_file), reason=exc.strerror)
                )
    finally:
        lock.release()
    return report


def _steps(store: Store, settings: RunSettings, report: RunReport, progress: Progress) -> None:
    connector = None
    if any(s in settings.steps for s in _CHORUS_STEPS):
        from connectors.chorus.connector import ChorusConnector

        try:
            connector = ChorusConnector(store)
        except SetupError as exc:
            report.error(exc.message())
    try:
        for name in settings.steps:
            if name == "inbox":
                run_inbox(
                    store,
                    settings.inboxes,
                    archive=settings.archive_dir,
                    rejected=settings.rejected_dir,
                    settle=settings.settle,
                    day=datetime.now().astimezone().date(),
                    report=report,
                    progress=progress,
                )
            elif name in _CHORUS_STEPS and connector is not None:
                {"receive": run_receive, "send": run_send, "follow": run_follow}[name](
                    connector, report, progress
                )
    finally:
        if connector is not None:
            connector.close()


def _record(store: Store, report: RunReport) -> None:
    try:
        with store.write() as session:
            row = audit.append(session, RUN_ACTION, object_type="run", details=report.summary())
            session.flush()
            report.audit_seq = row.seq
            report.audit_hash = row.hash
    except SetupError as exc:
        report.error(exc.message())
