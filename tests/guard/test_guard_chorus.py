"""The gate on the Chorus Pro receive path, over loopback with the emulator: a held
invoice cannot be declared service fait until its account is confirmed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from connectors.chorus.connector import ChorusConnector
from demat.cli import main
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from invoices.guard import HeldInvoice
from invoices.store import Invoice, Store, audit

USUAL = "FR7630006000011234567890189"  # the emulator's suppliers' account
FRAUD = "FR1420041010050500013M02606"
FAST = {"delays": {"reception": 0, "integration": 0, "routing": 60, "availability": 120}}


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    with Emulator.start(config=FAST) as emu:
        for name, value in emu.env().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("DEMAT_CHORUS_TIMEOUT", "5")
        # The commune is known only as the Chorus Pro structure, as installed today.
        monkeypatch.delenv("DEMAT_COMMUNE_SIRET")
        yield emu


def test_held_invoices_cannot_be_declared_service_fait_until_confirmed(
    store: Store, emulator: Emulator, tmp_path: Path
) -> None:
    commune = emulator.env()["DEMAT_CHORUS_SIRET"]
    world = emulator.world
    with world.lock:
        supplier = next(s.siret for s in world.structures.values() if not s.public)
        usual, changed = add_received(world, count=2, recipient=commune, suppliers=[supplier])
        # The second one asks to be paid elsewhere: the fake "change of bank details".
        changed.original = changed.original.replace(USUAL.encode(), FRAUD.encode())
    with ChorusConnector(store) as connector:
        got = {int(r.remote_id): r.document_id for r in connector.fetch_received().received}
        first, second = got[usual.id], got[changed.id]
        assert first is not None and second is not None
        with store.read() as session:
            rows = {i: session.get(Invoice, i) for i in (first, second)}
            assert {i: r.status for i, r in rows.items() if r} == {first: "held", second: "held"}
        with pytest.raises(HeldInvoice) as info:
            connector.set_status(first, "SERVICE_FAIT")
        assert "is held" in info.value.message("en")
        assert emulator.journal.entries("factures/v1/traiter/recue") == []

        runner = CliRunner()
        confirm = [
            "--lang", "en", "supplier", "confirm-iban", supplier, USUAL,
            "--by", "Mme Roux", "--how", "rappel au numéro du contrat",
        ]  # fmt: skip
        assert runner.invoke(main, confirm).exit_code == 0
        assert connector.set_status(first, "SERVICE_FAIT").status == "SERVICE_FAIT"

        refused = runner.invoke(main, ["--lang", "en", "set-status", str(second), "SERVICE_FAIT"])
        assert refused.exit_code == 1, refused.output
        assert f"invoice #{second} is held" in refused.output
        mandated = runner.invoke(
            main, ["--lang", "en", "set-status", str(second), "MANDATEE", "--mandat", "M-1"]
        )
        assert mandated.exit_code == 1, mandated.output
        calls = emulator.journal.entries("factures/v1/traiter/recue")
        assert [c["request"]["nouveauStatut"] for c in calls] == ["SERVICE_FAIT"]

        confirm[5] = FRAUD
        assert runner.invoke(main, confirm).exit_code == 0
        assert connector.set_status(second, "SERVICE_FAIT").status == "SERVICE_FAIT"
    with store.read() as session:
        assert audit.verify(session).ok
        held = [
            json.loads(r["details"])
            for r in audit.history(session)
            if r["action"] == "invoice.held"
        ]
    assert [h["ibans"] for h in held] == [[USUAL], [FRAUD]]
