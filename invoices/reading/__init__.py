"""A document read once: any supported file -> bytes, hash, detection, tree, model.

:func:`read_document` is what the pipeline and the validation use: it keeps the
original bytes, their SHA-256, their media type, the detection and the parsed XML
tree next to the model, so nothing downstream reads, hashes, sniffs or parses the
file again.  :func:`read` is the short form for library users who only want the
:class:`Invoice`.

This is the façade only: each syntax has its reader in its folder
(:mod:`invoices.syntax.cii.read`, ...), the detection is
:mod:`invoices.syntax.detect`, and :mod:`invoices.facturx.extract` takes the XML
out of a Factur-X / ZUGFeRD PDF.  Every failure is an
:class:`~invoices.errors.InputError` naming the file and the reason.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from invoices.errors import InputError
from invoices.facturx.content import PdfContent
from invoices.facturx.extract import open_pdf
from invoices.i18n import t
from invoices.model import Invoice
from invoices.syntax.cii.read import read_tree as _read_cii
from invoices.syntax.detect import PDF_MEDIA_TYPE, XML_MEDIA_TYPE, sniff
from invoices.syntax.kinds import Detection, Syntax
from invoices.syntax.ubl.read import read_tree as _read_ubl
from invoices.syntax.zugferd1.read import read_tree as _read_zugferd1
from platforms.chorus.tables import limits

__all__ = [
    "MAX_FILE_BYTES",
    "ReadResult",
    "load",
    "read",
    "read_document",
    "scan_document",
    "with_model",
]

#: Largest file we read: the largest invoice Chorus Pro accepts (120 MB), from the one
#: copy of the platform's limits (``platforms/chorus/limits.json``).
MAX_FILE_BYTES = limits().max_invoice_bytes

Source = str | os.PathLike[str] | bytes


@dataclass(frozen=True, slots=True, eq=False)
class ReadResult:
    """A document as read: original bytes, detection, model and parsed XML."""

    name: str
    data: bytes
    #: The SHA-256 of ``data`` (hex), computed once here: the store files the
    #: document under it, nobody hashes the bytes again.
    sha256: str
    detection: Detection
    #: ``None`` for a PDF that carries no structured invoice (``structured`` False), and
    #: for a result of :func:`scan_document` until :func:`with_model` builds it.
    invoice: Invoice | None
    structured: bool
    #: The parsed lxml tree of ``detection.xml``, or ``None``.
    tree: Any = None

    @property
    def media_type(self) -> str:
        """What the bytes were detected as, for the archive: the detection's own
        verdict, so the store never sniffs the bytes a second time (and never
        disagrees with the reader)."""
        return PDF_MEDIA_TYPE if self.detection.syntax in _PDF_SYNTAXES else XML_MEDIA_TYPE


_PDF_SYNTAXES = frozenset({Syntax.PDF, Syntax.FACTURX_PDF, Syntax.ZUGFERD1_PDF})


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


#: The reader of each structured syntax (a PDF's syntax names the XML it carries).
_READERS: dict[Syntax, Callable[[Any, str | None], Invoice]] = {
    Syntax.CII: _read_cii,
    Syntax.FACTURX_PDF: _read_cii,
    Syntax.UBL_INVOICE: _read_ubl,
    Syntax.UBL_CREDITNOTE: _read_ubl,
    Syntax.ZUGFERD1: _read_zugferd1,
    Syntax.ZUGFERD1_PDF: _read_zugferd1,
}


def _read_tree(syntax: Syntax, tree: Any, name: str) -> Invoice:
    return _READERS[syntax](tree, name)


def read_document(
    source: Source, name: str | None = None, *, sha256: str | None = None
) -> ReadResult:
    """Read ``source`` completely: detection, model, tree (raises :class:`InputError`).

    A PDF without invoice XML is not an error here: it gives ``structured=False``
    and ``invoice=None``, so the caller can still store it or say what it is.
    ``sha256``: the digest of these bytes when the caller already has it (ingest
    looks the document up by its hash before reading it); it is then not computed
    again, and the caller vouches for it.
    """
    return with_model(scan_document(source, name, sha256=sha256))


def scan_document(
    source: Source, name: str | None = None, *, sha256: str | None = None
) -> ReadResult:
    """:func:`read_document` without the model: bytes, hash, detection and parsed tree.

    For the validation, which hands the XML to the official stylesheets first and
    builds the model while they run.  Raises what :func:`read_document` raises
    before it builds the model.
    """
    data, shown = load(source, name)
    detection, tree = sniff(data, shown)
    digest = sha256 or hashlib.sha256(data).hexdigest()
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
    if result.invoice is None:  # the detail says what the PDF does carry
        raise InputError(
            "read.pdf_unstructured",
            file=result.name,
            detail=_unstructured_detail(open_pdf(result.data, result.name)),
        )
    return result.invoice


def _unstructured_detail(content: PdfContent) -> str:
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
