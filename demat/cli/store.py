"""``demat ingest|list|db``: documents into the store, and what it holds.

Ingest reports one line per document (:func:`show_outcomes`) and decides its exit
code from the tally (:class:`Tally`); both serve any command that stores or
re-checks documents.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from demat.cli.command import EXIT_ENV, EXIT_OK, EXIT_REJECTED, DematCommand, DematGroup
from demat.cli.options import chorus_structures, db_option, open_store
from demat.cli.progress import clear_note, on_terminal
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


def needs_a_line(outcome: Outcome) -> bool:
    """What ``--quiet`` (and a terminal without ``--verbose``) still prints: the files
    refused or not checked, and suspected duplicates -- what a person must look at."""
    from invoices.pipeline import OutcomeKind

    return outcome.refused or outcome.unchecked or outcome.kind is OutcomeKind.DUPLICATE


def _shown(outcomes: Iterable[Outcome], every: bool, tally: Tally) -> Iterator[Outcome]:
    """Count every outcome; pass on those that get a line."""
    for outcome in outcomes:
        tally.add(outcome)
        if every or needs_a_line(outcome):
            yield outcome


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
@click.option("--quiet", "-q", is_flag=True, help=help_text("ingest.opt_quiet"))
@click.option("--verbose", "-v", is_flag=True, help=help_text("ingest.opt_verbose"))
@click.pass_context
def ingest_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    db_url: str | None,
    fr: bool,
    chorus: bool,
    structures: str | None,
    as_json: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Lines: ``--json`` one per file; ``--verbose`` one per file; ``--quiet`` only the
    files that need a person; by default one per file in a pipe or a log (as scripts
    expect), and on a terminal a progress bar with only the files that need a person.
    A progress bar only when both stdout and stderr are a terminal; one summary."""
    from invoices.files import iter_files
    from invoices.pipeline import OutcomeKind, ingest

    if quiet and verbose:
        raise click.UsageError(t("ingest.quiet_or_verbose"))
    chorus, loaded = chorus_structures(ctx, "structures", chorus, structures)
    terminal = sys.stdout.isatty() and on_terminal()
    bar = terminal and not quiet and not as_json
    every = as_json or verbose or (not terminal and not quiet)
    tally = Tally()
    with open_store(db_url) as store:
        files = list(iter_files(paths)) if bar else paths
        outcomes = ingest(files, store=store, fr=fr, chorus=chorus, structures=loaded, source="cli")
        if bar:
            _with_bar(outcomes, len(files), every, tally)
        else:
            for outcome in _shown(outcomes, every, tally):
                click.echo(view.outcome_line(outcome, as_json=as_json))
    if not as_json:
        click.echo(view.ingest_summary(tally.counts, OutcomeKind), err=True)
        if (guard_off := guard_notice()) is not None:
            click.echo(guard_off, err=True)
    sys.exit(tally.exit_code)


def _with_bar(outcomes: Iterable[Outcome], total: int, every: bool, tally: Tally) -> None:
    """The run's ``rich`` bar (count, rate, time left) on stderr; lines printed above it."""
    from demat.run.progress import Bars

    with Bars() as bars:
        bars.start(t("ingest.progress_bar"), total)
        for outcome in outcomes:
            tally.add(outcome)
            if every or needs_a_line(outcome):
                bars.echo(view.outcome_line(outcome))
            bars.advance()
        bars.finish()


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
