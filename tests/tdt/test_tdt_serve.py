"""``demat emulator serve --tdt``: a CA of its own, ``export`` lines that work."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

from connectors.tdt.client import TdtClient
from connectors.tdt.config import load_config


def test_serve_tdt_prints_working_settings(tmp_path):
    command = [sys.executable, "-c", "from demat.cli import main; main()", "--lang", "en"]
    child = subprocess.Popen(
        [*command, "emulator", "serve", "--tdt", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    try:
        assert child.stdout is not None
        env: dict[str, str] = {}
        while len(env) < 5:
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else ""
            name, _, value = line.removeprefix("export ").strip().partition("=")
            env[name] = shlex.split(value)[0]
        folder = Path(env["DEMAT_HELIOS_TDT_CA"]).parent
        with TdtClient(load_config(env, tmp_path / "none.toml")) as client:
            assert client.test_connection()
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=10)
    assert child.returncode == 0
    assert not folder.exists()
