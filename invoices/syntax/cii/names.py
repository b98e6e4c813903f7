"""The names that make a CII document: its namespaces, its root, where BT-24 is.

Detection, reader and writer take them from here, so the three agree on what a
CII document is.
"""

from __future__ import annotations

NAMESPACES = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}

#: The root element, as lxml spells a qualified name.
ROOT = f"{{{NAMESPACES['rsm']}}}CrossIndustryInvoice"

#: BT-24, the specification identifier, which names the profile.
SPECIFICATION_PATH = (
    "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
)
