"""Receiving by status-change date, end to end over loopback against the emulator.

A status changed on the platform after we received an invoice (its supplier recycles
it, someone rejects it on the portal) reaches the store as status events at the
platform's dates, and the audit trail, once each; a window holding more invoices
than one answer can is split until every invoice is received, each once.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from chorus_helpers import COMMUNE, SwaggerChecked
from sqlalchemy import select

from connectors.chorus import swagger
from connectors.chorus.connector import ChorusConnector
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from invoices.store import Document, audit
from invoices.store import transmissions as repo
from invoices.store.tables import AuditRecord


def control(emulator: Emulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """Play the commune's counterparts on the platform (the emulator's test controls)."""
    answer = httpx.post(f"{emulator.base_url}/__emulator/{path}", json=body, timeout=10)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def platform_minute(moment: datetime) -> datetime:
    """A platform history date as the platform shows it (to the minute), in UTC."""
    return moment.replace(second=0, microsecond=0).astimezone(UTC)


def documents_by_remote(store: Any) -> dict[int, int]:
    with store.read() as session:
        return {
            int(d.source.split(":", 1)[1]): d.id
            for d in session.scalars(select(Document))
            if (d.source or "").startswith("chorus:")
        }


def chorus_events(store: Any, document_id: int) -> list[tuple[str, datetime, dict[str, Any]]]:
    with store.read() as session:
        return [
            (e.status_code, e.at, dict(e.details or {}))
            for e in repo.status_events(session, document_id)
            if e.source == "chorus"
        ]


def test_status_changes_made_on_the_platform_after_receipt_reach_the_store_once(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, transport: SwaggerChecked
) -> None:
    with emulator.world.lock:
        recycled, rejected = add_received(emulator.world, count=2, recipient=COMMUNE)
    with ChorusConnector(store, transport=transport) as connector:
        first = connector.fetch_received()
        assert len(first.received) == 2 and first.errors == ()
        docs = documents_by_remote(store)
        # We send the first back for its routing data; its supplier recycles it on the
        # platform, which routes it to us again.  Someone rejects the second on the portal.
        connector.set_status(docs[recycled.id], "A_RECYCLER")
        control(emulator, "supplier", {"idFacture": recycled.id, "action": "recycler"})
        emulator.script(idFacture=rejected.id, statut="REJETEE", motif="Montant erroné", after=30)
        emulator.advance(600)
        second = connector.fetch_received()
        assert second.received == () and second.already_known == 2
        updates = connector.status_updates
        third = connector.fetch_received()  # nothing new: nothing recorded twice
        assert third.received == () and connector.status_updates == []

    for invoice in (recycled, rejected):
        platform = emulator.world.invoices[invoice.id].history
        events = chorus_events(store, docs[invoice.id])
        # Every step of the platform's history, once, at the platform's own date.
        assert [(code, at) for code, at, _ in events] == [
            (h.code, platform_minute(h.at)) for h in platform
        ]
    recycled_codes = [code for code, _, _ in chorus_events(store, docs[recycled.id])]
    assert recycled_codes[-4:] == [
        "A_RECYCLER",
        "DEPOSEE",
        "EN_COURS_ACHEMINEMENT",
        "MISE_A_DISPOSITION",
    ]
    assert recycled_codes.count("MISE_A_DISPOSITION") == 2  # made available twice
    ours = [d for code, _, d in chorus_events(store, docs[recycled.id]) if code == "A_RECYCLER"]
    assert ours[0]["set_by"] == "us"
    (rejection,) = [d for c, _, d in chorus_events(store, docs[rejected.id]) if c == "REJETEE"]
    assert rejection["comment"] == "Montant erroné" and "set_by" not in rejection
    assert sorted(set(updates)) == sorted(updates)
    assert (docs[rejected.id], "REJETEE") in updates
    assert (docs[recycled.id], "DEPOSEE") in updates

    with store.read() as session:
        assert audit.verify(session).ok
        received = [
            json.loads(r.details)
            for r in session.scalars(
                select(AuditRecord).where(AuditRecord.action == "status.received")
            )
        ]
        cursor = json.loads(repo.get_cursor(session, "chorus", "received") or "{}")
    total = sum(len(chorus_events(store, d)) for d in docs.values())
    assert len(received) == total  # one audit record per status event
    assert cursor["by"] == "status" and cursor["pending"] == [] and cursor["since"]
    searches = emulator.journal.entries("factures/v1/rechercher/recipiendaire")
    assert all("periodeDateHeureEtatCourantDu" in e["request"] for e in searches)
    assert {e["request"]["typeDemandePaiement"] for e in searches} == {
        "FACTURE",
        "FACTURE_TRAVAUX",
    }
    assert "/cpro/factures/v1/consulter/historique" in transport.checked


@pytest.mark.slow
def test_a_window_with_more_invoices_than_one_answer_holds_is_received_completely(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, transport: SwaggerChecked
) -> None:
    with emulator.world.lock:
        made = add_received(emulator.world, count=60, recipient=COMMUNE)
    with ChorusConnector(store, transport=transport) as connector:
        result = connector.fetch_received(per_page=7, maximum=25)
        again = connector.fetch_received(per_page=7, maximum=25)
    assert result.errors == ()
    assert sorted(int(r.remote_id) for r in result.received) == sorted(i.id for i in made)
    assert again.received == ()
    searches = [
        e
        for e in emulator.journal.entries("factures/v1/rechercher/recipiendaire")
        if e["request"]["typeDemandePaiement"] == "FACTURE"
    ]
    totals = [e.get("response", {}).get("total", 0) for e in searches]
    assert max(totals) == 25  # the platform cut a list: the window was split...
    assert all(t <= 25 for t in totals)
    windows = {
        (
            e["request"]["periodeDateHeureEtatCourantDu"],
            e["request"]["periodeDateHeureEtatCourantAu"],
        )
        for e in searches
    }
    assert len(windows) > 3  # ...into narrower ones, until no answer was full
    downloads = [
        e["request"]["listeFacture"][0]
        for e in emulator.journal.entries("factures/v1/telecharger/groupe")
        if e["outcome"] == "ok"
    ]
    assert sorted(downloads) == sorted(i.id for i in made)  # each invoice downloaded once
    assert not [e for e in emulator.journal.entries() if e.get("swagger_errors")]
    with store.read() as session:
        assert len(documents_by_remote(store)) == 60
        assert audit.verify(session).ok


class StrictSwagger(SwaggerChecked):
    """Also refuses a request member the official model does not declare (a misspelt
    field would otherwise pass, the published models being open)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith("/cpro/factures/"):
            body = json.loads(request.read() or b"{}")
            self.errors += [f"{path}: {e}" for e in swagger.request_errors(path, body, strict=True)]
        return super().handle_request(request)


