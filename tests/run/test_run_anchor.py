"""Each run anchors the audit chain outside the database and checks the previous anchor
first: deleting the newest records and rewriting the head no longer goes unseen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from run_helpers import fill_inbox, make_invoice, run, write_invoice
from sqlalchemy import text

from demat.cli import main
from demat.run import anchor
from emulators.chorus import Emulator
from invoices.errors import SetupError
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


def test_anchors_are_read_from_an_anchors_file_a_run_report_or_an_export(
    store: Any, night: Path, tmp_path: Path
) -> None:
    fill_inbox(night / "inbox", ["AX-1", "AX-2"])
    report = run("--json", "--steps", "inbox,report")
    assert report.exit_code == 0, report.output
    (tmp_path / "run.json").write_text(report.output, encoding="utf-8")
    export = tmp_path / "export.jsonl"
    exported = CliRunner().invoke(main, ["audit", "export", str(export)])
    assert exported.exit_code == 0, exported.output
    files = [data_dir() / "run-anchors.jsonl", tmp_path / "run.json", export]
    anchors = {p.name: anchor.anchors_in(p) for p in files}
    top = json.loads(report.output)["anchor"]["seq"]
    assert [a.seq for a in anchors["run.json"]] == [top]
    assert [a.seq for a in anchors["run-anchors.jsonl"]] == [top]
    assert [a.seq for a in anchors["export.jsonl"]][:3] == [1, 2, 3]
    assert all(anchor.first_broken(store, found) is None for found in anchors.values())

    with store.engine.begin() as conn:  # record 2 altered: the export's anchor of it differs
        conn.execute(text("UPDATE audit_records SET hash = 'x' WHERE seq = 2"))
    broken = anchor.first_broken(store, anchors["export.jsonl"])
    assert broken is not None and broken.seq == 2
    (tmp_path / "other.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(SetupError):
        anchor.anchors_in(tmp_path / "other.txt")


def test_audit_verify_with_anchors_catches_deleted_newest_records(
    store: Any, night: Path, tmp_path: Path
) -> None:
    """The tamper of the issue: the newest records deleted and the head rewritten pass
    `audit verify` alone, and fail it with an earlier export as anchor (exit 1)."""
    fill_inbox(night / "inbox", ["AV-1", "AV-2"])
    assert run("--steps", "inbox,report").exit_code == 0
    export = tmp_path / "export.jsonl"
    assert CliRunner().invoke(main, ["audit", "export", str(export)]).exit_code == 0
    anchored = ["audit", "verify", "--anchor", str(export)]
    clean = CliRunner().invoke(main, anchored)
    assert clean.exit_code == 0, clean.output
    with store.engine.begin() as conn:
        top = conn.execute(text("SELECT MAX(seq) FROM audit_records")).scalar_one()
        conn.execute(text("DELETE FROM audit_records WHERE seq > :s"), {"s": top - 2})
        seq, digest = conn.execute(
            text("SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1")
        ).one()
        conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": seq, "h": digest})
    assert CliRunner().invoke(main, ["audit", "verify"]).exit_code == 0  # the chain alone
    caught = CliRunner().invoke(main, anchored)
    assert caught.exit_code == 1
    assert f"record {top - 1} anchored in" in caught.output
    runs = data_dir() / "run-anchors.jsonl"
    assert CliRunner().invoke(main, ["audit", "verify", "--anchor", str(runs)]).exit_code == 1


def test_the_run_report_says_when_the_payment_guard_is_off(
    store: Any, night: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_inbox(night / "inbox", ["GO-1"])
    monkeypatch.setenv("DEMAT_GUARD", "off")
    report = tmp_path / "night.html"
    text_run = run("--steps", "inbox,report", "--report", str(report))
    assert "bank-detail check turned off" in text_run.output
    assert "bank-detail check turned off" in report.read_text(encoding="utf-8")
    assert json.loads(run("--json", "--steps", "report").output)["guard"].startswith("WARNING")
    monkeypatch.setenv("DEMAT_GUARD", "on")
    monkeypatch.setenv("DEMAT_COMMUNE_SIRET", "21750011500019")
    assert json.loads(run("--json", "--steps", "report").output)["guard"] is None
