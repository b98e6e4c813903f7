"""Works invoices (``FACTURE_TRAVAUX``): who sees them when, and the maître d'oeuvre's steps.

A works invoice without a maître d'oeuvre (MOE) is routed like any invoice.  With one,
it goes to the MOE first (``works.moe_first`` of ``transitions.json``); the MOE's
actions (``works.moe``) send it on to the maître d'ouvrage — the commune, its
recipient — or refuse it; the platform then makes it available to the maître
d'ouvrage (``works.system``), where ``traiter/recue`` decides it as any invoice.
The table is the one our client reads; the emulator reads it on its own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from emulators.chorus.entities import Invoice, Structure
from emulators.chorus.platform import data
from emulators.chorus.world import World

DEMAND_TYPE = "FACTURE_TRAVAUX"


def table() -> dict[str, Any]:
    works: dict[str, Any] = data("transitions")["works"]
    return works


def make_works(
    world: World, invoice: Invoice, works_type: str, moe: Structure | None, at: datetime
) -> None:
    """Turn a freshly routed invoice into a works invoice (typed, with its MOE)."""
    rules = table()
    if works_type not in rules["types"]:
        raise ValueError(f"typeFactureTravaux must be one of {rules['types']}")
    invoice.demand_type = DEMAND_TYPE
    invoice.works_type = works_type
    invoice.moe = moe
    if moe is not None:
        invoice.schedule.clear()
        world.set_status(invoice, rules["moe_first"], at)


def moe_action(
    world: World, invoice: Invoice, action: str, at: datetime, comment: str | None
) -> str:
    """The maître d'oeuvre acts on ``invoice`` (ValueError if the table refuses it)."""
    rules = table()
    if invoice.demand_type != DEMAND_TYPE or invoice.moe is None:
        raise ValueError(f"invoice {invoice.id} is not a works invoice with a maître d'oeuvre")
    target = rules["moe"].get(invoice.status, {}).get(action)
    if target is None:
        raise ValueError(f"the maître d'oeuvre cannot {action!r} from {invoice.status}")
    world.set_status(invoice, target, at, comment=comment)
    while (step := rules["system"].get(invoice.status)) is not None:
        world.set_status(invoice, step, at)
    return invoice.status


def works_row(invoice: Invoice) -> dict[str, Any]:
    """One line of ``facturesTravaux/v1/rechercher`` (``listeFacturesTravaux``)."""
    row: dict[str, Any] = {
        "idFactureTravaux": invoice.id,
        "numeroFactureTravaux": invoice.number,
        "typeFactureTravaux": invoice.works_type,
        "cadreFacturation": invoice.cadre,
        "statut": invoice.status,
        "dateHeureEtatCourant": invoice.status_at.isoformat(timespec="milliseconds")
        if invoice.status_at
        else None,
        "dateDepot": invoice.deposited_at.date().isoformat(),
        "dateFactureTravaux": invoice.issue_date.isoformat() if invoice.issue_date else None,
        "idFournisseur": invoice.supplier.id,
        "identifiantFournisseur": invoice.supplier.siret,
        "designationFournisseur": invoice.supplier.designation,
        "idDestinataire": invoice.recipient.id,
        "identifiantDestinataire": invoice.recipient.siret,
        "designationDestinataire": invoice.recipient.designation,
        "codeMoa": invoice.recipient.siret,
        "designationMoa": invoice.recipient.designation,
        "codeMoe": invoice.moe.siret if invoice.moe else None,
        "designationMoe": invoice.moe.designation if invoice.moe else None,
        "montantHT": None if invoice.total_ht is None else float(invoice.total_ht),
        "montantTTC": None if invoice.total_ttc is None else float(invoice.total_ttc),
        "montantAPayer": None if invoice.payable is None else float(invoice.payable),
        "devise": invoice.currency,
        "factureTelechargeeParDestinataire": invoice.downloaded,
    }
    return {k: v for k, v in row.items() if v is not None}
