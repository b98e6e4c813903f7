"""The TdT connector behind the common interface: ``submit`` an invoice sends the PES
file carrying its mandat (once), ``follow`` gives its PJ's acquit and the history."""

from __future__ import annotations

import pytest
from tdt_helpers import build

from connectors.base import Connector
from connectors.tdt.client import TdtClient
from connectors.tdt.config import load_config
from connectors.tdt.connector import TdtConnector
from invoices.errors import SetupError
from invoices.store import TransmissionState, open_store


def test_submit_and_follow_an_invoice(seeded, tdt, tdt_env, tmp_path):
    build(tmp_path)
    config = load_config()
    invoice = seeded.ids["FD-2026-0003"]
    with open_store(seeded.url) as store:
        connector = TdtConnector(store, lambda seen: TdtClient(config, observer=seen))
        assert isinstance(connector, Connector)
        first = connector.submit(invoice)
        assert first.state is TransmissionState.SENT and not first.already_sent
        other = connector.submit(seeded.ids["TM-2026-0001"])  # the same file: not re-sent
        assert other.already_sent and other.flow_id == first.flow_id
        tdt.advance(600)
        followed = connector.follow(invoice)
        assert followed.state is TransmissionState.INTEGRATED
        assert followed.status == "ok" and followed.remote_id == first.remote_id
        assert [h.status for h in followed.history] == ["posted", "acknowledged"]
        assert connector.fetch_received().received == ()
        with pytest.raises(SetupError):
            connector.push_status("x", "MANDATEE")
    assert len(tdt.journal.of("import")) == 1
