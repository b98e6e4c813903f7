"""Where the platform finds each routing datum in a UBL 2.1 or CII D16B invoice.

Plain XPath tables, written for the emulator alone (not derived from the project's
reader mappings): when our reader misreads a term, the platform still reads it right
and the end-to-end tests see the difference.  Paths are relative to the document root
(header fields), to one line element (``LINE``) or to one VAT breakdown (``VAT``).
"""

from __future__ import annotations

NAMESPACES = {
    "ubl": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}

#: Root element (Clark notation) -> the content name used in error messages.
ROOTS = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": "ubl-invoice",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": "ubl-creditnote",
    "{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice": "cii",
    "{urn:ferd:CrossIndustryDocument:invoice:1p0}CrossIndustryDocument": "zugferd1",
}
#: Container declared by the ``syntaxeFlux`` -> content names it accepts.
EXPECTED = {
    "ubl": {"ubl-invoice", "ubl-creditnote"},
    "cii": {"cii"},
    "facturx": {"cii"},
}

_UBL_SELLER = "cac:AccountingSupplierParty/cac:Party"
_UBL_BUYER = "cac:AccountingCustomerParty/cac:Party"

#: UBL header fields.  ``*_legal`` select the legal-entity identifier (BT-30/47) whose
#: ``@schemeID`` is read too; ``*_ids`` the party identifiers (BT-29/46).
UBL = {
    "number": "cbc:ID",
    "issue_date": "cbc:IssueDate",
    "type_code": "cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode",
    "currency": "cbc:DocumentCurrencyCode",
    "supplier_legal": f"{_UBL_SELLER}/cac:PartyLegalEntity/cbc:CompanyID",
    "supplier_ids": f"{_UBL_SELLER}/cac:PartyIdentification/cbc:ID",
    "supplier_name": (
        f"{_UBL_SELLER}/cac:PartyLegalEntity/cbc:RegistrationName"
        f" | {_UBL_SELLER}/cac:PartyName/cbc:Name"
    ),
    "recipient_legal": f"{_UBL_BUYER}/cac:PartyLegalEntity/cbc:CompanyID",
    "recipient_ids": f"{_UBL_BUYER}/cac:PartyIdentification/cbc:ID",
    "recipient_name": (
        f"{_UBL_BUYER}/cac:PartyLegalEntity/cbc:RegistrationName"
        f" | {_UBL_BUYER}/cac:PartyName/cbc:Name"
    ),
    "service_code": "cbc:BuyerReference",
    "engagement": "cac:OrderReference/cbc:ID",
    "contract": "cac:ContractDocumentReference/cbc:ID",
    "framework": "cbc:ProfileID",
    "preceding": "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID",
    "due_date": "cbc:DueDate | cac:PaymentMeans/cbc:PaymentDueDate",
    "payment_means": "cac:PaymentMeans/cbc:PaymentMeansCode",
    "iban": "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
    "total_ht": "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount",
    "total_vat": "cac:TaxTotal/cbc:TaxAmount",
    "total_ttc": "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount",
    "payable": "cac:LegalMonetaryTotal/cbc:PayableAmount",
    "LINES": "cac:InvoiceLine | cac:CreditNoteLine",
    "VATS": "cac:TaxTotal/cac:TaxSubtotal",
}
UBL_LINE = {
    "reference": "cbc:ID",
    "name": "cac:Item/cbc:Name",
    "quantity": "cbc:InvoicedQuantity | cbc:CreditedQuantity",
    "unit_price": "cac:Price/cbc:PriceAmount",
    "net": "cbc:LineExtensionAmount",
    "vat_rate": "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent",
}
UBL_VAT = {
    "rate": "cac:TaxCategory/cbc:Percent",
    "base": "cbc:TaxableAmount",
    "amount": "cbc:TaxAmount",
}

_CII_TX = "rsm:SupplyChainTradeTransaction"
_CII_AGREEMENT = f"{_CII_TX}/ram:ApplicableHeaderTradeAgreement"
_CII_SETTLEMENT = f"{_CII_TX}/ram:ApplicableHeaderTradeSettlement"
_CII_SUMS = f"{_CII_SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
_CII_MEANS = f"{_CII_SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans"
_CII_SELLER = f"{_CII_AGREEMENT}/ram:SellerTradeParty"
_CII_BUYER = f"{_CII_AGREEMENT}/ram:BuyerTradeParty"

CII = {
    "number": "rsm:ExchangedDocument/ram:ID",
    "issue_date": "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString",
    "type_code": "rsm:ExchangedDocument/ram:TypeCode",
    "currency": f"{_CII_SETTLEMENT}/ram:InvoiceCurrencyCode",
    "supplier_legal": f"{_CII_SELLER}/ram:SpecifiedLegalOrganization/ram:ID",
    "supplier_ids": f"{_CII_SELLER}/ram:GlobalID | {_CII_SELLER}/ram:ID",
    "supplier_name": f"{_CII_SELLER}/ram:Name",
    "recipient_legal": f"{_CII_BUYER}/ram:SpecifiedLegalOrganization/ram:ID",
    "recipient_ids": f"{_CII_BUYER}/ram:GlobalID | {_CII_BUYER}/ram:ID",
    "recipient_name": f"{_CII_BUYER}/ram:Name",
    "service_code": f"{_CII_AGREEMENT}/ram:BuyerReference",
    "engagement": f"{_CII_AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID",
    "contract": f"{_CII_AGREEMENT}/ram:ContractReferencedDocument/ram:IssuerAssignedID",
    "framework": (
        "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"
    ),
    "preceding": f"{_CII_SETTLEMENT}/ram:InvoiceReferencedDocument/ram:IssuerAssignedID",
    "due_date": (
        f"{_CII_SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"
    ),
    "payment_means": f"{_CII_MEANS}/ram:TypeCode",
    "iban": (
        f"{_CII_MEANS}/ram:PayeePartyCreditorFinancialAccount/ram:IBANID"
        f" | {_CII_MEANS}/ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID"
    ),
    "total_ht": f"{_CII_SUMS}/ram:TaxBasisTotalAmount",
    "total_vat": f"{_CII_SUMS}/ram:TaxTotalAmount",
    "total_ttc": f"{_CII_SUMS}/ram:GrandTotalAmount",
    "payable": f"{_CII_SUMS}/ram:DuePayableAmount",
    "LINES": f"{_CII_TX}/ram:IncludedSupplyChainTradeLineItem",
    "VATS": f"{_CII_SETTLEMENT}/ram:ApplicableTradeTax",
}
CII_LINE = {
    "reference": "ram:AssociatedDocumentLineDocument/ram:LineID",
    "name": "ram:SpecifiedTradeProduct/ram:Name",
    "quantity": "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity",
    "unit_price": "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount",
    "net": (
        "ram:SpecifiedLineTradeSettlement"
        "/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"
    ),
    "vat_rate": "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent",
}
CII_VAT = {
    "rate": "ram:RateApplicablePercent",
    "base": "ram:BasisAmount",
    "amount": "ram:CalculatedAmount",
}

#: Per syntax: (header table, line table, VAT table).
TABLES = {
    "ubl": (UBL, UBL_LINE, UBL_VAT),
    "cii": (CII, CII_LINE, CII_VAT),
}
