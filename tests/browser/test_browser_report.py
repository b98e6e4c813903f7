"""The report of ``demat validate --format html`` in a real Chromium: it loads without
fetching anything, fits 1280 px and the A4 print width, and its summary table names
each invoice by number, supplier and total with VAT."""

from __future__ import annotations

from pathlib import Path

from browser_helpers import A4_WIDTH, DESKTOP_WIDTH, Page
from click.testing import CliRunner

from demat.cli import main
from invoices.display import money
from invoices.reading import read

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FILES = (
    SAMPLES / "cii-en16931.xml",
    SAMPLES / "facturx-en16931.pdf",
    SAMPLES / "broken" / "br-co-15-totals.xml",  # invalid: its findings make the page long
)


def _report(tmp_path: Path, lang: str = "fr") -> Path:
    target = tmp_path / "report.html"
    result = CliRunner().invoke(
        main,
        ["--lang", lang, "validate", "--format", "html", "--output", str(target), *map(str, FILES)],
        prog_name="demat",
    )
    assert result.exit_code == 1, result.output  # one invalid invoice among them
    return target


def test_report_loads_and_fits_the_screen_and_a4(
    tmp_path: Path, page: Page, artefacts: Path
) -> None:
    page.open(_report(tmp_path))
    assert page.fetched() == []
    assert page.js("return document.documentElement.lang").startswith("fr")
    for width, media in ((DESKTOP_WIDTH, "screen"), (A4_WIDTH, "screen"), (A4_WIDTH, "print")):
        page.viewport(width, media=media)
        assert page.overflow() <= 0, f"report at {width}px ({media}): {page.widest()}"


def test_report_summary_names_each_invoice(tmp_path: Path, page: Page, artefacts: Path) -> None:
    page.open(_report(tmp_path))
    summary = page.js(
        "const t = document.querySelector('table');"
        "return t ? [...t.querySelectorAll('tbody tr')].map(r => r.innerText) : [];"
    )
    assert isinstance(summary, list) and len(summary) == len(FILES), summary
    for path, row in zip(FILES, summary, strict=True):
        invoice = read(path)
        assert invoice.number in row
        assert invoice.seller.name and invoice.seller.name in row
        assert money(invoice.totals.tax_inclusive, invoice.currency, "fr") in row
    page.screenshot(tmp_path / "report.png", DESKTOP_WIDTH)
    assert (tmp_path / "report.png").read_bytes().startswith(b"\x89PNG")
