"""``demat run``: the whole night in one command (see :mod:`demat.run`).

Exit codes for a cron chain: 0 the run completed and nothing needs a person,
1 it completed and something new needs a person (listed), 2 it could not complete
(database, platform unreachable, artefacts missing, a run already in progress).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from demat.cli.command import DematCommand
from demat.cli.options import db_option, open_store
from invoices.i18n import help_text, t


@click.command("run", cls=DematCommand, help=help_text("run.help"))
@click.option("--inbox", "inboxes", multiple=True, metavar="DIR", help=help_text("run.opt_inbox"))
@click.option("--archive", metavar="DIR", help=help_text("run.opt_archive"))
@click.option("--rejected", metavar="DIR", help=help_text("run.opt_rejected"))
@click.option("--steps", metavar="LIST", help=help_text("run.opt_steps"))
@click.option("--quiet", is_flag=True, help=help_text("run.opt_quiet"))
@click.option("--json", "as_json", is_flag=True, help=help_text("run.opt_json"))
@click.option("--report", "report_html", metavar="FILE.html", help=help_text("run.opt_report"))
@db_option
def run_cmd(
    inboxes: tuple[str, ...],
    archive: str | None,
    rejected: str | None,
    steps: str | None,
    quiet: bool,
    as_json: bool,
    report_html: str | None,
    db_url: str | None,
) -> None:
    from connectors.chorus.config import config_path
    from demat.run import LockHeld, load_settings, run_night
    from demat.run.progress import Bars, Progress, Silent, on_terminal
    from demat.run.render import as_html, detail_lines, summary_lines
    from demat.run.render import as_json as to_json

    options = {
        "inboxes": inboxes,
        "archive": archive,
        "rejected": rejected,
        "steps": steps,
        "report_html": report_html,
    }
    settings = load_settings(config_path(), options)
    with open_store(db_url) as store:
        bars = on_terminal() and not quiet and not as_json
        try:
            if bars:
                with Bars() as shown:
                    report = run_night(store, settings, shown)
            else:
                silent: Progress = Silent()
                report = run_night(store, settings, silent)
        except LockHeld as exc:
            click.echo(exc.message(), err=True)
            sys.exit(2)
    if settings.report_html is not None and "report" in settings.steps:
        try:
            Path(settings.report_html).write_text(as_html(report), encoding="utf-8")
        except OSError as exc:
            report.error(
                t(
                    "run.report_unwritable",
                    file=str(settings.report_html),
                    reason=exc.strerror or "",
                )
            )
    for message in report.errors:
        click.echo(message, err=True)
    if as_json:
        click.echo(to_json(report))
    elif "report" in settings.steps:
        if not quiet:
            for line in detail_lines(report):
                click.echo(line)
        for line in summary_lines(report):
            click.echo(line)
    sys.exit(report.exit_code)
