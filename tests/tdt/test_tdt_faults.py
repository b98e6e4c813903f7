"""Faults of the network and of the TdT: an upload whose answer is lost is reconciled
through "doublon détecté", never posted twice; kill -9 during ``pes send`` then a
re-run gives one transaction; reads survive a 5xx; a 302 or a truncated acquit is
fetched again at the next refresh; the audit trail holds every call, no secret."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select
from tdt_helpers import build, demat, status_json

from invoices.store import open_store
from invoices.store.tables import AuditRecord


def test_reset_after_the_upload_is_reconciled_not_resent(seeded, tdt, tdt_env, tmp_path):
    path = build(tmp_path)
    tdt.faults.add("import", "reset")
    result = demat("pes", "send", path.name)
    assert result.exit_code == 2, result.output
    assert "the next send will check without sending the file again" in result.output
    assert status_json()[0]["state"] == "unknown"
    [tx] = tdt.world.transactions.values()  # it did arrive

    again = demat("pes", "send", "--all")
    assert again.exit_code == 0, again.output
    assert f"{path.name}: already received by the TdT, transaction {tx.id}" in again.output
    [state] = status_json()
    assert state["state"] == "sent" and state["transaction"] == str(tx.id)
    assert len(tdt.world.transactions) == 1
    assert [e.get("outcome") for e in tdt.journal.of("import")] == ["OK", "doublon"]


def test_a_refused_connection_is_not_an_attempt(seeded, tdt, tdt_env, tmp_path, monkeypatch):
    path = build(tmp_path)
    monkeypatch.setenv("DEMAT_HELIOS_TDT_URL", "https://127.0.0.1:9")
    result = demat("pes", "send", path.name)
    assert result.exit_code == 2 and f"{path.name}: The TdT does not answer" in result.output
    assert status_json()[0]["state"] == "pending"
    monkeypatch.setenv("DEMAT_HELIOS_TDT_URL", tdt.base_url)
    assert demat("pes", "send", path.name).exit_code == 0
    assert [e["outcome"] for e in tdt.journal.of("import")] == ["OK"]


def test_status_5xx_retried_302_and_truncated_acquit_fetched_again(seeded, tdt, tdt_env, tmp_path):
    path = build(tmp_path)
    assert demat("pes", "send", path.name).exit_code == 0
    tdt.advance(600)
    tdt.faults.add("status", "503")
    tdt.faults.add("acquit", "redirect")
    assert demat("pes", "status", "--refresh").exit_code == 0
    [state] = status_json()
    assert state["status"]["code"] == 4 and state["state"] == "sent"
    assert all(a["acquit"] is None for a in state["attachments"])

    tdt.faults.add("acquit", "truncate")
    assert demat("pes", "status", "--refresh").exit_code == 0
    assert status_json()[0]["state"] == "sent"

    assert demat("pes", "status", "--refresh").exit_code == 0
    [state] = status_json()
    assert state["state"] == "integrated"
    assert {a["acquit"] for a in state["attachments"]} == {"ok"}
    assert [e.get("fault") for e in tdt.journal.of("status")][:2] == ["503", None]

    with open_store(seeded.url) as store, store.read() as session:
        calls = list(
            session.scalars(select(AuditRecord).where(AuditRecord.action == "connector.call"))
        )
    operations = [json.loads(r.details)["operation"] for r in calls]
    assert operations.count("import") == 1 and operations.count("acquit") == 3
    shown = " ".join(str(r.details) for r in calls) + " ".join(str(e) for e in tdt.journal.entries)
    assert "pw" not in shown.split() and tdt_env["DEMAT_HELIOS_TDT_KEY_PASSWORD"] not in shown


@pytest.mark.slow
def test_kill_9_during_send_then_rerun_posts_once(seeded, tdt, tdt_env, tmp_path):
    path = build(tmp_path)
    tdt.faults.add("import", "slow", delay=3.0)
    command = [sys.executable, "-c", "from demat.cli import main; main()", "--lang", "en"]
    child = subprocess.Popen([*command, "pes", "send", "--all"], env=dict(os.environ))
    deadline = time.monotonic() + 30
    while not tdt.world.transactions and time.monotonic() < deadline:
        time.sleep(0.05)
    assert tdt.world.transactions, "the upload never reached the emulator"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    again = demat("pes", "send", "--all")
    assert again.exit_code == 0, again.output
    [tx] = tdt.world.transactions.values()
    assert f"already received by the TdT, transaction {tx.id}" in again.output
    deadline = time.monotonic() + 10
    while len(tdt.journal.of("import")) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    outcomes = sorted(e["outcome"] for e in tdt.journal.of("import"))
    assert outcomes == ["OK", "doublon"]  # one post accepted, one reconciliation
    assert status_json()[0]["state"] == "sent"
    assert path.read_bytes() == tx.data