def test_the_receiving_requests_use_only_the_official_field_names(
    store: Any, chorus_env: dict[str, str], emulator: Emulator
) -> None:
    with emulator.world.lock:
        (invoice,) = add_received(emulator.world, count=1, recipient=COMMUNE)
    strict = StrictSwagger()
    with ChorusConnector(store, transport=strict) as connector:
        (got,) = connector.fetch_received(per_page=5, maximum=50).received
        assert got.document_id is not None
        connector.set_status(got.document_id, "SUSPENDUE", motif="Pièce manquante")
        connector.fetch_received()
    assert strict.errors == []
    assert {
        "/cpro/factures/v1/rechercher/recipiendaire",
        "/cpro/factures/v1/telecharger/groupe",
        "/cpro/factures/v1/consulter/historique",
        "/cpro/factures/v1/traiter/recue",
    } <= set(strict.checked)
    assert emulator.world.invoices[invoice.id].status == "SUSPENDUE"


class AfterFirstPage(SwaggerChecked):
    """Runs ``then`` once, right after the platform answered the first page of a search:
    the platform's list changes while the client pages through it."""

    def __init__(self, then: Any) -> None:
        super().__init__()
        self.then = then
        self.done = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if not self.done and request.url.path.endswith("/rechercher/recipiendaire"):
            body = json.loads(request.read() or b"{}")
            if body.get("typeDemandePaiement") == "FACTURE":
                response.read()
                if json.loads(response.content).get("total"):
                    self.done = True
                    self.then()
        return response


def test_an_invoice_entering_the_window_while_pages_are_read_is_not_missed(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, transport: SwaggerChecked
) -> None:
    with emulator.world.lock:
        (old,) = add_received(emulator.world, count=1, recipient=COMMUNE, prefix="OLD")
    emulator.advance(3 * 3600)
    with emulator.world.lock:  # its status changed hours after the old one's
        add_received(emulator.world, count=1, recipient=COMMUNE, prefix="MARK")
    with ChorusConnector(store, transport=transport) as connector:
        connector.fetch_received()  # the next window starts past the old invoice's status
    with emulator.world.lock:
        new = add_received(emulator.world, count=5, recipient=COMMUNE, prefix="NEW")

    def rejected_meanwhile() -> None:
        with emulator.world.lock:
            invoice = emulator.world.invoices[old.id]
            emulator.world.set_status(
                invoice, "REJETEE", emulator.world.clock.now(), comment="Erreur"
            )

    hooked = AfterFirstPage(rejected_meanwhile)
    with ChorusConnector(store, transport=hooked) as connector:
        result = connector.fetch_received(per_page=2)
        updates = connector.status_updates
    assert hooked.done and hooked.errors == []
    assert sorted(int(r.remote_id) for r in result.received) == sorted(i.id for i in new)
    old_doc = documents_by_remote(store)[old.id]
    assert (old_doc, "REJETEE") in updates  # the list moved: the window was read again
    assert [c for c, _, _ in chorus_events(store, old_doc)].count("REJETEE") == 1
