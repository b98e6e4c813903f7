"""The XMP metadata of a Factur-X / ZUGFeRD PDF: the profile it announces.

Factur-X writes ``fx:ConformanceLevel`` and ``fx:DocumentFileName`` in the PDF's
XMP packet, as elements or as attributes depending on the producer.
"""

from __future__ import annotations

from lxml import etree
from pypdf import apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import DictionaryObject, StreamObject

from invoices import xmlsafe
from invoices.errors import InputError
from invoices.facturx.streams import declared_size

#: Largest XMP metadata stream we decode.
MAX_XMP_BYTES = 4 * 1024 * 1024

_XMP_LEVEL = "ConformanceLevel"
_XMP_FILENAME = "DocumentFileName"


def read_xmp(catalog: DictionaryObject, file: str | None) -> tuple[str | None, str | None]:
    """The Factur-X/ZUGFeRD ``ConformanceLevel`` and ``DocumentFileName`` of the XMP.

    The XMP is informative (the profile comes from the XML's BT-24), so a broken
    XMP is not an error here; the PDF/A checks report it."""
    ref = catalog.get("/Metadata")
    stream = ref.get_object() if ref is not None else None
    if not isinstance(stream, StreamObject) or declared_size(stream) > MAX_XMP_BYTES:
        return None, None
    try:
        with apply_configuration(zlib_maximum_output_length=MAX_XMP_BYTES):
            tree = xmlsafe.parse(stream.get_data(), file=file)
    except (InputError, LimitReachedError, ValueError):
        return None, None
    values: dict[str, str] = {}
    for element in tree.iter():
        if isinstance(element.tag, str):
            local = etree.QName(element).localname
            if local in (_XMP_LEVEL, _XMP_FILENAME) and element.text and element.text.strip():
                values.setdefault(local, element.text.strip())
            for attr, value in element.attrib.items():
                local = etree.QName(attr).localname
                if local in (_XMP_LEVEL, _XMP_FILENAME) and value.strip():
                    values.setdefault(local, value.strip())
    return values.get(_XMP_LEVEL), values.get(_XMP_FILENAME)
