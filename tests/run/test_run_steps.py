"""``demat run`` end to end against the Chorus Pro emulator: every step, the moves to
archive/ and rejected/, files being written, exit codes and the "still waiting" rule."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from run_helpers import (
    DEPOSIT,
    files_under,
    fill_inbox,
    make_invoice,
    run,
    write_invalid,
    write_invoice,
)
from sqlalchemy import select

from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from invoices.store import audit
from invoices.store.tables import AuditRecord

COMMUNE = "21750011500019"
UNKNOWN_SIRET = "21999999900017"


def _month(base: Path) -> Path:
    today = datetime.now().astimezone().date()
    return base / "archive" / f"{today.year:04d}" / f"{today.month:02d}"


def test_a_whole_night_receives_ingests_moves_sends_follows_and_reports(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, night: Path
) -> None:
    inbox = night / "inbox"
    with emulator.world.lock:
        add_received(emulator.world, count=3, recipient=COMMUNE)
    good = fill_inbox(inbox, ["N-1", "N-2", "N-3"])
    (inbox / "junk.xml").write_text("not an invoice", encoding="utf-8")
    write_invalid(inbox / "sub", "N-BAD")
    write_invoice(make_invoice("N-1"), "cii", inbox)  # same seller, number, year: a duplicate
    (inbox / "upload.xml.part").write_bytes(good[0].read_bytes())
    (inbox / ".hidden.xml").write_bytes(good[1].read_bytes())

    html = night / "report.html"
    first = run("--json", "--report", str(html))
    assert first.exit_code == 1, first.output
    got = json.loads(first.output)
    counts = {s["step"]: s["counts"] for s in got["steps"]}
    assert counts["receive"]["received"] == 3
    assert counts["inbox"] == {"stored": 3, "rejected": 2, "duplicate": 1}
    assert counts["send"] == {"integrated": 3}
    assert sum(counts["follow"].values()) == 3
    kinds = [(a["step"], a["kind"]) for a in got["needs_attention"]]
    # The received invoices of new suppliers are held (bank-detail guard): listed first.
    assert kinds[:3] == [("guard", "held")] * 3
    assert sorted(kinds[3:]) == [("inbox", "duplicate"), ("inbox", "refused"), ("inbox", "refused")]
    assert got["errors"] == [] and got["still_waiting"] == []

    assert sorted(p.name for p in files_under(_month(night))) == [
        "N-1-cii.xml",
        "N-1.xml",
        "N-2.xml",
        "N-3.xml",
    ]
    assert sorted(p.name for p in (night / "rejected").iterdir()) == [
        "N-BAD.xml",
        "N-BAD.xml.reason.txt",
        "junk.xml",
        "junk.xml.reason.txt",
    ]
    assert "BR-CO-15" in (night / "rejected" / "N-BAD.xml.reason.txt").read_text("utf-8")
    assert sorted(p.name for p in inbox.iterdir()) == [".hidden.xml", "sub", "upload.xml.part"]
    deposits = sorted(e["request"]["nomFichier"] for e in emulator.journal.entries(DEPOSIT))
    assert deposits == ["N-1-cii.xml", "N-2.xml", "N-3.xml"]  # the first read is the original
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "junk.xml" in page and "N-BAD" in page

    with store.read() as session:
        (record,) = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "run.completed")
        ).all()
        assert json.loads(record.details)["exit_code"] == 1
        assert audit.verify(session).ok

    second = run()
    assert second.exit_code == 0, second.output
    assert "Run completed: nothing needs a person." in second.output
    assert len(emulator.journal.entries(DEPOSIT)) == 3


def test_an_item_seen_again_is_still_waiting_and_a_clean_night_is_zero_again(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, night: Path
) -> None:
    write_invoice(make_invoice("LOST-1", buyer=UNKNOWN_SIRET), "ubl", night / "inbox")
    first = run("--json")
    assert first.exit_code == 1, first.output
    (item,) = json.loads(first.output)["needs_attention"]
    assert item["step"] == "send"

    second = run("--json", "--steps", "send,follow,report")
    assert second.exit_code == 0, second.output
    again = json.loads(second.output)
    assert again["needs_attention"] == []
    assert [w["key"] for w in again["still_waiting"]] == [item["key"]]
    text = run("--steps", "send,report")
    assert text.exit_code == 0 and "Still waiting, already reported (1):" in text.output

    fill_inbox(night / "inbox", ["NEW-1"])
    (night / "inbox" / "bad.xml").write_text("<nope/>", encoding="utf-8")
    third = run("--json")
    assert third.exit_code == 1, third.output
    assert [a["label"] for a in json.loads(third.output)["needs_attention"]] == [
        str(night / "inbox" / "bad.xml")
    ]


def test_the_reason_file_is_in_the_clerks_language(store: Any, night: Path) -> None:
    (night / "inbox" / "vide.xml").write_text("rien", encoding="utf-8")
    result = run("--steps", "inbox,report", lang="fr")
    assert result.exit_code == 1, result.output
    reason = (night / "rejected" / "vide.xml.reason.txt").read_text(encoding="utf-8")
    assert reason.startswith("vide.xml\n") and "Motif du refus" in reason
    assert "À traiter par une personne (1)" in result.output


def test_a_file_being_written_is_left_for_the_next_run(store: Any, night: Path) -> None:
    (path,) = fill_inbox(night / "inbox", ["W-1"])
    data = path.read_bytes()
    path.write_bytes(data[:100])
    stop = threading.Event()

    def writer() -> None:
        with path.open("ab") as handle:
            for i in range(100, len(data), 50):
                if stop.is_set():
                    break
                handle.write(data[i : i + 50])
                handle.flush()
                time.sleep(0.02)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        busy = run("--json", "--steps", "inbox,report")
    finally:
        stop.set()
        thread.join()
    assert busy.exit_code == 0, busy.output
    got = json.loads(busy.output)
    assert got["left_in_inbox"] == [str(path)]
    assert got["steps"][0]["counts"] == {"being-written": 1}
    path.write_bytes(data)
    time.sleep(0.3)
    done = run("--json", "--steps", "inbox,report")
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["steps"][0]["counts"] == {"stored": 1}
    assert [p.name for p in files_under(_month(night))] == ["W-1.xml"]


def test_a_wrong_path_never_stops_the_others_and_makes_exit_2(store: Any, night: Path) -> None:
    fill_inbox(night / "inbox", ["P-1"])
    result = run("--inbox", str(night / "missing"), "--inbox", str(night / "inbox"), "--quiet")
    assert result.exit_code == 2, result.output
    assert "missing: inbox folder not found" in result.output
    assert "The run could not complete" in result.output
    assert "P-1.xml: new" not in result.output  # --quiet: no per-file lines
    assert [p.name for p in files_under(night / "archive")] == ["P-1.xml"]


def test_an_unreachable_platform_is_exit_2_and_the_inbox_still_runs(
    chorus_env: dict[str, str],
    store: Any,
    emulator: Emulator,
    night: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEMAT_CHORUS_READ_RETRIES", "0")
    fill_inbox(night / "inbox", ["U-1"])
    emulator.stop()
    result = run()
    assert result.exit_code == 2, result.output
    assert "unreachable" in result.output and "Traceback" not in result.output
    assert [p.name for p in files_under(night / "archive")] == ["U-1.xml"]
    with store.read() as session:
        assert audit.verify(session).ok


def test_bad_steps_or_no_inbox_are_usage_errors(store: Any, night: Path, tmp_path: Path) -> None:
    bad = run("--steps", "inbox,dance")
    assert bad.exit_code == 2 and "unknown steps (dance)" in bad.output
    (tmp_path / "config" / "config.toml").write_text("[run]\n", encoding="utf-8")
    none = run("--steps", "inbox")
    assert none.exit_code == 2 and "no inbox folder" in none.output


def test_archive_and_rejected_can_be_chosen(store: Any, night: Path, tmp_path: Path) -> None:
    fill_inbox(night / "inbox", ["C-1"])
    (night / "inbox" / "x.xml").write_text("x", encoding="utf-8")
    args = ["--archive", str(tmp_path / "a"), "--rejected", str(tmp_path / "r")]
    result = run(*args, "--steps", "inbox,report")
    assert result.exit_code == 1, result.output
    assert [p.name for p in files_under(tmp_path / "a")] == ["C-1.xml"]
    assert [p.name for p in files_under(tmp_path / "r")] == ["x.xml"]
    assert not (night / "archive").exists() and not (night / "rejected").exists()
