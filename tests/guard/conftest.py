"""Guard fixtures: a store on SQLite and PostgreSQL (``db_url``), the commune's SIRET,
a private config directory, and a CII invoice builder that carries a payee IBAN."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from invoices.store import Store, open_store

# The one invoice builder of the store and guard tests (from the model, by the writer).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from invoice_builder import BUYER as COMMUNE
from invoice_builder import SELLER, USUAL, invoice_xml

FRAUD = "FR1420041010050500013M02606"
__all__ = ["COMMUNE", "FRAUD", "SELLER", "USUAL", "invoice_xml"]


@pytest.fixture(autouse=True)
def _guarded(artefacts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation runs for real; the gate is on, for the commune, with no config file."""
    monkeypatch.setenv("DEMAT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DEMAT_COMMUNE_SIRET", COMMUNE)
    for name in ("DEMAT_GUARD", "DEMAT_GUARD_TWO_PERSON", "DEMAT_CHORUS_SIRET"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def store(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("DEMAT_DB", db_url)
    monkeypatch.setenv("DEMAT_DOCUMENTS", str(tmp_path / "documents"))
    with open_store(db_url, documents=tmp_path / "documents") as opened:
        yield opened


@pytest.fixture
def make_invoice() -> Callable[..., bytes]:
    """The invoice builder (:func:`invoice_xml`): tests never import conftest."""
    return invoice_xml
