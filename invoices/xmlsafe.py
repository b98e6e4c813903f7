"""The single XML parser configuration of the project.

Invoices come from outside: no DTD is loaded, no entity is resolved, nothing is
fetched from the network and lxml's huge-tree mode stays off (it lifts the limits
that stop entity and depth bombs).  A document that declares a DOCTYPE is refused
outright: no invoice syntax we accept uses one, and it is the vehicle of XXE and
"billion laughs" attacks.  Every module parses through :func:`parse` so there is
exactly one place to get this right.
"""

from __future__ import annotations

import re

from lxml import etree

from invoices.errors import InputError
from invoices.i18n import t
from platforms.chorus import tables

#: Largest XML document we parse: the largest invoice the platform accepts at all.
MAX_XML_BYTES = tables.limits().max_invoice_bytes

# A DOCTYPE can only appear in the prolog, before the root element.
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def parser() -> etree.XMLParser:
    """A fresh parser with the safe settings (lxml parsers are not thread-safe)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _prolog(data: bytes) -> bytes:
    """The bytes before the root element, in any of the usual encodings."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
        try:
            text = head.decode(codec, errors="ignore")
        except UnicodeDecodeError:
            return head
        return text.encode("utf-8", errors="ignore")
    return head


def has_doctype(data: bytes) -> bool:
    prolog = _prolog(data)
    # Skip comments and processing instructions; stop at the first element.
    doctype = _DOCTYPE.search(prolog)
    if doctype is None:
        return False
    root = _ROOT_START.search(prolog.replace(b"<!", b"  ").replace(b"<?", b"  "))
    return root is None or doctype.start() < root.start()


#: libxml2's syntax errors a clerk can be told about in words (the rest: a generic word).
_PROBLEMS = {
    "ERR_TAG_NAME_MISMATCH": "xml.problem_mismatch",
    "ERR_TAG_NOT_FINISHED": "xml.problem_truncated",
    "ERR_DOCUMENT_END": "xml.problem_extra",
    "ERR_INVALID_CHAR": "xml.problem_char",
    "ERR_INVALID_ENCODING": "xml.problem_encoding",
    "ERR_UNDECLARED_ENTITY": "xml.problem_entity",
    "ERR_ATTRIBUTE_NOT_STARTED": "xml.problem_attribute",
    "ERR_ATTRIBUTE_NOT_FINISHED": "xml.problem_attribute",
    "ERR_NAME_REQUIRED": "xml.problem_name",
    "ERR_DOCUMENT_EMPTY": "xml.problem_not_xml",
}


def malformed(exc: etree.XMLSyntaxError, file: str | None) -> InputError:
    """The parser's complaint as our message: what is wrong, at which line and column;
    the parser's own text stays in the error's ``reason`` (for ``--debug``)."""
    name = next((n for n in _PROBLEMS if getattr(etree.ErrorTypes, n, None) == exc.code), "")
    return InputError(
        "xml.malformed_at",
        file=file,
        line=exc.lineno,
        column=(exc.offset or 0) + 1,
        what=t(_PROBLEMS.get(name, "xml.problem_other")),
        reason=str(exc),
    )


def parse(data: bytes, file: str | None = None) -> etree._ElementTree:
    """Parse untrusted XML bytes, or raise :class:`InputError` saying why."""
    if len(data) > MAX_XML_BYTES:
        raise InputError("core.file_too_large", file=file, size=len(data), limit=MAX_XML_BYTES)
    if not data.strip():
        raise InputError("xml.empty", file=file)
    if has_doctype(data):
        raise InputError("xml.doctype_refused", file=file)
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser()))
    except etree.XMLSyntaxError as exc:
        raise malformed(exc, file) from None
    except ValueError as exc:  # e.g. unicode strings with an encoding declaration
        raise InputError("xml.malformed", file=file, reason=str(exc)) from None
    if tree.docinfo.doctype:
        raise InputError("xml.doctype_refused", file=file)
    return tree
