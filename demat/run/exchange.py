"""The steps that talk to Chorus Pro: ``receive``, ``send`` and ``follow``.

Each is the same call as its ``demat`` command (``receive``, ``send --all``,
``status --refresh``), so a night does exactly what a clerk would.  Exactly-once
deposit is the connector's outbox promise, not this module's: a run killed during
``send`` leaves ``unknown`` transmissions that the next run reconciles before it
sends anything again.  A platform that cannot be reached ends the step (exit 2),
not the run: the next steps still get their chance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from demat.run.lock import LockHeld
from demat.run.progress import Progress
from demat.run.report import Attention, RunReport
from invoices.errors import DematError, SetupError
from invoices.i18n import t
from invoices.store import TransmissionState

if TYPE_CHECKING:
    from connectors.base import SubmitResult
    from connectors.chorus.connector import ChorusConnector

_NEEDS_A_PERSON = (TransmissionState.REJECTED, TransmissionState.UNKNOWN)


def run_receive(connector: ChorusConnector, report: RunReport, progress: Progress) -> None:
    step = report.step("receive")
    step.ran = True
    progress.start(t("run.progress_receive"), None)
    try:
        result = connector.fetch_received(progress=lambda _n, note: progress.advance(note))
    except LockHeld:
        raise
    except SetupError as exc:
        report.error(exc.message())
        return
    finally:
        progress.finish()
    step.counts["received"] += len(result.received)
    step.counts["known"] += result.already_known
    for item in result.received:
        if item.valid is False or item.document_id is None:
            step.counts["invalid"] += 1
            key = f"document:{item.document_id}" if item.document_id else f"remote:{item.remote_id}"
            report.need(Attention(key, "receive", "invalid", f"{item.number} ({item.supplier})"))
    for message in result.errors:
        step.counts["error"] += 1
        report.need(Attention(f"receive-error:{message}", "receive", "error", message))


def run_send(connector: ChorusConnector, report: RunReport, progress: Progress) -> None:
    step = report.step("send")
    step.ran = True

    def show(result: SubmitResult) -> None:
        state = str(result.state)
        step.counts["already-sent" if result.already_sent else state] += 1
        fatal = [f for f in result.findings if f.fatal]
        if result.state in _NEEDS_A_PERSON or fatal:
            report.need(
                Attention(f"transmission:{result.invoice_id}:{state}", "send", state, result.number)
            )

    def refused(invoice_id: int, exc: DematError) -> None:
        step.counts["refused"] += 1
        report.need(
            Attention(
                f"transmission:{invoice_id}:refused",
                "send",
                "refused",
                str(invoice_id),
                exc.message(),
            )
        )

    try:
        ids = connector.unsent()
        progress.start(t("run.progress_send"), len(ids))
        connector.submit_many(
            ids,
            on_result=show,
            on_error=refused,
            progress=lambda _count, invoice_id: progress.advance(invoice_id),
        )
    except LockHeld:
        raise
    except SetupError as exc:
        report.error(exc.message())
    finally:
        progress.finish()


def run_follow(connector: ChorusConnector, report: RunReport, progress: Progress) -> None:
    step = report.step("follow")
    step.ran = True
    try:
        ids = connector.transmitted()
        progress.start(t("run.progress_follow"), len(ids))
        for invoice_id in ids:
            try:
                item = connector.follow(invoice_id, refresh=True)
            except SetupError:
                raise
            except DematError as exc:
                step.counts["error"] += 1
                report.need(
                    Attention(
                        f"follow:{invoice_id}", "follow", "error", str(invoice_id), exc.message()
                    )
                )
                continue
            finally:
                progress.advance(str(invoice_id))
            step.counts[str(item.state)] += 1
            if item.state in _NEEDS_A_PERSON:
                key = f"transmission:{invoice_id}:{item.state}"
                report.need(
                    Attention(key, "follow", str(item.state), item.number, item.status or "")
                )
        _close_the_loop(connector, report)
    except LockHeld:
        raise
    except SetupError as exc:
        report.error(exc.message())
    finally:
        progress.finish()


def _close_the_loop(connector: ChorusConnector, report: RunReport) -> None:
    """MANDATEE on Chorus Pro for the mandats Hélios accepted (opt-in; see
    :mod:`connectors.chorus.mandatee`), counted with the follow step."""
    from connectors.chorus.mandatee import enabled, push_mandatee
    from demat.views.show import mandatee_line

    if not enabled():
        return
    step = report.step("follow")
    for outcome in push_mandatee(connector):
        step.counts[f"mandatee-{outcome.result}"] += 1
        if outcome.needs_a_person:
            key = f"mandatee:{outcome.invoice_id}:{outcome.result}"
            reason = mandatee_line(outcome)
            report.need(Attention(key, "follow", outcome.result, outcome.number, reason))
