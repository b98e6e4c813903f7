"""Fixtures of the to-do tests: a real store (SQLite and PostgreSQL), real invoices
from the commune's supplier, ingested and validated by the real pipeline."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from invoices.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
COMMUNE = "21750011500019"  # the buyer of samples/ubl-invoice.xml


@pytest.fixture(autouse=True)
def _settings(artefacts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation can run; the commune is known; the bank-detail gate is off unless a
    test turns it on (it has its own tests in tests/guard)."""
    monkeypatch.setenv("DEMAT_COMMUNE_SIRET", COMMUNE)
    monkeypatch.setenv("DEMAT_GUARD", "off")
    monkeypatch.delenv("DEMAT_PAYMENT_DAYS", raising=False)


@pytest.fixture
def store(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("DEMAT_DB", db_url)
    with open_store(db_url, documents=tmp_path / "documents") as opened:
        yield opened


@pytest.fixture
def receive(store: Store, tmp_path: Path) -> Callable[..., int]:
    """``receive(number, total=None)``: the sample invoice with a new number, ingested
    through the pipeline; its id."""
    from invoices.pipeline import ingest
    from invoices.reading import read
    from invoices.write import to_ubl

    def make(number: str, **changes: Any) -> int:
        invoice = dataclasses.replace(read(ROOT / "samples" / "ubl-invoice.xml"), number=number)
        path = tmp_path / "in" / f"{number}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(to_ubl(dataclasses.replace(invoice, **changes)))
        outcome = next(iter(ingest([path], store=store, source="test")))
        assert outcome.document_id is not None, outcome.to_json()
        return outcome.document_id

    return make
