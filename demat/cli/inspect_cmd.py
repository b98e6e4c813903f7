"""``demat inspect``: what a file holds, as the readers see it.

Exit 0 when the file holds an invoice; 1 when it holds none (an unreadable file, or
a PDF without invoice data: the supplier must send another); 2 when there is no
such file (the clerk typed a wrong name).
"""

from __future__ import annotations

import os
import sys

import click

from demat.cli.command import EXIT_OK, EXIT_REJECTED, DematCommand, show_detail
from invoices.errors import SetupError
from invoices.i18n import help_text


@click.command("inspect", cls=DematCommand, help=help_text("read.inspect.help"))
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--json", "as_json", is_flag=True, help=help_text("read.inspect.opt_json"))
def inspect_cmd(file: str, as_json: bool) -> None:
    import json

    from invoices.errors import InputError
    from invoices.reading import read_document
    from invoices.reading import summary as read_summary

    if not os.path.exists(file):
        raise SetupError("core.file_not_found", file=file)
    try:
        result = read_document(file)
    except InputError as exc:
        click.echo(exc.message(), err=True)
        show_detail(exc)
        sys.exit(EXIT_REJECTED)
    if as_json:
        click.echo(json.dumps(read_summary.as_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(read_summary.summary_lines(result)))
    sys.exit(EXIT_OK if result.invoice is not None else EXIT_REJECTED)
