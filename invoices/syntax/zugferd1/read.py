"""Reader for ZUGFeRD 1.0 CrossIndustryDocument.

The reading itself is the generic engine (:mod:`invoices.syntax.engine`) driven by
the declarative table of :mod:`.paths`; this module is the entry point the
dispatcher of :mod:`invoices.reading` calls for that syntax.
"""

from __future__ import annotations

from lxml import etree

from invoices.model import Invoice
from invoices.syntax.zugferd1.paths import MAPPING


def read_tree(tree: etree._ElementTree, file: str | None = None) -> Invoice:
    """The invoice held by a parsed document of this syntax."""
    invoice: Invoice = MAPPING.build(tree.getroot(), file)
    return invoice
