"""One exit-code table for every command: 0 ok; 1 a document was refused, invalid or
rejected, and only that; 2 usage, unknown id, missing file, environment, or a check
that could not be completed.

:func:`scenario` runs every documented command and its error paths against a real
store and the real Chorus Pro emulator; this test checks each exit code, and that
every command of ``demat`` is run at least once (a new command must join the
table).  ``tests/test_cli_language.py`` reads the same outputs for stray words.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from demat.cli import main
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received

sys.path.insert(0, str(Path(__file__).parent / "chorus"))
from chorus_helpers import COMMUNE, make_invoice, write_invoice

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FAST = {"delays": {"reception": 0, "integration": 0, "routing": 0, "availability": 0}}
OK, REJECTED, USAGE = 0, 1, 2


@dataclass(frozen=True)
class Step:
    args: tuple[str, ...]
    expected: int
    code: int
    output: str
    #: ``--json`` output is the raw form (machine words by design): not read for words.
    raw: bool


def _inputs(folder: Path) -> dict[str, Path]:
    """Documents of every kind, under names that carry no word of the checked lists."""
    folder.mkdir()
    files = {
        "cii": SAMPLES / "cii-en16931.xml",
        "facturx": SAMPLES / "facturx-basic.pdf",
        "totals": SAMPLES / "broken" / "br-co-15-totals.xml",
        "schema": SAMPLES / "broken" / "xsd-error.xml",
        "doctype": SAMPLES / "broken" / "xxe.xml",
        "damaged": SAMPLES / "broken" / "corrupt.pdf",
    }
    copied = {key: folder / f"{key}{path.suffix}" for key, path in files.items()}
    for key, path in files.items():
        shutil.copyfile(path, copied[key])
    from pypdf import PdfWriter

    scan = PdfWriter()
    scan.add_blank_page(200, 200)
    copied["scan"] = folder / "scan.pdf"
    with open(copied["scan"], "wb") as handle:
        scan.write(handle)
    copied["junk"] = folder / "notes.txt"
    copied["junk"].write_bytes(b"PK\x03\x04 not an invoice")
    return copied


def scenario(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> Iterator[Step]:
    """Every command and error path, run in-process under ``LANG=lang``."""
    monkeypatch.setenv("LANG", lang)
    monkeypatch.setenv("DEMAT_DB", f"sqlite:///{tmp_path / 'store.db'}")
    monkeypatch.setenv("DEMAT_DOCUMENTS", str(tmp_path / "documents"))
    monkeypatch.delenv("DEMAT_STRUCTURES", raising=False)
    files = _inputs(tmp_path / "in")
    sendable = tmp_path / "to-send"
    write_invoice(make_invoice("ENV-1"), "ubl", sendable)
    runner = CliRunner()

    def run(expected: int, *args: str) -> Step:
        result = runner.invoke(main, list(args), prog_name="demat")
        raw = "--json" in args or any(
            args[i : i + 2] in (("--format", "json"), ("--format", "junit"))
            for i in range(len(args))
        )
        return Step(args, expected, result.exit_code, result.output, raw)

    with Emulator.start(config=FAST) as emulator:
        for name, value in emulator.env().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("DEMAT_CHORUS_POLL_INTERVAL", "0.05")
        monkeypatch.setenv("DEMAT_CHORUS_POLL_TIMEOUT", "20")
        monkeypatch.setenv("DEMAT_CHORUS_TIMEOUT", "5")
        monkeypatch.setenv("DEMAT_GUARD", "off")  # its refusals: tests/guard
        with emulator.world.lock:
            add_received(emulator.world, count=2, recipient=COMMUNE)

        # usage, help
        yield run(OK, "--help")
        yield run(OK, "--version")
        yield run(USAGE, "no-such-command")
        yield run(USAGE, "list", "--no-such-option")
        yield run(USAGE, "list", "--limit", "0")
        yield run(USAGE, "list", "--db")
        yield run(USAGE, "show", "not-a-number")
        yield run(USAGE, "show", "1", "2")
        yield run(USAGE, "validate", "--format", "word", str(files["cii"]))
        yield run(USAGE, "ingest")
        for path in _command_paths(main):
            yield run(OK, *path, "--help")

        # read
        yield run(OK, "inspect", str(files["cii"]))
        yield run(OK, "inspect", "--json", str(files["facturx"]))
        yield run(REJECTED, "inspect", str(files["scan"]))
        yield run(REJECTED, "inspect", str(files["junk"]))
        yield run(REJECTED, "inspect", str(files["damaged"]))
        yield run(USAGE, "inspect", str(tmp_path / "absent.xml"))
        yield run(OK, "render", str(files["cii"]), "--output", str(tmp_path / "cii.html"))
        yield run(
            OK, "render", str(files["facturx"]), "--format", "pdf", "-o", str(tmp_path / "x.pdf")
        )
        yield run(REJECTED, "render", str(files["scan"]))
        yield run(REJECTED, "render", str(files["junk"]))
        yield run(USAGE, "render", str(tmp_path / "absent.xml"))

        # validate
        from invoices import artefacts as catalogue

        complete = all(catalogue.status(key) == "ok" for key in catalogue.ARTEFACTS)
        yield run(OK if complete else USAGE, "artefacts", "list")  # one missing: environment
        yield run(USAGE, "artefacts", "install", str(tmp_path / "absent"))
        yield run(OK, "validate", str(files["cii"]), str(files["facturx"]))
        yield run(REJECTED, "validate", str(files["totals"]), str(files["schema"]))
        yield run(REJECTED, "validate", "--format", "json", str(files["totals"]))
        yield run(REJECTED, "validate", str(files["doctype"]))
        yield run(USAGE, "validate", str(tmp_path / "absent.xml"))
        yield run(USAGE, "validate", str(files["cii"]), "-o", str(tmp_path / "no" / "dir.txt"))

        # store
        yield run(OK, "db", "upgrade")
        yield run(OK, "list")
        yield run(OK, "ingest", str(files["cii"]), str(files["facturx"]))
        yield run(OK, "ingest", str(files["cii"]))  # known: nothing new
        yield run(REJECTED, "ingest", str(tmp_path / "in"))
        yield run(REJECTED, "ingest", "--json", str(files["scan"]))
        yield run(USAGE, "ingest", str(tmp_path / "absent.xml"))
        yield run(OK, "list")
        yield run(OK, "list", "--status", "received")
        yield run(OK, "list", "--json")
        yield run(OK, "show", "1")
        yield run(OK, "show", "3")
        yield run(OK, "show", "1", "--json")
        yield run(USAGE, "show", "99")
        yield run(OK, "render", "1", "--output", str(tmp_path / "stored.html"))
        yield run(USAGE, "render", "99")
        yield run(OK, "revalidate", "1")
        yield run(OK, "revalidate", "--all")
        yield run(USAGE, "revalidate")
        yield run(USAGE, "revalidate", "99")
        yield run(OK, "todo")  # information: 0 even with invoices waiting
        yield run(OK, "todo", "--json")
        yield run(USAGE, "todo", "--no-such-option")

        # audit trail
        export = tmp_path / "audit.jsonl"
        yield run(OK, "audit", "log")
        yield run(OK, "audit", "log", "--invoice", "1")
        yield run(OK, "audit", "log", "--json")
        yield run(USAGE, "audit", "log", "--since", "yesterday")
        yield run(OK, "audit", "verify")
        yield run(OK, "audit", "export", str(export))
        yield run(OK, "audit", "verify", "--export", str(export))
        yield run(USAGE, "audit", "verify", "--export", str(tmp_path / "absent.jsonl"))

        # Chorus Pro
        yield run(OK, "config")
        yield run(USAGE, "send")
        yield run(OK, "send", "--all", "--dry-run")
        yield run(OK, "send", str(sendable / "ENV-1.xml"))
        stored = run(OK, "list", "--json")
        yield stored
        invalid = [item["id"] for item in json.loads(stored.output) if item["status"] == "invalid"]
        yield run(REJECTED, "send", str(invalid[0]))  # wrong totals: not sent
        yield run(USAGE, "send", "99")  # no such invoice
        yield run(OK, "status")
        yield run(OK, "status", "--refresh")
        yield run(OK, "status", "--json")
        yield run(USAGE, "status", "99")
        yield run(OK, "receive")
        listed = run(OK, "list", "--json", "--status", "received")
        yield listed
        received = max(item["id"] for item in json.loads(listed.output))
        yield run(USAGE, "set-status", str(received), "NO_SUCH_STATUS")
        yield run(USAGE, "set-status", str(received), "REJETEE")
        yield run(USAGE, "set-status", "99", "SERVICE_FAIT")
        yield run(OK, "set-status", str(received), "SERVICE_FAIT")

        # the mandates file (PES) and the nightly run: their error paths
        if "pes" in main.commands:
            yield run(USAGE, "pes", "validate", str(tmp_path / "absent.xml"))
            yield run(USAGE, "pes", "build", "--mandats", str(tmp_path / "absent.csv"))
        if "send" in getattr(main.commands.get("pes"), "commands", {}):
            yield run(USAGE, "pes", "send")  # neither a file nor --all

        # a command added since this table was written: at least its usage row
        for path in _command_paths(main):
            if path not in KNOWN and path not in NOT_RUN:
                yield run(USAGE, *path, "--no-such-option")
        if "run" in main.commands:
            yield run(USAGE, "run", "--inbox", str(tmp_path / "absent"))


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every subcommand of ``group``, as the words that call it."""
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _command_paths(command, (*prefix, name))


