"""The ``demat`` command line: parse arguments, call the library, print.

Kept thin on purpose: every behaviour lives in the library so that the nightly
batch and accounting software get exactly what the clerk gets; how results read on
a terminal is in :mod:`demat.views`.  One module per command group, each registered
on the root group here.  Exit codes (:mod:`demat.cli.command`) are part of the
interface: 0 all good, 1 some documents rejected, 2 usage or environment error.
Every text shown goes through :func:`invoices.i18n.t`.
"""

from __future__ import annotations

import sys

import click

from demat.cli.artefacts import artefacts_group
from demat.cli.audit import audit_group
from demat.cli.chorus import config_cmd, receive_cmd, send_cmd, set_status_cmd, status_cmd
from demat.cli.chorus_supplier import complete_cmd, consult_cmd, recycle_cmd, send_pdf_cmd
from demat.cli.command import EXIT_ENV, EXIT_OK, EXIT_REJECTED, DematGroup, set_debug
from demat.cli.demo import demo_command
from demat.cli.emulator import emulator_group
from demat.cli.export import export_cmd
from demat.cli.inspect_cmd import inspect_cmd
from demat.cli.pes import pes_group
from demat.cli.render import render_cmd
from demat.cli.run import run_cmd
from demat.cli.show import show_cmd
from demat.cli.store import db_group, ingest_cmd, list_cmd, revalidate_cmd
from demat.cli.supplier import supplier_group
from demat.cli.todo import todo_cmd
from demat.cli.validate_cmd import validate_cmd
from invoices import __version__
from invoices.i18n import help_text, set_language

__all__ = ["EXIT_ENV", "EXIT_OK", "EXIT_REJECTED", "main"]


def _choose_language(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    set_language(value)


@click.group(cls=DematGroup, help=help_text("cli.help"))
@click.version_option(__version__, prog_name="demat", help=help_text("cli.opt_version"))
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    callback=_choose_language,
    expose_value=False,
    is_eager=True,
    help=help_text("cli.opt_lang"),
)
@click.option(
    "--debug",
    is_flag=True,
    envvar="DEMAT_DEBUG",
    callback=lambda _ctx, _param, on: set_debug(on),
    expose_value=False,
    is_eager=True,
    help=help_text("cli.opt_debug"),
)
def main() -> None:
    pass


#: In the order of the pipeline (``demat --help`` sorts them by name anyway).
_COMMANDS = (
    demo_command,
    inspect_cmd,
    render_cmd,
    artefacts_group,
    validate_cmd,
    ingest_cmd,
    revalidate_cmd,
    list_cmd,
    show_cmd,
    export_cmd,
    audit_group,
    db_group,
    send_cmd,
    send_pdf_cmd,
    complete_cmd,
    recycle_cmd,
    consult_cmd,
    status_cmd,
    receive_cmd,
    set_status_cmd,
    config_cmd,
    emulator_group,
    run_cmd,
    pes_group,
    supplier_group,
    todo_cmd,
)
for _command in _COMMANDS:
    main.add_command(_command)


if __name__ == "__main__":
    sys.exit(main())
