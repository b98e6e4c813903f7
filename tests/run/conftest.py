"""Fixtures of the ``demat run`` tests: the Chorus Pro emulator on loopback, a real store
on SQLite and PostgreSQL (``db_url``), an inbox beside which archive/ and rejected/ grow.

Nothing is mocked: the run talks HTTP to the emulator, validates with the official
artefacts and stores in the real database, in this process or in ``demat`` subprocesses.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from emulators.chorus import Emulator

FAST = {"delays": {"reception": 0, "integration": 0, "routing": 60, "availability": 120}}


@pytest.fixture(autouse=True)
def _artefacts(artefacts: Path) -> None:
    """Every run validates with the official layers, as a commune's would."""


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator.start(config=FAST) as emu:
        yield emu


@pytest.fixture
def chorus_env(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = {
        **emulator.env(),
        "DEMAT_CHORUS_POLL_INTERVAL": "0.05",
        "DEMAT_CHORUS_POLL_TIMEOUT": "20",
        "DEMAT_CHORUS_TIMEOUT": "5",
        "DEMAT_CHORUS_RECONCILE_GRACE": "3",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def store(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The run's store, also for the ``demat`` subprocesses (``DEMAT_DB``)."""
    from invoices.store import open_store

    monkeypatch.setenv("DEMAT_DB", db_url)
    monkeypatch.setenv("DEMAT_DOCUMENTS", str(tmp_path / "documents"))
    with open_store(db_url) as opened:
        yield opened


@pytest.fixture
def night(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``night/inbox`` named in ``[run]`` of config.toml, with a short settle time."""
    base = tmp_path / "night"
    (base / "inbox").mkdir(parents=True)
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        f'[run]\ninbox = "{base / "inbox"}"\nsettle = 0.1\nlock_timeout = 600\n',
        encoding="utf-8",
    )
    (config / "config.toml").chmod(0o600)
    monkeypatch.setenv("DEMAT_CONFIG_DIR", str(config))
    return base
