"""The recipient's status flows end to end: suspended, completed by the supplier, then
service done; rejected with a motif; the motif rules of the one transitions table.

The dates that start and stop a payment deadline (made available, suspended,
completed) are kept at the platform's dates, from its history.
"""

from __future__ import annotations

import base64
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import httpx
from chorus_helpers import COMMUNE, SwaggerChecked
from sqlalchemy import select

from connectors.chorus.connector import ChorusConnector
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from emulators.chorus.views import simple_pdf
from invoices.store import Document, audit
from invoices.store import transmissions as repo
from invoices.store.attachments import files_of
from platforms.chorus import tables

PROOF = simple_pdf(["Attestation de service fait", "Chantier rue des Écoles"])


def _events(store: Any, document_id: int) -> list[tuple[str, datetime, dict[str, Any]]]:
    with store.read() as session:
        return [
            (e.status_code, e.at, dict(e.details or {}))
            for e in repo.status_events(session, document_id)
            if e.source == "chorus"
        ]


def test_suspended_then_completed_by_the_supplier_then_service_done(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, transport: SwaggerChecked
) -> None:
    with emulator.world.lock:
        (invoice,) = add_received(emulator.world, count=1, recipient=COMMUNE)
    with ChorusConnector(store, transport=transport) as connector:
        (got,) = connector.fetch_received().received
        document_id = got.document_id
        assert document_id is not None
        connector.set_status(document_id, "SUSPENDUE", motif="Attestation de service fait absente")
        emulator.advance(3600)
        completed = httpx.post(
            f"{emulator.base_url}/__emulator/supplier",
            json={
                "idFacture": invoice.id,
                "action": "completer",
                "commentaire": "Attestation jointe",
                "attachments": [
                    {
                        "name": "attestation.pdf",
                        "mime": "application/pdf",
                        "content": base64.b64encode(PROOF).decode(),
                    }
                ],
            },
            timeout=10,
        )
        assert completed.status_code == 200 and completed.json()["statut"] == "COMPLETEE"
        emulator.advance(600)
        again = connector.fetch_received()
        assert again.received == () and connector.status_updates == [(document_id, "COMPLETEE")]
        # The supplier's new document came with the completion.
        names = [f.name for f in files_of(store, document_id) if f.kind == "attachment"]
        assert names == ["attestation.pdf"]
        done = connector.set_status(document_id, "SERVICE_FAIT")
        assert done.status == "SERVICE_FAIT"
        connector.fetch_received()
        assert connector.status_updates == []

    events = _events(store, document_id)
    codes = [code for code, _, _ in events]
    assert codes == [
        "DEPOSEE",
        "EN_COURS_ACHEMINEMENT",
        "MISE_A_DISPOSITION",
        "SUSPENDUE",
        "COMPLETEE",
        "SERVICE_FAIT",
    ]
    platform = {h.code: h.at for h in emulator.world.invoices[invoice.id].history}
    for code, at, _details in events:  # the platform's dates, to its minute, in UTC
        assert at == platform[code].replace(second=0, microsecond=0).astimezone(UTC)
    by_code = {code: details for code, _, details in events}
    assert by_code["SUSPENDUE"]["comment"] == "Attestation de service fait absente"
    assert by_code["SUSPENDUE"]["set_by"] == "us"
    assert by_code["COMPLETEE"]["comment"] == "Attestation jointe"
    assert "set_by" not in by_code["COMPLETEE"]
    suspended = next(at for code, at, _ in events if code == "SUSPENDUE")
    resumed = next(at for code, at, _ in events if code == "COMPLETEE")
    assert (resumed - suspended).total_seconds() >= 3600  # the suspension, as the platform dated it
    with store.read() as session:
        assert audit.verify(session).ok


def test_rejected_with_a_motif_from_the_command_line_under_the_table_rules(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, transport: SwaggerChecked
) -> None:
    with emulator.world.lock:
        (invoice,) = add_received(emulator.world, count=1, recipient=COMMUNE)

    def demat(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "demat", "--lang", "en", *args],
            capture_output=True,
            text=True,
            check=False,
        )

    received = demat("receive")
    assert received.returncode == 0, received.stderr
    with store.read() as session:
        document_id = session.scalars(
            select(Document.id).where(Document.source == f"chorus:{invoice.id}")
        ).one()
    rules = tables.lifecycle()
    assert "REJETEE" in rules.motif_required
    no_motif = demat("set-status", str(document_id), "REJETEE")
    assert no_motif.returncode == 2 and "requires a reason" in no_motif.stderr
    assert emulator.journal.entries("factures/v1/traiter/recue") == []
    long_motif = demat(
        "set-status", str(document_id), "REJETEE", "--motif", "x" * (rules.motif_max_length + 1)
    )
    assert long_motif.returncode == 2
    rejected = demat("set-status", str(document_id), "REJETEE", "--motif", "Facture en double")
    assert rejected.returncode == 0, rejected.stderr
    platform = emulator.world.invoices[invoice.id]
    assert platform.status == "REJETEE" and platform.history[-1].comment == "Facture en double"
    final = demat("set-status", str(document_id), "SERVICE_FAIT")
    assert final.returncode == 2  # REJETEE is final: nothing may follow it
    again = demat("receive")
    assert again.returncode == 0 and "status change" not in again.stderr
    codes = [code for code, _, _ in _events(store, document_id)]
    assert codes.count("REJETEE") == 1
    (details,) = [d for code, _, d in _events(store, document_id) if code == "REJETEE"]
    assert details["comment"] == "Facture en double" and details["set_by"] == "us"
