"""Model -> UBL 2.1 Invoice or CreditNote, EN 16931 core (BT-24 ``urn:cen.eu:en16931:2017``).

BT-3 decides the document: a credit note type code (381, 396...) gives a
``CreditNote``, anything else an ``Invoice``.  The structure is the declarative
spec of ``ubl_spec``.
"""

from __future__ import annotations

import dataclasses

from invoices.model import Invoice
from invoices.write import ubl_spec
from invoices.write.tree import Builder

#: BT-24 of an EN 16931 core invoice in UBL.
SPECIFICATION_ID = "urn:cen.eu:en16931:2017"

_INVOICE = Builder({None: ubl_spec.INVOICE_NS, **ubl_spec.NSMAP})
_CREDIT_NOTE = Builder({None: ubl_spec.CREDIT_NOTE_NS, **ubl_spec.NSMAP})


def to_ubl(invoice: Invoice, specification_id: str = SPECIFICATION_ID) -> bytes:
    """The invoice as UBL 2.1 XML bytes (UTF-8, with declaration)."""
    invoice = dataclasses.replace(invoice, specification_id=specification_id)
    if invoice.is_credit_note:
        return _CREDIT_NOTE.build(ubl_spec.CREDIT_NOTE_ROOT, invoice, kind="credit")
    return _INVOICE.build(ubl_spec.INVOICE_ROOT, invoice, kind="invoice")
