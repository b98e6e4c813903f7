"""Where the EN 16931 terms live in a ZUGFeRD 1.0 ``CrossIndustryDocument``.

ZUGFeRD 1 predates EN 16931: it is CII D13B with other element names for the
header (``HeaderExchangedDocument``, ``ApplicableSupplyChainTrade*``) and without
some terms (no BT-10 buyer reference as such, no legal registration scheme...).
German suppliers still send it; reading what it says lets a clerk see such an
invoice and lets the validation explain why Chorus Pro will refuse it.  Only
the terms ZUGFeRD 1 actually carries are mapped.
"""

from __future__ import annotations

from invoices.model import Invoice
from invoices.syntax.dates import cii_date
from invoices.syntax.engine import CompiledMapping, Group, Ident, Table
from invoices.syntax.zugferd1.names import NAMESPACES, SPECIFICATION_PATH

__all__ = ["MAPPING", "NAMESPACES"]

_TX = "rsm:SpecifiedSupplyChainTradeTransaction"
_AGREEMENT = f"{_TX}/ram:ApplicableSupplyChainTradeAgreement"
_DELIVERY = f"{_TX}/ram:ApplicableSupplyChainTradeDelivery"
_SETTLEMENT = f"{_TX}/ram:ApplicableSupplyChainTradeSettlement"
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
    "city": "ram:CityName",
    "postcode": "ram:PostcodeCode",
    "country": "ram:CountryID",
}

PARTY: Table = {
    "name": "ram:Name",
    "identifiers": Ident("ram:ID | ram:GlobalID"),
    "vat_id": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
    "tax_registration_id": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']",
    "address": Group("ram:PostalTradeAddress", ADDRESS),
    "contact": Group(
        "ram:DefinedTradeContact",
        {
            "name": "ram:PersonName | ram:DepartmentName",
            "phone": "ram:TelephoneUniversalCommunication/ram:CompleteNumber",
            "email": "ram:EmailURIUniversalCommunication/ram:URIID",
        },
    ),
}

ALLOWANCE_CHARGE: Table = {
    "amount": "ram:ActualAmount",
    "base_amount": "ram:BasisAmount",
    "percentage": "ram:CalculationPercent",
    "vat_category": "ram:CategoryTradeTax/ram:CategoryCode",
    "vat_rate": "ram:CategoryTradeTax/ram:ApplicablePercent",
    "reason": "ram:Reason",
    "reason_code": "ram:ReasonCode",
}

_LINE_AGREEMENT = "ram:SpecifiedSupplyChainTradeAgreement"
_LINE_SETTLEMENT = "ram:SpecifiedSupplyChainTradeSettlement"

LINE: Table = {
    "id": "ram:AssociatedDocumentLineDocument/ram:LineID",
    "note": "ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content",
    "quantity": "ram:SpecifiedSupplyChainTradeDelivery/ram:BilledQuantity",
    "unit": "ram:SpecifiedSupplyChainTradeDelivery/ram:BilledQuantity/@unitCode",
    "net_amount": f"{_LINE_SETTLEMENT}/ram:SpecifiedTradeSettlementMonetarySummation"
    "/ram:LineTotalAmount",
    "allowances": Group(
        f"{_LINE_SETTLEMENT}/ram:SpecifiedTradeAllowanceCharge[{_FALSE}]", ALLOWANCE_CHARGE
    ),
    "charges": Group(
        f"{_LINE_SETTLEMENT}/ram:SpecifiedTradeAllowanceCharge[{_TRUE}]", ALLOWANCE_CHARGE
    ),
    "price": Group(
        _LINE_AGREEMENT,
        {
            "net": "ram:NetPriceProductTradePrice/ram:ChargeAmount",
            "gross": "ram:GrossPriceProductTradePrice/ram:ChargeAmount",
            "base_quantity": "ram:NetPriceProductTradePrice/ram:BasisQuantity",
            "base_quantity_unit": "ram:NetPriceProductTradePrice/ram:BasisQuantity/@unitCode",
        },
    ),
    "vat": Group(
        f"{_LINE_SETTLEMENT}/ram:ApplicableTradeTax",
        {
            "category": "ram:CategoryCode",
            "rate": "ram:ApplicablePercent",
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
        },
    ),
}

