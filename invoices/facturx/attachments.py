"""The pypdf side of :mod:`invoices.facturx.extract`: walk a PDF's attachments, bounded.

Only attachments that look like XML are decoded; a declared size over
:data:`~invoices.facturx.content.MAX_EMBEDDED_BYTES` is refused before any
decompression, and every decompression filter stops at that size.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import DictionaryObject, StreamObject

from invoices import xmlsafe
from invoices.errors import InputError
from invoices.facturx import content as bounds
from invoices.facturx.content import EmbeddedXml, PdfContent
from invoices.facturx.streams import declared_size
from invoices.facturx.xmp import read_xmp
from invoices.i18n import t

# pypdf reports every repair it makes as a warning; a clerk at a terminal must not
# see that noise on stderr.  Applications that configure logging still get it.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def _limits() -> Any:
    """pypdf limits for every decompression filter, at our embedded-file bound."""
    return apply_configuration(
        zlib_maximum_output_length=bounds.MAX_EMBEDDED_BYTES,
        lzw_maximum_output_length=bounds.MAX_EMBEDDED_BYTES,
        run_length_maximum_output_length=bounds.MAX_EMBEDDED_BYTES,
        array_based_stream_maximum_output_length=bounds.MAX_EMBEDDED_BYTES,
        jbig2_maximum_output_length=bounds.MAX_EMBEDDED_BYTES,
    )


def read(data: bytes, file: str | None) -> PdfContent:
    """The attachments and XMP level of the PDF ``data`` (raises :class:`InputError`)."""
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
        if len(specs) >= bounds.MAX_ATTACHMENTS:
            break
        spec = attachment.pdf_object
        if isinstance(spec, DictionaryObject) and id(spec) not in seen:
            seen.add(id(spec))
            specs.append((str(attachment.name), spec))
    af = catalog.get("/AF")
    af = af.get_object() if af is not None else None
    if isinstance(af, list):
        known = {name for name, _ in specs}
        for item in af[: bounds.MAX_ATTACHMENTS]:
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
    if declared > bounds.MAX_EMBEDDED_BYTES:
        raise InputError(
            "read.embedded_too_large",
            file=file,
            name=name,
            size=declared,
            how=t("read.embedded_declared"),
            limit=bounds.MAX_EMBEDDED_BYTES,
        )
    try:
        content = stream.get_data()
    except LimitReachedError:
        raise InputError(
            "read.embedded_too_large",
            file=file,
            name=name,
            size=bounds.MAX_EMBEDDED_BYTES,
            how=t("read.embedded_decoded"),
            limit=bounds.MAX_EMBEDDED_BYTES,
        ) from None
    if len(content) > bounds.MAX_EMBEDDED_BYTES:
        raise InputError(
            "read.embedded_too_large",
            file=file,
            name=name,
            size=len(content),
            how=t("read.embedded_decoded"),
            limit=bounds.MAX_EMBEDDED_BYTES,
        )
    return content
