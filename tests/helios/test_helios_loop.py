"""The whole cycle over loopback, no mock in between: invoices received from the Chorus
Pro emulator -> SERVICE_FAIT -> a mandate file -> a ``PES_Aller`` with two bordereaux,
three mandats and their PJ, valid against the 5.30 XSD -> sent over mutual TLS to the
TdT emulator -> a ``PES_ACQUIT`` with one PJ KO -> the right states in the store,
``MANDATEE`` on Chorus Pro for the accepted ones only, exactly once, the KO shown with
Hélios's message -> ``demat show`` tells the whole life -> the audit chain verifies.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helios_helpers import chorus_id, demat, mandatee_calls, mandates, receive_and_serve
from lxml import etree

from demat.cli import main

pytestmark = pytest.mark.slow


def _check_pjs(built: Path, pes_shared: Path, ids: list[int]) -> list[str]:
    """The file is valid 5.30 and each PJ is the stored original, byte for byte."""
    from invoices.store import Document, PesAttachment, open_store

    rev0 = pes_shared / "schemas" / "v5.30" / "PES_V2" / "Rev0"
    schema = etree.XMLSchema(etree.parse(str(rev0 / "PES_Aller.xsd")))
    root = etree.fromstring(built.read_bytes())
    assert schema.validate(root), schema.error_log
    assert len(root.findall("PES_DepenseAller/Bordereau")) == 2
    assert len(root.findall("PES_DepenseAller/Bordereau/Piece")) == 3
    found: dict[str, str] = {}
    for pj in root.findall("PES_PJ/PJ"):
        content = pj.find("Contenu/Fichier")
        assert content is not None and content.text
        decoded = gzip.decompress(base64.b64decode(content.text))
        found[pj.find("IdUnique").get("V")] = hashlib.sha256(decoded).hexdigest()
    with open_store() as store, store.read() as session:
        for id_unique, digest in found.items():
            row = session.query(PesAttachment).filter_by(id_unique=id_unique).one()
            document = session.get(Document, row.invoice_id)
            assert document is not None and document.sha256 == digest
            assert store.blobs.get(session, document.sha256)  # the original is kept
        ordered = session.query(PesAttachment).order_by(PesAttachment.id).all()
        assert [a.invoice_id for a in ordered] == ids
        return [a.id_unique for a in ordered]


def test_received_mandated_acknowledged_mandatee_once(loop_env, chorus, tdt, pes_shared, tmp_path):
    ids = receive_and_serve(chorus)
    out = tmp_path / "out"
    out.mkdir()
    built = demat("pes", "build", "--mandats", str(mandates(tmp_path, ids)), "--out", str(out))
    assert built.exit_code == 0, built.output
    [path] = sorted(out.glob("PESALR2_*.xml"))
    id_uniques = _check_pjs(path, pes_shared, ids)
    again = demat("pes", "build", "--mandats", str(mandates(tmp_path, ids)), "--out", str(out))
    assert again.exit_code == 1 and "already" in again.output  # already mandated

    tdt.world.received.add(id_uniques[1])  # Hélios already holds this IdUnique: its PJ is KO
    tdt.world.config.aller_schema = (
        pes_shared / "schemas" / "v5.30" / "PES_V2" / "Rev0" / "PES_Aller.xsd"
    )
    sent = demat("pes", "send", path.name)
    assert sent.exit_code == 0, sent.output
    before = demat("pes", "status", "--refresh")  # posted: no acquit, nothing on Chorus Pro
    assert before.exit_code == 0, before.output
    assert not mandatee_calls(chorus)

    tdt.advance(180)
    result = demat("pes", "status", "--refresh")
    assert result.exit_code == 1, result.output  # one invoice needs a person: Hélios's KO
    remote = {i: chorus_id(i) for i in ids}
    world = chorus.world
    with world.lock:
        states = {i: world.invoices[int(remote[i])].status for i in ids}
        numbers = {i: world.invoices[int(remote[i])].mandate_number for i in ids}
    assert states == {ids[0]: "MANDATEE", ids[1]: "SERVICE_FAIT", ids[2]: "MANDATEE"}
    assert numbers[ids[0]] == "601" and numbers[ids[2]] == "603" and not numbers[ids[1]]
    message = f"ERREUR_DOUBLON_PJ : IdUnique {id_uniques[1]} déjà reçu"
    assert f"mandat 602 refused by Hélios ({message})" in result.output
    assert "MANDATEE on Chorus Pro, mandat 601" in result.output
    calls = mandatee_calls(chorus)
    assert sorted(calls.values()) == [1, 1], calls

    # A second refresh, and a night's follow step, set nothing twice.
    assert demat("pes", "status", "--refresh").exit_code == 1
    night = demat("run", "--steps", "follow", "--json")
    assert night.exit_code in (0, 1), night.output
    assert mandatee_calls(chorus) == calls

    from invoices.store import open_store
    from invoices.store.tables import Invoice

    with open_store() as store, store.read() as session:
        status = {i: session.get(Invoice, i).status for i in ids}
    assert status == {ids[0]: "MANDATEE", ids[1]: "SERVICE_FAIT", ids[2]: "MANDATEE"}

    shown = demat("show", str(ids[0]))
    assert shown.exit_code == 0, shown.output
    text = shown.output
    for expected in (
        "received from Chorus Pro",
        "checked: valid",
        "Chorus Pro: SERVICE_FAIT (by us)",
        "mandat 601 (bordereau 61, exercice 2026",
        f"PJ IdUnique {id_uniques[0]}",
        f"file {path.name} sent to the TdT, transaction",
        "Hélios's acquit: mandat 601 accepted by Hélios",
        "Chorus Pro: MANDATEE (by us), mandat 601",
        "original",
    ):
        assert expected in text, (expected, text)
    ko = demat("show", str(ids[1])).output
    assert f"{id_uniques[1]} REFUSED by Hélios ({message})" in ko
    raw = json.loads(demat("show", str(ids[0]), "--json").output)
    assert raw["helios"]["mandatee"]["state"] == "done"
    assert raw["helios"]["mandats"][0]["attachments"][0]["acquit"] == "ok"

    # In French, dates in the clerk's time zone.
    from datetime import datetime

    from invoices.display import moment

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMAT_TIMEZONE", "America/Cayenne")
        french = CliRunner().invoke(main, ["--lang", "fr", "show", str(ids[0])]).output
        received = moment(datetime.fromisoformat(raw["received_at"]), lang="fr")
    assert "Vie de la facture :" in french and "Fichiers enregistrés :" in french
    assert f"  {received}  reçue de Chorus Pro" in french
    assert "MANDATEE (par nous), mandat 601" in french
    assert "facture mandatée (PES)" in french  # the history's events in words

    verify = demat("audit", "verify")
    assert verify.exit_code == 0, verify.output
