"""The names that make a ZUGFeRD 1.0 document: its namespaces, its root, where BT-24 is."""

from __future__ import annotations

NAMESPACES = {
    "rsm": "urn:ferd:CrossIndustryDocument:invoice:1p0",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15",
}

#: The root element, as lxml spells a qualified name.
ROOT = f"{{{NAMESPACES['rsm']}}}CrossIndustryDocument"

#: BT-24, the specification identifier, which names the profile.
SPECIFICATION_PATH = (
    "rsm:SpecifiedExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
)
