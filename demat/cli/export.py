"""``demat export ID --output DIR``: the files of a stored invoice, given back as received.

The original (the very bytes received), and for an invoice received from Chorus Pro
the platform's pivot and each supporting attachment: every file is read back from
the store checked against its SHA-256, and written under its own name (a number is
added when two share one).  Exit 2 for an unknown id.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from demat.cli.command import EXIT_ENV, DematCommand
from demat.cli.options import db_option, open_store
from invoices.display import number
from invoices.i18n import help_text, t


def _free(folder: Path, name: str, taken: set[str]) -> Path:
    """``name`` in ``folder``, or ``stem-2.ext``... when an earlier file took it."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
    taken.add(candidate)
    return folder / candidate


@click.command("export", cls=DematCommand, help=help_text("export.cli_help"))
@click.argument("document_id", type=int)
@click.option(
    "--output",
    "output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=help_text("export.cli_output"),
)
@db_option
def export_cmd(document_id: int, output: Path, db_url: str | None) -> None:
    from invoices.store import attachments

    with open_store(db_url) as store, store.read() as session:
        files = attachments.files_of(session, document_id)
        if not files:
            click.echo(t("export.unknown", file=str(document_id), id=document_id), err=True)
            sys.exit(EXIT_ENV)
        output.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        for stored in files:
            data = attachments.file_bytes(store, session, stored)
            target = _free(output, Path(stored.name).name or stored.sha256, taken)
            target.write_bytes(data)
            click.echo(
                t(
                    "export.written",
                    kind=t(f"export.kind.{stored.kind}"),
                    path=str(target),
                    size=number(stored.size),
                    sha256=stored.sha256,
                )
            )
    click.echo(t("export.done", count=len(files), folder=str(output)), err=True)
