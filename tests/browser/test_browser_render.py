"""``demat render`` in a real Chromium: the HTML page of an invoice of each syntax
loads without fetching anything, fits 1280 px and the A4 print width, shows the
number, the supplier and the total with VAT, is readable (contrast, headings, table
headers); Chromium prints it on A4 pages that hold the same figures."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from browser_helpers import A4_TEXT_WIDTH, A4_WIDTH, DESKTOP_WIDTH, Page, plain
from click.testing import CliRunner

from demat.cli import main
from invoices.display import money
from invoices.reading import read

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
#: The screen, the A4 page, and the text area of a printed A4 page.
WIDTHS = (
    (DESKTOP_WIDTH, "screen"),
    (A4_WIDTH, "screen"),
    (A4_WIDTH, "print"),
    (A4_TEXT_WIDTH, "print"),
)
ZUGFERD1 = "zugferd-corpus/ZUGFeRDv1/correct/Intarsys/ZUGFeRD_1p0_EXTENDED_Warenrechnung.pdf"


def _inputs(corpus: Path) -> dict[str, Path]:
    return {
        "ubl": SAMPLES / "ubl-invoice.xml",
        "cii": SAMPLES / "cii-en16931.xml",
        "facturx": SAMPLES / "facturx-en16931.pdf",
        "credit-note": SAMPLES / "ubl-credit-note.xml",
        "zugferd1": corpus / ZUGFERD1,
    }


def _render(source: Path, target: Path, lang: str) -> None:
    result = CliRunner().invoke(
        main, ["render", str(source), "--lang", lang, "--output", str(target)], prog_name="demat"
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", ["ubl", "cii", "facturx", "credit-note", "zugferd1"])
def test_rendered_invoice_fits_and_shows_what_matters(
    kind: str, corpus: Path, tmp_path: Path, page: Page
) -> None:
    source = _inputs(corpus)[kind]
    invoice = read(source)
    target = tmp_path / f"{kind}.html"
    _render(source, target, "fr")
    page.open(target)
    assert page.fetched() == []  # self-contained: nothing loaded besides the page
    for width, media in WIDTHS:
        page.viewport(width, media=media)
        assert page.overflow() <= 0, f"{kind} at {width}px ({media}): {page.widest()}"
    page.viewport(DESKTOP_WIDTH)
    text = page.text()
    assert invoice.number in str(page.js("return document.querySelector('h1').innerText"))
    assert invoice.seller.name and invoice.seller.name in text
    total = money(invoice.totals.tax_inclusive, invoice.currency, "fr")
    assert total in text
    if invoice.seller.siret:
        assert invoice.seller.siret in text


def test_rendered_page_is_accessible(corpus: Path, tmp_path: Path, page: Page) -> None:
    target = tmp_path / "render.html"
    _render(SAMPLES / "facturx-en16931.pdf", target, "fr")
    page.open(target)
    assert page.js("return document.documentElement.lang") == "fr-FR"
    assert page.js("return document.querySelectorAll('h1').length") == 1
    headings = page.js("return [...document.querySelectorAll('h2')].map(h => h.innerText)")
    assert {"Parties", "Lignes de la facture", "Récapitulatif de la TVA", "Totaux"} <= set(headings)
    assert page.js("return [...document.querySelectorAll('th')].filter(t => !t.scope).length") == 0
    assert page.js("return document.querySelectorAll('td').length") > 0
    assert page.low_contrast(7.0) == []  # WCAG AAA for every piece of text
    # The totals to pay are told by weight and words, not by colour alone.
    strong = page.js(
        "return [...document.querySelectorAll('.totals tr.strong')]"
        ".map(r => [r.innerText, getComputedStyle(r.querySelector('td')).fontWeight])"
    )
    assert strong and all(int(weight) >= 700 for _, weight in strong)
    assert any("Total TTC" in label for label, _ in strong)
    page.screenshot(tmp_path / "render.png", DESKTOP_WIDTH)
    assert (tmp_path / "render.png").read_bytes().startswith(b"\x89PNG")


def test_english_rendering_in_chromium(tmp_path: Path, page: Page) -> None:
    target = tmp_path / "en.html"
    _render(SAMPLES / "cii-en16931.xml", target, "en")
    page.open(target)
    assert page.js("return document.documentElement.lang") == "en-GB"
    text = page.text()
    assert "Invoice lines" in text and "VAT breakdown" in text
    assert "Facture" not in text and "Lignes" not in text


def test_chromium_prints_the_invoice_on_a4(tmp_path: Path, page: Page, poppler: None) -> None:
    source = SAMPLES / "facturx-en16931.pdf"
    invoice = read(source)
    target = tmp_path / "print.html"
    _render(source, target, "fr")
    page.open(target)
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(page.print_pdf())
    info = subprocess.run(
        ["pdfinfo", str(printed)], capture_output=True, text=True, check=True
    ).stdout
    assert "(A4)" in info
    text = plain(
        subprocess.run(
            ["pdftotext", "-layout", str(printed), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert invoice.number in text and "Fournitures Durand SARL" in text
    assert plain(money(invoice.totals.tax_inclusive, invoice.currency, "fr")) in text


def test_long_unbroken_texts_still_fit(tmp_path: Path, page: Page) -> None:
    """An invoice is untrusted input: a 150-character word, a long e-mail address or
    reference and many lines must wrap, not widen the page."""
    import dataclasses

    from invoices.model import Contact, Item
    from invoices.render import render_html

    invoice = read(SAMPLES / "ubl-invoice.xml")
    word = "Désignation" * 14
    lines = tuple(
        dataclasses.replace(line, item=Item(name=word, description=word))
        for line in invoice.lines * 15
    )
    seller = dataclasses.replace(
        invoice.seller, contact=Contact(email="comptabilite." * 8 + "@example.fr")
    )
    long = dataclasses.replace(
        invoice, lines=lines, seller=seller, purchase_order="EJ-" + "0" * 80, payment_terms=word
    )
    target = tmp_path / "long.html"
    target.write_text(render_html(long, lang="fr"), encoding="utf-8")
    page.open(target)
    for width, media in WIDTHS:
        page.viewport(width, media=media)
        assert page.overflow() <= 0, f"at {width}px ({media}): {page.widest()}"
    page.viewport(A4_WIDTH, media="print")
    assert word in page.text()
