"""``demat send|status|receive|set-status|config``: the exchanges with Chorus Pro.

A refused invoice or a platform "no" to a deposit is the document's problem (exit
1, :func:`demat.cli.command.document_errors`); a wrong configuration or an
unreachable platform is the environment's, and an unknown id, an unknown status or
a missing motif is a request to correct (exit 2, :func:`~demat.cli.command.usage_errors`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from demat.cli.command import (
    EXIT_ENV,
    EXIT_OK,
    EXIT_REJECTED,
    DematCommand,
    document_errors,
    usage_errors,
)
from demat.cli.options import db_option, open_store
from demat.cli.progress import clear_note, on_terminal, show_note
from demat.cli.supplier import held_refused
from demat.views import chorus as view
from invoices.errors import DematError, SetupError
from invoices.i18n import help_text, t

if TYPE_CHECKING:
    from connectors.base import SubmitResult
    from connectors.chorus.connector import ChorusConnector
    from invoices.store import Store


def connector_for(store: Store) -> ChorusConnector:
    """The Chorus Pro connector with the clerk's configuration (file and environment)."""
    from connectors.chorus.connector import ChorusConnector

    return ChorusConnector(store)


def failed(result: SubmitResult) -> bool:
    """A result the batch must report with exit code 1."""
    from connectors.base import TransmissionState

    rejected = result.state in (TransmissionState.REJECTED, TransmissionState.UNKNOWN)
    return rejected or any(f.fatal for f in result.findings)


def _ingest_files(files: list[str], store: Store) -> tuple[list[int], int]:
    """``demat send FILE``: the files stored first; the valid ones are sent."""
    from invoices.pipeline import ingest

    ids: list[int] = []
    refused = 0
    for outcome in ingest(files, store=store, chorus=True, source="cli"):
        if outcome.document_id is None or outcome.valid is not True:
            click.echo(outcome.message().rstrip())
            refused += 1
        else:
            ids.append(outcome.document_id)
    return ids, refused


@click.command("send", cls=DematCommand, help=help_text("chorus.cli_send_help"))
@click.argument("targets", nargs=-1)
@click.option("--all", "send_all", is_flag=True, help=help_text("chorus.cli_all"))
@click.option("--dry-run", is_flag=True, help=help_text("chorus.cli_dry_run"))
@db_option
def send_cmd(targets: tuple[str, ...], send_all: bool, dry_run: bool, db_url: str | None) -> None:
    if not targets and not send_all:
        raise SetupError("chorus.cli_usage_send")
    tty = on_terminal()
    failures = 0
    unknown = 0

    def show(result: SubmitResult) -> None:
        nonlocal failures
        if tty:
            clear_note()
        for line in view.submit_lines(result, dry_run=dry_run):
            click.echo(line)
        failures += failed(result)

    def refused(_invoice_id: int, exc: DematError) -> None:
        nonlocal failures, unknown
        click.echo(exc.message())
        if exc.key == "chorus.not_found":  # a wrong id typed: no document was refused
            unknown += 1
        else:
            failures += 1

    def sending(count: int, invoice_id: str) -> None:
        counted = f"{count}/{len(ids)}"
        show_note(t("store.progress", count=counted, file=invoice_id))

    with open_store(db_url) as store:
        ids = [int(x) for x in targets if x.isdigit()]
        files = [x for x in targets if not x.isdigit()]
        if files:
            stored, not_sendable = _ingest_files(files, store)
            ids += stored
            failures += not_sendable
        with connector_for(store) as connector:
            if send_all:
                ids += [i for i in connector.unsent() if i not in ids]
            if not ids:
                click.echo(t("chorus.cli_nothing"), err=True)
            with document_errors():
                connector.submit_many(
                    ids,
                    dry_run=dry_run,
                    on_result=show,
                    on_error=refused,
                    progress=sending if tty else None,
                )
    sys.exit(EXIT_ENV if unknown else EXIT_REJECTED if failures else EXIT_OK)


@click.command("status", cls=DematCommand, help=help_text("chorus.cli_status_help"))
@click.argument("invoice_ids", nargs=-1, type=int)
@click.option("--refresh", is_flag=True, help=help_text("chorus.cli_refresh"))
@click.option("--json", "as_json", is_flag=True, help=help_text("chorus.cli_json"))
@db_option
def status_cmd(
    invoice_ids: tuple[int, ...], refresh: bool, as_json: bool, db_url: str | None
) -> None:
    with open_store(db_url) as store, connector_for(store) as connector:
        ids = list(invoice_ids) or connector.transmitted()
        with usage_errors():
            items = [
                connector.follow(i, refresh=True) if refresh else connector.status_of(i)
                for i in ids
            ]
    if as_json:
        click.echo(view.status_json(items))
        return
    for line in view.status_table(items):
        click.echo(line)


@click.command("receive", cls=DematCommand, help=help_text("chorus.cli_receive_help"))
@click.option("--json", "as_json", is_flag=True, help=help_text("chorus.cli_json"))
@db_option
def receive_cmd(as_json: bool, db_url: str | None) -> None:
    tty = on_terminal()

    def receiving(count: int, number: str) -> None:
        show_note(t("store.progress", count=count, file=number)[-100:])

    with open_store(db_url) as store, connector_for(store) as connector, document_errors():
        result = connector.fetch_received(progress=receiving if tty else None)
        updates = connector.status_updates
    if tty:
        clear_note()
    if as_json:
        click.echo(view.receive_json(result))
    else:
        for line in view.receive_lines(result):
            click.echo(line)
        for document_id, status in updates:
            click.echo(t("receive.cli_update_line", id=document_id, status=status))
        click.echo(
            t("chorus.cli_received", count=len(result.received), known=result.already_known),
            err=True,
        )
        if updates:
            click.echo(t("receive.cli_updated", count=len(updates)), err=True)
    bad = result.errors or any(r.valid is False for r in result.received)
    sys.exit(EXIT_REJECTED if bad else EXIT_OK)


@click.command("set-status", cls=DematCommand, help=help_text("chorus.cli_set_status_help"))
@click.argument("document_id", type=int)
@click.argument("status")
@click.option("--motif", help=help_text("chorus.cli_motif"))
@click.option("--mandat", "mandate", help=help_text("chorus.cli_mandat"))
@db_option
def set_status_cmd(
    document_id: int, status: str, motif: str | None, mandate: str | None, db_url: str | None
) -> None:
    with (
        open_store(db_url) as store,
        connector_for(store) as connector,
        usage_errors(),
        held_refused(),
    ):
        decision = connector.set_status(document_id, status, motif=motif, mandate=mandate)
    click.echo(
        t(
            "chorus.cli_status_set",
            number=decision.number,
            id=decision.remote_id,
            status=decision.status,
        )
    )


@click.command("config", cls=DematCommand, help=help_text("chorus.cli_config_help"))
def config_cmd() -> None:
    from connectors.chorus.config import config_path, load_config

    for line in view.config_lines(load_config(), config_path()):
        click.echo(line)
