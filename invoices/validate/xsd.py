"""The syntax layer: the official XSD of the detected syntax/profile, run with lxml.

lxml (libxml2) is the schema processor the reference verdicts were computed with,
so an error reads exactly as they do (``line 3: Element '{ns}X': This element is not
expected...``).  Every error of the document is a finding, not only the first.
Compiling a schema takes up to half a second; each thread keeps the ones it has
used (lxml schema objects must not be shared between threads).
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from invoices.validate.report import Finding, Layer, Severity

RULE = "XSD"
_local = threading.local()


def schema(path: Path) -> etree.XMLSchema:
    cache: dict[str, etree.XMLSchema] = getattr(_local, "schemas", None) or {}
    _local.schemas = cache
    key = str(path)
    compiled = cache.get(key)
    if compiled is None:
        # The official schemas are pinned files of ours: parsed without network.
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        compiled = etree.XMLSchema(etree.parse(key, parser))
        cache[key] = compiled
    return compiled


def check(tree: etree._ElementTree, path: Path) -> list[Finding]:
    """Validate ``tree`` against the schema at ``path``; one fatal finding per error."""
    compiled = schema(path)
    if compiled.validate(tree):
        return []
    return [Finding(layer=Layer.SYNTAX, rule=RULE, severity=Severity.FATAL,
                    message=f"line {error.line}: {error.message}",
                    location=error.path or None)
            for error in compiled.error_log]
