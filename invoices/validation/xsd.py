"""The syntax layer: the official XSD of the detected syntax/profile, run with lxml.

lxml (libxml2) is the schema processor the reference verdicts were computed with,
so an error reads exactly as they do (``line 3: Element '{ns}X': This element is not
expected...``).  Every error of the document is a finding, not only the first.
Compiling a schema takes up to half a second, so compiled schemas are kept for the
life of the process; an lxml schema object keeps the error log of its last run, so
one object serves one thread at a time: each schema has a small stack of compiled
copies, as many as threads have needed at once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from invoices.validation.report import Finding, Layer, Severity

RULE = "XSD"
_free: dict[str, list[etree.XMLSchema]] = {}
_lock = threading.Lock()


def _compile(path: str) -> etree.XMLSchema:
    # The official schemas are pinned files of ours: parsed without network.
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(path, parser))


@contextlib.contextmanager
def schema(path: Path) -> Iterator[etree.XMLSchema]:
    """A compiled schema for ``path``, for this thread alone until the block ends."""
    key = str(path)
    with _lock:
        stack = _free.setdefault(key, [])
        compiled = stack.pop() if stack else None
    if compiled is None:
        compiled = _compile(key)
    try:
        yield compiled
    finally:
        with _lock:
            _free[key].append(compiled)


def check(tree: etree._ElementTree, path: Path) -> list[Finding]:
    """Validate ``tree`` against the schema at ``path``; one fatal finding per error."""
    with schema(path) as compiled:
        if compiled.validate(tree):
            return []
        return [
            Finding(
                layer=Layer.SYNTAX,
                rule=RULE,
                severity=Severity.FATAL,
                message=f"line {error.line}: {error.message}",
                location=error.path or None,
            )
            for error in compiled.error_log
        ]
