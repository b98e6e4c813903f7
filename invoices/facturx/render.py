"""The human-readable PDF of an invoice: what the clerk sees and prints.

A Factur-X file is a PDF/A-3 whose visible pages tell the same invoice as the
embedded XML.  This module draws those pages with fpdf2 from the readable view of
the model (:mod:`invoices.render.view`, the same view the HTML rendering of
``demat render`` draws): parties with their SIRET and VAT numbers, the references
Chorus Pro routes on (engagement BT-13, service code BT-10), dates, lines, VAT
breakdown, totals, payment details and notes, codes in words.  ``demat render
--format pdf`` prints these very pages (:func:`draw`), so what a clerk prints from
any supported invoice looks like the Factur-X files we write.

PDF/A needs every font embedded and an output intent: the DejaVu Sans fonts
shipped beside this module (a Latin subset, so files stay small) and an sRGB
profile made by Pillow's littleCMS are used.  The creation date is the
invoice's issue date, so the same invoice always gives the same bytes.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import cast

from fpdf import FPDF
from fpdf.enums import OutputIntentSubType, XPos, YPos
from fpdf.output import PDFICCProfile
from PIL import ImageCms

from invoices.model import Invoice
from invoices.render.view import Block, InvoiceView, Row, Table, build

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
MARGIN = 15
PAGE_WIDTH = 210
USABLE = PAGE_WIDTH - 2 * MARGIN

#: Column widths (mm) of the tables, by their number of columns: lines (#, item,
#: quantity, unit, price, VAT, net), allowances and charges, VAT breakdown.
COLUMNS = {
    7: (9, 67, 19, 17, 26, 16, 26),
    6: (20, 50, 26, 27, 29, 28),
    5: (54, 18, 34, 34, 40),
}
LINE = 4.4
#: Width (mm) of the labels of a party's rows ("N° de TVA intracommunautaire" fits).
PARTY_LABEL = 42
GREY = 70  # the muted text: 9:1 on white, readable when printed in black and white


class _NoGlyphNotice(logging.Filter):
    """fpdf2's English notice that the font lacks a glyph (a Greek or Chinese name:
    the embedded font is a Latin subset) never reaches a clerk's terminal; the HTML
    rendering shows every character."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "missing the following glyphs" not in record.getMessage()


logging.getLogger("fpdf.output").addFilter(_NoGlyphNotice())


@cache
def _srgb_profile() -> bytes:
    """An sRGB ICC profile for the PDF/A output intent (made, not downloaded).

    littleCMS stamps the profile header with the current time (bytes 24-35) and
    a checksum of the whole profile (bytes 84-99): both are fixed here so that the
    same invoice always gives the same PDF.  An all-zero profile ID is the ICC
    way of saying "not computed".
    """
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[24:36] = struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
    profile[84:100] = bytes(16)
    return bytes(profile)


class _Document(FPDF):
    """An A4 page with the project's fonts and a footer naming the page."""

    def __init__(self, footer: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self._footer_text = footer
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=18)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 7)
        self.set_text_color(110)
        self.cell(0, 5, f"{self._footer_text} — {self.page_no()}/{{nb}}", align="C")


def _lines_of(pdf: FPDF, width: float, text: str) -> int:
    return len(cast(list[str], pdf.multi_cell(width, LINE, text, dry_run=True, output="LINES")))


