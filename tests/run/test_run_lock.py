"""One run at a time per database: a live holder is never disturbed, a dead one's lock is
taken over, and two ``demat run`` started together give one run and one exit 2."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from run_helpers import DEPOSIT, files_under, fill_inbox, run, spawn
from sqlalchemy import select

from emulators.chorus import Emulator
from invoices.store.tables import RunLock, utcnow


def _hold(store: Any, *, pid: int, host: str, age: float = 0.0) -> None:
    at = utcnow() - timedelta(seconds=age)
    with store.write() as session:
        session.add(
            RunLock(
                name="nightly", token="x" * 32, pid=pid, host=host, started_at=at, heartbeat_at=at
            )
        )


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "pass"], check=True)
    assert done.returncode == 0
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _locks(store: Any) -> list[RunLock]:
    with store.read() as session:
        return list(session.scalars(select(RunLock)).all())


def test_a_live_holder_makes_exit_2_and_nothing_is_done(store: Any, night: Path) -> None:
    fill_inbox(night / "inbox", ["L-1"])
    _hold(store, pid=os.getpid(), host=socket.gethostname(), age=300)
    result = run("--steps", "inbox,report")
    assert result.exit_code == 2, result.output
    assert "a run is in progress on this database" in result.output
    assert [p.name for p in files_under(night / "inbox")] == ["L-1.xml"]
    assert [lock.pid for lock in _locks(store)] == [os.getpid()]


def test_the_lock_of_a_dead_process_on_this_host_is_taken_over(store: Any, night: Path) -> None:
    fill_inbox(night / "inbox", ["L-2"])
    dead = _dead_pid()
    _hold(store, pid=dead, host=socket.gethostname())
    result = run("--steps", "inbox,report")
    assert result.exit_code == 0, result.output
    assert f"took over the lock of an interrupted run (process {dead}" in result.output
    assert [p.name for p in files_under(night / "archive")] == ["L-2.xml"]
    assert _locks(store) == []  # released at the end


def test_another_hosts_lock_is_taken_over_only_past_the_timeout(store: Any, night: Path) -> None:
    fill_inbox(night / "inbox", ["L-3"])
    _hold(store, pid=1, host="other-machine.example", age=60)
    held = run("--steps", "inbox,report")
    assert held.exit_code == 2 and "on other-machine.example" in held.output
    with store.write() as session:
        session.get(RunLock, "nightly").heartbeat_at = utcnow() - timedelta(seconds=601)
    taken = run("--steps", "inbox,report")
    assert taken.exit_code == 0, taken.output
    assert "took over the lock" in taken.output and "other-machine.example" in taken.output


@pytest.mark.slow
def test_two_runs_at_once_one_runs_the_other_exits_2(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, night: Path
) -> None:
    fill_inbox(night / "inbox", [f"TWO-{i}" for i in range(6)])
    emulator.inject(operation=DEPOSIT, kind="slow", delay=0.3, probability=1.0)
    first = spawn()
    try:
        deadline = time.monotonic() + 60
        while not _locks(store):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        second = spawn()
        out, err = second.communicate(timeout=60)
        assert second.returncode == 2, out + err
        assert "a run is in progress on this database" in err
        assert first.poll() is None  # the first one was never disturbed
    finally:
        out, err = first.communicate(timeout=120)
    assert first.returncode == 0, out + err
    assert len(emulator.journal.entries(DEPOSIT)) == 6
    assert len(files_under(night / "archive")) == 6
    assert _locks(store) == []


@pytest.mark.slow
def test_a_run_whose_lock_was_taken_over_stops(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, night: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config" / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("lock_timeout = 600", "lock_timeout = 1"),
        encoding="utf-8",
    )
    fill_inbox(night / "inbox", [f"LOST-{i}" for i in range(8)])
    emulator.inject(operation=DEPOSIT, kind="slow", delay=0.5, probability=1.0)
    process = spawn()
    deadline = time.monotonic() + 60
    while not emulator.journal.entries(DEPOSIT):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    with store.write() as session:  # what a run on another machine taking over does
        session.get(RunLock, "nightly").token = "t" * 32
    out, err = process.communicate(timeout=120)
    assert process.returncode == 2, out + err
    assert "another run took this run's lock over" in err
    assert len(emulator.journal.entries(DEPOSIT)) < 8
    with store.write() as session:  # the other run ends
        session.delete(session.get(RunLock, "nightly"))
    emulator.faults.clear()
    again = spawn()
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, out + err
    deposited = sorted(e["request"]["nomFichier"] for e in emulator.journal.entries(DEPOSIT))
    assert deposited == [f"LOST-{i}.xml" for i in range(8)]
