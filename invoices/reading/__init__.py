"""Readers: any supported file -> the EN 16931 model.

:func:`read_document` is what the pipeline and the validation use: it keeps the
original bytes, their SHA-256, the detection and the parsed XML tree next to the
model, so nothing downstream reads or parses the file again.  :func:`read` is
the short form for library users who only want the :class:`Invoice`.

Each syntax has its reader module (:mod:`.cii`, :mod:`.ubl`, :mod:`.zugferd1`;
:mod:`.pdf` extracts the XML of a Factur-X / ZUGFeRD PDF).  Every failure is an
:class:`~invoices.errors.InputError` naming the file and the reason.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from invoices.detect import Detection, Syntax, sniff
from invoices.errors import InputError
from invoices.model import Invoice

__all__ = [
    "MAX_FILE_BYTES",
    "ReadResult",
    "load",
    "read",
    "read_document",
    "scan_document",
    "with_model",
]

#: Largest file we read (Chorus Pro refuses deposits over 120 MB).
MAX_FILE_BYTES = 120 * 1024 * 1024

Source = str | os.PathLike[str] | bytes


@dataclass(frozen=True, slots=True, eq=False)
class ReadResult:
    """A document as read: original bytes, detection, model and parsed XML."""

    name: str
    data: bytes
    sha256: str
    detection: Detection
    #: ``None`` for a PDF that carries no structured invoice (``structured`` False), and
    #: for a result of :func:`scan_document` until :func:`with_model` builds it.
    invoice: Invoice | None
    structured: bool
    #: The parsed lxml tree of ``detection.xml``, or ``None``.
    tree: Any = None


def load(source: Source, name: str | None = None) -> tuple[bytes, str]:
    """The bytes of ``source`` (a path or bytes) and the name to show in messages.

    Never reads more than :data:`MAX_FILE_BYTES` + 1 bytes, whatever the file.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        shown = name or "<bytes>"
        if len(data) > MAX_FILE_BYTES:
            raise InputError(
                "core.file_too_large", file=shown, size=len(data), limit=MAX_FILE_BYTES
            )
        return data, shown
    path = Path(os.fspath(source))
    shown = name or str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError("core.file_not_found", file=shown) from None
    except OSError as exc:  # a directory, no permission, an I/O error...
        raise InputError(
            "core.file_unreadable", file=shown, reason=exc.strerror or type(exc).__name__
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            "core.file_too_large", file=shown, size=_size(path, len(data)), limit=MAX_FILE_BYTES
        )
    return data, shown


def _size(path: Path, at_least: int) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return at_least


def _read_tree(syntax: Syntax, tree: Any, name: str) -> Invoice:
    if syntax in (Syntax.CII, Syntax.FACTURX_PDF):
        from invoices.reading import cii as reader
    elif syntax in (Syntax.UBL_INVOICE, Syntax.UBL_CREDITNOTE):
        from invoices.reading import ubl as reader  # type: ignore[no-redef]
    else:
        from invoices.reading import zugferd1 as reader  # type: ignore[no-redef]
    return reader.read_tree(tree, name)


def read_document(source: Source, name: str | None = None) -> ReadResult:
    """Read ``source`` completely: detection, model, tree (raises :class:`InputError`).

    A PDF without invoice XML is not an error here: it gives ``structured=False``
    and ``invoice=None``, so the caller can still store it or say what it is.
    """
    return with_model(scan_document(source, name))


def scan_document(source: Source, name: str | None = None) -> ReadResult:
    """:func:`read_document` without the model: bytes, hash, detection and parsed tree.

    For the validation, which hands the XML to the official stylesheets first and
    builds the model while they run.  Raises what :func:`read_document` raises
    before it builds the model.
    """
    data, shown = load(source, name)
    detection, tree = sniff(data, shown)
    digest = hashlib.sha256(data).hexdigest()
    if detection.syntax is Syntax.PDF:
        return ReadResult(shown, data, digest, detection, None, False, None)
    if detection.syntax is Syntax.UNKNOWN:
        root = tree.getroot().tag if tree is not None else "?"
        raise InputError("read.unknown_root", file=shown, root=root)
    return ReadResult(shown, data, digest, detection, None, True, tree)


def with_model(result: ReadResult) -> ReadResult:
    """``result`` with its model built (raises :class:`InputError` as :func:`read_document`)."""
    if not result.structured or result.invoice is not None:
        return result
    invoice = _read_tree(result.detection.syntax, result.tree, result.name)
    return dataclasses.replace(result, invoice=invoice)


def read(source: Source, name: str | None = None) -> Invoice:
    """The :class:`Invoice` in ``source``; a PDF without invoice XML is an error."""
    result = read_document(source, name)
    if result.invoice is None:
        from invoices.reading.pdf import open_pdf  # the detail says what the PDF does carry

        raise InputError(
            "read.pdf_unstructured",
            file=result.name,
            detail=_unstructured_detail(open_pdf(result.data, result.name)),
        )
    return result.invoice


def _unstructured_detail(content: Any) -> str:
    from invoices.i18n import t

    parts = [
        t("read.pdf_unstructured_detail", name=name, reason=reason)
        for name, reason in content.rejected
    ]
    for embedded in content.xml_attachments:
        parts.append(
            t(
                "read.pdf_unstructured_detail",
                name=embedded.name,
                reason=t("read.attachment_not_invoice", root=embedded.tree.getroot().tag),
            )
        )
    return "".join(parts)

