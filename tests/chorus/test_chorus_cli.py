"""``demat send|status|receive|set-status|config`` against the emulator, and a send
killed with SIGKILL half-way then run again: every invoice deposited exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from chorus_helpers import COMMUNE, make_invoice, write_invoice
from click.testing import CliRunner

from demat.cli import main
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from invoices.store import audit


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["--lang", "en", *args], catch_exceptions=False)


def _ingest_folder(folder: Path) -> None:
    result = _run("ingest", str(folder))
    assert result.exit_code == 0, result.output


def test_config_shows_the_effective_settings_with_secrets_masked(
    chorus_env: dict[str, str],
) -> None:
    result = _run("config")
    assert result.exit_code == 0
    assert "login = TECH_DEMAT_01@cpro.fr   (DEMAT_CHORUS_LOGIN)" in result.output
    assert "client_secret = ********" in result.output
    assert chorus_env["DEMAT_CHORUS_CLIENT_SECRET"] not in result.output
    assert chorus_env["DEMAT_CHORUS_PASSWORD"] not in result.output


def test_a_world_readable_config_file_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DEMAT_CONFIG_DIR", str(tmp_path))
    path = tmp_path / "config.toml"
    path.write_text('[chorus]\npassword = "p4ss-w0rd-value"\n', encoding="utf-8")
    path.chmod(0o644)
    result = _run("config")
    assert result.exit_code == 2
    assert "chmod 600" in result.output and "p4ss-w0rd-value" not in result.output


def test_send_then_status_shows_the_history(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, tmp_path: Path
) -> None:
    write_invoice(make_invoice("CLI-1"), "ubl", tmp_path / "in")
    write_invoice(make_invoice("CLI-2"), "facturx", tmp_path / "in")
    _ingest_folder(tmp_path / "in")
    dry = _run("send", "--all", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert emulator.journal.entries("factures/v1/deposer/flux") == []

    sent = _run("send", "--all")
    assert sent.exit_code == 0, sent.output
    assert "CLI-1" in sent.output and "integrated" in sent.output
    assert len(emulator.journal.entries("factures/v1/deposer/flux")) == 2
    assert "Nothing to send." in _run("send", "--all").output
    assert len(emulator.journal.entries("factures/v1/deposer/flux")) == 2

    emulator.advance(200)
    listed = _run("status", "--refresh", "--json")
    assert listed.exit_code == 0, listed.output
    items = json.loads(listed.output)
    assert {i["number"] for i in items} == {"CLI-1", "CLI-2"}
    for item in items:
        assert item["status"] == "MISE_A_DISPOSITION" and isinstance(item["id"], int)
        assert [h["status"] for h in item["history"]] == [
            "DEPOSEE",
            "EN_COURS_ACHEMINEMENT",
            "MISE_A_DISPOSITION",
        ]
    text = _run("status", str(items[0]["id"]))
    assert "MISE_A_DISPOSITION" in text.output and "EN_COURS_ACHEMINEMENT" in text.output


def test_send_a_file_stores_validates_and_deposits_it(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, tmp_path: Path
) -> None:
    path = write_invoice(make_invoice("FILE-1"), "facturx", tmp_path)
    result = _run("send", str(path))
    assert result.exit_code == 0, result.output
    assert "FILE-1" in result.output and "integrated" in result.output
    deposits = emulator.journal.entries("factures/v1/deposer/flux")
    assert [d["request"]["syntaxeFlux"] for d in deposits] == ["IN_DP_E2_CII_FACTURX"]
    french = CliRunner().invoke(main, ["--lang", "fr", "send", str(path)])
    assert french.exit_code == 0 and "FILE-1" in french.output
    assert len(emulator.journal.entries("factures/v1/deposer/flux")) == 1


def test_send_needs_a_target(chorus_env: dict[str, str], store: Any) -> None:
    result = _run("send")
    assert result.exit_code == 2 and "--all" in result.output


def test_an_unreachable_platform_is_an_environment_error(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, tmp_path: Path
) -> None:
    write_invoice(make_invoice("DOWN-1"), "ubl", tmp_path / "in")
    _ingest_folder(tmp_path / "in")
    emulator.stop()
    result = _run("send", "--all")
    assert result.exit_code == 2
    assert "unreachable" in result.output and "Traceback" not in result.output
    with store.read() as session:
        assert audit.verify(session).ok


def test_receive_pages_stores_once_and_statuses_follow_the_rules(
    chorus_env: dict[str, str], store: Any, emulator: Emulator
) -> None:
    with emulator.world.lock:
        made = add_received(emulator.world, count=250, recipient=COMMUNE)
    first = _run("receive", "--json")
    assert first.exit_code == 0, first.output
    got = json.loads(first.output)
    assert len(got["received"]) == 250 and got["errors"] == []
    assert sorted(int(r["remote_id"]) for r in got["received"]) == sorted(i.id for i in made)
    pages = {
        e["request"].get("page")
        for e in emulator.journal.entries("factures/v1/rechercher/recipiendaire")
    }
    assert {1, 2, 3} <= pages
    assert len(emulator.journal.entries("factures/v1/telecharger/groupe")) == 250

    second = _run("receive", "--json")
    assert json.loads(second.output)["received"] == []
    assert json.loads(second.output)["already_known"] >= 1
    assert len(emulator.journal.entries("factures/v1/telecharger/groupe")) == 250
    listed = json.loads(_run("list", "--json").output)
    assert len(listed) == 250

    doc = got["received"][0]["id"]
    no_motif = _run("set-status", str(doc), "REJETEE")
    assert no_motif.exit_code == 2 and "--motif" in no_motif.output
    stray = _run("set-status", str(doc), "SERVICE_FAIT", "--mandat", "M-1")
    assert stray.exit_code == 2 and "MANDATEE" in stray.output
    assert emulator.journal.entries("factures/v1/traiter/recue") == []

    done = _run("set-status", str(doc), "SERVICE_FAIT")
    assert done.exit_code == 0, done.output and "SERVICE_FAIT" in done.output
    paid = _run("set-status", str(doc), "MANDATEE", "--mandat", "MDT-2026-001")
    assert paid.exit_code == 0, paid.output
    back = _run("set-status", str(doc), "SUSPENDUE", "--motif", "pièce manquante")
    assert back.exit_code == 2 and "MANDATEE" in back.output  # illegal from MANDATEE
    calls = emulator.journal.entries("factures/v1/traiter/recue")
    assert [(c["request"]["nouveauStatut"], c["request"].get("numeroDPMandat")) for c in calls] == [
        ("SERVICE_FAIT", None),
        ("MANDATEE", "MDT-2026-001"),
    ]

    other = got["received"][1]["id"]
    rejected = _run("set-status", str(other), "REJETEE", "--motif", "Montant erroné")
    assert rejected.exit_code == 0, rejected.output
    remote = int(got["received"][1]["remote_id"])
    assert emulator.world.invoices[remote].status == "REJETEE"
    with store.read() as session:
        assert audit.verify(session).ok


@pytest.mark.slow
def test_a_send_killed_half_way_then_rerun_deposits_each_invoice_once(
    chorus_env: dict[str, str], store: Any, emulator: Emulator, tmp_path: Path
) -> None:
    base = make_invoice("KILL-000")
    numbers = [f"KILL-{i:03d}" for i in range(50)]
    for number in numbers:
        write_invoice(make_invoice(number, base=base), "ubl", tmp_path / "in")
    _ingest_folder(tmp_path / "in")
    # Every deposit takes a little while, so the kill lands in the middle of the batch.
    emulator.inject(operation="factures/v1/deposer/flux", kind="slow", delay=0.05, probability=1.0)
    env = {**os.environ, "DEMAT_CHORUS_RECONCILE_GRACE": "3"}
    command = [
        sys.executable,
        "-c",
        "from demat.cli import main; main()",
        "--lang",
        "en",
        "send",
        "--all",
    ]
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).parents[2],
    )
    try:
        deadline = time.monotonic() + 120
        while len(emulator.journal.entries("factures/v1/deposer/flux")) < 20:
            assert process.poll() is None, "send ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    before = len(emulator.journal.entries("factures/v1/deposer/flux"))
    assert 20 <= before < 50

    rerun = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[2]
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr

    deposited = Counter(
        e["request"]["nomFichier"] for e in emulator.journal.entries("factures/v1/deposer/flux")
    )
    assert deposited == Counter({f"{n}.xml": 1 for n in numbers})
    assert sorted(i.number for i in emulator.world.invoices.values()) == numbers
    with store.read() as session:
        assert audit.verify(session).ok
    states = json.loads(_run("status", "--json").output)
    assert len(states) == 50 and {s["state"] for s in states} == {"integrated"}
