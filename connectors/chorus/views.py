"""How the Chorus Pro results read on a terminal (the CLI prints these lines).

Kept out of ``cli.py`` so that the CLI stays a thin layer and the batch or another
front end shows exactly the same words.  Platform codes (``MISE_A_DISPOSITION``,
``IN_INTEGRE``, rule codes) are shown as the platform sends them, never translated:
they are what the clerk will find in the Chorus Pro portal and its documentation.
"""

from __future__ import annotations

from connectors.base import ReceiveResult, SubmitResult, TransmissionState, TransmissionStatus
from invoices.i18n import t
from invoices.validation.report import Finding, Severity


def _findings(findings: tuple[Finding, ...]) -> list[str]:
    return [
        t("chorus.cli_finding", rule=f.rule, message=f.message)
        for f in findings
        if f.severity is not Severity.INFORMATION
    ]


def submit_lines(result: SubmitResult, *, dry_run: bool = False) -> list[str]:
    if dry_run and result.state is TransmissionState.PENDING:
        head = t("chorus.cli_dry_ok", number=result.number, id=result.invoice_id)
    else:
        state = str(result.state) + (f" {result.status}" if result.status else "")
        head = t(
            "chorus.cli_sent_line",
            number=result.number,
            id=result.invoice_id,
            state=state,
            flow=f" ({result.flow_id})" if result.flow_id else "",
        )
    return [head, *_findings(result.findings)]


def failed(result: SubmitResult) -> bool:
    """A result the batch must report with exit code 1."""
    return result.state in (TransmissionState.REJECTED, TransmissionState.UNKNOWN)


def status_lines(item: TransmissionStatus) -> list[str]:
    lines = [
        t(
            "chorus.cli_status_line",
            id=item.invoice_id,
            number=item.number,
            state=str(item.state),
            status=item.status or "-",
        )
    ]
    lines += [
        t("chorus.cli_history_line", at=h.at, status=h.status, comment=h.comment)
        for h in item.history
    ]
    return lines + _findings(item.findings)


def receive_lines(result: ReceiveResult) -> list[str]:
    lines = [
        t(
            "chorus.cli_received_line",
            id=r.document_id if r.document_id else "-",
            number=r.number,
            supplier=r.supplier,
            status=r.status,
        )
        for r in result.received
    ]
    return lines + list(result.errors)


def receive_json(result: ReceiveResult) -> dict[str, object]:
    return {
        "received": [
            {
                "id": r.document_id,
                "remote_id": r.remote_id,
                "number": r.number,
                "supplier": r.supplier,
                "status": r.status,
                "valid": r.valid,
            }
            for r in result.received
        ],
        "already_known": result.already_known,
        "errors": list(result.errors),
    }
