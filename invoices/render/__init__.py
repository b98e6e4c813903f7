"""The invoice a person reads: any supported invoice, from the model, as one HTML
file or as A4 PDF pages, in French or English.

:func:`invoice_view` builds the :class:`~invoices.render.view.InvoiceView` (every
label, code word, amount and date, already in the reader's language); the HTML
(:mod:`.html`) and the PDF (drawn with fpdf2 by :mod:`invoices.facturx.render`,
the very pages of the Factur-X files we write) are two drawings of that one view.

The imports are done on use: :mod:`invoices.facturx.render` itself builds its
pages from :mod:`.view`, and must be able to load it without this package pulling
the PDF module back in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from invoices.model import Invoice
    from invoices.reading import ReadResult
    from invoices.render.view import InvoiceView

__all__ = ["describe", "invoice_view", "render_html", "render_pdf"]


def invoice_view(invoice: Invoice, *, lang: str | None = None, source: str = "") -> InvoiceView:
    """The readable view of ``invoice``; ``source``: the footnote saying where it
    comes from (see :func:`describe`)."""
    from invoices.render.view import build

    return build(invoice, lang=lang, source=source)


def render_html(invoice: Invoice, *, lang: str | None = None, source: str = "") -> str:
    """The invoice as one self-contained HTML page."""
    from invoices.render.html import render_html as _html

    return _html(invoice_view(invoice, lang=lang, source=source))


def render_pdf(invoice: Invoice, *, lang: str | None = None, source: str = "") -> bytes:
    """The invoice as A4 PDF pages (fonts embedded, PDF/A-ready)."""
    from invoices.facturx.render import draw

    return draw(invoice_view(invoice, lang=lang, source=source))


def describe(result: ReadResult, *, lang: str | None = None) -> str:
    """The footnote of a rendering: which file, in which syntax and profile, and that
    the electronic document alone is authoritative."""
    from invoices import __version__
    from invoices.i18n import language, t
    from invoices.render import codes

    lang = lang or language()
    detection = result.detection
    syntax = codes.word("syntax", detection.syntax.value, lang)
    if detection.profile.value != "unknown":
        syntax = t(
            "render.syntax_profile", lang=lang, syntax=syntax, profile=detection.profile.value
        )
    return t("render.source", lang=lang, version=__version__, file=result.name, syntax=syntax)
