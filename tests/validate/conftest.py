"""Fixtures of the validation engine tests: the CEN artefacts installed once per session.

The autouse fixture of ``tests/conftest.py`` gives every test its own empty data
directory; the CEN artefacts are installed once, from ``shared/artefacts/`` (as CI
does, it has no internet), into a session folder, and the tests that need them
point ``DEMAT_ARTEFACTS_DIR`` at it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemas import catalogue


@pytest.fixture(scope="session")
def cen_dir(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from schemas.install import install_from_folder

    target = tmp_path_factory.mktemp("cen-artefacts")
    previous = os.environ.get("DEMAT_ARTEFACTS_DIR")
    os.environ["DEMAT_ARTEFACTS_DIR"] = str(target)
    try:
        install_from_folder(shared / "artefacts")
    finally:
        if previous is None:
            os.environ.pop("DEMAT_ARTEFACTS_DIR", None)
        else:
            os.environ["DEMAT_ARTEFACTS_DIR"] = previous
    return target


@pytest.fixture
def artefacts(cen_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The engine uses the session's installed CEN artefacts."""
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(cen_dir))
    catalogue.forget_verified()
    yield cen_dir
    catalogue.forget_verified()


@pytest.fixture(scope="session")
def verdicts(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "VERDICTS.tsv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


@pytest.fixture(scope="session")
def manifest(corpus: Path) -> dict[str, dict[str, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as stream:
        return {row["path"]: row for row in csv.DictReader(stream, delimiter="\t")}
