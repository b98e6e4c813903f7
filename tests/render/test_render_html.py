"""The HTML page as a file: self-contained, escaped, structured for a screen reader;
and the PDF pages: reproducible, with the PDF/A prerequisites (the Factur-X writer
prints the same pages)."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from invoices.model import Party
from invoices.reading import read
from invoices.render import render_html, render_pdf

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_page_is_one_self_contained_file() -> None:
    page = render_html(read(SAMPLES / "facturx-en16931.pdf"), lang="fr")
    assert page.startswith("<!DOCTYPE html>")
    tags = _tags(page)
    names = {tag for tag, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    assert not [attrs for _, attrs in tags if "src" in attrs or "href" in attrs]
    assert "url(" not in page and "@import" not in page


def test_page_structure_for_a_screen_reader() -> None:
    page = render_html(read(SAMPLES / "cii-en16931.xml"), lang="fr")
    tags = _tags(page)
    assert ("html", {"lang": "fr-FR"}) in tags
    assert [tag for tag, _ in tags].count("h1") == 1
    assert [tag for tag, _ in tags].count("h2") >= 6
    headers = [attrs for tag, attrs in tags if tag == "th"]
    assert headers and all(attrs.get("scope") in ("col", "row") for attrs in headers)
    assert '<meta name="viewport"' in page and "@page{size:A4" in page


def test_invoice_text_cannot_inject_markup() -> None:
    invoice = read(SAMPLES / "ubl-invoice.xml")
    evil = dataclasses.replace(
        invoice, seller=Party(name='<script>alert("x")</script> & Cie'), number="<b>1</b>"
    )
    page = render_html(evil, lang="fr")
    assert "<script>" not in page and "<b>1</b>" not in page
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; Cie' in page


def test_english_page() -> None:
    page = render_html(read(SAMPLES / "ubl-invoice.xml"), lang="en")
    assert '<html lang="en-GB">' in page
    assert "Invoice no. FD-2026-0001" in page and "Facture" not in page


def test_pdf_is_reproducible_and_pdf_a_ready() -> None:
    invoice = read(SAMPLES / "ubl-invoice.xml")
    first = render_pdf(invoice, lang="fr", source="samples/ubl-invoice.xml")
    assert first == render_pdf(invoice, lang="fr", source="samples/ubl-invoice.xml")
    reader = PdfReader(io.BytesIO(first))
    assert reader.trailer["/Root"]["/OutputIntents"]
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["Facture n° FD-2026-0001"]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Récapitulatif de la TVA" in text and "Total TTC (BT-112)" in text
    assert re.search(r"Virement|Moyen de paiement", text)


def test_pdf_of_a_non_latin_name_says_nothing_in_english(caplog: pytest.LogCaptureFixture) -> None:
    """The PDF font is a Latin subset: fpdf2's notice about a missing glyph is the
    library's English text and must not reach a clerk (the HTML shows the name)."""
    invoice = dataclasses.replace(read(SAMPLES / "ubl-invoice.xml"), seller=Party(name="Ωμέγα SA"))
    with caplog.at_level(logging.DEBUG):
        assert render_pdf(invoice, lang="fr").startswith(b"%PDF-")
    assert not [r for r in caplog.records if "missing the following" in r.getMessage()]
    assert "Ωμέγα SA" in render_html(invoice, lang="fr")
