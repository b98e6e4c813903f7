"""Tell what a file is from its bytes alone: syntax, profile, and the XML to read.

The syntax decides the reader and the validation layers; the profile (from BT-24,
and for PDFs from the XMP metadata) decides the Factur-X profile layer.  The
vocabulary is :mod:`invoices.syntax.kinds`; each syntax says what its root element
and its BT-24 are (``names`` of its folder); the PDF container is read by
:mod:`invoices.facturx.extract`, which knows nothing of syntaxes.
"""

from __future__ import annotations

from lxml import etree

from invoices import xmlsafe
from invoices.errors import InputError
from invoices.facturx.content import PdfContent, is_pdf
from invoices.facturx.extract import open_pdf
from invoices.facturx.profiles import from_xmp_level
from invoices.syntax.cii import names as cii
from invoices.syntax.kinds import Detection, Profile, Syntax
from invoices.syntax.specification import profile_of
from invoices.syntax.ubl import names as ubl
from invoices.syntax.zugferd1 import names as zugferd1

__all__ = ["ROOTS", "Detection", "Profile", "Syntax", "detect", "media_type", "sniff"]

#: Root element -> syntax of an invoice XML document.
ROOTS: dict[str, Syntax] = {
    cii.ROOT: Syntax.CII,
    ubl.INVOICE_ROOT: Syntax.UBL_INVOICE,
    ubl.CREDIT_NOTE_ROOT: Syntax.UBL_CREDITNOTE,
    zugferd1.ROOT: Syntax.ZUGFERD1,
}

_SPECIFICATION = {
    Syntax.CII: etree.XPath(cii.SPECIFICATION_PATH, namespaces=cii.NAMESPACES),
    Syntax.UBL_INVOICE: etree.XPath(ubl.SPECIFICATION_PATH, namespaces=ubl.NAMESPACES),
    Syntax.UBL_CREDITNOTE: etree.XPath(ubl.SPECIFICATION_PATH, namespaces=ubl.NAMESPACES),
    Syntax.ZUGFERD1: etree.XPath(zugferd1.SPECIFICATION_PATH, namespaces=zugferd1.NAMESPACES),
}

#: The media types we archive documents under.
PDF_MEDIA_TYPE = "application/pdf"
XML_MEDIA_TYPE = "application/xml"
OTHER_MEDIA_TYPE = "application/octet-stream"


def specification_of(syntax: Syntax, root: etree._Element) -> str | None:
    """BT-24 as written in a document of ``syntax``, or ``None``."""
    xpath = _SPECIFICATION.get(syntax)
    if xpath is None:
        return None
    for element in xpath(root):
        text: str | None = element.text
        if text and text.strip():
            return text.strip()
    return None


def looks_like_xml(data: bytes) -> bool:
    """XML starts with ``<`` (after white space) or a byte-order mark."""
    head = data[:64].lstrip()
    return head.startswith((b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


def media_type(data: bytes) -> str:
    """The media type of ``data``, by the same tests the detection makes first.

    XML is recognised before PDF, as :func:`sniff` does, so a document is never
    archived under one type and read as the other.
    """
    if looks_like_xml(data):
        return XML_MEDIA_TYPE
    if is_pdf(data):
        return PDF_MEDIA_TYPE
    return OTHER_MEDIA_TYPE


def sniff(data: bytes, file: str | None = None) -> tuple[Detection, etree._ElementTree | None]:
    """:func:`detect` plus the parsed tree of ``Detection.xml``, so the reader does
    not parse the same bytes twice."""
    if not data.strip():
        raise InputError("read.empty", file=file)
    if looks_like_xml(data):
        tree = xmlsafe.parse(data, file=file)
        syntax = ROOTS.get(str(tree.getroot().tag), Syntax.UNKNOWN)
        if syntax is Syntax.UNKNOWN:
            return Detection(Syntax.UNKNOWN, xml=data), tree
        spec = specification_of(syntax, tree.getroot())
        return Detection(syntax, profile_of(syntax, spec), xml=data, specification_id=spec), tree
    if is_pdf(data):
        return _sniff_pdf(open_pdf(data, file))
    raise InputError("read.unrecognised", file=file, start=repr(data[:16]))


def _sniff_pdf(content: PdfContent) -> tuple[Detection, etree._ElementTree | None]:
    for embedded in content.xml_attachments:
        syntax = ROOTS.get(str(embedded.tree.getroot().tag))
        if syntax is Syntax.CII:
            syntax, base = Syntax.FACTURX_PDF, Syntax.CII
        elif syntax is Syntax.ZUGFERD1:
            syntax, base = Syntax.ZUGFERD1_PDF, Syntax.ZUGFERD1
        else:
            continue
        spec = specification_of(base, embedded.tree.getroot())
        if spec:
            profile = profile_of(syntax, spec)
        else:
            profile = from_xmp_level(content.xmp_level, zugferd1=base is Syntax.ZUGFERD1)
        return Detection(
            syntax,
            profile,
            xml=embedded.data,
            embedded_name=embedded.name,
            af_relationship=embedded.af_relationship,
            xmp_profile=content.xmp_level,
            specification_id=spec,
        ), embedded.tree
    return Detection(Syntax.PDF, xmp_profile=content.xmp_level), None


def detect(data: bytes, file: str | None = None) -> Detection:
    """What ``data`` is: syntax, profile and the invoice XML (extracted from a PDF).

    Raises :class:`InputError` on unusable input (empty, malformed or hostile XML,
    corrupt PDF, embedded-file bomb, binary junk).  Well-formed XML whose root is
    not an invoice gives :attr:`Syntax.UNKNOWN`; a PDF without invoice XML gives
    :attr:`Syntax.PDF`.
    """
    return sniff(data, file)[0]
