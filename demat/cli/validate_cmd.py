"""``demat validate``: check files as the official validators and Chorus Pro do, and
write the report (text, JSON, JUnit, HTML).

The verdicts decide the exit code in one place (:func:`exit_code`), shared with any
later command that reports on validation.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import click

from demat.cli.command import EXIT_ENV, EXIT_OK, EXIT_REJECTED, DematCommand, show_detail
from demat.cli.options import chorus_structures
from invoices.errors import DematError, SetupError
from invoices.i18n import help_text, os_reason, t
from invoices.validation import Verdict

if TYPE_CHECKING:
    from invoices.validation import Report


def invoice_files(paths: Iterable[str]) -> list[str]:
    """The files to validate (:func:`invoices.files.iter_files`); a missing path or a
    folder with no document is a usage error (exit 2), not a silently shorter report."""
    import os

    from invoices.files import iter_files

    files: list[str] = []
    for raw in paths:
        if not os.path.exists(raw):
            raise SetupError("validate_out.path_not_found", file=raw)
        found = [str(path) for path in iter_files([raw], invoices_only=True)]
        if not found:
            raise SetupError("validate_out.no_documents", file=raw)
        files.extend(found)
    return files


def exit_code(reports: Iterable[Report]) -> int:
    """0 when every document is valid; 2 when a check could not be completed (it must
    be done again: no verdict, not even "invalid"); else 1 when one is invalid."""
    verdicts = {report.verdict for report in reports}
    if Verdict.NOT_CHECKED in verdicts:
        return EXIT_ENV
    return EXIT_REJECTED if Verdict.INVALID in verdicts else EXIT_OK


def collect(reports: Iterator[Report], count: int) -> list[Report]:
    """Every report, with a progress bar at a terminal; an engine bug is a message and
    exit 2, never a traceback."""
    try:
        if count > 1 and sys.stderr.isatty():
            with click.progressbar(
                reports, length=count, file=sys.stderr, label=t("validate_out.progress")
            ) as bar:
                return list(bar)
        return list(reports)
    except DematError:
        raise
    except Exception as exc:
        click.echo(t("cli.internal_error_short"), err=True)
        show_detail(exc)
        sys.exit(EXIT_ENV)


def write_report(reports: Sequence[Report], fmt: str, output: str | None) -> None:
    """The report on stdout, or in ``output`` with the summary line on stdout."""
    from invoices.validation.output import render

    if not output:
        click.echo(render(reports, fmt, color=fmt == "text" and sys.stdout.isatty()), nl=False)
        return
    text = render(reports, fmt)
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise SetupError(
            "validate_out.output_unwritable", file=output, reason=os_reason(exc)
        ) from None
    from invoices.validation.output.common import summary

    click.echo(summary(reports))
    click.echo(t("validate_out.written", file=output))


@click.command("validate", cls=DematCommand, help=help_text("validate_out.help"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "html"]),
    default="text",
    show_default=True,
    help=help_text("validate_out.opt_format"),
)
@click.option("--fr", is_flag=True, help=help_text("validate_out.opt_fr"))
@click.option("--chorus", is_flag=True, help=help_text("validate_out.opt_chorus"))
@click.option(
    "--structures",
    "structures_file",
    envvar="DEMAT_STRUCTURES",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=str),
    help=help_text("validate_out.opt_structures"),
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help=help_text("validate_out.opt_jobs"),
)
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=str),
    help=help_text("validate_out.opt_output"),
)
@click.pass_context
def validate_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    fr: bool,
    chorus: bool,
    structures_file: str | None,
    jobs: int,
    output: str | None,
) -> None:
    from invoices.validation import validate_many

    files = invoice_files(paths)
    chorus, structures = chorus_structures(ctx, "structures_file", chorus, structures_file)
    reports = validate_many(files, jobs=jobs, fr=fr, chorus=chorus, structures=structures)
    collected = collect(reports, len(files))
    write_report(collected, fmt, output)
    ctx.exit(exit_code(collected))
