"""``demat emulator serve``: prints the settings that point demat at it, stops cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import httpx
from click.testing import CliRunner

from demat.cli import main


def _serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from demat.cli import main; sys.exit(main())",
            "emulator",
            "serve",
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_serve_prints_exports_and_answers(tmp_path):
    process = _serve("--port", "0", "--token-ttl", "120")
    try:
        exports = {}
        deadline = time.monotonic() + 30
        while len(exports) < 7 and time.monotonic() < deadline:
            line = process.stdout.readline()
            assert line, process.stderr.read()
            name, _, value = line.strip().removeprefix("export ").partition("=")
            exports[name] = value.strip("'")
        assert set(exports) == {
            "DEMAT_CHORUS_API_URL",
            "DEMAT_CHORUS_TOKEN_URL",
            "DEMAT_CHORUS_CLIENT_ID",
            "DEMAT_CHORUS_CLIENT_SECRET",
            "DEMAT_CHORUS_LOGIN",
            "DEMAT_CHORUS_PASSWORD",
            "DEMAT_CHORUS_SIRET",
        }
        assert exports["DEMAT_CHORUS_API_URL"].startswith("http://127.0.0.1:")
        assert exports["DEMAT_CHORUS_PASSWORD"] == "Demat-Emulator-2026!"
        answer = httpx.post(
            exports["DEMAT_CHORUS_TOKEN_URL"],
            data={
                "grant_type": "client_credentials",
                "client_id": exports["DEMAT_CHORUS_CLIENT_ID"],
                "client_secret": exports["DEMAT_CHORUS_CLIENT_SECRET"],
            },
        )
        assert answer.json()["expires_in"] == 120
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "Chorus Pro emulator listening on http://127.0.0.1:" in err
    assert "Emulator stopped." in err


def test_bad_seed_is_a_usage_error(tmp_path):
    bad = tmp_path / "seed.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["emulator", "serve", "--port", "0", "--seed", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}: unusable seed world: not a JSON document" in result.output
    assert "Traceback" not in result.output


def test_busy_port_is_a_usage_error():
    from emulators.chorus import Emulator

    with Emulator.start() as running:
        result = CliRunner().invoke(main, ["emulator", "serve", "--port", str(running.port)])
    assert result.exit_code == 2
    assert f"Cannot listen on 127.0.0.1:{running.port}" in result.output


def test_french_messages(tmp_path):
    missing = tmp_path / "absent.json"
    result = CliRunner().invoke(main, ["--lang", "fr", "emulator", "serve", "--seed", str(missing)])
    assert result.exit_code == 2
    assert f"{missing} : monde initial inutilisable" in result.output
