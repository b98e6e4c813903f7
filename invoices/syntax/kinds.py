"""What a document is: its syntax, its profile, and the detection that says both.

The names match the ``syntax`` / ``profile`` columns of the official verdicts, so
reports and reference data speak the same words.  This module holds only the
vocabulary (no parsing), so any layer may import it without pulling in lxml or pypdf.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
