"""Fixtures of the Hélios loop tests: the Chorus Pro emulator and the TdT emulator, both
real loopback servers (the TdT over mutual TLS), and an empty store of the test's own.

The TdT and PES fixtures are those of ``tests/tdt/conftest.py`` (which loads
``tests/pes/conftest.py``), loaded from its file so that every folder uses the same
certificates, bundle and settings.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from emulators.chorus import Emulator as ChorusEmulator

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE.parent / "tdt"))
_spec = importlib.util.spec_from_file_location("tdt_fixtures", _HERE.parent / "tdt" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_tdt = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _tdt
_spec.loader.exec_module(_tdt)
pes_shared = _tdt.pes_shared
pes_bundle = _tdt.pes_bundle
pes_artefacts = _tdt.pes_artefacts
helios = _tdt.helios
certs = _tdt.certs
tdt = _tdt.tdt
tdt_env = _tdt.tdt_env

#: Integration on the first poll; routing and availability when the clock is moved.
FAST = {
    "clock_scale": 0,
    "delays": {"reception": 0, "integration": 0, "routing": 60, "availability": 120},
}


@pytest.fixture
def chorus() -> Iterator[ChorusEmulator]:
    with ChorusEmulator.start(port=0, config=FAST) as emulator:
        yield emulator


@pytest.fixture
def loop_env(
    chorus: ChorusEmulator,
    tdt_env: dict[str, str],
    pes_artefacts: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
) -> dict[str, str]:
    """Both platforms, the MANDATEE loop on, and a fresh store (SQLite and PostgreSQL)."""
    url = db_url
    env = {
        **chorus.env(),
        **tdt_env,
        "DEMAT_CHORUS_POLL_INTERVAL": "0.05",
        "DEMAT_CHORUS_POLL_TIMEOUT": "20",
        "DEMAT_CHORUS_TIMEOUT": "5",
        "DEMAT_CHORUS_RECONCILE_GRACE": "30",
        "DEMAT_HELIOS_CHORUS_MANDATEE": "true",
        "DEMAT_DB": url,
        "DEMAT_DOCUMENTS": str(tmp_path / "documents"),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env
