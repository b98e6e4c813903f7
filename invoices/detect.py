"""Tell what a file is from its bytes alone: syntax and profile.

The syntax decides the reader and the validation layers; the profile (from BT-24,
and for PDFs from the XMP metadata and the embedded file) decides the Factur-X
profile layer.  The names match the ``syntax`` / ``profile`` columns used by the
official verdicts, so reports and reference data speak the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from lxml import etree

from invoices import xmlsafe
from invoices.errors import InputError


class Syntax(StrEnum):
    CII = "cii"  # UN/CEFACT CII D16B / D22B, Factur-X / ZUGFeRD 2 XML
    UBL_INVOICE = "ubl-invoice"
    UBL_CREDITNOTE = "ubl-creditnote"
    FACTURX_PDF = "facturx-pdf"  # PDF with an embedded CII (Factur-X, ZUGFeRD 2)
    ZUGFERD1 = "zugferd1"  # ZUGFeRD 1.0 CrossIndustryDocument XML
    ZUGFERD1_PDF = "zugferd-pdf"  # PDF with an embedded ZUGFeRD 1.0 XML
    PDF = "pdf"  # a PDF without structured invoice data
    UNKNOWN = "unknown"


class Profile(StrEnum):
    MINIMUM = "minimum"
    BASIC_WL = "basicwl"
    BASIC = "basic"
    EN16931 = "en16931"
    EXTENDED = "extended"
    EXTENDED_CTC_FR = "extended-ctc-fr"
    XRECHNUNG = "xrechnung"
    PEPPOL = "peppol-bis3"
    ZUGFERD1_BASIC = "zugferd1-basic"
    ZUGFERD1_COMFORT = "zugferd1-comfort"
    ZUGFERD1_EXTENDED = "zugferd1-extended"
    #: "komfort": the German spelling some early ZUGFeRD 1 producers wrote in BT-24
    #: instead of the specified "comfort"; kept apart so validation can flag it.
    ZUGFERD1_KOMFORT = "zugferd1-komfort"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Detection:
    """What a document is, and the XML to read and validate (extracted from a PDF)."""

    syntax: Syntax
    profile: Profile = Profile.UNKNOWN
    #: The invoice XML: the file itself, or the XML embedded in a PDF.
    xml: bytes | None = field(default=None, repr=False)
    #: For PDFs: the embedded file's name and AFRelationship, the XMP profile.
    embedded_name: str | None = None
    af_relationship: str | None = None
    xmp_profile: str | None = None
    #: BT-24 as written in the document.
    specification_id: str | None = None


# --------------------------------------------------------------------------- detection

_CII_NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
_UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
_UBL_CREDITNOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
_ZUGFERD1_NS = "urn:ferd:CrossIndustryDocument:invoice:1p0"

#: Root element -> syntax of an invoice XML document.
ROOTS: dict[str, Syntax] = {
    f"{{{_CII_NS}}}CrossIndustryInvoice": Syntax.CII,
    f"{{{_UBL_INVOICE_NS}}}Invoice": Syntax.UBL_INVOICE,
    f"{{{_UBL_CREDITNOTE_NS}}}CreditNote": Syntax.UBL_CREDITNOTE,
    f"{{{_ZUGFERD1_NS}}}CrossIndustryDocument": Syntax.ZUGFERD1,
}

_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
_SPECIFICATION = {
    Syntax.CII: etree.XPath(
        "r:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
        namespaces={
            "r": _CII_NS,
            "ram": "urn:un:unece:uncefact:data:standard:"
            "ReusableAggregateBusinessInformationEntity:100",
        },
    ),
    Syntax.UBL_INVOICE: etree.XPath("cbc:CustomizationID", namespaces={"cbc": _CBC}),
    Syntax.UBL_CREDITNOTE: etree.XPath("cbc:CustomizationID", namespaces={"cbc": _CBC}),
    Syntax.ZUGFERD1: etree.XPath(
        "r:SpecifiedExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
        namespaces={
            "r": _ZUGFERD1_NS,
            "ram": "urn:un:unece:uncefact:data:standard:"
            "ReusableAggregateBusinessInformationEntity:12",
        },
    ),
}

_EN16931 = "urn:cen.eu:en16931:2017"
#: Specification families whose last segment names the profile.
_FAMILIES = ("factur-x.eu:1p0:", "zugferd.de:2p0:")
_LEVELS = {
    "minimum": Profile.MINIMUM,
    "basicwl": Profile.BASIC_WL,
    "basic": Profile.BASIC,
    "en16931": Profile.EN16931,
    "extended": Profile.EXTENDED,
}

_ZUGFERD1_PROFILES = {
    "basic": Profile.ZUGFERD1_BASIC,
    "comfort": Profile.ZUGFERD1_COMFORT,
    "komfort": Profile.ZUGFERD1_KOMFORT,
    "extended": Profile.ZUGFERD1_EXTENDED,
}

#: XMP ``ConformanceLevel`` -> profile, used when the XML has no BT-24.
_XMP_LEVELS = {
    "MINIMUM": Profile.MINIMUM,
    "BASIC WL": Profile.BASIC_WL,
    "BASIC": Profile.BASIC,
    "EN 16931": Profile.EN16931,
    "COMFORT": Profile.EN16931,
    "EXTENDED": Profile.EXTENDED,
    "XRECHNUNG": Profile.XRECHNUNG,
}
_XMP_LEVELS_ZUGFERD1 = {
    "BASIC": Profile.ZUGFERD1_BASIC,
    "COMFORT": Profile.ZUGFERD1_COMFORT,
    "EXTENDED": Profile.ZUGFERD1_EXTENDED,
}


def profile_of(syntax: Syntax, specification_id: str | None) -> Profile:
    """The profile a BT-24 value names, for a document of ``syntax``.

    ZUGFeRD 1 identifiers (``urn:ferd:...:comfort``) name a ZUGFeRD 1 profile only in
    a ZUGFeRD 1 document; in a CII document they name nothing we validate against.
    Unknown identifiers (``urn:factur-x.eu:2p0:ultimate``...) give ``UNKNOWN``: the
    validation then says so instead of guessing.
    """
    spec = (specification_id or "").strip()
    if not spec:
        return Profile.UNKNOWN
    zugferd1 = syntax in (Syntax.ZUGFERD1, Syntax.ZUGFERD1_PDF)
    if spec.startswith("urn:ferd:"):
        if not zugferd1:
            return Profile.UNKNOWN
        return _ZUGFERD1_PROFILES.get(spec.rsplit(":", 1)[-1].lower(), Profile.UNKNOWN)
    if zugferd1:
        return Profile.UNKNOWN
    lowered = spec.lower()
    if "extended-ctc-fr" in lowered:
        return Profile.EXTENDED_CTC_FR
    if "xrechnung" in lowered:
        return Profile.XRECHNUNG
    if "peppol.eu:2017:poacc:billing:3.0" in lowered:
        return Profile.PEPPOL
    if spec == _EN16931:
        return Profile.EN16931
    for family in _FAMILIES:
        if family in lowered:
            return _LEVELS.get(lowered.split(family, 1)[1].strip(), Profile.UNKNOWN)
    return Profile.UNKNOWN


def _xmp_profile(syntax: Syntax, level: str | None) -> Profile:
    if not level:
        return Profile.UNKNOWN
    table = _XMP_LEVELS_ZUGFERD1 if syntax is Syntax.ZUGFERD1_PDF else _XMP_LEVELS
    return table.get(" ".join(level.upper().split()), Profile.UNKNOWN)


def specification_of(syntax: Syntax, root: etree._Element) -> str | None:
    xpath = _SPECIFICATION.get(syntax)
    if xpath is None:
        return None
    for element in xpath(root):
        if element.text and element.text.strip():
            return element.text.strip()
    return None


def _looks_like_xml(data: bytes) -> bool:
    head = data[:64].lstrip()
    return head.startswith((b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


def _shown_start(data: bytes) -> str:
    return repr(data[:16])


def sniff(data: bytes, file: str | None = None) -> tuple[Detection, etree._ElementTree | None]:
    """:func:`detect` plus the parsed tree of ``Detection.xml``, so the reader does
    not parse the same bytes twice."""
    if not data.strip():
        raise InputError("read.empty", file=file)
    if _looks_like_xml(data):
        tree = xmlsafe.parse(data, file=file)
        syntax = ROOTS.get(tree.getroot().tag, Syntax.UNKNOWN)
        if syntax is Syntax.UNKNOWN:
            return Detection(Syntax.UNKNOWN, xml=data), tree
        spec = specification_of(syntax, tree.getroot())
        return Detection(syntax, profile_of(syntax, spec), xml=data, specification_id=spec), tree
    from invoices.reading import pdf  # late: invoices.reading imports this module

    if pdf.is_pdf(data):
        return _sniff_pdf(pdf.open_pdf(data, file))
    raise InputError("read.unrecognised", file=file, start=_shown_start(data))


def _sniff_pdf(content: Any) -> tuple[Detection, etree._ElementTree | None]:
    for embedded in content.xml_attachments:
        syntax = ROOTS.get(embedded.tree.getroot().tag)
        if syntax is Syntax.CII:
            syntax = Syntax.FACTURX_PDF
        elif syntax is Syntax.ZUGFERD1:
            syntax = Syntax.ZUGFERD1_PDF
        else:
            continue
        base = Syntax.CII if syntax is Syntax.FACTURX_PDF else Syntax.ZUGFERD1
        spec = specification_of(base, embedded.tree.getroot())
        profile = profile_of(syntax, spec) if spec else _xmp_profile(syntax, content.xmp_level)
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
