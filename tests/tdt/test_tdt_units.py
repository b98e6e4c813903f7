"""The emulator's Hélios rules and the connector's settings, without the network."""

from __future__ import annotations

import base64
import gzip
from pathlib import Path

import pytest
from lxml import etree

from connectors.tdt.config import load_config
from emulators.tdt import Config, World
from invoices.errors import SetupError
from invoices.syntax import read_acquit


def _aller(pes_shared: Path) -> bytes:
    return (pes_shared / "samples" / "synthetic_pes_aller_depense_pj.xml").read_bytes()


def _schema(pes_shared: Path) -> etree.XMLSchema:
    xsd = pes_shared / "schemas" / "v5.30" / "PES_V2" / "Rev0" / "PES_V2_Acquit_Autonome_V2.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def _acknowledged(world: World, data: bytes) -> bytes:
    assert world.refusal(data) is None
    tx = world.accept(data)
    world.advance(4 * world.config.step)
    assert tx.status == 4 and tx.acquit is not None
    return tx.acquit


def test_statuses_follow_the_clock(pes_shared):
    world = World(Config())
    tx = world.accept(_aller(pes_shared))
    seen = []
    for _ in range(4):
        seen.append(tx.status)
        world.advance(world.config.step)
    assert seen == [1, 2, 3, 4]


def test_unknown_id_post_makes_every_element_ko(pes_shared):
    world = World(Config(known_id_posts=frozenset({"999999"})))
    acquit = _acknowledged(world, _aller(pes_shared))
    assert _schema(pes_shared).validate(etree.fromstring(acquit))
    read = read_acquit(acquit)
    assert {e.state for e in read.elements} == {"ko"} and len(read.elements) == 2


def test_empty_pj_and_id_unique_received_twice(pes_shared):
    data = _aller(pes_shared)
    root = etree.fromstring(data)
    content = root.find("PES_PJ/PJ/Contenu/Fichier")
    content.text = base64.b64encode(gzip.compress(b"")).decode()
    empty = etree.tostring(root, xml_declaration=True, encoding="ISO-8859-1")
    world = World(Config())
    read = read_acquit(_acknowledged(world, empty))
    [(id_unique, state)] = read.pj_states().items()
    assert state == "ko" and read.bordereau_state(2025, 42) == "ok"
    assert "vide" in (read.pj(id_unique).errors[0].label or "")

    again = read_acquit(_acknowledged(world, data.replace(b"_001.xml", b"_002.xml")))
    assert again.pj_state(id_unique) == "ko"
    assert again.pj(id_unique).errors[0].code == "ERREUR_DOUBLON_PJ"


def test_settings_from_the_helios_table_secrets_hidden(tmp_path):
    cert = tmp_path / "client.pem"
    cert.write_text("-")
    toml = tmp_path / "config.toml"
    toml.write_text(
        f'[helios]\ntdt_url = "https://tdt.example/"\ntdt_certificate = "{cert}"\n'
        'tdt_key_password = "hush"\ntdt_login = "mairie"\ntdt_password = "hush2"\n',
        encoding="utf-8",
    )
    config = load_config({"DEMAT_HELIOS_TDT_TIMEOUT": "5"}, toml)
    assert config.url == "https://tdt.example" and config.timeout == 5.0
    assert config.key_password == "hush" and config.login == "mairie"
    assert "hush" not in repr(config)
    with pytest.raises(SetupError) as missing:
        load_config({}, tmp_path / "none.toml")
    assert "DEMAT_HELIOS_TDT_URL" in str(missing.value)
    with pytest.raises(SetupError) as absent:
        load_config({"DEMAT_HELIOS_TDT_CA": str(tmp_path / "no.pem")}, toml)
    assert "no.pem" in str(absent.value)


def test_the_emulator_issues_its_own_ca(tmp_path):
    from connectors.tdt.client import TdtClient
    from emulators.tdt import Emulator

    emulator, env = Emulator.start_with_own_ca(tmp_path / "ca", Config(login="m", password="p"))
    with emulator:
        config = load_config(env, tmp_path / "none.toml")
        with TdtClient(config) as client:
            assert client.test_connection()
        assert [e["outcome"] for e in emulator.journal.entries] == ["OK"]
        wrong = load_config({**env, "DEMAT_HELIOS_TDT_KEY_PASSWORD": "bad"}, tmp_path / "x")
        with pytest.raises(SetupError) as refused:
            TdtClient(wrong)
        assert "client.pem" in str(refused.value) and "bad" not in str(refused.value)
