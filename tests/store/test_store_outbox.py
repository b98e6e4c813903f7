"""The connectors' API: outbox, status events, cursors; each change audited with it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from invoices.pipeline import ingest
from invoices.store import Store, audit, transmissions
from invoices.store.tables import Transmission


@pytest.fixture
def invoice_id(store: Store, tmp_path: Path, write_folder: Callable[..., list[Path]]) -> int:
    write_folder(tmp_path / "in", 1)
    (outcome,) = ingest([tmp_path / "in"], store=store)
    assert outcome.document_id is not None
    return outcome.document_id


def _actions(store: Store, invoice_id: int) -> list[str]:
    with store.read() as session:
        return [r["action"] for r in audit.history(session, invoice_id=invoice_id)]


def test_outbox_lifecycle_is_idempotent_and_audited(store: Store, invoice_id: int) -> None:
    with store.write() as session:
        tx, created = transmissions.create(session, invoice_id, "chorus", "key-1", actor="batch")
        assert created and tx.state == "pending" and tx.attempts == 0
    with store.write() as session:
        again, created = transmissions.create(session, invoice_id, "chorus", "key-1")
        assert not created and again.id == tx.id
    with store.write() as session:
        tx = transmissions.get(session, tx.id)
        transmissions.update(session, tx, attempted=True)
        transmissions.update(session, tx, state="sent", remote_flow_number="FL-1")
        transmissions.update(session, tx, state="sent", remote_flow_number="FL-1")  # no change
    with store.read() as session:
        tx = transmissions.by_key(session, "key-1")
        assert tx.state == "sent" and tx.remote_flow_number == "FL-1" and tx.attempts == 1
        assert [t.id for t in transmissions.in_states(session, "chorus", ["sent"])] == [tx.id]
        assert transmissions.in_states(session, "chorus", ["pending"]) == []
        updates = [
            json.loads(r["details"])
            for r in audit.history(session, invoice_id=invoice_id)
            if r["action"] == "transmission.updated"
        ]
    assert updates == [
        {"attempts": 1},
        {"state": ["pending", "sent"], "remote_flow_number": "FL-1"},
    ]
    assert _actions(store, invoice_id)[-3:] == [
        "transmission.created",
        "transmission.updated",
        "transmission.updated",
    ]


def test_a_failed_transaction_leaves_neither_row_nor_record(store: Store, invoice_id: int) -> None:
    before = _actions(store, invoice_id)
    with pytest.raises(ConnectionError), store.write() as session:
        transmissions.create(session, invoice_id, "chorus", "key-2")
        raise ConnectionError("platform unreachable")
    with store.read() as session:
        assert transmissions.by_key(session, "key-2") is None
        assert audit.verify(session).ok
    assert _actions(store, invoice_id) == before


def test_idempotency_key_is_unique_in_the_database(store: Store, invoice_id: int) -> None:
    with pytest.raises(IntegrityError), store.write() as session:
        for _ in range(2):
            now = transmissions.utcnow()
            session.add(
                Transmission(
                    invoice_id=invoice_id,
                    connector="chorus",
                    idempotency_key="same",
                    state="pending",
                    attempts=0,
                    created_at=now,
                    updated_at=now,
                )
            )
            session.flush()


def test_status_events_and_invoice_status(store: Store, invoice_id: int) -> None:
    with store.write() as session:
        tx, _ = transmissions.create(session, invoice_id, "chorus", "key-3")
        transmissions.add_status_event(
            session,
            status_code="MISE_A_DISPOSITION",
            source="chorus",
            transmission=tx,
            details={"flow": "FL-9"},
        )
        transmissions.set_invoice_status(session, invoice_id, "integrated")
        transmissions.set_invoice_status(session, invoice_id, "integrated")  # no change
    with store.read() as session:
        events = transmissions.status_events(session, invoice_id)
        assert [(e.status_code, e.transmission_id, e.details) for e in events] == [
            ("MISE_A_DISPOSITION", tx.id, {"flow": "FL-9"})
        ]
        assert audit.verify(session).ok
    assert _actions(store, invoice_id)[-2:] == ["status.received", "invoice.status"]
    with pytest.raises(transmissions.UnknownInvoice), store.write() as session:
        transmissions.set_invoice_status(session, 999, "paid")
    with pytest.raises(ValueError), store.write() as session:
        transmissions.update(session, tx, state="teleported")


def test_cursors_persist_and_are_audited(store: Store) -> None:
    with store.read() as session:
        assert transmissions.get_cursor(session, "chorus", "statuses") is None
    for value in ("2026-01-01", "2026-01-02", "2026-01-02"):
        with store.write() as session:
            transmissions.set_cursor(session, "chorus", "statuses", value)
    with store.read() as session:
        assert transmissions.get_cursor(session, "chorus", "statuses") == "2026-01-02"
        cursor_records = [r for r in audit.history(session) if r["action"] == "cursor.set"]
    assert len(cursor_records) == 2
