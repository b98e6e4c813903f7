"""Fixtures of the validation engine tests: the reference verdicts and the manifest.

The CEN artefacts come from the shared ``cen_dir`` / ``artefacts`` fixtures of
``tests/conftest.py``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def verdicts(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "VERDICTS.tsv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


@pytest.fixture(scope="session")
def manifest(corpus: Path) -> dict[str, dict[str, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as stream:
        return {row["path"]: row for row in csv.DictReader(stream, delimiter="\t")}
