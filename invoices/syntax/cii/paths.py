"""Where each EN 16931 term lives in UN/CEFACT CII (D16B, D22B, Factur-X, ZUGFeRD 2).

Paths follow the EN 16931-3-3 syntax binding for CII (and the Factur-X
specification, which uses the same binding).  Keys are model field names; the
engine (:mod:`invoices.syntax.engine`) takes the value type from the model.
``$bt5`` / ``$bt6`` are the invoice and VAT accounting currencies: BT-110 and
BT-111 are the same element told apart by its ``currencyID``.
"""

from __future__ import annotations

from invoices.model import Invoice
from invoices.syntax.cii.names import NAMESPACES, SPECIFICATION_PATH
from invoices.syntax.codes import tax_point_2005
from invoices.syntax.dates import cii_date
from invoices.syntax.engine import CompiledMapping, Custom, Group, Ident, Table

__all__ = ["MAPPING", "NAMESPACES"]

_TX = "rsm:SupplyChainTradeTransaction"
_AGREEMENT = f"{_TX}/ram:ApplicableHeaderTradeAgreement"
_DELIVERY = f"{_TX}/ram:ApplicableHeaderTradeDelivery"
_SETTLEMENT = f"{_TX}/ram:ApplicableHeaderTradeSettlement"
_FALSE = (
    "(normalize-space(ram:ChargeIndicator/udt:Indicator)='false' or "
    "normalize-space(ram:ChargeIndicator/udt:Indicator)='0')"
)
_TRUE = (
    "(normalize-space(ram:ChargeIndicator/udt:Indicator)='true' or "
    "normalize-space(ram:ChargeIndicator/udt:Indicator)='1')"
)

ADDRESS: Table = {
    "line1": "ram:LineOne",
    "line2": "ram:LineTwo",
    "line3": "ram:LineThree",
    "city": "ram:CityName",
    "postcode": "ram:PostcodeCode",
    "subdivision": "ram:CountrySubDivisionName",
    "country": "ram:CountryID",
}

CONTACT: Table = {
    "name": "ram:PersonName | ram:DepartmentName",
    "phone": "ram:TelephoneUniversalCommunication/ram:CompleteNumber",
    "email": "ram:EmailURIUniversalCommunication/ram:URIID",
}

PARTY: Table = {
    "name": "ram:Name",
    "trading_name": "ram:SpecifiedLegalOrganization/ram:TradingBusinessName",
    "identifiers": Ident("ram:ID | ram:GlobalID"),
    "legal_id": Ident("ram:SpecifiedLegalOrganization/ram:ID"),
    "vat_id": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
    "tax_registration_id": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']",
    "legal_info": "ram:Description",
    "electronic_address": Ident("ram:URIUniversalCommunication/ram:URIID"),
    "address": Group("ram:PostalTradeAddress", ADDRESS),
    "contact": Group("ram:DefinedTradeContact", CONTACT),
}

PERIOD: Table = {
    "start": "ram:StartDateTime/udt:DateTimeString",
    "end": "ram:EndDateTime/udt:DateTimeString",
}

ALLOWANCE_CHARGE: Table = {
    "amount": "ram:ActualAmount",
    "base_amount": "ram:BasisAmount",
    "percentage": "ram:CalculationPercent",
    "vat_category": "ram:CategoryTradeTax/ram:CategoryCode",
    "vat_rate": "ram:CategoryTradeTax/ram:RateApplicablePercent",
    "reason": "ram:Reason",
    "reason_code": "ram:ReasonCode",
}

_LINE_AGREEMENT = "ram:SpecifiedLineTradeAgreement"
_LINE_SETTLEMENT = "ram:SpecifiedLineTradeSettlement"

