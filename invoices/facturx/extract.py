"""Factur-X / ZUGFeRD PDFs: find the invoice XML attached to a PDF, safely.

A Factur-X PDF is a PDF/A-3 with the CII invoice as an embedded file
(``factur-x.xml``; ``zugferd-invoice.xml`` / ``ZUGFeRD-invoice.xml`` for ZUGFeRD,
``xrechnung.xml``), whose ``/AFRelationship`` says how it relates to the visible
invoice, and XMP metadata that announces the profile (``fx:ConformanceLevel``).

PDFs come from outside, so everything here is bounded:

* only attachments that look like XML are decoded at all;
* an attachment whose *declared* size (``/Params /Size``, ``/DL``, ``/Length``)
  is over :data:`MAX_EMBEDDED_BYTES` is refused before any decompression, and
  decompression itself stops at that size (an embedded-file bomb never gets
  expanded in memory);
* pypdf runs under a wall-clock bound (:data:`TIME_LIMIT`), because its repair
  heuristics can loop on a crafted file.

The first attachment (in the PDF's name-tree order) whose root is an invoice
syntax wins; that is what the official validators and the ``factur-x`` package do.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import DictionaryObject, StreamObject

from invoices import xmlsafe
from invoices.errors import InputError
from invoices.facturx.deadline import Expired, call_with_deadline
from invoices.facturx.streams import declared_size
from invoices.facturx.xmp import read_xmp
from invoices.i18n import t

# pypdf reports every repair it makes as a warning; a clerk at a terminal must not
# see that noise on stderr.  Applications that configure logging still get it.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

#: Largest embedded XML we decode (same bound as any XML we parse).
MAX_EMBEDDED_BYTES = xmlsafe.MAX_XML_BYTES
#: Wall-clock bound for reading one PDF's structure and attachments (seconds).
TIME_LIMIT = 20.0
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


def open_pdf(data: bytes, file: str | None) -> PdfContent:
    """Everything :mod:`invoices.syntax.detect` needs from a PDF, or :class:`InputError`."""
    try:
        return call_with_deadline(lambda: _read(data, file), TIME_LIMIT)
    except Expired:
        raise InputError("read.pdf_timeout", file=file, seconds=TIME_LIMIT) from None


def _limits() -> Any:
    """pypdf limits for every decompression filter, at our embedded-file bound."""
    return apply_configuration(
        zlib_maximum_output_length=MAX_EMBEDDED_BYTES,
        lzw_maximum_output_length=MAX_EMBEDDED_BYTES,
        run_length_maximum_output_length=MAX_EMBEDDED_BYTES,
        array_based_stream_maximum_output_length=MAX_EMBEDDED_BYTES,
        jbig2_maximum_output_length=MAX_EMBEDDED_BYTES,
    )


def _read(data: bytes, file: str | None) -> PdfContent:
    with _limits():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise InputError("read.pdf_encrypted", file=file)
            catalog = reader.trailer["/Root"].get_object()
            if not isinstance(catalog, DictionaryObject):
                raise InputError("read.pdf_corrupt", file=file, reason="no document catalog")
            filespecs = _filespecs(reader, catalog)
            xmp_level, xmp_filename = read_xmp(catalog, file)
        except InputError:
            raise
        except Exception as exc:
            raise InputError("read.pdf_corrupt", file=file, reason=_reason(exc)) from None
        names = []
        found = []
        rejected = []
        for name, spec in filespecs:
            names.append(name)
            try:
                if not _looks_like_xml(name, spec):
                    continue
                content = _content(spec, name, file)
            except InputError:
                raise
            except Exception as exc:
                raise InputError(
                    "read.embedded_corrupt", file=file, name=name, reason=_reason(exc)
                ) from None
            if content is None:
                continue
            try:
                tree = xmlsafe.parse(content, file=f"{file or '-'}!{name}")
            except InputError as exc:
                rejected.append((name, exc.message()))
                continue
            relation = spec.get("/AFRelationship")
            found.append(
                EmbeddedXml(name, str(relation).lstrip("/") if relation else None, content, tree)
            )
    return PdfContent(tuple(found), tuple(names), tuple(rejected), xmp_level, xmp_filename)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def _filespecs(reader: PdfReader, catalog: DictionaryObject) -> list[tuple[str, DictionaryObject]]:
    """``(name, file specification)`` of every attachment: the ``/EmbeddedFiles`` name
    tree first (its order decides), then the catalog's ``/AF`` array."""
    specs: list[tuple[str, DictionaryObject]] = []
    seen: set[int] = set()
    for attachment in reader.attachment_list:
        if len(specs) >= MAX_ATTACHMENTS:
            break
        spec = attachment.pdf_object
        if isinstance(spec, DictionaryObject) and id(spec) not in seen:
            seen.add(id(spec))
            specs.append((str(attachment.name), spec))
    af = catalog.get("/AF")
    af = af.get_object() if af is not None else None
    if isinstance(af, list):
        known = {name for name, _ in specs}
        for item in af[:MAX_ATTACHMENTS]:
            spec = item.get_object()
            if not isinstance(spec, DictionaryObject):
                continue
            name = str(spec.get("/UF") or spec.get("/F") or "")
            if name and name not in known:
                known.add(name)
                specs.append((name, spec))
    return specs


def _looks_like_xml(name: str, spec: DictionaryObject) -> bool:
    if name.lower().endswith(".xml"):
        return True
    stream = _stream(spec)
    subtype = str(stream.get("/Subtype", "")) if stream is not None else ""
    return "xml" in subtype.lower()


def _stream(spec: DictionaryObject) -> StreamObject | None:
    ef = spec.get("/EF")
    ef = ef.get_object() if ef is not None else None
    if not isinstance(ef, DictionaryObject):
        return None
    ref = ef.get("/UF") or ef.get("/F")
    stream = ref.get_object() if ref is not None else None
    return stream if isinstance(stream, StreamObject) else None


def _content(spec: DictionaryObject, name: str, file: str | None) -> bytes | None:
    stream = _stream(spec)
    if stream is None:
        return None
    declared = declared_size(stream)
    if declared > MAX_EMBEDDED_BYTES:
        raise InputError(
            "read.embedded_too_large",
            file=file,
            name=name,
            size=declared,
            how=t("read.embedded_declared"),
            limit=MAX_EMBEDDED_BYTES,
        )
    try:
        content = stream.get_data()
    except LimitReachedError:
        raise InputError(
            "read.embedded_too_large",
            file=file,
            name=name,
            size=MAX_EMBEDDED_BYTES,
            how=t("read.embedded_decoded"),
            limit=MAX_EMBEDDED_BYTES,
        ) from None
    if len(content) > MAX_EMBEDDED_BYTES:
        raise InputError(
            "read.embedded_too_large",
            file=file,
            name=name,
            size=len(content),
            how=t("read.embedded_decoded"),
            limit=MAX_EMBEDDED_BYTES,
        )
    return content
