"""``demat audit verify|log|export``: the tamper-evident audit trail."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from demat.cli.command import EXIT_OK, EXIT_REJECTED, DematGroup
from demat.cli.options import db_option, open_store
from demat.views import audit as view
from invoices.errors import SetupError
from invoices.i18n import help_text, os_reason, t

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from invoices.store.audit import Verdict


@click.group("audit", cls=DematGroup, help=help_text("store.help_audit"))
def audit_group() -> None:
    pass


@audit_group.command("verify", help=help_text("store.help_audit_verify"))
@db_option
@click.option(
    "--export", "export_file", type=click.Path(dir_okay=False), help=help_text("store.opt_export")
)
@click.option(
    "--anchor",
    "anchor_files",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True),
    help=help_text("store.opt_anchor"),
)
def audit_verify_cmd(
    db_url: str | None, export_file: str | None, anchor_files: tuple[str, ...]
) -> None:
    """The stored chain, or an export file on its own; exit 1 when it is broken.

    A chain rewritten after its newest records were deleted is consistent again; the
    anchors kept elsewhere (an earlier export, a run's report or anchors file) are what
    catch it: every anchored record must still be there, unchanged.
    """
    from invoices.store import audit

    if anchor_files and not export_file:
        _verify_anchors(db_url, anchor_files)

    verdict: Verdict
    if export_file:
        try:
            with open(export_file, encoding="utf-8") as lines:
                verdict = audit.verify_export(lines)
        except OSError as exc:
            raise SetupError(
                "store.audit_export_unreadable", file=export_file, reason=os_reason(exc)
            ) from exc
        except UnicodeDecodeError as exc:
            raise SetupError(
                "store.audit_export_unreadable", file=export_file, reason=t("core.not_text")
            ) from exc
    else:
        from invoices.guard import verify_register

        with open_store(db_url) as store, store.read() as session:
            verdict = audit.verify(session)
            # A bank-account confirmation written straight into the database has no
            # audit record: the chain alone cannot see it, the register check does.
            forged = verify_register(session)
        for bad in forged:
            click.echo(
                t(
                    "guard.verify_forged",
                    id=bad.confirmation_id,
                    iban=bad.iban,
                    seller=bad.seller,
                    by=bad.by,
                ),
                err=True,
            )
        if forged:
            click.echo(view.verdict_text(verdict), err=True)
            sys.exit(EXIT_REJECTED)
    click.echo(view.verdict_text(verdict), err=not verdict.ok)
    sys.exit(EXIT_OK if verdict.ok else EXIT_REJECTED)


def _verify_anchors(db_url: str | None, files: tuple[str, ...]) -> None:
    """Exit 1 naming the first anchored record the database lost or changed."""
    from pathlib import Path

    from demat.run.anchor import anchors_in, first_broken

    with open_store(db_url) as store:
        for name in files:
            broken = first_broken(store, anchors_in(Path(name)))
            if broken is not None:
                click.echo(t("run.chain_anchor_lost", seq=broken.seq, file=name), err=True)
                sys.exit(EXIT_REJECTED)


def parse_since(value: str | None) -> datetime | None:
    """``--since``: an ISO date or date-time, taken as UTC when it names no zone."""
    from datetime import UTC

    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise SetupError("store.bad_date", value=value) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@audit_group.command("log", help=help_text("store.help_audit_log"))
@db_option
@click.option("--invoice", "invoice_id", type=int, help=help_text("store.opt_invoice"))
@click.option("--since", help=help_text("store.opt_since"))
@click.option("--json", "as_json", is_flag=True, help=help_text("store.opt_json"))
def audit_log_cmd(
    db_url: str | None, invoice_id: int | None, since: str | None, as_json: bool
) -> None:
    """The history, oldest first: dates in the clerk's time zone, events in words,
    invoices by their number; ``--json``: the raw records, one per line."""
    from invoices.store import audit

    moment = parse_since(since)
    with open_store(db_url) as store, store.read() as session:
        if as_json:
            for rec in audit.history(session, invoice_id=invoice_id, since=moment):
                click.echo(view.audit_json(rec))
            return
        records = list(audit.history(session, invoice_id=invoice_id, since=moment))
        numbers = _invoice_numbers(session, records)
        shown = view.audit_table(records, numbers)
    if shown:
        click.echo(shown)
    else:
        click.echo(t("store.audit_empty"), err=True)


def _invoice_numbers(session: Session, records: list[dict[str, Any]]) -> dict[int, str]:
    """Invoice id -> number for the invoices the records speak of."""
    from sqlalchemy import select

    from invoices.store import Invoice

    ids = {rec["invoice_id"] for rec in records if isinstance(rec.get("invoice_id"), int)}
    numbers: dict[int, str] = {}
    for chunk in _chunks(sorted(ids), 500):
        for row_id, number in session.execute(
            select(Invoice.id, Invoice.number).where(Invoice.id.in_(chunk))
        ):
            if number:
                numbers[row_id] = number
    return numbers


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


@audit_group.command("export", help=help_text("store.help_audit_export"))
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
def audit_export_cmd(file: str, db_url: str | None) -> None:
    with open_store(db_url) as store:
        verdict = store.export_audit(file)
    click.echo(view.audit_exported(verdict, file))
