"""Works invoices (``facturesTravaux``): the commune as maître d'ouvrage (MOA).

A works invoice reaches the commune, after its maître d'oeuvre when there is one, as
an invoice of ``typeDemandePaiement`` ``FACTURE_TRAVAUX``: the status sync receives it
with the others (:mod:`connectors.chorus.sync`) and it is decided with ``traiter/recue``
like any invoice.  ``facturesTravaux/v1/rechercher`` tells what only the works API
knows: its type (``typeFactureTravaux``), its maître d'oeuvre, and the works invoices
still in the MOE's hands, which the recipient search does not show yet.

No Swagger of the ``facturesTravaux`` API is published beside the ``factures`` one:
the fields are those of the AIFE example and of Pastell's client (API.md [PST-WRAP]):
paging in ``rechercheFactureTravaux``, answer in ``listeFacturesTravaux`` with
``parametresRetour``, ``codeRetour`` 20007 when nothing matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from connectors.chorus.calls_recipient import platform_instant
from connectors.chorus.client import ChorusClient
from connectors.chorus.models import Paging, as_list
from platforms.chorus import tables

SEARCH = "facturesTravaux/v1/rechercher"
NO_RESULT = frozenset({tables.return_code("WORKS_NO_RESULT"), tables.return_code("NO_RESULT")})


@dataclass(frozen=True)
class WorksInvoice:
    """One line of the works search."""

    invoice_id: int
    number: str
    works_type: str
    status: str
    status_at: str
    supplier: str
    moe: str
    moa: str


def _text(item: dict[str, Any], *names: str) -> str:
    for name in names:
        if item.get(name) not in (None, ""):
            return str(item[name])
    return ""


def search_works(
    client: ChorusClient,
    *,
    structure_id: int,
    role: str = "MOA",
    low: datetime | None = None,
    high: datetime | None = None,
    per_page: int = 100,
) -> list[WorksInvoice]:
    """Every works invoice the structure sees in ``role``, all pages."""
    out: list[WorksInvoice] = []
    page = 1
    while True:
        body: dict[str, Any] = {
            "roleUtilisateur": role,
            "idDestinataire": structure_id,
            "rechercheFactureTravaux": {
                "pageResultatDemandee": page,
                "nbResultatsParPage": per_page,
                "triSens": "Ascendant",
                "triColonne": "DateDepot",
            },
        }
        if low is not None:
            body["periodeDateHeureEtatCourantDu"] = platform_instant(low)
        if high is not None:
            body["periodeDateHeureEtatCourantAu"] = platform_instant(high)
        answer = client.http.post(SEARCH, body, empty_codes=NO_RESULT)
        items = [i for i in as_list(answer.get("listeFacturesTravaux")) if isinstance(i, dict)]
        for item in items:
            ident = _text(item, "idFactureTravaux", "idFacture")
            out.append(
                WorksInvoice(
                    int(ident) if ident.isdigit() else 0,
                    _text(item, "numeroFactureTravaux", "numeroFacture"),
                    _text(item, "typeFactureTravaux"),
                    _text(item, "statut", "statutCourant"),
                    _text(item, "dateHeureEtatCourant"),
                    _text(item, "identifiantFournisseur", "codeFournisseur"),
                    _text(item, "codeMoe", "codeMOE"),
                    _text(item, "codeMoa", "codeMOA", "identifiantDestinataire"),
                )
            )
        paging = Paging.from_json(answer.get("parametresRetour"))
        if not items or paging.last:
            return out
        page += 1
