"""Work done once per ingest: one hash of the bytes, one XML parse, one media-type verdict.

Every XML parse of the project goes through :func:`invoices.xmlsafe.parse` and every
digest of a document through :mod:`hashlib`'s ``sha256``: the test counts both around
the ingest of one file (the official stylesheets run in another process, on the
serialised tree, and are not counted).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from invoices import xmlsafe
from invoices.pipeline import OutcomeKind, ingest
from invoices.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[bytes]]:
    seen: dict[str, list[bytes]] = {"parse": [], "sha256": []}
    real_parse, real_sha = xmlsafe.parse, hashlib.sha256

    def parse(data: bytes, file: str | None = None) -> Any:
        seen["parse"].append(data)
        return real_parse(data, file)

    def sha256(data: bytes = b"", **kwargs: Any) -> Any:
        seen["sha256"].append(bytes(data))  # audit records are hashed too: count the document
        return real_sha(data, **kwargs)

    monkeypatch.setattr(xmlsafe, "parse", parse)
    monkeypatch.setattr(hashlib, "sha256", sha256)
    return seen


def _other_document(data: bytes) -> bool:
    return data.startswith(b"<?xpacket") or b"schematron-output" in data[:2000]


@pytest.mark.parametrize("name", ["ubl-invoice.xml", "cii-en16931.xml", "facturx-basic.pdf"])
def test_an_ingest_parses_and_hashes_the_document_once(
    store: Store, artefacts: Path, tmp_path: Path, name: str, counted: dict[str, list[bytes]]
) -> None:
    data = (SAMPLES / name).read_bytes()
    (tmp_path / name).write_bytes(data)
    (outcome,) = ingest([tmp_path / name], store=store)
    assert outcome.kind is OutcomeKind.NEW, outcome.to_json()
    assert counted["sha256"].count(data) == 1
    # The invoice's XML (the PDF's attachment, for a PDF); a PDF's XMP metadata and the
    # stylesheets' SVRL answers are other documents.
    invoice_xml = [p for p in counted["parse"] if not _other_document(p)]
    assert len(invoice_xml) == 1
    if name.endswith(".xml"):
        assert invoice_xml == [data]


def test_a_known_document_is_neither_parsed_nor_hashed_twice(
    store: Store, artefacts: Path, tmp_path: Path, counted: dict[str, list[bytes]]
) -> None:
    file = tmp_path / "a.xml"
    file.write_bytes((SAMPLES / "ubl-invoice.xml").read_bytes())
    list(ingest([file], store=store))
    counted["parse"].clear()
    counted["sha256"].clear()
    (again,) = ingest([file], store=store)
    assert again.kind is OutcomeKind.KNOWN
    assert counted["parse"] == []
    assert counted["sha256"] == [file.read_bytes()]  # to know it is known; no audit record
