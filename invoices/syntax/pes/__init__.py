"""PES V2 (Hélios, DGFiP): the files a commune sends its public accountant.

A syntax like CII or UBL, but of the accounting side: ``PES_Aller`` carries the
mandats (payment orders) and, in ``PES_PJ``, the invoices they pay; ``PES_ACQUIT``
is Hélios's answer.  This package knows the files only (model, element table,
writer, readers, the rules the XSD cannot express); where the invoices and the
IdUniques come from is the store's business (:mod:`invoices.store.pes`).
"""

from invoices.syntax.pes.model import (
    Attachment,
    Bordereau,
    Header,
    Line,
    Mandat,
    PesFile,
    PjRef,
    RefCompta,
    Tiers,
)

__all__ = [
    "Attachment",
    "Bordereau",
    "Header",
    "Line",
    "Mandat",
    "PesFile",
    "PjRef",
    "RefCompta",
    "Tiers",
]
