"""``demat pes build|validate``: PES V2 files for Hélios.

``build`` turns a mandate file into a ``PES_Aller`` (or a PJ-only file) for stored
invoices: every refused row is shown with its line and column and nothing is
written (exit 1).  ``validate`` checks any PES file and reports exactly like
``demat validate`` (same formats, same exit codes); with ``--db`` / ``DEMAT_DB`` it
also checks IdUniques and file names against what the store has already sent.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from demat.cli.command import EXIT_OK, EXIT_REJECTED, DematGroup
from demat.cli.options import db_option, open_store
from demat.cli.validate_cmd import exit_code, write_report
from invoices.errors import SetupError
from invoices.i18n import help_text, t


@click.group("pes", cls=DematGroup, help=help_text("pes.cli_help"))
def pes_group() -> None:
    pass


@pes_group.command("build", help=help_text("pes.cli_build_help"))
@click.option(
    "--mandats",
    "mandates",
    required=True,
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=help_text("pes.opt_mandats"),
)
@click.option(
    "--out", metavar="FILE", type=click.Path(path_type=Path), help=help_text("pes.opt_out")
)
@click.option("--pj-only", is_flag=True, help=help_text("pes.opt_pj_only"))
@click.option("--correction", is_flag=True, help=help_text("pes.opt_correction"))
@db_option
@click.pass_context
def build_cmd(
    ctx: click.Context,
    mandates: Path,
    out: Path | None,
    pj_only: bool,
    correction: bool,
    db_url: str | None,
) -> None:
    from invoices.store.pes import build
    from invoices.syntax.pes.mandates import MandatesRefused
    from invoices.syntax.pes.settings import load_settings

    settings = load_settings()
    try:
        data = mandates.read_bytes()
    except OSError as exc:
        raise SetupError("pes.file_unreadable", file=str(mandates), reason=exc.strerror) from None
    with open_store(db_url) as store:
        try:
            built = build(
                store,
                data,
                str(mandates),
                settings,
                out=out if out is not None else Path.cwd(),
                pj_only=pj_only,
                correction=correction,
            )
        except MandatesRefused as refused:
            where = "pes.entry_at" if refused.json_entries else "pes.row_at"
            for problem in refused.problems:
                reason = t(problem.key, **problem.params)
                line, column = problem.line, problem.column
                shown = t(where, file=mandates, line=line, column=column, reason=reason)
                click.echo(shown, err=True)
            click.echo(refused.message(), err=True)
            ctx.exit(EXIT_REJECTED)
    click.echo(
        t(
            "pes.built",
            file=built.path if built.path is not None else built.name,
            bordereaux=built.bordereaux,
            mandats=built.mandats,
            pjs=len(built.attachments),
        )
    )
    for id_unique, invoice, mandat in built.attachments:
        click.echo(t("pes.built_pj", id_unique=id_unique, invoice=invoice, mandat=mandat))
    ctx.exit(EXIT_OK)


def pes_files(paths: tuple[str, ...]) -> list[str]:
    """The files named, and the ``.xml`` files under the folders named; a missing path or
    a folder without one is a usage error (exit 2), as for ``demat validate``."""
    files: list[str] = []
    for raw in paths:
        if os.path.isdir(raw):
            found = sorted(str(p) for p in Path(raw).rglob("*.xml") if p.is_file())
            if not found:
                raise SetupError("validate_out.no_documents", file=raw)
            files.extend(found)
        elif os.path.isfile(raw):
            files.append(raw)
        else:
            raise SetupError("validate_out.path_not_found", file=raw)
    return files


@pes_group.command("validate", help=help_text("pes.cli_validate_help"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "html"]),
    default="text",
    show_default=True,
    help=help_text("validate_out.opt_format"),
)
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=str),
    help=help_text("validate_out.opt_output"),
)
@db_option
@click.pass_context
def validate_cmd(
    ctx: click.Context, paths: tuple[str, ...], fmt: str, output: str | None, db_url: str | None
) -> None:
    from invoices.validation.pes.check import validate_pes_file

    files = pes_files(paths)
    if db_url is None:
        reports = [validate_pes_file(path) for path in files]
    else:
        from invoices.store.pes import history

        with open_store(db_url) as store, store.read() as session:
            known = history(session)
            reports = [validate_pes_file(path, history=known) for path in files]
    write_report(reports, fmt, output)
    ctx.exit(exit_code(reports))
