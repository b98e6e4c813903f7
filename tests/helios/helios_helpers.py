"""Shared steps of the Hélios loop tests: the CLI, receiving and serving invoices from
the Chorus Pro emulator, a mandate file, and what the platform's journal says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from demat.cli import main


def demat(*args: str) -> Result:
    return CliRunner().invoke(main, ["--lang", "en", *args], catch_exceptions=False)


def traiter(chorus: Any) -> list[dict[str, Any]]:
    return [e for e in chorus.journal.entries() if "traiter/recue" in str(e.get("operation"))]


def mandatee_calls(chorus: Any) -> dict[str, int]:
    """How many MANDATEE requests the platform received, per invoice id."""
    out: dict[str, int] = {}
    for entry in traiter(chorus):
        text = json.dumps(entry)
        if "MANDATEE" in text:
            key = str(entry.get("request", {}).get("idFacture", text))
            out[key] = out.get(key, 0) + 1
    return out


def receive_and_serve(chorus: Any) -> list[int]:
    """Three suppliers' invoices, received, bank accounts confirmed, service fait."""
    from sqlalchemy import select

    from emulators.chorus.bulk import add_received
    from invoices.guard import confirm_iban, load_guard
    from invoices.guard.register import held_accounts
    from invoices.store import Invoice, open_store

    siret = chorus.env()["DEMAT_CHORUS_SIRET"]
    with chorus.world.lock:
        chorus.world.tick()
        add_received(chorus.world, count=3, recipient=siret, prefix="HEL")
    result = demat("receive")
    assert result.exit_code == 0, result.output
    with open_store() as store:
        with store.read() as session:
            ids = list(session.scalars(select(Invoice.id).order_by(Invoice.id)))
        assert len(ids) == 3
        needed = load_guard().confirmations_needed
        with store.write() as session:
            for invoice_id in ids:
                for seller, iban in held_accounts(session, invoice_id):
                    confirm_iban(session, seller, iban, by="test", how="call", needed=needed)
    for invoice_id in ids:
        done = demat("set-status", str(invoice_id), "SERVICE_FAIT")
        assert done.exit_code == 0, done.output
    return ids


def mandates(tmp_path: Path, ids: list[int]) -> Path:
    path = tmp_path / "mandats.csv"
    rows = [
        "invoice;exercice;bordereau;mandat;ligne;nature;fonction;montant_ht;montant_tva;objet",
        f"{ids[0]};2026;61;601;1;60632;020;;;Fournitures",
        f"{ids[1]};2026;61;602;1;6156;020;;;Maintenance",
        f"{ids[2]};2026;62;603;1;2313;020;;;Travaux",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def chorus_id(invoice_id: int) -> str:
    from invoices.store import Document, open_store

    with open_store() as store, store.read() as session:
        document = session.get(Document, invoice_id)
        assert document is not None and document.source
        return document.source.removeprefix("chorus:")


def acknowledged(chorus: Any, tdt: Any, tmp_path: Path) -> tuple[list[int], Path]:
    """Three received invoices mandated in one PES file, sent and acknowledged by Hélios
    (every PJ accepted), the acquit applied with the MANDATEE loop off."""
    import os

    ids = receive_and_serve(chorus)
    out = tmp_path / "out"
    out.mkdir()
    built = demat("pes", "build", "--mandats", str(mandates(tmp_path, ids)), "--out", str(out))
    assert built.exit_code == 0, built.output
    [path] = sorted(out.glob("PESALR2_*.xml"))
    assert demat("pes", "send", path.name).exit_code == 0
    tdt.advance(180)
    saved = os.environ.get("DEMAT_HELIOS_CHORUS_MANDATEE")
    os.environ["DEMAT_HELIOS_CHORUS_MANDATEE"] = "false"
    try:
        refreshed = demat("pes", "status", "--refresh")
    finally:
        if saved is not None:
            os.environ["DEMAT_HELIOS_CHORUS_MANDATEE"] = saved
    assert refreshed.exit_code == 0, refreshed.output
    assert "MANDATEE" not in refreshed.output and not mandatee_calls(chorus)
    return ids, path


def platform_status(chorus: Any, invoice_id: int) -> tuple[str, str | None]:
    world = chorus.world
    with world.lock:
        invoice = world.invoices[int(chorus_id(invoice_id))]
        return invoice.status, invoice.mandate_number
