"""``demat render FILE|ID``: where the rendering goes, stored invoices by id, and the
exit codes (0 written; 1 a file that holds no invoice; 2 no such file or id, or the
rendering cannot be written)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

from demat.cli import main
from demat.cli.render import default_output

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="demat")
    return result.exit_code, result.output


def test_default_output_is_beside_the_file_and_never_the_file_itself(tmp_path: Path) -> None:
    source = tmp_path / "facture.pdf"
    shutil.copyfile(SAMPLES / "facturx-en16931.pdf", source)
    code, output = _run("--lang", "fr", "render", str(source), "--format", "pdf")
    assert code == 0, output
    written = tmp_path / "facture.rendu.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    assert source.read_bytes() == (SAMPLES / "facturx-en16931.pdf").read_bytes()
    assert f"Rendu écrit : {written}" in output
    code, _ = _run("render", str(source))
    assert code == 0 and (tmp_path / "facture.rendu.html").is_file()
    assert default_output("12", "html", stored=True) == Path("facture-12.html")


def test_output_dash_is_standard_output() -> None:
    code, output = _run("render", str(SAMPLES / "cii-en16931.xml"), "--lang", "en", "-o", "-")
    assert code == 0
    assert output.startswith("<!DOCTYPE html>") and "Invoice no. TM-2026-0001" in output


def test_language_follows_lang_option_and_messages(tmp_path: Path) -> None:
    target = tmp_path / "x.html"
    code, _ = _run("--lang", "fr", "render", str(SAMPLES / "ubl-invoice.xml"), "-o", str(target))
    assert code == 0 and "Facture n° FD-2026-0001" in target.read_text(encoding="utf-8")
    code, _ = _run(
        "--lang",
        "fr",
        "render",
        str(SAMPLES / "ubl-invoice.xml"),
        "--lang",
        "en",
        "-o",
        str(target),
    )
    assert code == 0 and "Invoice no. FD-2026-0001" in target.read_text(encoding="utf-8")


def test_a_stored_invoice_by_its_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, artefacts: Path
) -> None:
    monkeypatch.setenv("DEMAT_DB", f"sqlite:///{tmp_path / 'store.db'}")
    monkeypatch.setenv("DEMAT_DOCUMENTS", str(tmp_path / "documents"))
    monkeypatch.delenv("DEMAT_STRUCTURES", raising=False)
    code, output = _run("ingest", str(SAMPLES / "ubl-invoice.xml"))
    assert code == 0, output
    monkeypatch.chdir(tmp_path)
    code, output = _run("render", "1")
    assert code == 0, output
    page = (tmp_path / "facture-1.html").read_text(encoding="utf-8")
    assert "FD-2026-0001" in page and "Fournitures Durand SARL" in page
    code, output = _run("--lang", "fr", "render", "99")
    assert code == 2 and "aucune facture enregistrée n'a le n° 99" in output


def test_exit_codes(tmp_path: Path) -> None:
    assert _run("render", str(tmp_path / "absent.xml"))[0] == 2
    assert _run("render", str(tmp_path))[0] == 2  # a folder: a wrong argument
    blank = PdfWriter()
    blank.add_blank_page(200, 200)
    scan = tmp_path / "scan.pdf"
    with open(scan, "wb") as handle:
        blank.write(handle)
    code, output = _run("--lang", "fr", "render", str(scan))
    assert code == 1 and "ne contient pas de facture électronique" in output
    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"PK\x03\x04 not an invoice")
    assert _run("render", str(junk))[0] == 1
    assert _run("render", str(SAMPLES / "broken" / "corrupt.pdf"))[0] == 1
    code, output = _run(
        "render", str(SAMPLES / "ubl-invoice.xml"), "-o", str(tmp_path / "no" / "dir.html")
    )
    assert code == 2 and "cannot write the rendering" in output
    assert _run("render", str(SAMPLES / "ubl-invoice.xml"), "--format", "doc")[0] == 2
