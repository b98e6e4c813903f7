"""How the Chorus Pro results read on a terminal: one line per invoice, its history,
what was received, the effective configuration.

Platform codes (``MISE_A_DISPOSITION``, ``IN_INTEGRE``, rule codes) are shown as the
platform sends them, never translated: they are what the clerk will find in the
Chorus Pro portal and its documentation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from demat.views.table import clip, table
from invoices.i18n import t, word

if TYPE_CHECKING:
    from pathlib import Path

    from connectors.base import ReceiveResult, SubmitResult, TransmissionStatus
    from connectors.chorus.config import ChorusConfig
    from invoices.validation import Finding


def _findings(findings: Iterable[Finding]) -> list[str]:
    from invoices.validation import Severity

    return [
        t("chorus.cli_finding", rule=f.rule, message=f.message)
        for f in findings
        if f.severity is not Severity.INFORMATION
    ]


def submit_lines(result: SubmitResult, *, dry_run: bool = False) -> list[str]:
    """One invoice sent (or checked, with ``--dry-run``), then its findings."""
    from connectors.base import TransmissionState

    if dry_run and result.state is TransmissionState.PENDING:
        head = t("chorus.cli_dry_ok", number=result.number, id=result.invoice_id)
    else:
        state = word("state", result.state) + (f" {result.status}" if result.status else "")
        head = t(
            "chorus.cli_sent_line",
            number=result.number,
            id=result.invoice_id,
            state=state,
            flow=f" ({result.flow_id})" if result.flow_id else "",
        )
    return [head, *_findings(result.findings)]


def status_table(items: Iterable[TransmissionStatus]) -> list[str]:
    """``demat status``: a header, one row per invoice (our state and the platform's
    status), its history rows under it; the findings after the table."""
    body: list[list[str]] = []
    findings: list[str] = []
    for item in items:
        body.append(
            [
                str(item.invoice_id),
                item.number or "-",
                word("state", item.state),
                item.status or "-",
                "",
                "",
            ]
        )
        body += [["", "", "", h.status, h.at, clip(h.comment, 50)] for h in item.history]
        findings += [f"{item.invoice_id}: {line}" for line in _findings(item.findings)]
    if not body:
        return [t("chorus.cli_status_none")]
    headers = [t(f"chorus.col_{name}") for name in _STATUS_COLUMNS]
    return [*table(headers, body, right={0}).splitlines(), *findings]


_STATUS_COLUMNS = ("id", "number", "state", "status", "at", "comment")


def status_json(items: Iterable[TransmissionStatus]) -> str:
    return json.dumps([item.to_json() for item in items], ensure_ascii=False, indent=1)


def receive_lines(result: ReceiveResult) -> list[str]:
    """A header and one row per invoice received, then what could not be received."""
    body = [
        [
            str(r.document_id) if r.document_id else "-",
            r.number or "-",
            clip(r.supplier or "-", 40),
            r.status or "-",
        ]
        for r in result.received
    ]
    headers = [t(f"chorus.col_{name}") for name in ("id", "number", "supplier", "status")]
    lines = table(headers, body, right={0}).splitlines() if body else []
    return lines + list(result.errors)


def receive_json(result: ReceiveResult) -> str:
    received = [
        {
            "id": r.document_id,
            "remote_id": r.remote_id,
            "number": r.number,
            "supplier": r.supplier,
            "status": r.status,
            "valid": r.valid,
        }
        for r in result.received
    ]
    shown = {
        "received": received,
        "already_known": result.already_known,
        "errors": [*result.errors],
    }
    return json.dumps(shown, ensure_ascii=False, indent=1)


def config_lines(config: ChorusConfig, path: Path) -> list[str]:
    """``demat config``: the file read, then each setting (secrets masked) and its origin."""
    return [f"# {path}"] + [
        t(
            "chorus.cli_config_line",
            name=name,
            value=value or "-",
            origin=word("origin", config.origins.get(name, "default")),
        )
        for name, value in config.shown().items()
    ]
