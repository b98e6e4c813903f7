"""MANDATEE once and only once: a ``demat`` killed (SIGKILL) while its request is with
Chorus Pro, a request that never left, a guard that holds an invoice, a loop left off.

Each starts from a PES file Hélios acknowledged (every PJ accepted) and checks the
Chorus Pro emulator's journal: one ``traiter/recue`` MANDATEE per invoice, ever.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from helios_helpers import acknowledged, demat, mandatee_calls, platform_status

pytestmark = pytest.mark.slow

TRAITER = "factures/v1/traiter/recue"


def _rows() -> list[tuple[int, str, int]]:
    from sqlalchemy import select

    from invoices.store import open_store
    from invoices.store.tables import MandateeRow

    with open_store() as store, store.read() as session:
        found = session.execute(
            select(MandateeRow.invoice_id, MandateeRow.state, MandateeRow.attempts)
        )
        return [tuple(r) for r in found]  # type: ignore[misc]


def _wait(condition, seconds: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_killed_during_the_request_then_rerun_sets_it_once(loop_env, chorus, tdt, tmp_path):
    ids, _path = acknowledged(chorus, tdt, tmp_path)
    chorus.inject(operation=TRAITER, kind="slow", delay=3, times=1)
    child = subprocess.Popen(
        [sys.executable, "-m", "demat", "--lang", "en", "pes", "status", "--refresh"],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # The intent and the attempt are committed before the request leaves.
        _wait(lambda: any(attempts == 1 for _i, _s, attempts in _rows()))
        time.sleep(0.5)  # the request is now with the (slow) platform
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    [(first, state, attempts)] = _rows()
    assert (first, state, attempts) == (ids[0], "pending", 1)
    # The platform finishes the request the dead process made.
    _wait(lambda: mandatee_calls(chorus) != {})
    assert platform_status(chorus, ids[0]) == ("MANDATEE", "601")

    rerun = demat("pes", "status", "--refresh")
    assert rerun.exit_code == 0, rerun.output
    assert "already MANDATEE on Chorus Pro (mandat 601), nothing sent again" in rerun.output
    assert sorted(mandatee_calls(chorus).values()) == [1, 1, 1]
    assert sorted(_rows()) == [(i, "done", 1) for i in ids]
    assert demat("pes", "status", "--refresh").exit_code == 0
    assert sorted(mandatee_calls(chorus).values()) == [1, 1, 1]
    assert demat("audit", "verify").exit_code == 0


def test_a_request_that_never_left_is_read_back_then_sent_once(
    loop_env, chorus, tdt, tmp_path, monkeypatch
):
    """Killed after the intent and before the request: the platform's status is read
    back; within the grace period nothing is sent, after it the request goes, once."""
    from invoices.store import mandatee, open_store

    ids, _path = acknowledged(chorus, tdt, tmp_path)
    with open_store() as store, store.write() as session:
        [due] = [d for d in mandatee.due(session) if d.invoice_id == ids[1]]
        _taken, owned = mandatee.claim(session, due)
        assert owned  # ... and the process dies here, before any request
    monkeypatch.setenv("DEMAT_CHORUS_RECONCILE_GRACE", "600")
    waiting = demat("pes", "status", "--refresh")
    assert waiting.exit_code == 2, waiting.output  # outcome unknown: a person may look
    assert "outcome of MANDATEE unknown (mandat 602)" in waiting.output
    assert platform_status(chorus, ids[1]) == ("SERVICE_FAIT", None)
    assert len(mandatee_calls(chorus)) == 2  # the two others, set meanwhile

    monkeypatch.setenv("DEMAT_CHORUS_RECONCILE_GRACE", "0.1")
    time.sleep(0.2)
    sent = demat("pes", "status", "--refresh")
    assert sent.exit_code == 0, sent.output
    assert platform_status(chorus, ids[1]) == ("MANDATEE", "602")
    assert sorted(mandatee_calls(chorus).values()) == [1, 1, 1]


def test_the_guard_still_holds_and_the_loop_is_opt_in(loop_env, chorus, tdt, tmp_path, monkeypatch):
    from invoices.store import open_store, transmissions

    ids, _path = acknowledged(chorus, tdt, tmp_path)
    monkeypatch.setenv("DEMAT_HELIOS_CHORUS_MANDATEE", "false")
    assert demat("pes", "status", "--refresh").exit_code == 0
    assert not mandatee_calls(chorus)  # off: nothing set

    with open_store() as store, store.write() as session:  # new bank details came in
        transmissions.set_invoice_status(session, ids[2], "held", details={"test": True})
    monkeypatch.setenv("DEMAT_HELIOS_CHORUS_MANDATEE", "true")
    result = demat("pes", "status", "--refresh")
    assert result.exit_code == 1, result.output
    assert f"(id {ids[2]}): not set MANDATEE" in result.output
    assert platform_status(chorus, ids[2]) == ("SERVICE_FAIT", None)
    assert platform_status(chorus, ids[0]) == ("MANDATEE", "601")
    assert len(mandatee_calls(chorus)) == 2

    monkeypatch.setenv("DEMAT_HELIOS_CHORUS_MANDATEE", "maybe")
    bad = demat("pes", "status", "--refresh")
    assert bad.exit_code == 2 and "DEMAT_HELIOS_CHORUS_MANDATEE" in bad.output


def test_the_nightly_follow_step_closes_the_loop(loop_env, chorus, tdt, tmp_path):
    import json

    ids, _path = acknowledged(chorus, tdt, tmp_path)
    night = demat("run", "--steps", "follow", "--json")
    assert night.exit_code == 0, night.output
    report = json.loads(night.output[night.output.index("{") :])
    assert "mandatee-done" in json.dumps(report)
    assert [platform_status(chorus, i)[0] for i in ids] == ["MANDATEE"] * 3
    again = demat("run", "--steps", "follow", "--json")
    assert again.exit_code == 0, again.output
    assert sorted(mandatee_calls(chorus).values()) == [1, 1, 1]
