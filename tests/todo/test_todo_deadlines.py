"""The payment deadline from the status history, and what the to-do list holds.

Invoices are real (ingested through the pipeline); their platform steps are written
through the store's API with chosen dates, as the Chorus Pro sync writes them (the
platform's own date of each step).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from invoices.display import timezone
from invoices.errors import SetupError
from invoices.store import Store, transmissions
from invoices.store.deadlines import Kind, TodoItem, payment_days, todo

COMMUNE = "21750011500019"
NOW = datetime.now(UTC).replace(microsecond=0)


def _step(store: Store, invoice_id: int, code: str, days_ago: float) -> None:
    with store.write() as session:
        transmissions.add_status_event(
            session,
            status_code=code,
            source="chorus",
            invoice_id=invoice_id,
            at=NOW - timedelta(days=days_ago),
        )


def _todo(store: Store, days: int = 30) -> list[TodoItem]:
    with store.read() as session:
        return todo(session, commune_siret=COMMUNE, days=days, now=NOW)


def _left(item: TodoItem) -> int:
    assert item.deadline is not None
    return item.deadline.days_left(NOW.astimezone(timezone()).date())  # the clerk's day


def test_deadline_runs_from_the_platform_date_oldest_first(
    store: Store, receive: Callable[..., int]
) -> None:
    fresh = receive("TD-FRESH")  # no platform step: from our receipt
    soon = receive("TD-SOON")
    late = receive("TD-LATE")
    _step(store, soon, "MISE_A_DISPOSITION", 25)
    _step(store, late, "MISE_A_DISPOSITION", 33)
    items = _todo(store)
    assert [i.invoice_id for i in items] == [late, soon, fresh]
    assert [_left(i) for i in items] == [-3, 5, 30]
    assert {i.kind for i in items} == {Kind.DECIDE}
    assert [i.deadline.start_from for i in items if i.deadline] == [
        "platform",
        "platform",
        "received",
    ]
    assert items[0].number == "TD-LATE" and items[0].party == "Fournitures Durand SARL"
    assert str(items[0].total) == "419.28"
    # the period is a setting
    assert [_left(i) for i in _todo(store, days=60)] == [27, 35, 60]


def test_a_suspension_pushes_the_deadline(store: Store, receive: Callable[..., int]) -> None:
    completed = receive("TD-COMPLETED")
    _step(store, completed, "MISE_A_DISPOSITION", 40)
    _step(store, completed, "SUSPENDUE", 35)
    _step(store, completed, "COMPLETEE", 20)  # 15 days suspended, added back
    waiting = receive("TD-WAITING")
    _step(store, waiting, "MISE_A_DISPOSITION", 10)
    _step(store, waiting, "SUSPENDUE", 8)  # still suspended: the clock is stopped
    by_id = {i.invoice_id: i for i in _todo(store)}
    done = by_id[completed]
    assert done.kind is Kind.DECIDE and done.status == "COMPLETEE"
    assert done.deadline is not None and done.deadline.suspended == timedelta(days=15)
    assert _left(done) == 5  # 30 - 40 + 15
    stopped = by_id[waiting]
    assert stopped.kind is Kind.SUSPENDED and stopped.deadline is not None
    assert stopped.deadline.suspended_now and _left(stopped) == 28  # 30 - 10 + 8


def test_decided_invoices_leave_the_list(store: Store, receive: Callable[..., int]) -> None:
    done = receive("TD-DONE")
    _step(store, done, "MISE_A_DISPOSITION", 12)
    _step(store, done, "SERVICE_FAIT", 2)
    rejected = receive("TD-REJ")
    with store.write() as session:
        transmissions.set_invoice_status(session, rejected, "REJETEE")
    open_ = receive("TD-OPEN")
    assert [i.invoice_id for i in _todo(store)] == [open_]


def test_a_recycled_invoice_deposited_again_starts_a_new_period(
    store: Store, receive: Callable[..., int]
) -> None:
    recycled = receive("TD-RECYCLED")
    _step(store, recycled, "MISE_A_DISPOSITION", 50)
    _step(store, recycled, "A_RECYCLER", 45)
    with store.write() as session:  # our decision, as demat set-status records it
        transmissions.set_invoice_status(session, recycled, "A_RECYCLER")
    assert _todo(store) == []  # with the supplier now
    _step(store, recycled, "DEPOSEE", 4)
    _step(store, recycled, "MISE_A_DISPOSITION", 4)
    (item,) = _todo(store)
    assert item.kind is Kind.DECIDE and item.status == "MISE_A_DISPOSITION"
    assert _left(item) == 26
    _step(store, recycled, "PES_ACQUIT_RECU", 1)  # not a platform step: ignored
    (item,) = _todo(store)
    assert item.status == "MISE_A_DISPOSITION" and _left(item) == 26


def test_held_first_then_checks_and_platform_rejections_last(
    store: Store, receive: Callable[..., int], monkeypatch: pytest.MonkeyPatch
) -> None:
    overdue = receive("TD-OVERDUE")
    _step(store, overdue, "MISE_A_DISPOSITION", 45)
    # the same invoice again (same supplier, number and year), sent as another file
    duplicate = receive("TD-OVERDUE", due_date=date(2026, 12, 31))
    monkeypatch.setenv("DEMAT_GUARD", "on")
    held = receive("TD-HELD")  # a supplier whose IBAN nobody confirmed
    monkeypatch.setenv("DEMAT_GUARD", "off")
    issued = receive("TD-ISSUED")
    with store.write() as session:
        tx, _ = transmissions.create(session, issued, "chorus", "key-issued")
        transmissions.update(session, tx, state="rejected", last_error="SIRET destinataire inconnu")
    items = _todo(store)
    assert [(i.invoice_id, i.kind) for i in items] == [
        (held, Kind.HELD),
        (overdue, Kind.DECIDE),
        (duplicate, Kind.CHECK),
        (issued, Kind.CORRECT),
    ]
    assert items[0].status == "held" and items[2].status == "suspected-duplicate"
    assert items[2].duplicate_of == overdue
    assert items[-1].deadline is None and items[-1].reason == "SIRET destinataire inconnu"


def test_payment_days_setting(tmp_path: Path) -> None:
    assert payment_days({}, tmp_path / "none.toml") == 30
    config = tmp_path / "config.toml"
    config.write_text("[todo]\npayment_days = 50\n", encoding="utf-8")
    assert payment_days({}, config) == 50
    assert payment_days({"DEMAT_PAYMENT_DAYS": "45"}, config) == 45
    for bad in ("0", "trente", "400"):
        with pytest.raises(SetupError):
            payment_days({"DEMAT_PAYMENT_DAYS": bad}, config)
