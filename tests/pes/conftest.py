"""PES fixtures: the PES V2 bundle installed beside the CEN artefacts, the commune's
Hélios settings, and a store holding three validated sample invoices.

Ingesting (and validating) the samples takes seconds, so it is done once per
session into a template store that each test copies.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
INVOICES = ("facturx-en16931.pdf", "cii-en16931.xml", "ubl-invoice.xml")
HELIOS = {
    "DEMAT_HELIOS_ID_POST": "034000",
    "DEMAT_HELIOS_ID_COLL": "21750011500019",
    "DEMAT_HELIOS_COD_COL": "123",
    "DEMAT_HELIOS_COD_BUD": "01",
    "DEMAT_HELIOS_LIBELLE_COL_BUD": "COMMUNE DE SAINT-EXEMPLE",
}


@pytest.fixture(scope="session")
def pes_shared(shared: Path) -> Path:
    return shared / "pes"


@pytest.fixture(scope="session")
def pes_bundle(cen_dir: Path, pes_shared: Path) -> Path:
    """The PES bundle, installed once through the real SHA-256-checking installer."""
    from demat.artefacts_fetch import install_from_folder

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMAT_ARTEFACTS_DIR", str(cen_dir))
        install_from_folder(pes_shared / "schemas")
    return cen_dir


@pytest.fixture
def pes_artefacts(artefacts: Path, pes_bundle: Path) -> Path:
    return artefacts


@pytest.fixture
def helios(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name, value in HELIOS.items():
        monkeypatch.setenv(name, value)
    return HELIOS


@dataclass(frozen=True)
class Seeded:
    url: str
    documents: Path
    #: invoice number -> store id
    ids: dict[str, int]


@pytest.fixture(scope="session")
def _template(cen_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    from invoices.pipeline.ingest import ingest
    from invoices.store import open_store

    base = tmp_path_factory.mktemp("pes-template")
    url = f"sqlite:///{base / 'store.sqlite3'}"
    ids: dict[str, int] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMAT_ARTEFACTS_DIR", str(cen_dir))
        with open_store(url, documents=base / "documents") as store:
            for outcome in ingest([SAMPLES / name for name in INVOICES], store=store):
                assert outcome.status == "received", outcome
                assert outcome.document_id is not None and outcome.number is not None
                ids[outcome.number] = outcome.document_id
    return Seeded(url, base / "documents", ids)


@pytest.fixture
def seeded(
    _template: Seeded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pes_artefacts: Path
) -> Iterator[Seeded]:
    """A private copy of the template store (``DEMAT_DB`` / ``DEMAT_DOCUMENTS`` point at it)."""
    source = Path(_template.url.removeprefix("sqlite:///"))
    target = tmp_path / "store"
    shutil.copytree(source.parent, target)
    copy = Seeded(f"sqlite:///{target / source.name}", target / "documents", dict(_template.ids))
    monkeypatch.setenv("DEMAT_DB", copy.url)
    monkeypatch.setenv("DEMAT_DOCUMENTS", str(copy.documents))
    yield copy
