"""The human-readable PDF of an invoice: what the clerk sees and prints.

A Factur-X file is a PDF/A-3 whose visible pages tell the same invoice as the
embedded XML.  This module draws those pages from the model with fpdf2: parties
with their SIRET, references Chorus Pro routes on (service code BT-10,
engagement number BT-13), lines, VAT breakdown, totals and payment details.

PDF/A needs every font embedded and an output intent: the DejaVu Sans fonts
shipped beside this module (a Latin subset, so files stay small) and an sRGB
profile made by Pillow's littleCMS are used.  The creation date is the
invoice's issue date, so the same invoice always gives the same bytes.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import cast

from fpdf import FPDF
from fpdf.enums import OutputIntentSubType, XPos, YPos
from fpdf.output import PDFICCProfile
from PIL import ImageCms

from invoices.i18n import t
from invoices.model import AllowanceCharge, Invoice, Party

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
MARGIN = 15
PAGE_WIDTH = 210
USABLE = PAGE_WIDTH - 2 * MARGIN

# Column widths (mm) of the lines table: #, item, quantity, unit, price, VAT, net.
COLUMNS = (8, 76, 18, 14, 22, 16, 26)


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


def money(value: Decimal | None, currency: str | None = None, lang: str = "fr") -> str:
    """An amount as a French reader expects it: ``1 234,50 €``."""
    if value is None:
        return ""
    text = f"{value:,.2f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    symbol = {"EUR": "€"}.get(currency or "", currency or "")
    return f"{text} {symbol}".strip()


def number(value: Decimal | None, lang: str = "fr") -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return text.replace(".", ",") if lang == "fr" else text


def day(value: date | None, lang: str = "fr") -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()


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


def _party_lines(party: Party, lang: str) -> list[str]:
    out = [party.name or ""]
    address = party.address
    if address is not None:
        out += [line for line in (address.line1, address.line2, address.line3) if line]
        out.append(" ".join(x for x in (address.postcode, address.city) if x))
        if address.country and address.country != "FR":
            out.append(address.country)
    if party.siret:
        out.append(t("write.pdf_siret", lang=lang, siret=party.siret))
    elif party.legal_id is not None:
        out.append(t("write.pdf_legal_id", lang=lang, id=party.legal_id.value))
    if party.vat_id:
        out.append(t("write.pdf_vat_id", lang=lang, vat=party.vat_id))
    if party.contact is not None:
        out += [x for x in (party.contact.name, party.contact.email, party.contact.phone) if x]
    return out


def _block(pdf: FPDF, x: float, y: float, width: float, title: str, lines: Sequence[str]) -> float:
    pdf.set_xy(x, y)
    pdf.set_font(FONT, "B", 9)
    pdf.cell(width, 5, title, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    for line in lines:
        pdf.set_x(x)
        pdf.multi_cell(width, 4.5, line, new_x=XPos.LEFT, new_y=YPos.NEXT)
    return pdf.get_y()


def _references(invoice: Invoice, lang: str) -> list[tuple[str, str]]:
    refs = [
        (t("write.pdf_issue_date", lang=lang), day(invoice.issue_date, lang)),
        (t("write.pdf_due_date", lang=lang), day(invoice.due_date, lang)),
        (t("write.pdf_service_code", lang=lang), invoice.buyer_reference or ""),
        (t("write.pdf_engagement", lang=lang), invoice.purchase_order or ""),
        (t("write.pdf_contract", lang=lang), invoice.contract_reference or ""),
    ]
    if invoice.invoicing_period is not None:
        period = invoice.invoicing_period
        refs.append(
            (
                t("write.pdf_period", lang=lang),
                f"{day(period.start, lang)} – {day(period.end, lang)}",
            )
        )
    for preceding in invoice.preceding_invoices:
        refs.append(
            (
                t("write.pdf_preceding", lang=lang),
                f"{preceding.number} ({day(preceding.issue_date, lang)})",
            )
        )
    return [(label, value) for label, value in refs if value]


def _table_row(pdf: FPDF, cells: Sequence[str], *, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", 8)
    aligns = ("L", "L", "R", "L", "R", "R", "R")
    # The item name may wrap: measure the tallest cell first, then draw the row.
    lines = max(
        len(cast(list[str], pdf.multi_cell(w, 4.5, text, dry_run=True, output="LINES")))
        for w, text in zip(COLUMNS, cells, strict=True)
    )
    height = 4.5 * lines + 1.5
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    y = pdf.get_y()
    x = MARGIN
    for width, text, align in zip(COLUMNS, cells, aligns, strict=True):
        pdf.set_xy(x, y + 0.75)
        pdf.multi_cell(width, 4.5, text, align=align)
        x += width
    pdf.set_xy(MARGIN, y + height)
    pdf.set_draw_color(200)
    pdf.line(MARGIN, y + height, MARGIN + USABLE, y + height)


def _allowance_text(ac: AllowanceCharge, charge: bool, lang: str) -> str:
    """The reason as the seller wrote it, else the plain word (the sign tells which)."""
    return ac.reason or t("write.pdf_charge" if charge else "write.pdf_allowance", lang=lang)


def _summary_row(pdf: FPDF, label: str, value: str, *, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", 9)
    pdf.set_x(MARGIN + USABLE - 95)
    pdf.cell(60, 5.5, label, align="R")
    pdf.cell(35, 5.5, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_pdf(invoice: Invoice, *, lang: str = "fr", footer: str | None = None) -> bytes:
    """The invoice drawn on A4 pages, as PDF bytes (PDF/A-ready: fonts, sRGB intent)."""
    cur = invoice.currency
    title = t(
        "write.pdf_credit_note" if invoice.is_credit_note else "write.pdf_invoice",
        lang=lang,
        number=invoice.number,
    )
    pdf = _Document(footer or title)
    moment = datetime.combine(invoice.issue_date or date(2000, 1, 1), time(12), tzinfo=UTC)
    pdf.set_creation_date(moment)
    pdf.set_lang("fr-FR" if lang == "fr" else "en-GB")
    pdf.set_title(title)
    pdf.set_author(invoice.seller.name or "")
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
    pdf.cell(0, 9, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    top = pdf.get_y() + 3
    half = USABLE / 2 - 5
    seller_end = _block(
        pdf, MARGIN, top, half, t("write.pdf_seller", lang=lang), _party_lines(invoice.seller, lang)
    )
    buyer_end = _block(
        pdf,
        MARGIN + USABLE / 2 + 5,
        top,
        half,
        t("write.pdf_buyer", lang=lang),
        _party_lines(invoice.buyer, lang),
    )
    pdf.set_y(max(seller_end, buyer_end) + 4)

    pdf.set_font(FONT, "", 9)
    for label, value in _references(invoice, lang):
        pdf.set_font(FONT, "B", 9)
        pdf.cell(62, 5, label)
        pdf.set_font(FONT, "", 9)
        pdf.cell(0, 5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    headers = [
        t(f"write.pdf_col_{name}", lang=lang)
        for name in ("id", "item", "quantity", "unit", "price", "vat", "net")
    ]
    pdf.set_fill_color(235)
    pdf.rect(MARGIN, pdf.get_y(), USABLE, 6.5, style="F")
    _table_row(pdf, headers, bold=True)
    for line in invoice.lines:
        name = line.item.name if line.item else ""
        details = [name]
        for ac in line.allowances:
            details.append(f"{_allowance_text(ac, False, lang)} ({money(-ac.amount, cur, lang)})")
        for ac in line.charges:
            details.append(f"{_allowance_text(ac, True, lang)} ({money(ac.amount, cur, lang)})")
        line_rate = line.vat.rate if line.vat else None
        _table_row(
            pdf,
            [
                line.id,
                "\n".join(details),
                number(line.quantity, lang),
                line.unit or "",
                money(line.price.net if line.price else None, cur, lang),
                f"{number(line_rate, lang)} %"
                if line_rate is not None
                else (line.vat.category or "")
                if line.vat
                else "",
                money(line.net_amount, cur, lang),
            ],
        )
    pdf.ln(3)

    for ac in invoice.allowances:
        _summary_row(pdf, _allowance_text(ac, False, lang), money(-ac.amount, cur, lang))
    for ac in invoice.charges:
        _summary_row(pdf, _allowance_text(ac, True, lang), money(ac.amount, cur, lang))

    pdf.set_font(FONT, "B", 9)
    pdf.cell(0, 6, t("write.pdf_vat_breakdown", lang=lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    for row in invoice.vat_breakdown:
        shown_rate = f"{number(row.rate, lang)} %" if row.rate is not None else ""
        text = t(
            "write.pdf_vat_row",
            lang=lang,
            category=row.category,
            rate=shown_rate,
            base=money(row.taxable_amount, cur, lang),
            amount=money(row.tax_amount, cur, lang),
        )
        if row.exemption_reason:
            text += f" — {row.exemption_reason}"
        pdf.cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)

    totals = invoice.totals
    rows = [
        ("write.pdf_line_total", totals.line_total, False),
        ("write.pdf_tax_exclusive", totals.tax_exclusive, False),
        ("write.pdf_vat_total", totals.vat_total, False),
        ("write.pdf_tax_inclusive", totals.tax_inclusive, True),
        ("write.pdf_prepaid", totals.prepaid, False),
        ("write.pdf_rounding", totals.rounding, False),
        ("write.pdf_payable", totals.payable, True),
    ]
    for key, amount, bold in rows:
        if amount is not None:
            _summary_row(pdf, t(key, lang=lang), money(amount, cur, lang), bold=bold)
    pdf.ln(4)

    payment = invoice.payment
    pdf.set_font(FONT, "", 9)
    if payment is not None:
        for transfer in payment.credit_transfers:
            pdf.multi_cell(
                0,
                5,
                t(
                    "write.pdf_iban",
                    lang=lang,
                    iban=transfer.account_id,
                    name=transfer.account_name or "",
                ),
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
    if invoice.payment_terms:
        pdf.multi_cell(0, 5, invoice.payment_terms, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for note in invoice.notes:
        pdf.multi_cell(0, 5, note.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