def _room(pdf: FPDF, height: float) -> None:
    """A new page when ``height`` does not fit on this one."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _heading(pdf: FPDF, text: str) -> None:
    """A part of the page: a bookmark of the PDF outline too (the PDF's h2); never
    alone at the foot of a page."""
    _room(pdf, 32)
    pdf.ln(2.5)
    pdf.set_font(FONT, "B", 11)
    pdf.start_section(text, level=1)
    pdf.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(27)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + USABLE, pdf.get_y())
    pdf.ln(1.5)


def _pairs(pdf: FPDF, x: float, width: float, label_width: float, rows: Sequence[Row]) -> float:
    """Label / value rows in a column starting at ``x``; the y where they end."""
    value_width = width - label_width
    for row in rows:
        pdf.set_font(FONT, "", 8.5)
        lines = max(
            _lines_of(pdf, label_width - 1, row.label), _lines_of(pdf, value_width, row.value)
        )
        height = LINE * lines + 0.8
        _room(pdf, height)
        y = pdf.get_y()
        pdf.set_xy(x, y)
        pdf.set_text_color(GREY)
        pdf.multi_cell(label_width - 1, LINE, row.label, align="L")
        pdf.set_text_color(0)
        pdf.set_xy(x + label_width, y)
        pdf.multi_cell(value_width, LINE, row.value, align="L")
        pdf.set_xy(x, y + height)
    return pdf.get_y()


def _pairs_height(pdf: FPDF, width: float, label_width: float, rows: Sequence[Row]) -> float:
    pdf.set_font(FONT, "", 8.5)
    return sum(
        LINE
        * max(
            _lines_of(pdf, label_width - 1, r.label), _lines_of(pdf, width - label_width, r.value)
        )
        + 0.8
        for r in rows
    )


def _blocks(pdf: FPDF, blocks: Sequence[Block]) -> None:
    """The parties, two by two; a pair that does not fit starts a new page."""
    half, label = USABLE / 2 - 4, PARTY_LABEL
    for first in range(0, len(blocks), 2):
        pair = blocks[first : first + 2]
        _room(pdf, 6 + max(_pairs_height(pdf, half, label, b.rows) for b in pair))
        top = pdf.get_y()
        ends = []
        for n, block in enumerate(pair):
            x = MARGIN + n * (half + 8)
            pdf.set_xy(x, top)
            pdf.set_font(FONT, "B", 9.5)
            pdf.cell(half, 5.5, block.heading, new_x=XPos.LEFT, new_y=YPos.NEXT)
            ends.append(_pairs(pdf, x, half, label, block.rows))
        pdf.set_y(max(ends) + 3)


def _height(pdf: FPDF, widths: Sequence[float], cells: Sequence[str], bold: bool) -> float:
    """The height of a table row: its tallest cell (cells wrap)."""
    pdf.set_font(FONT, "B" if bold else "", 8)
    return LINE * max(_lines_of(pdf, w - 1, c) for w, c in zip(widths, cells, strict=True)) + 1.6


def _row(
    pdf: FPDF,
    widths: Sequence[float],
    cells: Sequence[str],
    numeric: Sequence[bool],
    *,
    bold: bool = False,
) -> None:
    """One table row at the current position (the header row: bold, shaded)."""
    height = _height(pdf, widths, cells, bold)
    pdf.set_font(FONT, "B" if bold else "", 8)
    y = pdf.get_y()
    if bold:
        pdf.set_fill_color(232)
        pdf.rect(MARGIN, y, sum(widths), height, style="F")
    x: float = MARGIN
    for width, text, right in zip(widths, cells, numeric, strict=True):
        pdf.set_xy(x + 0.5, y + 0.8)
        pdf.multi_cell(width - 1, LINE, text, align="R" if right else "L")
        x += width
    pdf.set_xy(MARGIN, y + height)
    pdf.set_draw_color(150)
    pdf.line(MARGIN, y + height, MARGIN + sum(widths), y + height)


def _table(pdf: FPDF, table: Table) -> None:
    """A table whose header row is drawn again at the top of every page it runs on."""
    widths = COLUMNS[len(table.headers)]
    if table.caption:
        pdf.set_font(FONT, "", 8)
        pdf.set_text_color(GREY)
        pdf.cell(0, 5, table.caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0)
    header = _height(pdf, widths, table.headers, True)
    first = _height(pdf, widths, table.rows[0], False) if table.rows else 0
    _room(pdf, header + first)
    _row(pdf, widths, table.headers, table.numeric, bold=True)
    for cells in table.rows:
        if pdf.get_y() + _height(pdf, widths, cells, False) > pdf.page_break_trigger:
            pdf.add_page()
            _row(pdf, widths, table.headers, table.numeric, bold=True)
        _row(pdf, widths, cells, table.numeric)


def _totals(pdf: FPDF, view: InvoiceView) -> None:
    for total in view.totals:
        _room(pdf, 8)
        pdf.set_font(FONT, "B" if total.strong else "", 10 if total.strong else 9)
        pdf.set_x(MARGIN + USABLE - 110)
        if total.strong:
            pdf.set_draw_color(27)
            pdf.line(MARGIN + USABLE - 110, pdf.get_y(), MARGIN + USABLE, pdf.get_y())
        pdf.cell(72, 6, total.label, align="R")
        pdf.cell(38, 6, total.value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _summary(pdf: FPDF, view: InvoiceView) -> None:
    """The figures a clerk looks for first, in a shaded band under the title."""
    if not view.summary:
        return
    pdf.ln(2)
    width = USABLE / len(view.summary)
    top = pdf.get_y()
    pdf.set_fill_color(240)
    pdf.rect(MARGIN, top, USABLE, 12.5, style="F")
    for n, row in enumerate(view.summary):
        pdf.set_xy(MARGIN + n * width + 2, top + 1.2)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(GREY)
        pdf.cell(width - 4, 4, row.label, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_text_color(0)
        pdf.set_font(FONT, "B", 10)
        pdf.cell(width - 4, 6, _fit(pdf, row.value, width - 4))
    pdf.set_xy(MARGIN, top + 14)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` (a long supplier name in the band;
    it is written out in full in the parties below)."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _paragraphs(pdf: FPDF, items: Sequence[str]) -> None:
    pdf.set_font(FONT, "", 8.5)
    for item in items:
        _room(pdf, 2 * LINE)
        pdf.multi_cell(0, LINE, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)


def draw(view: InvoiceView, *, footer: str | None = None) -> bytes:
    """The view drawn on A4 pages, as PDF bytes (PDF/A-ready: fonts, sRGB intent)."""
    lang = view.lang
    pdf = _Document(footer or view.title)
    moment = datetime.combine(view.issue_date or date(2000, 1, 1), time(12), tzinfo=UTC)
    pdf.set_creation_date(moment)
    pdf.set_lang("fr-FR" if lang == "fr" else "en-GB")
    pdf.set_title(view.title)
    pdf.set_author(view.seller)
    pdf.set_creator("mairie-demat")
    pdf.add_output_intent(
        OutputIntentSubType.PDFA,
        output_condition_identifier="sRGB IEC61966-2.1",
        registry_name="http://www.color.org",
        dest_output_profile=PDFICCProfile(contents=_srgb_profile(), n=3, alternate="DeviceRGB"),
        info="sRGB IEC61966-2.1",
    )
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.set_font(FONT, "B", 16)
    pdf.start_section(view.title, level=0)
    pdf.multi_cell(0, 8, view.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(GREY)
    pdf.multi_cell(
        0,
        5,
        " · ".join(x for x in (view.issued, view.kind) if x),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0)
    _summary(pdf, view)

    _heading(pdf, view.heading("parties"))
    _blocks(pdf, view.parties)
    for key, rows in (("references", view.references), ("dates", view.dates)):
        if rows:
            _heading(pdf, view.heading(key))
            _pairs(pdf, MARGIN, USABLE, 80, rows)
    _heading(pdf, view.heading("lines"))
    _table(pdf, view.lines)
    if view.allowances is not None:
        _heading(pdf, view.heading("allowances"))
        _table(pdf, view.allowances)
    _heading(pdf, view.heading("vat"))
    _table(pdf, view.vat)
    _heading(pdf, view.heading("totals"))
    _totals(pdf, view)
    if view.payment:
        _heading(pdf, view.heading("payment"))
        _pairs(pdf, MARGIN, USABLE, 80, view.payment)
    for key, items in (("notes", view.notes), ("attachments", view.attachments)):
        if items:
            _heading(pdf, view.heading(key))
            _paragraphs(pdf, items)
    if view.source:
        pdf.ln(4)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(GREY)
        _paragraphs(pdf, [view.source])
    return bytes(pdf.output())


def render_pdf(invoice: Invoice, *, lang: str = "fr", footer: str | None = None) -> bytes:
    """The invoice drawn on A4 pages, as PDF bytes: the visible pages of a Factur-X."""
    return draw(build(invoice, lang=lang), footer=footer)