INVOICE: Table = {
    "number": "rsm:HeaderExchangedDocument/ram:ID",
    "issue_date": "rsm:HeaderExchangedDocument/ram:IssueDateTime/udt:DateTimeString",
    "type_code": "rsm:HeaderExchangedDocument/ram:TypeCode",
    "currency": f"{_SETTLEMENT}/ram:InvoiceCurrencyCode",
    "due_date": f"{_SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime"
    "/udt:DateTimeString",
    "buyer_reference": f"{_AGREEMENT}/ram:BuyerReference",
    "contract_reference": f"{_AGREEMENT}/ram:ContractReferencedDocument/ram:ID",
    "purchase_order": f"{_AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:ID",
    "despatch_advice": f"{_DELIVERY}/ram:DeliveryNoteReferencedDocument/ram:ID",
    "payment_terms": f"{_SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:Description",
    "notes": Group(
        "rsm:HeaderExchangedDocument/ram:IncludedNote",
        {
            "text": "ram:Content",
            "subject_code": "ram:SubjectCode",
        },
    ),
    "specification_id": SPECIFICATION_PATH,
    "seller": Group(f"{_AGREEMENT}/ram:SellerTradeParty", PARTY),
    "buyer": Group(f"{_AGREEMENT}/ram:BuyerTradeParty", PARTY),
    "payee": Group(f"{_SETTLEMENT}/ram:PayeeTradeParty", PARTY),
    "delivery": Group(
        _DELIVERY,
        {
            "party_name": "ram:ShipToTradeParty/ram:Name",
            "delivery_date": "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime"
            "/udt:DateTimeString",
            "address": Group("ram:ShipToTradeParty/ram:PostalTradeAddress", ADDRESS),
        },
    ),
    "invoicing_period": Group(
        f"{_SETTLEMENT}/ram:BillingSpecifiedPeriod",
        {
            "start": "ram:StartDateTime/udt:DateTimeString",
            "end": "ram:EndDateTime/udt:DateTimeString",
        },
    ),
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
        },
    ),
    "allowances": Group(
        f"{_SETTLEMENT}/ram:SpecifiedTradeAllowanceCharge[{_FALSE}]", ALLOWANCE_CHARGE
    ),
    "charges": Group(f"{_SETTLEMENT}/ram:SpecifiedTradeAllowanceCharge[{_TRUE}]", ALLOWANCE_CHARGE),
    "totals": Group(
        f"{_SETTLEMENT}/ram:SpecifiedTradeSettlementMonetarySummation",
        {
            "line_total": "ram:LineTotalAmount",
            "allowance_total": "ram:AllowanceTotalAmount",
            "charge_total": "ram:ChargeTotalAmount",
            "tax_exclusive": "ram:TaxBasisTotalAmount",
            "vat_total": "ram:TaxTotalAmount",
            "tax_inclusive": "ram:GrandTotalAmount",
            "prepaid": "ram:TotalPrepaidAmount",
            "payable": "ram:DuePayableAmount",
        },
    ),
    "vat_breakdown": Group(
        f"{_SETTLEMENT}/ram:ApplicableTradeTax",
        {
            "category": "ram:CategoryCode",
            "rate": "ram:ApplicablePercent",
            "taxable_amount": "ram:BasisAmount",
            "tax_amount": "ram:CalculatedAmount",
            "exemption_reason": "ram:ExemptionReason",
        },
    ),
    "lines": Group(f"{_TX}/ram:IncludedSupplyChainTradeLineItem", LINE),
}

MAPPING = CompiledMapping(Invoice, INVOICE, namespaces=NAMESPACES, dates=cii_date)