LINE: Table = {
    "id": "ram:AssociatedDocumentLineDocument/ram:LineID",
    "note": "ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content",
    "object_id": Ident(
        f"{_LINE_SETTLEMENT}/ram:AdditionalReferencedDocument[ram:TypeCode='130']",
        value="ram:IssuerAssignedID",
        scheme="ram:ReferenceTypeCode",
    ),
    "quantity": "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity",
    "unit": "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode",
    "net_amount": f"{_LINE_SETTLEMENT}/ram:SpecifiedTradeSettlementLineMonetarySummation"
    "/ram:LineTotalAmount",
    "order_line_ref": f"{_LINE_AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:LineID",
    "accounting_ref": f"{_LINE_SETTLEMENT}/ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID",
    "period": Group(f"{_LINE_SETTLEMENT}/ram:BillingSpecifiedPeriod", PERIOD),
    "allowances": Group(
        f"{_LINE_SETTLEMENT}/ram:SpecifiedTradeAllowanceCharge[{_FALSE}]", ALLOWANCE_CHARGE
    ),
    "charges": Group(
        f"{_LINE_SETTLEMENT}/ram:SpecifiedTradeAllowanceCharge[{_TRUE}]", ALLOWANCE_CHARGE
    ),
    "price": Group(
        ".",
        {
            "net": f"{_LINE_AGREEMENT}/ram:NetPriceProductTradePrice/ram:ChargeAmount",
            "discount": f"{_LINE_AGREEMENT}/ram:GrossPriceProductTradePrice"
            f"/ram:AppliedTradeAllowanceCharge[{_FALSE}]/ram:ActualAmount",
            "gross": f"{_LINE_AGREEMENT}/ram:GrossPriceProductTradePrice/ram:ChargeAmount",
            "base_quantity": f"{_LINE_AGREEMENT}/ram:NetPriceProductTradePrice/ram:BasisQuantity",
            "base_quantity_unit": f"{_LINE_AGREEMENT}/ram:NetPriceProductTradePrice"
            "/ram:BasisQuantity/@unitCode",
        },
    ),
    "vat": Group(
        f"{_LINE_SETTLEMENT}/ram:ApplicableTradeTax",
        {
            "category": "ram:CategoryCode",
            "rate": "ram:RateApplicablePercent",
        },
    ),
    "item": Group(
        "ram:SpecifiedTradeProduct",
        {
            "name": "ram:Name",
            "description": "ram:Description",
            "seller_id": "ram:SellerAssignedID",
            "buyer_id": "ram:BuyerAssignedID",
            "standard_id": Ident("ram:GlobalID"),
            "classifications": Ident(
                "ram:DesignatedProductClassification/ram:ClassCode", scheme="@listID"
            ),
            "origin_country": "ram:OriginTradeCountry/ram:ID",
            "attributes": Group(
                "ram:ApplicableProductCharacteristic",
                {
                    "name": "ram:Description",
                    "value": "ram:Value",
                },
            ),
        },
    ),
}

