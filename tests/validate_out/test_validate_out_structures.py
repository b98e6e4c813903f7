"""The structures file: what loads, what is refused (with the file named), round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from invoices.errors import SetupError
from invoices.validation.structures import Service, Structure, Structures, configured


def test_seed_world_loads(seed: Structures, seed_path: Path) -> None:
    assert len(seed) == 7
    dep = seed.get("21440109300015")
    assert dep is not None and dep.service_code_required and dep.engagement_required
    assert dep.active_service_codes() == ["DEP-ACHATS"]
    cc = seed.get("21130055300016")
    assert cc.service("CC-ANCIEN") == Service("CC-ANCIEN", active=False)
    assert "CC-ANCIEN" not in cc.active_service_codes()
    assert seed.get("21670482500019").active is False
    assert seed.get("214 401 093 00015") is dep  # spaces as a clerk types them
    assert seed.source == str(seed_path)


def test_round_trip(seed: Structures) -> None:
    again = Structures.from_json(json.loads(json.dumps(seed.to_json())))
    assert list(again) == list(seed)


def test_plain_constructor_for_the_directory_lookup() -> None:
    structures = Structures(
        [Structure("21750011500019", services=(Service("MAIRIE-FIN"),))],
        source="Chorus Pro directory",
    )
    assert "21750011500019" in structures and "00000000000000" not in structures


@pytest.mark.parametrize(
    "content,needle",
    [
        ("{not json", "invalid JSON"),
        ("[]", "expected shape"),
        ('{"structures": [{"siret": "123"}]}', "siret: 14 digits"),
        (
            '{"structures": [{"siret": "21750011500019", "service_required": true}]}',
            "unknown keys service_required",
        ),
        ('{"structures": [{"siret": "21750011500019", "active": "yes"}]}', "active: true/false"),
        (
            '{"structures": [{"siret": "21750011500019", "services": [{"name": "x"}]}]}',
            "objects with a code",
        ),
        (
            '{"structures": [{"siret": "21750011500019", "engagements": [1]}]}',
            "engagements: list of text",
        ),
    ],
)
def test_bad_files_are_setup_errors_naming_the_file(
    tmp_path: Path, content: str, needle: str
) -> None:
    path = tmp_path / "structures.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SetupError) as caught:
        Structures.load(path)
    message = caught.value.message()
    assert str(path) in message and needle in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SetupError) as caught:
        Structures.load(tmp_path / "absent.json")
    assert "file not found" in caught.value.message()


def test_configured_from_env_then_config_dir(seed_path: Path, monkeypatch, tmp_path: Path) -> None:
    assert configured() is None
    monkeypatch.setenv("DEMAT_CONFIG_DIR", str(tmp_path))
    (tmp_path / "structures.json").write_text(seed_path.read_text("utf-8"), "utf-8")
    assert len(configured()) == 7
    monkeypatch.setenv("DEMAT_STRUCTURES", str(tmp_path / "nope.json"))
    with pytest.raises(SetupError):
        configured()


def test_configured_file_is_read_again_when_it_changes(
    seed_path: Path, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "structures.json"
    path.write_text(seed_path.read_text("utf-8"), "utf-8")
    monkeypatch.setenv("DEMAT_STRUCTURES", str(path))
    first = configured()
    assert configured() is first  # cached while the file is unchanged
    path.write_text('{"structures": []}', "utf-8")
    assert len(configured()) == 0
