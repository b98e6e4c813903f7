"""Each run anchors the audit chain outside the database and checks the previous anchor
first: deleting the newest records and rewriting the head no longer goes unseen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from run_helpers import fill_inbox, make_invoice, run, write_invoice
from sqlalchemy import text

from emulators.chorus import Emulator
from invoices.paths import data_dir

UNKNOWN_SIRET = "21999999900017"


def _anchors() -> list[dict[str, Any]]:
    path = data_dir() / "run-anchors.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_run_anchors_the_chain_and_the_next_one_checks_it(store: Any, night: Path) -> None:
    fill_inbox(night / "inbox", ["AN-1"])
    first = run("--json", "--steps", "inbox,report")
    assert first.exit_code == 0, first.output
    got = json.loads(first.output)
    assert "no anchor yet" in got["chain"]
    (written,) = _anchors()
    assert written["seq"] == got["anchor"]["seq"] and written["hash"] == got["anchor"]["hash"]
    assert written["database"] == store.display_url

    fill_inbox(night / "inbox", ["AN-2", "AN-3"])
    second = run("--steps", "inbox,report")
    assert second.exit_code == 0, second.output
    assert f"intact up to the previous run's anchor (record {written['seq']})" in second.output

    # Delete the two newest records and point the head at the new last one: the chain
    # alone still verifies, the anchor does not.
    with store.engine.begin() as conn:
        top = conn.execute(text("SELECT MAX(seq) FROM audit_records")).scalar_one()
        conn.execute(text("DELETE FROM audit_records WHERE seq > :s"), {"s": top - 2})
        seq, digest = conn.execute(
            text("SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1")
        ).one()
        conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": seq, "h": digest})
    third = run("--steps", "inbox,report")
    assert third.exit_code == 2, third.output
    assert f"record {top} anchored in" in third.output and "ALTERED" in third.output


def test_a_partial_run_does_not_forget_what_was_reported(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, night: Path
) -> None:
    write_invoice(make_invoice("PART-1", buyer=UNKNOWN_SIRET), "ubl", night / "inbox")
    assert run().exit_code == 1
    assert run("--steps", "inbox,report").exit_code == 0
    full = run("--json")
    assert full.exit_code == 0, full.output
    assert len(json.loads(full.output)["still_waiting"]) == 1
