"""Works invoices (``FACTURE_TRAVAUX``) received and decided like the others.

A works invoice with a maître d'oeuvre reaches the commune (the maître d'ouvrage)
only once the MOE has sent it on; then the sync receives it with its whole history,
the works API tells its type and its MOE, and the commune decides it with
``traiter/recue`` under the same table as any invoice.
"""

from __future__ import annotations

from typing import Any

import httpx
from chorus_helpers import COMMUNE, SwaggerChecked

from connectors.chorus.connector import ChorusConnector
from connectors.chorus.travaux import search_works
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from invoices.store import audit
from invoices.store import transmissions as repo

MARTIN = "51234567900025"  # the builder
LEROY = "80298765100014"  # its maître d'oeuvre


def _events(store: Any, document_id: int) -> list[str]:
    with store.read() as session:
        return [
            e.status_code for e in repo.status_events(session, document_id) if e.source == "chorus"
        ]


def test_a_works_invoice_flows_through_its_maitre_d_oeuvre_to_the_commune(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, transport: SwaggerChecked
) -> None:
    with emulator.world.lock:
        (works,) = add_received(
            emulator.world,
            count=1,
            recipient=COMMUNE,
            suppliers=[MARTIN],
            works_type="ETAT_ACOMPTE",
            moe=LEROY,
            prefix="TRX",
        )
        (direct,) = add_received(
            emulator.world,
            count=1,
            recipient=COMMUNE,
            suppliers=[MARTIN],
            works_type="DECOMPTE_GENERAL",
            prefix="TRD",
        )
    with ChorusConnector(store, transport=transport) as connector:
        commune = connector.client.find_structure(COMMUNE)
        assert commune is not None
        first = connector.fetch_received()
        # Without a maître d'oeuvre it is here at once; the other is still with its MOE.
        assert [int(r.remote_id) for r in first.received] == [direct.id]
        assert [
            w.invoice_id for w in search_works(connector.client, structure_id=commune.structure_id)
        ] == [direct.id]
        sent = httpx.post(
            f"{emulator.base_url}/__emulator/moe",
            json={"idFacture": works.id, "action": "transmettre", "commentaire": "Visé"},
            timeout=10,
        )
        assert sent.status_code == 200, sent.text
        second = connector.fetch_received()
        (got,) = second.received
        assert int(got.remote_id) == works.id and got.valid is True
        listed = {
            w.invoice_id: w
            for w in search_works(connector.client, structure_id=commune.structure_id)
        }
        assert (listed[works.id].works_type, listed[works.id].moe) == ("ETAT_ACOMPTE", LEROY)
        assert listed[works.id].status == "MISE_A_DISPOSITION_MOA"
        document_id = got.document_id
        assert document_id is not None
        assert _events(store, document_id) == [
            "DEPOSEE",
            "MISE_A_DISPOSITION_MOE",
            "TRANSMISE_MOA",
            "MISE_A_DISPOSITION_MOA",
        ]
        decided = connector.set_status(document_id, "SERVICE_FAIT")
        assert decided.status == "SERVICE_FAIT"
        paid = connector.set_status(document_id, "MANDATEE", mandate="M-2026-0042")
        assert paid.status == "MANDATEE"
        connector.fetch_received()
        assert connector.status_updates == []  # our own decisions are already recorded
    assert _events(store, document_id)[-2:] == ["SERVICE_FAIT", "MANDATEE"]
    platform = emulator.world.invoices[works.id]
    assert platform.status == "MANDATEE" and platform.mandate_number == "M-2026-0042"
    searches = emulator.journal.entries("factures/v1/rechercher/recipiendaire")
    assert "FACTURE_TRAVAUX" in {e["request"]["typeDemandePaiement"] for e in searches}
    assert [e["outcome"] for e in emulator.journal.entries("facturesTravaux/v1/rechercher")] == [
        "ok",
        "ok",
    ]
    with store.read() as session:
        assert audit.verify(session).ok
