"""The HTML report's content: a summary table first, then findings a clerk can read.

Built from hand-made reports (and once from a real corpus file through the real
engine) so each expectation is about the page, not about a validator's mood:
the summary names each invoice by number, supplier, date and total (formatted by
Babel: « 1 234,56 € »), the verdict is a word, every row links to its section,
and no XPath shows outside a folded ``<details>``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from invoices.i18n import set_language
from invoices.validation import validate
from invoices.validation.output import render
from invoices.validation.report import Finding, InvoiceFacts, Layer, Report, Severity

XPATH = (
    "/*:CrossIndustryInvoice[namespace-uri()='urn:un:unece:uncefact:data:standard:"
    "CrossIndustryInvoice:100'][1]/*:SupplyChainTradeTransaction[1]/*:ApplicableHeader"
    "TradeSettlement[1]/*:SpecifiedTradeSettlementHeaderMonetarySummation[1]"
)
INVALID = "facturx-cas-limites/cas/CALC-005/factur-x.xml"  # official verdict: BR-S-08


def _reports() -> list[Report]:
    layers = [Layer.SAFETY, Layer.SYNTAX, Layer.EN16931]
    return [
        Report(
            file="bonne.xml",
            sha256="a" * 64,
            syntax="cii",
            profile="en16931",
            layers_run=layers,
            invoice=InvoiceFacts(
                number="FA-2026-0042",
                seller="Fournitures Durand SARL",
                issue_date=date(2026, 3, 2),
                total=Decimal("1234.56"),
                currency="EUR",
            ),
        ),
        Report(
            file="mauvaise.xml",
            sha256="b" * 64,
            syntax="cii",
            profile="en16931",
            layers_run=layers,
            invoice=InvoiceFacts(
                number="F-77",
                seller="Bâtiment Martin",
                issue_date=date(2026, 8, 15),
                total=Decimal("12000"),
                currency="EUR",
            ),
            findings=[
                Finding(
                    Layer.EN16931,
                    "BR-CO-15",
                    Severity.FATAL,
                    "[BR-CO-15]-Invoice total amount with VAT (BT-112) = Invoice total "
                    "amount without VAT (BT-109) + Invoice total VAT amount (BT-110).",
                    location=XPATH,
                    terms=("BT-112", "BT-109", "BT-110"),
                )
            ],
        ),
        Report(
            file="illisible.pdf",
            sha256="c" * 64,
            findings=[Finding(Layer.SAFETY, "DEMAT-ENGINE-ERROR", Severity.FATAL, "crash")],
            unchecked=[Layer.SAFETY],
        ),
    ]


class _Page(HTMLParser):
    """Text inside and outside ``<details>``, the summary table's rows, the anchors."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.outside: list[str] = []
        self.inside: list[str] = []
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.ids: list[str] = []
        self._table = 0
        self._in_summary = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "details":
            self.depth += 1
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "table":
            self._table += 1
            self._in_summary = self._table == 1
        if self._in_summary and tag == "tr":
            self.rows.append([])
        if self._in_summary and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self.depth -= 1
        if tag == "table":
            self._in_summary = False
        if self._in_summary and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        (self.inside if self.depth else self.outside).append(data)
        if self._cell is not None:
            self._cell.append(data)


def _page(reports: list[Report]) -> tuple[str, _Page]:
    html = render(reports, "html")
    page = _Page()
    page.feed(html)
    page.close()
    return html, page


def _plain(text: str) -> str:
    """Babel's narrow and ordinary no-break spaces as plain spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_summary_table_comes_first_with_one_row_per_invoice(lang: str) -> None:
    set_language(lang)
    html, page = _page(_reports())
    assert html.index("<table") < html.index('id="doc-1"')  # the summary before any section
    header, *rows = page.rows
    assert len(rows) == 3
    if lang == "fr":
        assert header == [
            "Fichier",
            "N° de facture",
            "Fournisseur",
            "Date",
            "Montant TTC (BT-112)",
            "Verdict",
        ]
        assert [_plain(cell) for cell in rows[0]] == [
            "bonne.xml",
            "FA-2026-0042",
            "Fournitures Durand SARL",
            "02/03/2026",
            "1 234,56 €",
            "valide",
        ]
        assert _plain(rows[1][4]) == "12 000,00 €" and rows[1][3] == "15/08/2026"
        assert [row[5] for row in rows] == ["valide", "invalide", "contrôle impossible"]
    else:
        assert header[1:5] == ["Invoice number", "Supplier", "Date", "Total incl. VAT (BT-112)"]
        assert _plain(rows[0][4]) == "€1,234.56"
        assert [row[5] for row in rows] == ["valid", "invalid", "could not be checked"]
    assert rows[2][1:5] == ["", "", "", ""]  # nothing invented for an unreadable file


def test_every_row_links_to_its_section() -> None:
    set_language("fr")
    _, page = _page(_reports())
    assert page.links == ["#doc-1", "#doc-2", "#doc-3"]
    assert {"doc-1", "doc-2", "doc-3"} <= set(page.ids)


def test_no_xpath_outside_details_and_official_text_folded() -> None:
    set_language("fr")
    _, page = _page(_reports())
    outside, inside = "".join(page.outside), "".join(page.inside)
    for needle in ("namespace-uri", "/*:", "CrossIndustryInvoice"):
        assert needle not in outside
    assert XPATH in inside
    # the official English text is the reference, kept folded; the visible text is French
    assert "Invoice total amount with VAT (BT-112) = Invoice" in inside
    assert "Invoice total amount with VAT (BT-112) = Invoice" not in outside
    assert "BR-CO-15" in outside and "BT-112" in outside  # rule and terms stay visible


def test_a_location_in_words_is_shown_as_it_is() -> None:
    set_language("fr")
    report = _reports()[1]
    report.findings.append(
        Finding(Layer.SYNTAX, "DEMAT-XML", Severity.FATAL, "XML mal formé", "ligne 182, colonne 22")
    )
    _, page = _page([report])
    assert "Où : ligne 182, colonne 22" in "".join(page.outside)


def test_section_names_the_invoice_too() -> None:
    set_language("fr")
    _, page = _page(_reports())
    outside = _plain("".join(page.outside))
    assert "N° de facture : F-77" in outside and "Fournisseur : Bâtiment Martin" in outside
    assert "Montant TTC (BT-112) : 12 000,00 €" in outside


@pytest.mark.slow
def test_real_validation_carries_the_invoice_facts(corpus: Path) -> None:
    set_language("fr")
    report = validate(corpus / INVALID)
    assert report.invoice is not None and report.invoice.number
    _, page = _page([report])
    row = page.rows[1]
    assert row[1] == report.invoice.number and row[5] == "invalide"
    assert row[4] and row[4][0].isdigit()
    assert "namespace-uri" not in "".join(page.outside)


@pytest.mark.slow
def test_cli_html_report_opens_on_the_summary(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from demat.cli import main

    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    set_language(None)
    result = CliRunner().invoke(main, ["validate", "--format", "html", str(corpus / INVALID)])
    assert result.exit_code == 1, result.output
    page = _Page()
    page.feed(result.output)
    header, row = page.rows[:2]
    assert header[0] == "Fichier" and header[4] == "Montant TTC (BT-112)"
    assert row[1] and row[5] == "invalide" and row[4].endswith("€")
    assert page.links == ["#doc-1"]
