"""Duplicates across receive paths, end to end: an invoice a supplier mailed to the
commune (inbox, as CII) and the same invoice received through Chorus Pro (as the UBL
the supplier deposited) are one invoice: the second to arrive is a suspected duplicate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chorus_helpers import COMMUNE

from connectors.chorus.connector import ChorusConnector
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from invoices.pipeline import OutcomeKind, ingest
from invoices.reading import read_document
from invoices.store import Invoice
from invoices.write import to_cii


def test_an_invoice_mailed_then_received_on_chorus_pro_is_a_suspected_duplicate(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    with emulator.world.lock:
        [platform] = add_received(emulator.world, count=1, recipient=COMMUNE)
    assert platform.syntax == "ubl"  # deposited as UBL
    # The supplier also e-mailed it, as CII written from the same invoice.
    model = read_document(platform.original, name="deposited.xml").invoice
    assert model is not None
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "mail.xml").write_bytes(to_cii(model))
    [mailed] = list(ingest([inbox], store=store))
    assert mailed.kind is OutcomeKind.NEW and mailed.document_id is not None
    with ChorusConnector(store) as connector:
        [received] = connector.fetch_received().received
    assert received.document_id is not None and received.document_id != mailed.document_id
    with store.read() as session:
        row = session.get(Invoice, received.document_id)
        assert row is not None
        assert (row.status, row.duplicate_of) == ("suspected-duplicate", mailed.document_id)
