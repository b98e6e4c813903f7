"""Kill -9 anywhere, then run again: nothing lost, nothing doubled.

``demat run`` subprocesses are killed with SIGKILL at three points: during ingest (from
outside, once some documents are committed), between a file's commit and its move
(the run's test hook ``DEMAT_RUN_TEST_KILL=after-commit:N``: the one instant an outside
kill cannot aim at), and during send (from outside, once some deposits reached the
emulator).  After a re-run, which takes the dead run's lock over: each file stored once
and moved once, each invoice deposited once (the emulator's journal), the audit chain
intact.
"""

from __future__ import annotations

import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from run_helpers import DEPOSIT, assert_each_once, files_under, fill_inbox, spawn, write_invalid
from sqlalchemy import func, select

from emulators.chorus import Emulator
from invoices.store.tables import Document

pytestmark = pytest.mark.slow


def _documents(store: Any) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Document)) or 0)


def _kill_when(process: Any, ready: Any) -> None:
    deadline = time.monotonic() + 120
    try:
        while not ready():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.communicate()
    assert process.returncode == -signal.SIGKILL


def _rerun_clean() -> str:
    again = spawn()
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, out + err
    return out


def test_killed_during_ingest(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, night: Path
) -> None:
    numbers = [f"KI-{i:02d}" for i in range(24)]
    fill_inbox(night / "inbox", numbers)
    _kill_when(spawn("--steps", "inbox,report"), lambda: _documents(store) >= 6)
    assert 6 <= _documents(store) < 24
    _rerun_clean()
    assert_each_once(store, night, [f"{n}.xml" for n in numbers])
    assert Counter(e["request"]["nomFichier"] for e in emulator.journal.entries(DEPOSIT)) == (
        Counter({f"{n}.xml": 1 for n in numbers})
    )


def test_killed_between_commit_and_move(store: Any, night: Path) -> None:
    numbers = [f"KM-{i}" for i in range(6)]
    fill_inbox(night / "inbox", numbers)
    (night / "inbox" / "junk.xml").write_text("junk", encoding="utf-8")
    dead = spawn("--steps", "inbox,report", env={"DEMAT_RUN_TEST_KILL": "after-commit:4"})
    dead.communicate(timeout=120)
    assert dead.returncode == -signal.SIGKILL
    # The fourth is committed (with the rest of its group, if the group was larger) ...
    assert 4 <= _documents(store) <= 7
    left = {p.name for p in files_under(night / "inbox")}
    assert "KM-3.xml" in left and len(left) == 4  # ... and still in the inbox

    again = spawn("--steps", "inbox,report", "--json")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 1, out + err  # junk.xml needs a person
    assert_each_once(store, night, [f"{n}.xml" for n in numbers] + ["junk.xml"])
    assert (night / "rejected" / "junk.xml.reason.txt").is_file()


def test_killed_during_send(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, night: Path
) -> None:
    numbers = [f"KS-{i:02d}" for i in range(16)]
    fill_inbox(night / "inbox", numbers)
    emulator.inject(operation=DEPOSIT, kind="slow", delay=0.05, probability=1.0)
    _kill_when(spawn(), lambda: len(emulator.journal.entries(DEPOSIT)) >= 5)
    assert 5 <= len(emulator.journal.entries(DEPOSIT)) < 16
    _rerun_clean()
    deposited = Counter(e["request"]["nomFichier"] for e in emulator.journal.entries(DEPOSIT))
    assert deposited == Counter({f"{n}.xml": 1 for n in numbers})
    assert_each_once(store, night, [f"{n}.xml" for n in numbers])


def test_a_refused_file_committed_before_a_kill_gets_its_reason_on_the_rerun(
    store: Any, night: Path
) -> None:
    def killed_after_commit(count: int) -> None:
        dead = spawn(
            "--steps", "inbox,report", env={"DEMAT_RUN_TEST_KILL": f"after-commit:{count}"}
        )
        dead.communicate(timeout=120)
        assert dead.returncode == -signal.SIGKILL

    write_invalid(night / "inbox", "KR-BAD")
    killed_after_commit(1)  # KR-BAD stored as invalid, not moved
    (night / "inbox" / "junk.xml").write_text("junk", encoding="utf-8")
    killed_after_commit(2)  # KR-BAD moved now; junk.xml stored as refused, not moved
    assert _documents(store) == 2
    assert [p.name for p in files_under(night / "inbox")] == ["junk.xml"]

    again = spawn("--steps", "inbox,report")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 1, out + err
    assert_each_once(store, night, ["KR-BAD.xml", "junk.xml"])
    junk = (night / "rejected" / "junk.xml.reason.txt").read_text(encoding="utf-8")
    assert "Reason: unrecognised format" in junk
    invalid = (night / "rejected" / "KR-BAD.xml.reason.txt").read_text(encoding="utf-8")
    assert "status 'invalid'" in invalid and "demat show" in invalid
