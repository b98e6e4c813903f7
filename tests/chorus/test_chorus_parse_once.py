"""Work done once: the connector parses a document once per send and once per receipt.

Every XML parse of the project goes through :func:`invoices.xmlsafe.parse`; the tests
count its calls (and which bytes they were given) around one send and one receipt.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from chorus_helpers import COMMUNE, SYNDICAT, SwaggerChecked, make_invoice, write_invoice

from connectors.base import TransmissionState
from connectors.chorus.connector import ChorusConnector
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from invoices import xmlsafe
from invoices.pipeline import ingest


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bytes of every XML parse from now on, in order."""
    seen: list[bytes] = []
    real = xmlsafe.parse

    def counting(data: bytes, file: str | None = None) -> Any:
        seen.append(data)
        return real(data, file)

    monkeypatch.setattr(xmlsafe, "parse", counting)
    return seen


def _stored(store: Any, path: Path, **options: Any) -> tuple[int, bytes]:
    outcome = next(iter(ingest([path], store=store, source="test", **options)))
    assert outcome.document_id is not None and outcome.valid is True, outcome.to_json()
    return outcome.document_id, path.read_bytes()


def test_a_send_of_a_stored_invoice_parses_it_once(
    store: Any,
    chorus_env: dict[str, str],
    transport: SwaggerChecked,
    tmp_path: Path,
    parsed: list[bytes],
) -> None:
    # Stored without the Chorus layer: the recipient check must read the document.
    invoice_id, data = _stored(store, write_invoice(make_invoice("ONE-1"), "ubl", tmp_path))
    parsed.clear()
    with ChorusConnector(store, transport=transport) as connector:
        result = connector.submit(invoice_id)
    assert result.state is TransmissionState.INTEGRATED, result
    assert parsed == [data]


def test_a_send_after_a_chorus_ingest_reuses_the_stored_verdict(
    store: Any,
    chorus_env: dict[str, str],
    transport: SwaggerChecked,
    emulator: Emulator,
    tmp_path: Path,
    parsed: list[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The Chorus layer ran at ingest with the recipient's requirements: nothing to redo.
    structures = tmp_path / "structures.json"
    structures.write_text(json.dumps({"structures": [{"siret": SYNDICAT}]}), "utf-8")
    monkeypatch.setenv("DEMAT_STRUCTURES", str(structures))
    path = write_invoice(make_invoice("ONE-2"), "ubl", tmp_path / "in")
    invoice_id, data = _stored(store, path, chorus=True)
    assert parsed.count(data) == 1  # the ingest itself
    parsed.clear()
    with ChorusConnector(store, transport=transport) as connector:
        result = connector.submit(invoice_id)
    assert result.state is TransmissionState.INTEGRATED, result
    assert parsed == []
    assert len(emulator.journal.entries("factures/v1/deposer/flux")) == 1


def test_a_received_invoice_is_parsed_once(
    store: Any,
    chorus_env: dict[str, str],
    transport: SwaggerChecked,
    emulator: Emulator,
    parsed: list[bytes],
) -> None:
    with emulator.world.lock:
        add_received(emulator.world, count=1, recipient=COMMUNE)
    with ChorusConnector(store, transport=transport) as connector:
        got = connector.fetch_received().received
        assert len(got) == 1 and got[0].document_id is not None
        invoice, _name = connector.original_file(int(got[0].remote_id))
    # One parse of the platform's PIVOT envelope (to find the original in it), one of
    # the invoice itself by the ingest; the second original_file() above adds a pivot.
    pivots = [p for p in parsed if p != invoice]
    assert parsed.count(invoice) == 1
    assert len(pivots) == 2
