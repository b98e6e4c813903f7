"""The project's memory: database, original documents, tamper-evident audit trail.

``open_store(url)`` gives a :class:`Store`; ``store.write()`` is a transaction that
holds the audit chain lock, ``store.read()`` a read-only one.  The connectors use
:mod:`invoices.store.transmissions` (outbox, status events, cursors) with the
session of ``store.write()`` so that their changes and audit records commit together.
"""

from invoices.store import (
    attachments,
    audit,
    corrections,
    mandatee,
    pes_retours,
    records,
    transmissions,
)
from invoices.store.pes import apply_acquit
from invoices.store.store import Store, open_store
from invoices.store.tables import (
    Document,
    DocumentStatus,
    Invoice,
    InvoiceStatus,
    PesAttachment,
    PesFileRow,
    PesMandat,
    Transmission,
    TransmissionState,
    utcnow,
)

__all__ = [
    "Document",
    "DocumentStatus",
    "Invoice",
    "InvoiceStatus",
    "PesAttachment",
    "PesFileRow",
    "PesMandat",
    "Store",
    "Transmission",
    "TransmissionState",
    "apply_acquit",
    "attachments",
    "audit",
    "corrections",
    "mandatee",
    "open_store",
    "pes_retours",
    "records",
    "transmissions",
    "utcnow",
]
