"""``must_signed``: the TdT holds the file at 13 until it is signed on its pages; the
emulator's seeded Hélios rules (amounts, IdUnique already received, empty PJ,
unknown IdPost) over loopback; a PES_NonAcquit is kept and named, not interpreted."""

from __future__ import annotations

import hashlib

import pytest
from lxml import etree
from tdt_helpers import build, demat, status_json, store_raw_file

from connectors.tdt.config import load_config
from invoices.errors import SetupError


def _sign(tdt, tx_id: int) -> bytes:
    import httpx

    from connectors.tdt.client import tls_context

    with httpx.Client(verify=tls_context(load_config()), auth=("mairie", "pw")) as client:
        return client.get(f"{tdt.base_url}/emulator/sign", params={"transaction": tx_id}).content


def test_must_signed_waits_at_13_until_signed(seeded, tdt, tdt_env, tmp_path, monkeypatch):
    monkeypatch.setenv("DEMAT_HELIOS_MUST_SIGNED", "true")
    path = build(tmp_path)
    assert demat("pes", "send", path.name).exit_code == 0
    [tx] = tdt.world.transactions.values()
    [entry] = tdt.journal.of("import")
    assert entry["must_signed"] is True and tx.status == 13
    tdt.advance(600)  # the clock does not move an unsigned file
    assert demat("pes", "status", "--refresh").exit_code == 0
    assert status_json()[0]["status"] == {"code": 13, "name": "to_sign"}
    text = demat("pes", "status").output
    assert "waiting to be signed" in text and "to be signed on the TdT's web pages" in text

    assert b"<resultat>OK</resultat>" in _sign(tdt, tx.id)
    assert b"<resultat>KO</resultat>" in _sign(tdt, tx.id)  # nothing left to sign
    tdt.advance(240)
    assert demat("pes", "status", "--refresh").exit_code == 0
    assert status_json()[0]["status"] == {"code": 4, "name": "acknowledged"}
    assert "to be signed" not in demat("pes", "status").output


def test_without_the_setting_nothing_waits(seeded, tdt, tdt_env, tmp_path):
    path = build(tmp_path)
    assert demat("pes", "send", path.name).exit_code == 0
    [tx] = tdt.world.transactions.values()
    assert tx.status == 1 and tdt.journal.of("import")[0]["must_signed"] is False


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_bad_must_signed_value_names_the_setting(tdt_env, monkeypatch, value):
    monkeypatch.setenv("DEMAT_HELIOS_MUST_SIGNED", value)
    with pytest.raises(SetupError) as refused:
        load_config()
    assert "DEMAT_HELIOS_MUST_SIGNED" in refused.value.message("en")


