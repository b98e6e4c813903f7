"""Model -> CII (five Factur-X profiles), UBL 2.1 Invoice / CreditNote, Factur-X PDF.

The writers' façade.  The writers are the inverse of :mod:`invoices.reading`: they
take an :class:`~invoices.model.Invoice` and give the bytes of a document that the
official XSDs and schematrons accept.  Each syntax's writer lives in its folder
(:mod:`invoices.syntax.cii.write`, :mod:`invoices.syntax.ubl.write`), the PDF in
:mod:`invoices.facturx`.  Amounts are written as the model states them;
:func:`invoices.write.totals.complete` computes them beforehand when an invoice
is built by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from invoices.model import Invoice
    from invoices.syntax.kinds import Profile

__all__ = ["render_pdf", "to_cii", "to_facturx_pdf", "to_ubl"]


def to_cii(invoice: Invoice, profile: Profile | None = None) -> bytes:
    """CII XML in a Factur-X profile (EN16931 by default)."""
    from invoices.syntax.cii.write import to_cii as _to_cii
    from invoices.syntax.kinds import Profile

    return _to_cii(invoice, profile or Profile.EN16931)


def to_ubl(invoice: Invoice) -> bytes:
    """UBL 2.1 Invoice, or CreditNote when BT-3 is a credit note code."""
    from invoices.syntax.ubl.write import to_ubl as _to_ubl

    return _to_ubl(invoice)


def to_facturx_pdf(invoice: Invoice, profile: Profile | None = None, *, lang: str = "fr") -> bytes:
    """A Factur-X PDF/A-3: the readable invoice with its CII embedded as factur-x.xml."""
    from invoices.facturx.embed import to_facturx_pdf as _to_pdf
    from invoices.syntax.kinds import Profile

    return _to_pdf(invoice, profile or Profile.EN16931, lang=lang)


def render_pdf(invoice: Invoice, *, lang: str = "fr") -> bytes:
    """The human-readable PDF of the invoice alone (no embedded data)."""
    from invoices.facturx.render import render_pdf as _render

    return _render(invoice, lang=lang)
