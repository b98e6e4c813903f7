"""Step 4 of the demo: other suppliers invoice the commune; we receive and decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from demat.demo.settings import RECEIVED_COUNT, Echo
from demat.views import demo as view
from invoices.errors import InputError
from invoices.i18n import t

if TYPE_CHECKING:
    from connectors.chorus.connector import ChorusConnector
    from emulators.chorus import Emulator


def receive_step(
    connector: ChorusConnector, emulator: Emulator, echo: Echo, surprises: list[str]
) -> list[int]:
    """Suppliers deposit invoices for the commune on the emulator; the connector
    receives them into the store; one is declared "service done" (its id returned,
    for step 5), one rejected."""
    from emulators.chorus.bulk import add_received

    siret = connector.config.siret
    world = emulator.world
    with world.lock:
        world.tick()
        made = add_received(world, count=RECEIVED_COUNT, recipient=siret, prefix="DEMO")
    numbers = ", ".join(invoice.number for invoice in made)
    echo(t("demo.deposited_for_us", count=len(made), numbers=numbers))
    result = connector.fetch_received()
    for item in result.received:
        echo(view.received_line(item))
        if not item.valid:
            surprises.append(item.number)
    for error in result.errors:
        echo(view.unexpected(error))
        surprises.append(error)
    if len(result.received) != len(made):
        echo(t("demo.received_count", got=len(result.received), expected=len(made)))
        surprises.append("receive")
    stored = [(item, item.document_id) for item in result.received if item.document_id is not None]
    if stored:  # the clerk checks the supplier's bank details before service fait
        _confirm_accounts(connector, stored[0][1], echo)
    decisions = (("SERVICE_FAIT", None), ("REJETEE", t("demo.reject_motif")))
    served: list[int] = []
    for (item, document_id), (status, motif) in zip(stored, decisions, strict=False):
        try:
            done = connector.set_status(document_id, status, motif=motif)
        except InputError as exc:
            echo(view.unexpected(exc.message()))
            surprises.append(item.number)
            continue
        echo(view.decision_line(done, motif))
        if done.status != status:
            surprises.append(item.number)
        elif status == "SERVICE_FAIT":
            served.append(document_id)
    return served


def _confirm_accounts(connector: ChorusConnector, document_id: int, echo: Echo) -> None:
    """The accounts a held invoice waits for, confirmed as a clerk would after a call."""
    from invoices.guard import confirm_iban, load_guard
    from invoices.guard.register import held_accounts

    needed = load_guard().confirmations_needed
    with connector.store.write() as session:
        for seller, iban in held_accounts(session, document_id):
            how = t("guard.demo_how")
            done = confirm_iban(session, seller, iban, by="demo", how=how, needed=needed)
            echo(t("guard.confirmed", iban=done.iban, seller=done.seller, by="demo"))
