"""Where each term the Chorus Pro rules speak of sits in each syntax, so a finding
points at the element to fix.
"""

from __future__ import annotations

from collections.abc import Mapping

from invoices.syntax import Syntax
from invoices.validation.chorus.base import Document

_CII_AGREEMENT = (
    "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
)
_CII_SETTLEMENT = (
    "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
)
_CII: Mapping[str, str] = {
    "BT-3": "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode",
    "BT-10": f"{_CII_AGREEMENT}/ram:BuyerReference",
    "BT-13": f"{_CII_AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID",
    "BT-23": (
        "/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext"
        "/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"
    ),
    "BG-4": f"{_CII_AGREEMENT}/ram:SellerTradeParty",
    "BT-30": f"{_CII_AGREEMENT}/ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID",
    "BG-7": f"{_CII_AGREEMENT}/ram:BuyerTradeParty",
    "BT-47": f"{_CII_AGREEMENT}/ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID",
    "BT-61": f"{_CII_SETTLEMENT}/ram:PayeeTradeParty/ram:SpecifiedLegalOrganization/ram:ID",
    "BT-81": f"{_CII_SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode",
    "BT-84": (
        f"{_CII_SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans"
        "/ram:PayeePartyCreditorFinancialAccount/ram:IBANID"
    ),
    "BG-24": f"{_CII_AGREEMENT}/ram:AdditionalReferencedDocument",
}


def _ubl(root: str) -> Mapping[str, str]:
    type_code = "cbc:InvoiceTypeCode" if root == "Invoice" else "cbc:CreditNoteTypeCode"
    r = f"/ubl:{root}"
    return {
        "BT-3": f"{r}/{type_code}",
        "BT-10": f"{r}/cbc:BuyerReference",
        "BT-13": f"{r}/cac:OrderReference/cbc:ID",
        "BT-23": f"{r}/cbc:ProfileID",
        "BG-4": f"{r}/cac:AccountingSupplierParty/cac:Party",
        "BT-30": f"{r}/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
        "BG-7": f"{r}/cac:AccountingCustomerParty/cac:Party",
        "BT-47": f"{r}/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
        "BT-61": f"{r}/cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyID",
        "BT-81": f"{r}/cac:PaymentMeans/cbc:PaymentMeansCode",
        "BT-84": f"{r}/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
        "BG-24": f"{r}/cac:AdditionalDocumentReference",
    }


_LOCATIONS: Mapping[Syntax, Mapping[str, str]] = {
    Syntax.CII: _CII,
    Syntax.FACTURX_PDF: _CII,
    Syntax.UBL_INVOICE: _ubl("Invoice"),
    Syntax.UBL_CREDITNOTE: _ubl("CreditNote"),
}


def location(doc: Document, term: str | None, index: int | None) -> str | None:
    if term is None:
        return None
    path = _LOCATIONS.get(doc.detection.syntax, {}).get(term)
    if path is None:
        return None
    return f"{path}[{index}]" if index is not None else path
