"""``demat todo``: what waits for the clerk, held invoices first, oldest deadline first.

Exit code 0 whatever the list holds: a to-do list is information, not a verdict on
a document (overdue invoices are shown, they do not fail the command); 2 when the
database or the settings cannot be read.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from demat.cli.command import DematCommand
from demat.cli.options import db_option, open_store
from invoices.i18n import help_text


@click.command("todo", cls=DematCommand, help=help_text("todo.help"))
@db_option
@click.option("--json", "as_json", is_flag=True, help=help_text("todo.opt_json"))
def todo_cmd(db_url: str | None, as_json: bool) -> None:
    from demat.views.todo import todo_json, todo_text
    from invoices.display import timezone
    from invoices.guard import load_guard
    from invoices.store.deadlines import payment_days, todo

    days = payment_days()
    commune = load_guard().commune_siret or None
    now = datetime.now(UTC)
    today = now.astimezone(timezone()).date()
    with open_store(db_url) as store, store.read() as session:
        items = todo(session, commune_siret=commune, days=days, now=now)
    click.echo(todo_json(items, today, days) if as_json else todo_text(items, today, days))
