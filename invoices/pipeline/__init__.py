"""The pipeline: a document read once, validated, stored and audited, once.

:func:`ingest` takes files and folders, :func:`ingest_bytes` what a connector
downloaded; :func:`revalidate` checks stored invoices again.  Each returns one
:class:`Outcome` per document.
"""

from invoices.pipeline.entered import PLAIN_PDF, EnteredInvoice, store_entered
from invoices.pipeline.ingest import Progress, ingest, ingest_bytes, ingest_file
from invoices.pipeline.outcome import Outcome, OutcomeKind
from invoices.pipeline.record import ENVIRONMENT_RULES, Options
from invoices.pipeline.revalidate import UnknownInvoice, awaiting, revalidate

__all__ = [
    "ENVIRONMENT_RULES",
    "PLAIN_PDF",
    "EnteredInvoice",
    "Options",
    "Outcome",
    "OutcomeKind",
    "Progress",
    "UnknownInvoice",
    "awaiting",
    "ingest",
    "ingest_bytes",
    "ingest_file",
    "revalidate",
    "store_entered",
]
