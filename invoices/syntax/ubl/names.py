"""The names that make a UBL document: its namespaces, its two roots, where BT-24 is.

Detection, reader and writer take them from here, so the three agree on what a
UBL Invoice or CreditNote is.
"""

from __future__ import annotations

NAMESPACES = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"

#: The root elements, as lxml spells a qualified name.
INVOICE_ROOT = f"{{{INVOICE_NS}}}Invoice"
CREDIT_NOTE_ROOT = f"{{{CREDIT_NOTE_NS}}}CreditNote"

#: BT-24, the specification identifier, which names the profile.
SPECIFICATION_PATH = "cbc:CustomizationID"
