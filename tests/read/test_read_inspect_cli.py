"""``demat inspect``: summary, JSON, both languages, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from demat.cli import main


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_summary(tmp_path: Path, cii_sample: bytes) -> None:
    path = _write(tmp_path, "facture.xml", cii_sample)
    result = CliRunner().invoke(main, ["inspect", path])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"File: {path}" in out
    assert "Format: cii, profile en16931" in out
    assert "Invoice no. FA-2026-0042 of 2026-01-15" in out
    assert "Seller (BG-4): Fournitures Durand SARL\n  SIRET: 40212345900016\n" in out
    assert "Buyer (BG-7): Commune de Saint-Exemple\n  SIRET: 21750011500019\n" in out
    assert "Service code (BT-10): MAIRIE-FIN" in out
    assert "Engagement number (BT-13): EJ-2026-000123" in out
    assert "BT-115 amount due: 102.00 EUR" in out
    assert "category S at 20.00%: base 85.00, VAT 17.00" in out
    assert "Lines (BG-25): 1" in out


def test_summary_in_french(tmp_path: Path, cii_sample: bytes) -> None:
    path = _write(tmp_path, "facture.xml", cii_sample)
    result = CliRunner().invoke(main, ["--lang", "fr", "inspect", path])
    assert result.exit_code == 0
    assert "Facture n° FA-2026-0042 du 2026-01-15" in result.output
    assert "BT-115 net à payer : 102.00 EUR" in result.output


def test_json(tmp_path: Path, cii_sample: bytes) -> None:
    path = _write(tmp_path, "facture.xml", cii_sample)
    result = CliRunner().invoke(main, ["inspect", "--json", path])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["syntax"], data["profile"]) == ("cii", "en16931")
    assert data["BT-1"] == "FA-2026-0042"
    assert data["BG-22"]["BT-115"] == "102.00"
    assert data["BG-4"]["BT-30"] == {"id": "40212345900016", "scheme": "0009"}
    assert data["BG-24"][0]["BT-125"] == "Qm9uam91ciAh"


def test_unstructured_pdf(tmp_path: Path, make_pdf) -> None:
    path = _write(tmp_path, "scan.pdf", make_pdf([]))
    result = CliRunner().invoke(main, ["inspect", path])
    assert result.exit_code == 1  # it holds no invoice: the supplier must send another
    assert "PDF without a structured invoice" in result.output


def test_bad_input_exit_1(tmp_path: Path) -> None:
    path = _write(tmp_path, "junk.xml", b"<a><b></a>")
    result = CliRunner().invoke(main, ["inspect", path])
    assert result.exit_code == 1
    assert f"{path}: malformed XML" in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["inspect", str(tmp_path / "absent.pdf")])
    assert result.exit_code == 2  # a wrong name typed, as in every command
    assert "absent.pdf: file not found" in result.stderr
