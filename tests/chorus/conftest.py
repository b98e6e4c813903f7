"""Fixtures of the Chorus Pro client tests: a real emulator on loopback, a real store.

Nothing is mocked: the client talks HTTP to the emulator server over 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chorus_helpers import SwaggerChecked

from connectors.chorus.client import ChorusClient
from connectors.chorus.config import ChorusConfig, load_config
from emulators.chorus import Emulator

#: Integration on the first poll; routing and availability wait for the test to move
#: the emulator clock, so a test sees each step of the status history.
FAST = {"delays": {"reception": 0, "integration": 0, "routing": 60, "availability": 120}}


@pytest.fixture(autouse=True)
def _artefacts(artefacts: Path) -> None:
    """Invoices are validated with every official layer, as a clerk's would be."""


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator.start(config=FAST) as emu:
        yield emu


@pytest.fixture
def chorus_env(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """``DEMAT_CHORUS_*`` pointing at the emulator, with test-sized waits."""
    env = {
        **emulator.env(),
        "DEMAT_CHORUS_POLL_INTERVAL": "0.05",
        "DEMAT_CHORUS_POLL_TIMEOUT": "20",
        "DEMAT_CHORUS_TIMEOUT": "5",
        "DEMAT_CHORUS_RECONCILE_GRACE": "30",
        "DEMAT_GUARD": "off",  # the bank-detail gate has its own tests (tests/guard)
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def config(chorus_env: dict[str, str]) -> ChorusConfig:
    return load_config()


@pytest.fixture
def transport() -> Iterator[SwaggerChecked]:
    checked = SwaggerChecked()
    yield checked
    assert not checked.errors, checked.errors


@pytest.fixture
def client(config: ChorusConfig, transport: SwaggerChecked) -> Iterator[ChorusClient]:
    with ChorusClient(config, transport, backoff_base=0.01) as made:
        yield made


@pytest.fixture
def store(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The connector's store, on SQLite and on PostgreSQL (``db_url``), also for the
    ``demat`` subprocesses the tests start (``DEMAT_DB``)."""
    from invoices.store import open_store

    monkeypatch.setenv("DEMAT_DB", db_url)
    monkeypatch.setenv("DEMAT_DOCUMENTS", str(tmp_path / "documents"))
    with open_store(db_url) as opened:
        yield opened