#: The commands this table was written for (each run above on its own paths).  A
#: command not listed is probed with an unknown option only: give it its rows above.
KNOWN = {
    *[(name,) for name in ("inspect", "validate", "ingest", "revalidate", "list", "show")],
    ("render",),
    *[(name,) for name in ("send", "status", "receive", "set-status", "config", "run")],
    ("artefacts", "list"),
    ("artefacts", "install"),
    ("db", "upgrade"),
    ("audit", "log"),
    ("audit", "verify"),
    ("audit", "export"),
    ("pes", "validate"),
    ("pes", "build"),
    ("pes", "send"),
    ("todo",),
}

#: Commands not run beyond ``--help`` here, and why.
NOT_RUN = {
    ("demo",): "the whole tour has its own tests (tests/demo), exit codes included",
    ("emulator",): "a group",
    ("emulator", "serve"): "a server that runs until stopped (tests/emulator)",
    ("audit",): "a group",
    ("artefacts",): "a group",
    ("db",): "a group",
    ("pes",): "a group",
    ("artefacts", "fetch"): "needs the Internet (tests/validate install from a folder)",
}


def test_every_command_exits_by_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, artefacts: Path
) -> None:
    steps = list(scenario(tmp_path, monkeypatch, "en_US.UTF-8"))
    wrong = [
        f"demat {' '.join(s.args)}: exit {s.code}, expected {s.expected}\n{s.output}"
        for s in steps
        if s.code != s.expected
    ]
    assert not wrong, "\n".join(wrong)
    ran = {s.args for s in steps if "--help" not in s.args}
    for path in _command_paths(main):
        if path in NOT_RUN:
            continue
        assert any(args[: len(path)] == path for args in ran), f"demat {' '.join(path)} not run"


