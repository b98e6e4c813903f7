"""Model -> CII (five Factur-X profiles), UBL 2.1 Invoice / CreditNote, Factur-X PDF.

The writers are the inverse of :mod:`invoices.reading`: they take an
:class:`~invoices.model.Invoice` and give the bytes of a document that the
official XSDs and schematrons accept.  Amounts are written as the model states
them; :func:`invoices.write.totals.complete` computes them beforehand when an
invoice is built by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from invoices.detect import Profile
    from invoices.model import Invoice

__all__ = ["render_pdf", "to_cii", "to_facturx_pdf", "to_ubl"]


def to_cii(invoice: Invoice, profile: Profile | None = None) -> bytes:
    """CII XML in a Factur-X profile (EN16931 by default)."""
    from invoices.detect import Profile
    from invoices.write.cii import to_cii as _to_cii

    return _to_cii(invoice, profile or Profile.EN16931)


def to_ubl(invoice: Invoice) -> bytes:
    """UBL 2.1 Invoice, or CreditNote when BT-3 is a credit note code."""
    from invoices.write.ubl import to_ubl as _to_ubl

    return _to_ubl(invoice)


def to_facturx_pdf(invoice: Invoice, profile: Profile | None = None, *, lang: str = "fr") -> bytes:
    """A Factur-X PDF/A-3: the readable invoice with its CII embedded as factur-x.xml."""
    from invoices.detect import Profile
    from invoices.write.facturx import to_facturx_pdf as _to_pdf

    return _to_pdf(invoice, profile or Profile.EN16931, lang=lang)


def render_pdf(invoice: Invoice, *, lang: str = "fr") -> bytes:
    """The human-readable PDF of the invoice alone (no embedded data)."""
    from invoices.write.render import render_pdf as _render

    return _render(invoice, lang=lang)
