"""Model -> UBL 2.1 Invoice or CreditNote, EN 16931 core (BT-24 ``urn:cen.eu:en16931:2017``).

BT-3 decides the document: a credit note type code (381, 396...) gives a
``CreditNote``, anything else an ``Invoice``.  The structure is the declarative
tree of :mod:`.elements`.
"""

from __future__ import annotations

import dataclasses

from invoices.model import Invoice
from invoices.syntax.builder import Builder
from invoices.syntax.ubl import elements
from invoices.syntax.ubl.names import CREDIT_NOTE_NS, INVOICE_NS, NAMESPACES

__all__ = ["SPECIFICATION_ID", "to_ubl"]

#: BT-24 of an EN 16931 core invoice in UBL.
SPECIFICATION_ID = "urn:cen.eu:en16931:2017"

_INVOICE = Builder(NAMESPACES, default=INVOICE_NS)
_CREDIT_NOTE = Builder(NAMESPACES, default=CREDIT_NOTE_NS)


def to_ubl(invoice: Invoice, specification_id: str = SPECIFICATION_ID) -> bytes:
    """The invoice as UBL 2.1 XML bytes (UTF-8, with declaration)."""
    invoice = dataclasses.replace(invoice, specification_id=specification_id)
    if invoice.is_credit_note:
        return _CREDIT_NOTE.build(elements.CREDIT_NOTE_ROOT, invoice, kind="credit")
    return _INVOICE.build(elements.INVOICE_ROOT, invoice, kind="invoice")
