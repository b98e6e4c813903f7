"""What a PDF carries for us: its XML attachments and its XMP level, and the bounds.

No pypdf here: detection, reading and validation use these types and
:func:`is_pdf` without paying for the PDF library, which only
:mod:`invoices.facturx.attachments` loads, once a PDF is really opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from invoices import xmlsafe

#: Largest embedded XML we decode (same bound as any XML we parse).
MAX_EMBEDDED_BYTES = xmlsafe.MAX_XML_BYTES
#: How many attachments we look at, at most (a real invoice has a handful).
MAX_ATTACHMENTS = 1000


@dataclass(frozen=True, slots=True)
class EmbeddedXml:
    """An XML attachment that parsed: its name, AFRelationship, bytes and tree."""

    name: str
    af_relationship: str | None
    data: bytes
    tree: etree._ElementTree


@dataclass(frozen=True, slots=True)
class PdfContent:
    """What a PDF carries that matters for detection and reading."""

    #: XML attachments that parsed, in the PDF's order.
    xml_attachments: tuple[EmbeddedXml, ...]
    #: Names of every attachment, and why XML-looking ones could not be used.
    attachment_names: tuple[str, ...]
    rejected: tuple[tuple[str, str], ...]
    xmp_level: str | None
    xmp_filename: str | None


def is_pdf(data: bytes) -> bool:
    """A PDF header in the first 1024 bytes (where readers are required to look)."""
    return b"%PDF-" in data[:1024]
