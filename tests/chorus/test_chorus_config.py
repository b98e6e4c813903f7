"""Settings: environment over file, presets, a private secrets file, secrets never shown."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.chorus.config import MASK, PRESETS, Secret, load_config
from invoices.errors import SetupError

FULL_ENV = {
    "DEMAT_CHORUS_CLIENT_ID": "app-id",
    "DEMAT_CHORUS_CLIENT_SECRET": "app-secret-value",
    "DEMAT_CHORUS_LOGIN": "TECH_DEMAT_01@cpro.fr",
    "DEMAT_CHORUS_PASSWORD": "account-password-value",
}


def _write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)
    return path


@settings(deadline=None)  # behaviour, not wall time (shared machine)
@given(st.text(alphabet=st.characters(blacklist_characters="*"), min_size=9))
def test_secret_never_renders_its_value(value: str) -> None:
    # 9 characters without '*' cannot be a piece of the mask rendering itself.
    secret = Secret(value)
    assert secret.reveal() == value
    for shown in (repr(secret), str(secret), f"{secret}", f"{secret!r}", f"{[secret]}"):
        assert value not in shown
    assert pickle.loads(pickle.dumps(secret)) == secret


def test_defaults_are_the_qualification_platform(tmp_path: Path) -> None:
    config = load_config({}, tmp_path / "none.toml")
    assert config.environment == "qualification"
    assert (config.token_url, config.api_url) == PRESETS["qualification"]
    assert set(config.missing()) == {"client_id", "client_secret", "login", "password"}
    with pytest.raises(SetupError) as info:
        config.require_credentials()
    assert "DEMAT_CHORUS_CLIENT_SECRET" in info.value.message()


def test_production_preset_and_aliases(tmp_path: Path) -> None:
    prod = load_config({"DEMAT_CHORUS_ENV": "prod"}, tmp_path / "none.toml")
    assert prod.environment == "production"
    assert prod.api_url == "https://api.piste.gouv.fr"
    assert (
        load_config({"DEMAT_CHORUS_ENV": "sandbox"}, tmp_path / "none.toml").environment
        == "qualification"
    )
    with pytest.raises(SetupError) as info:
        load_config({"DEMAT_CHORUS_ENV": "staging"}, tmp_path / "none.toml")
    assert "staging" in info.value.message()


def test_explicit_urls_make_a_custom_environment(tmp_path: Path) -> None:
    config = load_config(
        {
            "DEMAT_CHORUS_API_URL": "http://127.0.0.1:8080/",
            "DEMAT_CHORUS_TOKEN_URL": "http://127.0.0.1:8080/api/oauth/token",
        },
        tmp_path / "none.toml",
    )
    assert config.environment == "custom"
    assert config.api_url == "http://127.0.0.1:8080"
    with pytest.raises(SetupError):
        load_config({"DEMAT_CHORUS_API_URL": "ftp://x"}, tmp_path / "none.toml")


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "config.toml",
        '[chorus]\nclient_id = "from-file"\n'
        'client_secret = "file-secret"\ntimeout = 12\nenvironment = "production"\n',
    )
    config = load_config({"DEMAT_CHORUS_CLIENT_ID": "from-env"}, path)
    assert config.client_id == "from-env"
    assert config.client_secret.reveal() == "file-secret"
    assert config.timeout == 12.0
    assert config.environment == "production"
    assert config.origins["client_id"] == "DEMAT_CHORUS_CLIENT_ID"
    assert config.origins["timeout"] == str(path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660])
def test_a_secrets_file_others_can_read_is_refused(tmp_path: Path, mode: int) -> None:
    path = _write(tmp_path / "config.toml", '[chorus]\nclient_secret = "s3cr3t-value"\n', mode)
    with pytest.raises(SetupError) as info:
        load_config({}, path)
    message = info.value.message()
    assert str(path) in message and "chmod 600" in message
    assert "s3cr3t-value" not in message


@pytest.mark.parametrize(
    "text, needle",
    [
        ("[chorus\n", "invalid"),
        ('[chorus]\nclient_sceret = "x"\n', "client_sceret"),
        ("[chorus]\ntimeout = -3\n", "timeout"),
        ('[chorus]\nread_retries = "many"\n', "read_retries"),
        ("chorus = 3\n", "table"),
    ],
)
def test_bad_files_are_clear_errors(tmp_path: Path, text: str, needle: str) -> None:
    path = _write(tmp_path / "config.toml", text)
    with pytest.raises(SetupError) as info:
        load_config({}, path)
    assert needle in info.value.message() and str(path) in info.value.message()


def test_secrets_are_masked_everywhere_they_could_leak(tmp_path: Path) -> None:
    config = load_config(FULL_ENV, tmp_path / "none.toml")
    for text in (repr(config), str(config), str(config.shown()), repr(config.shown())):
        assert "app-secret-value" not in text and "account-password-value" not in text
    assert config.shown()["client_secret"] == MASK
    assert config.shown()["login"] == "TECH_DEMAT_01@cpro.fr"
    assert config.missing() == []


def test_the_default_file_is_read_from_the_config_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DEMAT_CONFIG_DIR", str(tmp_path))
    for name in FULL_ENV:
        monkeypatch.delenv(name, raising=False)
    _write(tmp_path / "config.toml", '[chorus]\nlogin = "someone@cpro.fr"\n')
    assert load_config().login == "someone@cpro.fr"
