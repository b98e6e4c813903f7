"""What ``demat ingest`` prints: one line per file in a pipe or a log (scripts read
them), only the files that need a person under ``--quiet`` or on a terminal (with the
run's progress bar there, never elsewhere), one summary at the end, in every case."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from run_helpers import ROOT, fill_inbox

from demat.cli import main

INGEST = [sys.executable, "-c", "from demat.cli import main; main()", "--lang", "en", "ingest"]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    fill_inbox(folder, ["Q-1", "Q-2", "Q-3"])
    (folder / "junk.xml").write_text("not an invoice", encoding="utf-8")
    return folder


def _ingest(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--lang", "en", "ingest", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_in_a_pipe_one_line_per_file_and_one_summary(store: object, tmp_path: Path) -> None:
    code, out, err = _ingest(str(_folder(tmp_path)))
    assert code == 1, out + err  # junk.xml is refused
    lines = out.splitlines()
    assert len(lines) == 4 and sum(line.startswith("new") for line in lines) == 3
    assert err.count("4 file(s): 3 new, 0 already known") == 1
    assert "\x1b" not in out + err and "\r" not in out + err


def test_quiet_prints_only_what_needs_a_person(store: object, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    code, out, err = _ingest("--quiet", str(folder))
    assert code == 1
    assert [line.split()[0] for line in out.splitlines()] == ["REJECTED"]
    assert "junk.xml" in out
    assert err.count("file(s):") == 1
    code, out, err = _ingest("--quiet", str(folder))  # the night after: all known
    assert code == 1  # junk.xml is still refused: the same exit code as the first time
    assert "4 already known" in err
    assert [line.split()[0] for line in out.splitlines()] == ["known"]  # junk.xml, refused


def test_quiet_and_verbose_together_is_a_usage_error(store: object, tmp_path: Path) -> None:
    code, _out, err = _ingest("--quiet", "--verbose", str(_folder(tmp_path)))
    assert code == 2 and "--quiet" in err


def test_a_terminal_gets_the_bar_and_the_lines_that_matter(store: object, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [*INGEST, str(folder)],
            stdout=follower,
            stderr=follower,
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
    text = shown.decode("utf-8", "replace")
    assert done.returncode == 1, text
    assert "Ingest" in text and "4/4" in text and "100%" in text
    assert "junk.xml" in text  # the refused file keeps its line
    assert "Q-1.xml" not in text  # a new invoice does not, without --verbose
    assert text.count("file(s):") == 1


def test_verbose_on_a_pipe_is_the_default_and_json_stays_one_object_per_file(
    store: object, tmp_path: Path
) -> None:
    code, out, _err = _ingest("--json", str(_folder(tmp_path)))
    assert code == 1
    assert len(out.splitlines()) == 4 and all(line.startswith("{") for line in out.splitlines())
