"""``demat show ID``: the whole life of one invoice; and the MANDATEE loop's CLI side.

The life comes from the library (the store's document view, the Hélios part kept by
:mod:`invoices.store.mandatee`, the stored files of :mod:`invoices.store.attachments`);
how it reads is :mod:`demat.views.show`.  :func:`close_the_loop` is what
``demat pes status --refresh`` and the follow step of ``demat run`` call once
Hélios's acquits are applied: the invoices whose mandat Hélios accepted are set
``MANDATEE`` on Chorus Pro (opt-in, :mod:`connectors.chorus.mandatee`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from demat.cli.command import EXIT_ENV, EXIT_OK, EXIT_REJECTED, DematCommand
from demat.cli.options import db_option, open_store
from demat.views import show as view
from invoices.errors import SetupError
from invoices.i18n import help_text, t

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from connectors.chorus.mandatee import Outcome
    from invoices.store import Store


def _files(session: Session, document_id: int) -> list[dict[str, Any]]:
    """The stored files (original, pivot, attachments) when the store keeps them."""
    from invoices.store import attachments

    return [
        {
            "kind": f.kind,
            "name": f.name,
            "media_type": f.media_type,
            "sha256": f.sha256,
            "size": f.size,
        }
        for f in attachments.files_of(session, document_id)
    ]


def life_view(session: Session, document_id: int) -> dict[str, Any] | None:
    """Everything about one document: the store's view, its files, its Hélios part."""
    from invoices.store import mandatee
    from invoices.store.views import document_view

    shown = document_view(session, document_id)
    if shown is None:
        return None
    shown["files"] = _files(session, document_id)
    shown["helios"] = mandatee.helios_life(session, document_id)
    return shown


@click.command("show", cls=DematCommand, help=help_text("show.help"))
@click.argument("document_id", type=int)
@db_option
@click.option("--json", "as_json", is_flag=True, help=help_text("store.opt_json"))
def show_cmd(document_id: int, db_url: str | None, as_json: bool) -> None:
    with open_store(db_url) as store, store.read() as session:
        shown = life_view(session, document_id)
    if shown is None:
        click.echo(t("store.not_found", id=document_id), err=True)
        sys.exit(EXIT_ENV)
    click.echo(view.document_json(shown) if as_json else view.document_text(shown))


def outcomes_code(outcomes: list[Outcome]) -> int:
    """2 when a request's outcome is unknown or the platform was not reached, 1 when
    something needs a person (refused, held, Hélios's KO), else 0."""
    if any(o.result in ("unknown", "unavailable") for o in outcomes):
        return EXIT_ENV
    return EXIT_REJECTED if any(o.needs_a_person for o in outcomes) else EXIT_OK


def close_the_loop(store: Store, *, err: bool = False) -> int:
    """MANDATEE on Chorus Pro for what Hélios accepted, when the setting is on; one line
    per invoice (on stderr when ``err``: the command's stdout is JSON); its exit code."""
    from connectors.chorus.connector import ChorusConnector
    from connectors.chorus.mandatee import enabled, push_mandatee
    from invoices.store import mandatee

    try:
        if not enabled():
            return EXIT_OK
        with store.read() as session:  # nothing to say: no need to reach Chorus Pro
            if not mandatee.due(session) and not mandatee.refused_by_helios(session):
                return EXIT_OK
        with ChorusConnector(store) as connector:
            outcomes = push_mandatee(connector)
    except SetupError as exc:
        click.echo(exc.message(), err=True)
        return EXIT_ENV
    for outcome in outcomes:
        click.echo(view.mandatee_line(outcome), err=err or outcome.needs_a_person)
    return outcomes_code(outcomes)
