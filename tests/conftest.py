"""Fixtures shared by every test area: where the shared test data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def shared_dir() -> Path:
    """``../shared`` beside the checkout (CI lays it there); overridable for odd layouts."""
    return Path(os.environ.get("DEMAT_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not (path / "corpus" / "MANIFEST.tsv").is_file():
        pytest.fail(f"shared test data not found at {path} (set DEMAT_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def corpus(shared: Path) -> Path:
    return shared / "corpus"


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests assert English messages unless they choose otherwise."""
    from invoices.i18n import set_language

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    set_language(None)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes into the real user's data or config directory."""
    monkeypatch.setenv("DEMAT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("DEMAT_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
