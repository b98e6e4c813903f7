"""Store fixtures: every store test runs on SQLite AND on the real PostgreSQL
(the ``db_url`` fixture of ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from invoice_builder import BUYER, OTHER_SELLER, SELLER, cii_invoice

from invoices.store import Store, open_store

__all__ = ["BUYER", "OTHER_SELLER", "SELLER", "cii_invoice"]


def write_invoices(folder: Path, count: int, *, prefix: str = "F", start: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"{prefix}-{i:05d}.xml"
        path.write_bytes(cii_invoice(f"{prefix}-2026-{i:05d}"))
        paths.append(path)
    return paths


@pytest.fixture(autouse=True)
def _validation_can_run(artefacts: Path) -> None:
    """Ingest validates for real, in this process and in the subprocesses tests start."""


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    with open_store(db_url, documents=tmp_path / "documents") as opened:
        yield opened


@pytest.fixture
def cii() -> Callable[..., bytes]:
    """The invoice builder (:func:`cii_invoice`), for tests: they never import conftest."""
    return cii_invoice


@pytest.fixture
def write_folder() -> Callable[..., list[Path]]:
    """Writes ``count`` distinct invoices into a folder (:func:`write_invoices`)."""
    return write_invoices