def _broken_cli() -> click.Group:
    from demat.cli.command import DematGroup, set_debug

    @click.group(cls=DematGroup)
    @click.option("--debug", is_flag=True, callback=lambda _c, _p, on: set_debug(on))
    def cli(debug: bool) -> None:
        pass

    @cli.command("crash")
    def crash() -> None:
        raise RuntimeError("secret internals b'\\x00'")

    return cli


def test_an_unexpected_error_is_one_sentence_and_exit_2() -> None:
    result = CliRunner().invoke(_broken_cli(), ["crash"], prog_name="demat")
    assert result.exit_code == USAGE
    assert "Unexpected internal error; run again with --debug" in result.output
    assert "Traceback" not in result.output and "secret internals" not in result.output
    debug = CliRunner().invoke(_broken_cli(), ["--debug", "crash"], prog_name="demat")
    assert debug.exit_code == USAGE
    assert "Traceback" in debug.output and "secret internals" in debug.output


def test_every_click_text_we_translate_has_our_words() -> None:
    """Each click template has a message in both languages, with the same fields."""
    from demat.cli.click_text import TEMPLATES, WORDS, translate
    from invoices.i18n import catalogue, set_language

    for _template, key in TEMPLATES:
        assert key in catalogue(), key
    for key in WORDS.values():
        assert key in catalogue(), key
    set_language("fr")
    try:
        message = "Invalid value for 'PATHS...': Path 'a.xml' does not exist."
        assert translate(message) == (
            "valeur incorrecte pour 'PATHS...' : le chemin « a.xml » n'existe pas."
        )
        assert translate("No such option '--x'. Did you mean '--db'?") == (
            "l'option « --x » n'existe pas. Vouliez-vous dire '--db' ?"
        )
        assert translate("Got unexpected extra argument (2)") == "argument en trop (2)"
    finally:
        set_language(None)
