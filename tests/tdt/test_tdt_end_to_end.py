"""A PES built from stored invoices goes over mutual TLS to the TdT emulator, the
clock moves it to acknowledged, and the acquit (one PJ refused) reaches the store."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from tdt_helpers import build, demat, status_json


def _acquit_schema(pes_shared: Path) -> etree.XMLSchema:
    xsd = pes_shared / "schemas" / "v5.30" / "PES_V2" / "Rev0" / "PES_V2_Acquit_Autonome_V2.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def _download(base: str, path: str) -> tuple[int, bytes]:
    import httpx

    from connectors.tdt.client import tls_context
    from connectors.tdt.config import load_config

    with httpx.Client(verify=tls_context(load_config()), auth=("mairie", "pw")) as client:
        response = client.get(base + path)
    return response.status_code, response.content


def test_send_acknowledge_one_pj_refused(seeded, tdt, tdt_env, tmp_path, pes_shared):
    path = build(tmp_path)
    root = etree.fromstring(path.read_bytes())
    ids = [pj.find("IdUnique").get("V") for pj in root.findall("PES_PJ/PJ")]
    assert len(ids) == 3
    tdt.world.received.add(ids[1])  # Hélios already holds this IdUnique: that PJ is KO
    rev0 = pes_shared / "schemas" / "v5.30" / "PES_V2" / "Rev0"
    tdt.world.config.aller_schema = rev0 / "PES_Aller.xsd"  # Hélios checks the schema

    result = demat("pes", "send", path.name)
    assert result.exit_code == 0, result.output
    [tx] = tdt.world.transactions.values()
    assert f"{path.name}: sent, transaction {tx.id}" in result.output
    assert tx.data == path.read_bytes()
    assert _download(tdt.base_url, f"/modules/helios/helios_download_file.php?id={tx.id}") == (
        200,
        tx.data,
    )
    acquit_url = f"/modules/helios/helios_download_acquit.php?id={tx.id}"
    assert _download(tdt.base_url, acquit_url)[0] == 302  # not acknowledged yet

    [state] = status_json()
    assert state["name"] == path.name and state["transaction"] == str(tx.id)
    assert state["status"] == {"code": 1, "name": "posted"}
    assert all(a["acquit"] is None for a in state["attachments"])

    tdt.advance(120)  # transmitted, not acknowledged yet
    result = demat("pes", "status", "--refresh", "--json")
    assert result.exit_code == 0, result.output
    assert status_json()[0]["status"] == {"code": 3, "name": "transmitted"}

    tdt.advance(60)
    assert demat("pes", "status", "--refresh").exit_code == 0
    [state] = status_json()
    assert state["status"] == {"code": 4, "name": "acknowledged"}
    assert state["state"] == "integrated"
    pjs = {a["id_unique"]: a["acquit"] for a in state["attachments"]}
    assert pjs == {ids[0]: "ok", ids[1]: "ko", ids[2]: "ok"}
    assert [m["acquit"] for m in state["mandats"]] == ["ok", "ok", "ok"]
    assert {(m["bordereau"], m["mandat"]) for m in state["mandats"]} == {
        (41, m["mandat"]) for m in state["mandats"] if m["bordereau"] == 41
    } | {(42, m["mandat"]) for m in state["mandats"] if m["bordereau"] == 42}

    assert tx.acquit is not None
    assert _acquit_schema(pes_shared).validate(etree.fromstring(tx.acquit))
    said = {a["id_unique"]: a["message"] for a in state["attachments"]}
    assert said == {
        ids[0]: None,
        ids[1]: f"ERREUR_DOUBLON_PJ : IdUnique {ids[1]} déjà reçu",
        ids[2]: None,
    }
    text = demat("pes", "status").output
    assert f"PJ {ids[1]} (invoice " in text
    assert f"REFUSED by Hélios (ERREUR_DOUBLON_PJ : IdUnique {ids[1]} déjà reçu)" in text

    again = demat("pes", "send", "--all")
    assert again.exit_code == 0 and "No PES file to send" in again.output
    assert [e["outcome"] for e in tdt.journal.of("import")] == ["OK"]
    verify = demat("audit", "verify")
    assert verify.exit_code == 0, verify.output


def test_a_client_without_certificate_is_refused(tdt, certs):
    import ssl

    import httpx
    import pytest

    context = ssl.create_default_context(cafile=str(certs.ca))
    with pytest.raises(httpx.HTTPError):
        httpx.get(tdt.base_url + "/api/test-connexion.php", verify=context)
    assert not tdt.journal.entries


def test_a_failed_login_is_a_clear_error(seeded, tdt, tdt_env, tmp_path, monkeypatch):
    path = build(tmp_path)
    monkeypatch.setenv("DEMAT_HELIOS_TDT_PASSWORD", "wrong")
    result = demat("pes", "send", path.name)
    assert result.exit_code == 2
    assert f"{path.name}: The TdT refused the authentication" in result.output
    assert "wrong" not in result.output
    [entry] = tdt.journal.of("import")
    assert entry["outcome"] == "auth"
    [state] = status_json()
    assert state["state"] == "pending" and state["error"] == "authentication refused"
    monkeypatch.setenv("DEMAT_HELIOS_TDT_PASSWORD", "pw")
    assert demat("pes", "send", path.name).exit_code == 0  # a first post, not a reconciliation
    assert [e["outcome"] for e in tdt.journal.of("import")] == ["auth", "OK"]


def test_dry_run_sends_nothing_and_usage(seeded, tdt, tdt_env, tmp_path):
    path = build(tmp_path)
    result = demat("pes", "send", "--all", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"{path.name}: would be sent" in result.output
    assert not tdt.journal.entries and status_json()[0]["state"] is None
    assert demat("pes", "send").exit_code == 2
    assert demat("pes", "send", path.name, "--all").exit_code == 2