def test_must_signed_from_the_config_file(tdt_env, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[helios]\nmust_signed = true\nid_post = "034000"\n', encoding="utf-8")
    assert load_config(path=config).must_signed is True


def _rewritten(path, old: bytes, new: bytes) -> bytes:
    data = path.read_bytes()
    assert old in data
    return data.replace(old, new, 1)


def test_a_bordereau_whose_lines_do_not_add_up_is_ko(seeded, tdt, tdt_env, tmp_path):
    """Bordereau 41 declares the sum of its lines; one line of mandat 502 changed
    behind it: both mandats of 41 are KO with Hélios's message, 42 stays OK."""
    path = build(tmp_path)
    bad = _rewritten(path, b'<MtHT V="2000.00"/>', b'<MtHT V="2100.00"/>')
    bad = bad.replace(path.name.encode(), b"PESALR2_AMOUNTS.xml")
    store_raw_file(seeded.url, "PESALR2_AMOUNTS.xml", bad)
    assert demat("pes", "send", "PESALR2_AMOUNTS.xml").exit_code == 0
    tdt.advance(240)
    [tx] = tdt.world.transactions.values()
    root = etree.fromstring(tx.acquit)
    states = {
        e.find("NumBord").get("V"): (e.find("EtatAck").get("V"), e.find("Erreur/NumAnoAck"))
        for e in root.iter("ElementACQUIT")
        if e.find("DomaineAck").get("V") == "5"
    }
    assert states["42"][0] == "1" and states["42"][1] is None
    assert states["41"][0] == "0" and states["41"][1].get("V") == "ERREUR_AUTRE"
    label = root.find(".//ElementACQUIT/Erreur/LibelleAnoAck").get("V")
    assert "Montant HT du bordereau 41" in label and "501, 502" in label
    assert not any(r.data for r in tdt.world.retours.values() if b'IdBord V="41"' in r.data)


def test_a_file_refused_by_helios_keeps_its_non_acquit(seeded, tdt, tdt_env, pes_shared):
    tdt.world.config.aller_schema = (
        pes_shared / "schemas" / "v5.30" / "PES_V2" / "Rev0" / "PES_Aller.xsd"
    )
    bad = (
        b"<?xml version='1.0' encoding='ISO-8859-1'?>\n"
        b'<n:PES_Aller xmlns:n="http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller">'
        b'<Enveloppe><Parametres><NomFic V="NACK.xml"/></Parametres></Enveloppe>'
        b'<EnTetePES><IdPost V="034000"/><IdColl V="21750011500019"/><CodCol V="123"/>'
        b'<CodBud V="01"/></EnTetePES><PES_PJ><PJ/></PES_PJ></n:PES_Aller>'
    )
    store_raw_file(seeded.url, "NACK.xml", bad)
    assert demat("pes", "send", "NACK.xml").exit_code == 0
    tdt.advance(600)
    assert demat("pes", "status", "--refresh").exit_code == 0
    [state] = status_json()
    assert state["status"] == {"code": 6, "name": "refused"}
    [tx] = tdt.world.transactions.values()
    assert state["answer"] == {
        "kind": "non-acquit",
        "sha256": hashlib.sha256(tx.acquit).hexdigest(),
    }
    text = demat("pes", "status").output
    assert "Hélios answered a PES_NonAcquit: kept as it came, not interpreted" in text
    assert demat("audit", "verify").exit_code == 0


def test_an_unknown_poste_comptable_refuses_everything(seeded, tdt, tdt_env, tmp_path):
    tdt.world.config.known_id_posts = frozenset({"999999"})
    path = build(tmp_path)
    assert demat("pes", "send", path.name).exit_code == 0
    tdt.advance(240)
    assert demat("pes", "status", "--refresh").exit_code == 0
    [state] = status_json()
    assert {m["acquit"] for m in state["mandats"]} == {"ko"}
    assert {a["acquit"] for a in state["attachments"]} == {"ko"}
    assert all("ERREUR_CODIQUE" in a["message"] for a in state["attachments"])
    assert not tdt.world.retours  # nothing taken in charge, nothing to tell


def test_an_empty_pj_is_ko_its_neighbours_ok(seeded, tdt, tdt_env, tmp_path):
    import base64
    import gzip

    path = build(tmp_path)
    root = etree.fromstring(path.read_bytes())
    first = root.find("PES_PJ/PJ")
    target = first.find("IdUnique").get("V")
    first.find("Contenu/Fichier").text = base64.b64encode(gzip.compress(b"")).decode()
    data = etree.tostring(root, xml_declaration=True, encoding="ISO-8859-1")
    store_raw_file(seeded.url, "EMPTYPJ.xml", data)
    assert demat("pes", "send", "EMPTYPJ.xml").exit_code == 0
    tdt.advance(240)
    [tx] = tdt.world.transactions.values()
    acquit = etree.fromstring(tx.acquit)
    pjs = {
        e.find("IdUnique").get("V"): (e.find("EtatAck").get("V"), e.findtext("Erreur") is not None)
        for e in acquit.iter("ElementACQUIT")
        if e.find("DomaineAck").get("V") == "4"
    }
    assert pjs.pop(target) == ("0", True)
    assert len(pjs) == 2 and set(pjs.values()) == {("1", False)}
    label = acquit.find(".//ElementACQUIT/Erreur/LibelleAnoAck").get("V")
    assert label == f"Pièce justificative {target} vide"


def test_an_acquit_retour_in_place_of_the_acquit_is_kept_and_named(
    seeded, tdt, tdt_env, tmp_path, pes_shared
):
    path = build(tmp_path)
    assert demat("pes", "send", path.name).exit_code == 0
    tdt.advance(240)
    [tx] = tdt.world.transactions.values()
    tx.acquit = (pes_shared / "samples" / "s2low_PES_ACQUIT_RETOUR.xml").read_bytes()
    assert demat("pes", "status", "--refresh").exit_code == 0
    [state] = status_json()
    assert state["answer"] == {
        "kind": "acquit-retour",
        "sha256": hashlib.sha256(tx.acquit).hexdigest(),
    }
    assert {a["acquit"] for a in state["attachments"]} == {None}  # nothing guessed
    text = demat("pes", "status").output
    assert "Hélios answered a PES_ACQUIT_RETOUR: kept as it came, not interpreted" in text
