"""The syntax layer: the official XSD of the detected syntax/profile, run with lxml.

lxml (libxml2) is the schema processor the reference verdicts were computed with,
so an error reads exactly as they do (``line 3: Element '{ns}X': This element is not
expected...``).  Every error of the document is a finding, not only the first.
Compiling a schema takes up to half a second, so compiled schemas are kept for the
life of the process; an lxml schema object keeps the error log of its last run, so
one object serves one thread at a time: each schema has a small stack of compiled
copies, as many as threads have needed at once.

Compiling is serialised, process-wide.  libxml2 builds its table of built-in schema
types lazily, on the first compilation of the process, and that first build is not
thread-safe: two threads compiling at the same moment in a fresh process made valid
invoices fail with ``xmlSchemaPValAttrNodeValue, the given type is not a built-in
type`` or ``Document is not valid XML Schema`` (about 1 fresh process in 20 on a
2-core machine; never once the types exist, never with the lock).  Validating with
an already compiled schema is thread-safe and stays parallel.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from invoices.validation.layers import Context, artefacts
from invoices.validation.report import Finding, Layer, Severity

RULE = "XSD"
_free: dict[str, list[etree.XMLSchema]] = {}
_lock = threading.Lock()
#: Held while libxml2 compiles a schema (see the module docstring).
_compiling = threading.Lock()


def _compile(path: str) -> etree.XMLSchema:
    # The official schemas are pinned files of ours: parsed without network.
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    with _compiling:
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


class XsdLayer:
    """The syntax layer: the official schema of the document's syntax and profile."""

    layers = (Layer.SYNTAX,)

    def __init__(self, key: str) -> None:
        self.key = key
        self._path: Path | None = None
        self._problems: list[Finding] = []

    def start(self, ctx: Context) -> None:
        self._path = artefacts.locate(ctx.report, self.key, Layer.SYNTAX, self._problems)

    def finish(self, ctx: Context) -> None:
        ctx.report.findings.extend(self._problems)
        if self._path is None:
            return
        ctx.report.findings.extend(check(ctx.tree, self._path))
        ctx.report.layers_run.append(Layer.SYNTAX)
