"""``demat render --format pdf``: the A4 pages read back as a person's PDF reader
would (poppler's pdftotext), for an invoice of each syntax: the number, the
supplier, its SIRET and the total with VAT are there, in French or in English."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from browser_helpers import plain
from click.testing import CliRunner

from demat.cli import main
from invoices.display import money
from invoices.reading import read

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ZUGFERD1 = "zugferd-corpus/ZUGFeRDv1/correct/Intarsys/ZUGFeRD_1p0_EXTENDED_Warenrechnung.pdf"


def _pdftotext(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return plain(done.stdout)


@pytest.mark.parametrize(
    "name", ["ubl-invoice.xml", "cii-en16931.xml", "facturx-en16931.pdf", "ubl-credit-note.xml"]
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rendered_pdf_holds_number_supplier_total(
    name: str, lang: str, tmp_path: Path, poppler: None
) -> None:
    source = SAMPLES / name
    target = tmp_path / "out.pdf"
    result = CliRunner().invoke(
        main,
        ["render", str(source), "--format", "pdf", "--lang", lang, "-o", str(target)],
        prog_name="demat",
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    invoice = read(source)
    text = _pdftotext(target)
    assert invoice.number in text
    assert invoice.seller.name and invoice.seller.name in text
    assert plain(money(invoice.totals.tax_inclusive, invoice.currency, lang)) in text
    if invoice.seller.siret:
        assert invoice.seller.siret in text
    assert ("Total TTC" if lang == "fr" else "Total with VAT") in text


def test_zugferd1_pdf_rendered_in_french(corpus: Path, tmp_path: Path, poppler: None) -> None:
    source = corpus / ZUGFERD1
    target = tmp_path / "z.pdf"
    result = CliRunner().invoke(
        main, ["render", str(source), "--format", "pdf", "--lang", "fr", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    invoice = read(source)
    text = _pdftotext(target)
    assert invoice.number in text and "Récapitulatif de la TVA" in text
    assert plain(money(invoice.totals.tax_inclusive, invoice.currency, "fr")) in text
