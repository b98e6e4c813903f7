"""What the clerk sees: a ``rich`` progress bar on a terminal and none in a log file, and
the files a missing official artefact cannot check left in the inbox with exit 2."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path
from typing import Any

from run_helpers import COMMAND, ROOT, files_under, fill_inbox, run, spawn


def test_a_terminal_gets_a_progress_bar_with_count_rate_and_time_left(
    store: Any, night: Path
) -> None:
    fill_inbox(night / "inbox", ["T-1", "T-2"])
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [*COMMAND, "--steps", "inbox,report"],
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            cwd=ROOT,
            timeout=120,
            env={**os.environ, "COLUMNS": "120"},
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    assert done.returncode == 0, done.stdout
    text = shown.decode("utf-8", "replace")
    assert "Inbox" in text and "2/2" in text and "100%" in text
    assert "\x1b[" not in done.stdout  # the report itself stays plain text


def test_no_progress_bar_in_a_log_file(store: Any, night: Path) -> None:
    fill_inbox(night / "inbox", ["T-3"])
    result = run("--steps", "inbox,report")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\r" not in result.output
    assert result.output.splitlines()[-1] == "Run completed: nothing needs a person."


def test_a_missing_artefact_leaves_the_invoices_in_the_inbox_not_the_rest(
    store: Any, night: Path, tmp_path: Path
) -> None:
    fill_inbox(night / "inbox", ["A-1", "A-2"], "cii")
    (night / "inbox" / "junk.xml").write_text("junk", encoding="utf-8")
    # In a fresh process: this one may hold validators compiled by earlier tests.
    missing = {"DEMAT_ARTEFACTS_DIR": str(tmp_path / "no-artefacts")}
    broken = spawn("--steps", "inbox,report", env=missing)
    out, err = broken.communicate(timeout=120)
    assert broken.returncode == 2, out + err
    assert "A-1-cii.xml: left for the next run" in err and "demat artefacts" in err
    assert "The run could not complete" in out
    assert sorted(p.name for p in files_under(night / "inbox")) == ["A-1-cii.xml", "A-2-cii.xml"]
    assert (night / "rejected" / "junk.xml.reason.txt").is_file()  # needs no artefact

    fixed = run("--steps", "inbox,report")
    assert fixed.exit_code == 0, fixed.output
    assert sorted(p.name for p in files_under(night / "archive")) == ["A-1-cii.xml", "A-2-cii.xml"]
