"""``demat demo``: the whole pipeline on the shipped samples (:mod:`demat.demo`)."""

from __future__ import annotations

import sys

import click

from demat.cli.command import EXIT_OK, EXIT_REJECTED, DematCommand
from demat.cli.progress import on_terminal, show_note
from invoices.i18n import help_text


def _note(text: str) -> None:
    if on_terminal():  # a clerk at a terminal sees it; cron stays quiet
        show_note(text[:100])


@click.command("demo", cls=DematCommand, help=help_text("demo.help"))
@click.option(
    "--samples",
    "samples",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help=help_text("demo.opt_samples"),
)
@click.option(
    "--keep",
    "keep",
    metavar="DIR",
    type=click.Path(path_type=str),
    default=None,
    help=help_text("demo.opt_keep"),
)
@click.option("--mirror", metavar="URL", default=None, help=help_text("demo.opt_mirror"))
def demo_command(samples: str | None, keep: str | None, mirror: str | None) -> None:
    from demat.demo import run_pipeline

    outcome = run_pipeline(samples, echo=click.echo, note=_note, keep=keep, mirror=mirror)
    sys.exit(EXIT_OK if outcome.ok else EXIT_REJECTED)
