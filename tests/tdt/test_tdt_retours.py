"""``demat pes retours``: every unread PES_Retour of the TdT goes into the store once,
and is marked read on the TdT only after it is committed; a failure in between
leaves it listed and the next run marks it without storing it twice."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from lxml import etree
from sqlalchemy import func, select
from tdt_helpers import build, demat

from invoices.store import open_store
from invoices.store.tables import AuditRecord, PesRetourRow

NON_ACQUIT = (
    b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
    b'<PES_NonAcquit><Enveloppe><Parametres><NomFic V="X.xml"/></Parametres></Enveloppe>'
    b"</PES_NonAcquit>"
)


def _acknowledged(tdt: Any, tmp_path: Any) -> None:
    path = build(tmp_path)
    assert demat("pes", "send", path.name).exit_code == 0
    tdt.advance(240)
    assert demat("pes", "status", "--refresh").exit_code == 0


def _rows(url: str) -> list[PesRetourRow]:
    with open_store(url) as store, store.read() as session:
        return list(session.scalars(select(PesRetourRow).order_by(PesRetourRow.id)))


def _retours_json(*extra: str) -> dict[str, Any]:
    result = demat("pes", "retours", "--json", *extra)
    data: dict[str, Any] = json.loads(result.output)
    data["exit"] = result.exit_code
    return data


def test_the_retour_of_an_acknowledged_file_is_fetched_once(seeded, tdt, tdt_env, tmp_path):
    _acknowledged(tdt, tmp_path)
    [retour] = tdt.world.retours.values()
    root = etree.fromstring(retour.data)
    assert etree.QName(root).localname == "PES_Retour"
    assert len(root.findall("PES_DepenseRetour/Bordereau/Piece")) == 3

    result = demat("pes", "retours")
    assert result.exit_code == 0, result.output
    shown = f"{retour.name}: fetched (TdT {retour.id}, of {retour.date.isoformat()}, PES_Retour"
    assert shown in result.output
    assert "marked read on the TdT" in result.output
    assert retour.read and not tdt.world.unread()
    [row] = _rows(seeded.url)
    assert row.remote_id == str(retour.id) and row.kind == "PES_Retour"
    assert row.sha256 == hashlib.sha256(retour.data).hexdigest() and row.read_at is not None
    ops = [
        e["operation"] for e in tdt.journal.entries if e["operation"] in {"list", "retour", "read"}
    ]
    assert ops == ["list", "retour", "read"]

    again = demat("pes", "retours")
    assert again.exit_code == 0 and "No unread PES_Retour on the TdT." in again.output
    assert len(_rows(seeded.url)) == 1
    listed = demat("pes", "retours", "--list")
    assert f"{retour.name}: TdT {retour.id}" in listed.output
    assert [e["operation"] for e in tdt.journal.entries].count("list") == 2  # --list: no call
    with open_store(seeded.url) as store, store.read() as session:
        actions = list(session.scalars(select(AuditRecord.action)))
    assert actions.count("pes.retour_fetched") == 1 and actions.count("pes.retour_read") == 1
    assert demat("audit", "verify").exit_code == 0


def test_a_failure_before_marking_read_never_stores_twice(seeded, tdt, tdt_env, tmp_path):
    _acknowledged(tdt, tmp_path)
    [retour] = tdt.world.retours.values()
    tdt.faults.add("read", "503", times=3)  # committed, then the TdT cannot be told
    data = _retours_json()
    assert data["exit"] == 2
    assert data["fetched"] == [str(retour.id)] and data["problems"][0]["name"] == retour.name
    assert [r["read"] for r in data["retours"]] == [False]
    assert not retour.read

    data = _retours_json()
    assert data["exit"] == 0, data
    assert data["fetched"] == [] and data["already_stored"] == [str(retour.id)]
    assert retour.read
    assert [r["read"] for r in data["retours"]] == [True]
    assert len([e for e in tdt.journal.of("retour") if e["outcome"] == "OK"]) == 1
    with open_store(seeded.url) as store, store.read() as session:
        assert session.scalar(select(func.count(PesRetourRow.id))) == 1


def test_a_truncated_retour_is_neither_stored_nor_marked(seeded, tdt, tdt_env, tmp_path):
    _acknowledged(tdt, tmp_path)
    [retour] = tdt.world.retours.values()
    tdt.faults.add("retour", "truncate")
    result = demat("pes", "retours")
    assert result.exit_code == 2
    assert f"{retour.name}: not fetched this time (it stays on the TdT)" in result.output
    assert not _rows(seeded.url) and not retour.read and not tdt.journal.of("read")
    assert demat("pes", "retours").exit_code == 0
    assert len(_rows(seeded.url)) == 1 and retour.read


def test_other_files_are_kept_and_named_not_interpreted(seeded, tdt, tdt_env):
    tdt.world.add_retour("NACK.xml", NON_ACQUIT)
    tdt.world.add_retour("ODD.xml", b"<?xml version='1.0'?><Autre/>")
    result = demat("pes", "retours")
    assert result.exit_code == 0, result.output
    assert "NACK.xml: fetched" in result.output and ", PES_NonAcquit, " in result.output
    assert "Autre (not recognised, kept as it came)" in result.output
    kinds = {r.name: (r.kind, r.nom_fic) for r in _rows(seeded.url)}
    assert kinds == {"NACK.xml": ("PES_NonAcquit", "X.xml"), "ODD.xml": ("Autre", None)}


def test_an_unknown_retour_id_and_a_failed_login(seeded, tdt, tdt_env, monkeypatch):
    from connectors.tdt.client import TdtClient
    from connectors.tdt.config import load_config
    from connectors.tdt.errors import TdtUnavailable

    with TdtClient(load_config()) as client:
        try:
            client.retour("999")
        except TdtUnavailable as exc:
            assert "PES Retour inconnu" in exc.message("en")
        else:
            raise AssertionError("an unknown id must be an error")
        assert not client.mark_read("999").ok
    monkeypatch.setenv("DEMAT_HELIOS_TDT_PASSWORD", "wrong")
    result = demat("pes", "retours")
    assert result.exit_code == 2 and "authentication" in result.output
    assert "wrong" not in result.output


def _killed_during(tdt: Any, operation: str) -> None:
    """Run ``demat pes retours`` in a child, kill -9 it while ``operation`` answers."""
    import os
    import signal
    import subprocess
    import sys
    import time

    rule = tdt.faults.add(operation, "slow", delay=3.0)
    command = [sys.executable, "-c", "from demat.cli import main; main()", "--lang", "en"]
    child = subprocess.Popen([*command, "pes", "retours"], env=dict(os.environ))
    deadline = time.monotonic() + 30
    while not rule.fired and time.monotonic() < deadline:
        time.sleep(0.05)
    assert rule.fired, f"{operation} never reached the emulator"
    time.sleep(0.5)  # the operation is done, its answer waits: the client has nothing yet
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    tdt.faults.clear()


@pytest.mark.slow
def test_kill_9_during_the_download_then_rerun_stores_it_once(seeded, tdt, tdt_env, tmp_path):
    _acknowledged(tdt, tmp_path)
    [retour] = tdt.world.retours.values()
    _killed_during(tdt, "retour")
    assert not _rows(seeded.url) and not retour.read
    assert demat("pes", "retours").exit_code == 0
    [row] = _rows(seeded.url)
    assert row.read_at is not None and retour.read


@pytest.mark.slow
def test_kill_9_while_marking_read_is_recorded_next_time(seeded, tdt, tdt_env, tmp_path):
    _acknowledged(tdt, tmp_path)
    [retour] = tdt.world.retours.values()
    _killed_during(tdt, "read")  # the TdT marked it read, the run died before recording it
    [row] = _rows(seeded.url)
    assert retour.read and row.read_at is None
    result = demat("pes", "retours")
    assert result.exit_code == 0 and "No unread PES_Retour on the TdT." in result.output
    [row] = _rows(seeded.url)
    assert row.read_at is not None
    assert [r["read"] for r in _retours_json("--list")["retours"]] == [True]
    assert demat("audit", "verify").exit_code == 0
