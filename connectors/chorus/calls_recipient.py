"""The recipient's calls the status sync needs, shaped as the official Swagger says.

Kept beside :class:`connectors.chorus.client.ChorusClient` (which they use for the
HTTP call) rather than in it, so that the recipient side and the supplier side grow
in their own modules.  Each function is one platform operation:

* ``rechercher/recipiendaire`` over a **status-change window**
  (``periodeDateHeureEtatCourantDu/Au``), with ``nbResultatsMaximum`` saying how long
  a list the answer may hold;
* ``telecharger/groupe`` of the ``PIVOT`` **with the supporting attachments**
  (``avecPiecesJointesComplementaires = OUI``);
* ``consulter/historique`` keeping each step's platform id (``histoStatutId``), so that
  a status reached twice (``MISE_A_DISPOSITION`` again after a recycling) stays two
  steps, and a step is recorded once whatever the rhythm of the syncs.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from connectors.chorus.client import NO_RESULT, ChorusClient
from connectors.chorus.errors import ChorusUnavailable
from connectors.chorus.models import InvoiceSummary, Paging, SearchPage, as_list

SEARCH = "factures/v1/rechercher/recipiendaire"
DOWNLOAD = "factures/v1/telecharger/groupe"
HISTORY = "factures/v1/consulter/historique"
#: ``typeDemandePaiement`` values a commune receives: invoices and works invoices.
DEMAND_TYPES = ("FACTURE", "FACTURE_TRAVAUX")


def platform_instant(moment: datetime) -> str:
    """A search bound as the platform reads it: ISO date-time, milliseconds, UTC."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def search_window(
    client: ChorusClient,
    *,
    structure_id: int,
    demand_type: str,
    low: datetime,
    high: datetime,
    page: int,
    per_page: int,
    maximum: int,
) -> SearchPage:
    """One page of the invoices whose current status changed within ``[low, high]``."""
    body: dict[str, Any] = {
        "typeDemandePaiement": demand_type,
        "idDestinataire": structure_id,
        "periodeDateHeureEtatCourantDu": platform_instant(low),
        "periodeDateHeureEtatCourantAu": platform_instant(high),
        "paramRecherche": {
            "pageResultatDemandee": page,
            "nbResultatsParPage": per_page,
            "nbResultatsMaximum": maximum,
            "triSens": "Ascendant",
            "triColonne": "DateDepot",
        },
    }
    answer = client.http.post(SEARCH, body, empty_codes=NO_RESULT)
    items = tuple(
        InvoiceSummary.from_json(i)
        for i in as_list(answer.get("listeFactures"))
        if isinstance(i, dict)
    )
    paging = Paging.from_json(answer)
    if items and paging.pages == 0:
        raise ChorusUnavailable("chorus.bad_answer", url=client.http.url(SEARCH))
    return SearchPage(items, paging)


def download_pivot(client: ChorusClient, invoice_id: int) -> bytes:
    """The ``PIVOT`` of one invoice with its original and supporting documents inside."""
    answer = client.http.post(
        DOWNLOAD,
        {
            "listeFacture": [{"idFacture": invoice_id}],
            "format": "PIVOT",
            "avecPiecesJointesComplementaires": "OUI",
        },
    )
    content = answer.get("fichierResultat")
    if not isinstance(content, str) or not content:
        raise ChorusUnavailable("chorus.bad_answer", url=client.http.url(DOWNLOAD))
    try:
        return base64.b64decode(content, validate=True)
    except ValueError:
        raise ChorusUnavailable("chorus.bad_answer", url=client.http.url(DOWNLOAD)) from None


@dataclass(frozen=True)
class Step:
    """One status change as the platform's history gives it (its date in its own text)."""

    step_id: int | None
    code: str
    at: str
    comment: str


def history_steps(client: ChorusClient, invoice_id: int) -> tuple[str, list[Step]]:
    """``consulter/historique``: the current status and every step, oldest first."""
    answer = client.http.post(HISTORY, {"idFacture": invoice_id, "nbResultatsMaximum": 100})
    block = answer.get("historiquesDesStatuts")
    items = as_list(block.get("histoStatut")) if isinstance(block, dict) else []
    steps = []
    for item in items:
        if not isinstance(item, dict) or not item.get("histoStatutCode"):
            continue
        raw_id = str(item.get("histoStatutId") or "")
        steps.append(
            Step(
                int(raw_id) if raw_id.isdigit() else None,
                str(item["histoStatutCode"]),
                str(item.get("histoStatutDatePassage") or ""),
                str(item.get("histoStatutCommentaire") or ""),
            )
        )
    # Newest first by default: oldest first by date, then by the platform's id.
    steps.sort(key=lambda s: (s.at, s.step_id or 0))
    return str(answer.get("statutCourantCode") or ""), steps
