"""Reader for UBL 2.1 Invoice and CreditNote.

The reading itself is the generic engine (:mod:`invoices.syntax.engine`) driven by
the declarative table of :mod:`.paths`; this module is the entry point the
dispatcher of :mod:`invoices.reading` calls for that syntax.
"""

from __future__ import annotations

from lxml import etree

from invoices.model import Invoice
from invoices.syntax.ubl.paths import MAPPING


def read_tree(tree: etree._ElementTree, file: str | None = None) -> Invoice:
    """The invoice held by a parsed document of this syntax."""
    invoice: Invoice = MAPPING.build(tree.getroot(), file)
    return invoice
