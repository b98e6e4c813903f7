"""``demat inspect``: what a file holds, as the readers see it."""

from __future__ import annotations

import sys

import click

from demat.cli.command import EXIT_REJECTED, DematCommand
from invoices.i18n import help_text


@click.command("inspect", cls=DematCommand, help=help_text("read.inspect.help"))
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--json", "as_json", is_flag=True, help=help_text("read.inspect.opt_json"))
def inspect_cmd(file: str, as_json: bool) -> None:
    import json

    from invoices.errors import InputError
    from invoices.reading import read_document
    from invoices.reading import summary as read_summary

    try:
        result = read_document(file)
    except InputError as exc:
        click.echo(exc.message(), err=True)
        sys.exit(EXIT_REJECTED)
    if as_json:
        click.echo(json.dumps(read_summary.as_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(read_summary.summary_lines(result)))