INVOICE: Table = {
    "number": "rsm:ExchangedDocument/ram:ID",
    "issue_date": "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString",
    "type_code": "rsm:ExchangedDocument/ram:TypeCode",
    "currency": f"{_SETTLEMENT}/ram:InvoiceCurrencyCode",
    "tax_currency": f"{_SETTLEMENT}/ram:TaxCurrencyCode",
    "tax_point_date": f"{_SETTLEMENT}/ram:ApplicableTradeTax/ram:TaxPointDate/udt:DateString",
    "tax_point_code": Custom(
        f"{_SETTLEMENT}/ram:ApplicableTradeTax/ram:DueDateTypeCode", tax_point_2005
    ),
    "due_date": f"{_SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime"
    "/udt:DateTimeString",
    "buyer_reference": f"{_AGREEMENT}/ram:BuyerReference",
    "project_reference": f"{_AGREEMENT}/ram:SpecifiedProcuringProject/ram:ID",
    "contract_reference": f"{_AGREEMENT}/ram:ContractReferencedDocument/ram:IssuerAssignedID",
    "purchase_order": f"{_AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID",
    "sales_order": f"{_AGREEMENT}/ram:SellerOrderReferencedDocument/ram:IssuerAssignedID",
    "receiving_advice": f"{_DELIVERY}/ram:ReceivingAdviceReferencedDocument/ram:IssuerAssignedID",
    "despatch_advice": f"{_DELIVERY}/ram:DespatchAdviceReferencedDocument/ram:IssuerAssignedID",
    "tender_reference": f"{_AGREEMENT}/ram:AdditionalReferencedDocument[ram:TypeCode='50']"
    "/ram:IssuerAssignedID",
    "invoiced_object": Ident(
        f"{_AGREEMENT}/ram:AdditionalReferencedDocument[ram:TypeCode='130']",
        value="ram:IssuerAssignedID",
        scheme="ram:ReferenceTypeCode",
    ),
    "buyer_accounting_ref": f"{_SETTLEMENT}/ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID",
    "payment_terms": f"{_SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:Description",
    "notes": Group(
        "rsm:ExchangedDocument/ram:IncludedNote",
        {
            "text": "ram:Content",
            "subject_code": "ram:SubjectCode",
        },
    ),
    "process_id": "rsm:ExchangedDocumentContext"
    "/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID",
    "specification_id": SPECIFICATION_PATH,
    "preceding_invoices": Group(
        f"{_SETTLEMENT}/ram:InvoiceReferencedDocument",
        {
            "number": "ram:IssuerAssignedID",
            "issue_date": "ram:FormattedIssueDateTime/qdt:DateTimeString",
        },
    ),
    "seller": Group(f"{_AGREEMENT}/ram:SellerTradeParty", PARTY),
    "buyer": Group(f"{_AGREEMENT}/ram:BuyerTradeParty", PARTY),
    "payee": Group(f"{_SETTLEMENT}/ram:PayeeTradeParty", PARTY),
    "tax_representative": Group(f"{_AGREEMENT}/ram:SellerTaxRepresentativeTradeParty", PARTY),
    "delivery": Group(
        _DELIVERY,
        {
            "party_name": "ram:ShipToTradeParty/ram:Name",
            "location_id": Ident("ram:ShipToTradeParty/ram:ID | ram:ShipToTradeParty/ram:GlobalID"),
            "delivery_date": "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime"
            "/udt:DateTimeString",
            "address": Group("ram:ShipToTradeParty/ram:PostalTradeAddress", ADDRESS),
        },
    ),
    "invoicing_period": Group(f"{_SETTLEMENT}/ram:BillingSpecifiedPeriod", PERIOD),
    "payment": Group(
        _SETTLEMENT,
        {
            "means_code": "ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode",
            "means_text": "ram:SpecifiedTradeSettlementPaymentMeans/ram:Information",
            "remittance_info": "ram:PaymentReference",
            "credit_transfers": Group(
                "ram:SpecifiedTradeSettlementPaymentMeans[ram:PayeePartyCreditorFinancialAccount]",
                {
                    "account_id": "ram:PayeePartyCreditorFinancialAccount/ram:IBANID"
                    " | ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID",
                    "account_name": "ram:PayeePartyCreditorFinancialAccount/ram:AccountName",
                    "bank_id": "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID",
                },
            ),
            "card": Group(
                "ram:SpecifiedTradeSettlementPaymentMeans"
                "/ram:ApplicableTradeSettlementFinancialCard",
                {
                    "pan": "ram:ID",
                    "holder": "ram:CardholderName",
                },
            ),
            "direct_debit": Group(
                ".",
                {
                    "mandate_reference": "ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID",
                    "creditor_id": "ram:CreditorReferenceID",
                    "debited_account": "ram:SpecifiedTradeSettlementPaymentMeans"
                    "/ram:PayerPartyDebtorFinancialAccount/ram:IBANID",
                },
            ),
        },
    ),
    "allowances": Group(
        f"{_SETTLEMENT}/ram:SpecifiedTradeAllowanceCharge[{_FALSE}]", ALLOWANCE_CHARGE
    ),
    "charges": Group(f"{_SETTLEMENT}/ram:SpecifiedTradeAllowanceCharge[{_TRUE}]", ALLOWANCE_CHARGE),
    "totals": Group(
        f"{_SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation",
        {
            "line_total": "ram:LineTotalAmount",
            "allowance_total": "ram:AllowanceTotalAmount",
            "charge_total": "ram:ChargeTotalAmount",
            "tax_exclusive": "ram:TaxBasisTotalAmount",
            "vat_total": "ram:TaxTotalAmount[not(@currencyID) or @currencyID=$bt5"
            " or not(@currencyID=$bt6)]",
            "vat_total_accounting": "ram:TaxTotalAmount[$bt6!='' and @currencyID=$bt6]",
            "tax_inclusive": "ram:GrandTotalAmount",
            "prepaid": "ram:TotalPrepaidAmount",
            "rounding": "ram:RoundingAmount",
            "payable": "ram:DuePayableAmount",
        },
    ),
    "vat_breakdown": Group(
        f"{_SETTLEMENT}/ram:ApplicableTradeTax",
        {
            "category": "ram:CategoryCode",
            "rate": "ram:RateApplicablePercent",
            "taxable_amount": "ram:BasisAmount",
            "tax_amount": "ram:CalculatedAmount",
            "exemption_reason": "ram:ExemptionReason",
            "exemption_code": "ram:ExemptionReasonCode",
        },
    ),
    "attachments": Group(
        f"{_AGREEMENT}/ram:AdditionalReferencedDocument[ram:TypeCode='916']",
        {
            "id": "ram:IssuerAssignedID",
            "description": "ram:Name",
            "uri": "ram:URIID",
            "content": "ram:AttachmentBinaryObject",
            "mime_code": "ram:AttachmentBinaryObject/@mimeCode",
            "filename": "ram:AttachmentBinaryObject/@filename",
        },
    ),
    "lines": Group(f"{_TX}/ram:IncludedSupplyChainTradeLineItem", LINE),
}

#: The invoice and VAT accounting currencies, bound as ``$bt5`` / ``$bt6`` in the paths.
VARIABLES = {
    "bt5": f"{_SETTLEMENT}/ram:InvoiceCurrencyCode",
    "bt6": f"{_SETTLEMENT}/ram:TaxCurrencyCode",
}

MAPPING = CompiledMapping(
    Invoice, INVOICE, namespaces=NAMESPACES, dates=cii_date, variables=VARIABLES
)
