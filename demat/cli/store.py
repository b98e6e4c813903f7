"""``demat ingest|list|db``: documents into the store, and what it holds.

Ingest reports one line per document (:func:`show_outcomes`) and decides its exit
code from the tally (:class:`Tally`); both serve any command that stores or
re-checks documents.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from demat.cli.command import EXIT_ENV, EXIT_OK, EXIT_REJECTED, DematCommand, DematGroup
from demat.cli.options import chorus_structures, db_option, open_store
from demat.cli.progress import clear_note, on_terminal, show_note
from demat.views import store as view
from demat.views.guard import guard_notice
from invoices.i18n import help_text, t

if TYPE_CHECKING:
    from invoices.pipeline import Outcome, OutcomeKind


@dataclass(slots=True)
class Tally:
    """What a run did with its documents, for the summary line and the exit code."""

    counts: Counter[OutcomeKind] = field(default_factory=Counter)
    refused: int = 0
    unchecked: int = 0

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.kind] += 1
        self.refused += outcome.refused
        self.unchecked += outcome.unchecked

    @property
    def exit_code(self) -> int:
        """2 when a check could not be completed (stored, to be checked again), else 1
        when a document was refused (now or on an earlier run), else 0."""
        if self.unchecked:
            return EXIT_ENV
        return EXIT_REJECTED if self.refused else EXIT_OK


def show_outcomes(outcomes: Iterable[Outcome], *, as_json: bool, tty: bool) -> Tally:
    """One line per outcome on stdout, as it comes (the progress note erased first)."""
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
        if tty:
            clear_note()
        click.echo(view.outcome_line(outcome, as_json=as_json))
    return tally


def _file_progress(count: int, file: str) -> None:
    show_note(t("store.progress", count=count, file=file)[-100:])


@click.command("ingest", cls=DematCommand, help=help_text("store.help_ingest"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@db_option
@click.option("--fr", is_flag=True, help=help_text("store.opt_fr"))
@click.option("--chorus", is_flag=True, help=help_text("store.opt_chorus"))
@click.option(
    "--structures",
    envvar="DEMAT_STRUCTURES",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=str),
    help=help_text("store.opt_structures"),
)
@click.option("--json", "as_json", is_flag=True, help=help_text("store.opt_json"))
@click.pass_context
def ingest_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    db_url: str | None,
    fr: bool,
    chorus: bool,
    structures: str | None,
    as_json: bool,
) -> None:
    from invoices.pipeline import OutcomeKind, ingest

    chorus, loaded = chorus_structures(ctx, "structures", chorus, structures)
    tty = on_terminal()
    with open_store(db_url) as store:
        outcomes = ingest(
            paths,
            store=store,
            fr=fr,
            chorus=chorus,
            structures=loaded,
            source="cli",
            progress=_file_progress if tty else None,
        )
        tally = show_outcomes(outcomes, as_json=as_json, tty=tty)
    if not as_json:
        click.echo(view.ingest_summary(tally.counts, OutcomeKind), err=True)
        if (guard_off := guard_notice()) is not None:
            click.echo(guard_off, err=True)
    sys.exit(tally.exit_code)


@click.command("revalidate", cls=DematCommand, help=help_text("store.help_revalidate"))
@click.argument("document_ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help=help_text("store.opt_revalidate_all"))
@db_option
@click.option("--json", "as_json", is_flag=True, help=help_text("store.opt_json"))
def revalidate_cmd(
    document_ids: tuple[int, ...], every: bool, db_url: str | None, as_json: bool
) -> None:
    from invoices.pipeline import OutcomeKind, UnknownInvoice, revalidate

    if bool(document_ids) == every:
        raise click.UsageError(t("store.revalidate_what"))
    with open_store(db_url) as store:
        try:
            outcomes = revalidate(store, document_ids or None)
            tally = show_outcomes(outcomes, as_json=as_json, tty=on_terminal())
        except UnknownInvoice as exc:
            click.echo(exc.message(), err=True)
            sys.exit(EXIT_ENV)
    if not as_json:
        if not tally.counts:
            click.echo(t("store.revalidate_none"), err=True)
        else:
            click.echo(view.ingest_summary(tally.counts, OutcomeKind), err=True)
    sys.exit(tally.exit_code)


@click.command("list", cls=DematCommand, help=help_text("store.help_list"))
@db_option
@click.option("--status", "statuses", multiple=True, help=help_text("store.opt_status"))
@click.option("--limit", type=click.IntRange(min=1), help=help_text("store.opt_limit"))
@click.option("--json", "as_json", is_flag=True, help=help_text("store.opt_json"))
def list_cmd(
    db_url: str | None, statuses: tuple[str, ...], limit: int | None, as_json: bool
) -> None:
    from invoices.store import records

    with open_store(db_url) as store, store.read() as session:
        items = records.list_items(session, statuses=statuses, limit=limit)
    click.echo(view.list_json(items) if as_json else view.list_text(items))


@click.group("db", cls=DematGroup, help=help_text("store.help_db"))
def db_group() -> None:
    pass


@db_group.command("upgrade", help=help_text("store.help_db_upgrade"))
@db_option
def db_upgrade_cmd(db_url: str | None) -> None:
    from invoices.store import db

    engine = db.make_engine(db.resolve_url(db_url))
    try:
        before, after = db.upgrade(engine)
        url = engine.url.render_as_string(hide_password=True)
    finally:
        engine.dispose()
    key = "store.up_to_date" if before == after else "store.upgraded"
    click.echo(t(key, url=url, before=before or "-", after=after or "-"))
