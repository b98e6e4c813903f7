"""Options and resources several command groups share: the database, the Chorus
structures file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from invoices.i18n import help_text

if TYPE_CHECKING:
    from invoices.store import Store
    from invoices.validation import Structures

db_option = click.option(
    "--db", "db_url", envvar="DEMAT_DB", metavar="URL", help=help_text("store.opt_db")
)


def open_store(db_url: str | None) -> Store:
    """The store of ``--db`` / ``DEMAT_DB`` (else the default one), imported on use so
    that ``demat --help`` does not load the database layer."""
    from invoices.store import open_store as open_it

    return open_it(db_url)


def chorus_structures(
    ctx: click.Context, param: str, chorus: bool, file: str | None
) -> tuple[bool, Structures | None]:
    """Whether the Chorus Pro layer runs, and the structures it checks against.

    Naming a structures file on the command line asks for the layer (an environment
    variable alone does not).  The file is loaded before any work, so a broken one is
    exit 2 once, not a finding or a refusal per document.
    """
    from click.core import ParameterSource

    if ctx.get_parameter_source(param) is ParameterSource.COMMANDLINE:
        chorus = True
    if not chorus:
        return False, None
    from invoices.validation import Structures, configured

    return True, Structures.load(file) if file else configured()
