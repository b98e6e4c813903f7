"""Factur-X / ZUGFeRD PDFs: find the invoice XML attached to a PDF, safely.

A Factur-X PDF is a PDF/A-3 with the CII invoice as an embedded file
(``factur-x.xml``; ``zugferd-invoice.xml`` / ``ZUGFeRD-invoice.xml`` for ZUGFeRD,
``xrechnung.xml``), whose ``/AFRelationship`` says how it relates to the visible
invoice, and XMP metadata that announces the profile (``fx:ConformanceLevel``).

PDFs come from outside, so everything here is bounded:

* only attachments that look like XML are decoded at all;
* an attachment whose *declared* size (``/Params /Size``, ``/DL``, ``/Length``)
  is over :data:`~invoices.facturx.content.MAX_EMBEDDED_BYTES` is refused before
  any decompression, and decompression itself stops at that size (an
  embedded-file bomb never gets expanded in memory);
* pypdf runs under a wall-clock bound (:data:`TIME_LIMIT`), because its repair
  heuristics can loop on a crafted file.

The first attachment (in the PDF's name-tree order) whose root is an invoice
syntax wins; that is what the official validators and the ``factur-x`` package do.
"""

from __future__ import annotations

from invoices.errors import InputError
from invoices.facturx.content import PdfContent
from invoices.facturx.deadline import Expired, call_with_deadline

__all__ = ["TIME_LIMIT", "open_pdf"]

#: Wall-clock bound for reading one PDF's structure and attachments (seconds).
TIME_LIMIT = 20.0


def open_pdf(data: bytes, file: str | None) -> PdfContent:
    """Everything :mod:`invoices.syntax.detect` needs from a PDF, or :class:`InputError`."""
    try:
        return call_with_deadline(lambda: _read(data, file), TIME_LIMIT)
    except Expired:
        raise InputError("read.pdf_timeout", file=file, seconds=TIME_LIMIT) from None


def _read(data: bytes, file: str | None) -> PdfContent:
    # pypdf takes a tenth of a second to import: a run that reads XML only never pays it.
    from invoices.facturx import attachments

    return attachments.read(data, file)
