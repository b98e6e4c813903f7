"""Where each EN 16931 term lives in UBL 2.1 Invoice and CreditNote.

Paths follow the EN 16931-3-2 syntax binding for UBL.  One table serves both
document types: where they differ (``InvoiceTypeCode`` / ``CreditNoteTypeCode``,
``InvoiceLine`` / ``CreditNoteLine``, ``InvoicedQuantity`` / ``CreditedQuantity``,
``DueDate`` at the top / in ``PaymentMeans``) the path is a union of both.
UBL has no subject code for a note: the Peppol / French CTC convention writes
``#AAI#text``, which :func:`note_subject` and :func:`note_text` split.
"""

from __future__ import annotations

import re

from invoices.model import Invoice
from invoices.syntax.dates import iso_date
from invoices.syntax.engine import CompiledMapping, Custom, Group, Ident, Table
from invoices.syntax.ubl.names import NAMESPACES, SPECIFICATION_PATH

__all__ = ["MAPPING", "NAMESPACES", "note_subject", "note_text"]

_SUBJECT = re.compile(r"#([A-Z]{3})#(.*)", re.DOTALL)


def note_subject(text: str) -> str | None:
    match = _SUBJECT.match(text)
    return match.group(1) if match else None


def note_text(text: str) -> str:
    match = _SUBJECT.match(text)
    return match.group(2).strip() if match else text


_ALLOWANCE = (
    "cac:AllowanceCharge[normalize-space(cbc:ChargeIndicator)='false'"
    " or normalize-space(cbc:ChargeIndicator)='0']"
)
_CHARGE = (
    "cac:AllowanceCharge[normalize-space(cbc:ChargeIndicator)='true'"
    " or normalize-space(cbc:ChargeIndicator)='1']"
)
_QUANTITY = "cbc:InvoicedQuantity | cbc:CreditedQuantity"

ADDRESS: Table = {
    "line1": "cbc:StreetName",
    "line2": "cbc:AdditionalStreetName",
    "line3": "cac:AddressLine/cbc:Line",
    "city": "cbc:CityName",
    "postcode": "cbc:PostalZone",
    "subdivision": "cbc:CountrySubentity",
    "country": "cac:Country/cbc:IdentificationCode",
}

CONTACT: Table = {
    "name": "cbc:Name",
    "phone": "cbc:Telephone",
    "email": "cbc:ElectronicMail",
}

#: Seller and buyer (BG-4, BG-7): the legal name is in PartyLegalEntity, the
#: trading name in PartyName; a SEPA creditor id (BT-90) is not a party identifier.
PARTY: Table = {
    "name": "cac:PartyLegalEntity/cbc:RegistrationName",
    "trading_name": "cac:PartyName/cbc:Name",
    "identifiers": Ident("cac:PartyIdentification/cbc:ID[not(@schemeID='SEPA')]"),
    "legal_id": Ident("cac:PartyLegalEntity/cbc:CompanyID"),
    "vat_id": "cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID)='VAT']/cbc:CompanyID",
    "tax_registration_id": "cac:PartyTaxScheme[not(normalize-space(cac:TaxScheme/cbc:ID)='VAT')]"
    "/cbc:CompanyID",
    "legal_info": "cac:PartyLegalEntity/cbc:CompanyLegalForm",
    "electronic_address": Ident("cbc:EndpointID"),
    "address": Group("cac:PostalAddress", ADDRESS),
    "contact": Group("cac:Contact", CONTACT),
}

PAYEE: Table = {
    "name": "cac:PartyName/cbc:Name",
    "identifiers": Ident("cac:PartyIdentification/cbc:ID[not(@schemeID='SEPA')]"),
    "legal_id": Ident("cac:PartyLegalEntity/cbc:CompanyID"),
}

TAX_REPRESENTATIVE: Table = {
    "name": "cac:PartyName/cbc:Name",
    "vat_id": "cac:PartyTaxScheme/cbc:CompanyID",
    "address": Group("cac:PostalAddress", ADDRESS),
}

PERIOD: Table = {
    "start": "cbc:StartDate",
    "end": "cbc:EndDate",
}

ALLOWANCE_CHARGE: Table = {
    "amount": "cbc:Amount",
    "base_amount": "cbc:BaseAmount",
    "percentage": "cbc:MultiplierFactorNumeric",
    "vat_category": "cac:TaxCategory/cbc:ID",
    "vat_rate": "cac:TaxCategory/cbc:Percent",
    "reason": "cbc:AllowanceChargeReason",
    "reason_code": "cbc:AllowanceChargeReasonCode",
}

LINE: Table = {
    "id": "cbc:ID",
    "note": "cbc:Note",
    "object_id": Ident("cac:DocumentReference[normalize-space(cbc:DocumentTypeCode)='130']/cbc:ID"),
    "quantity": _QUANTITY,
    "unit": "cbc:InvoicedQuantity/@unitCode | cbc:CreditedQuantity/@unitCode",
    "net_amount": "cbc:LineExtensionAmount",
    "order_line_ref": "cac:OrderLineReference/cbc:LineID",
    "accounting_ref": "cbc:AccountingCost",
    "period": Group("cac:InvoicePeriod", PERIOD),
    "allowances": Group(_ALLOWANCE, ALLOWANCE_CHARGE),
    "charges": Group(_CHARGE, ALLOWANCE_CHARGE),
    "price": Group(
        "cac:Price",
        {
            "net": "cbc:PriceAmount",
            "discount": f"{_ALLOWANCE}/cbc:Amount",
            "gross": f"{_ALLOWANCE}/cbc:BaseAmount",
            "base_quantity": "cbc:BaseQuantity",
            "base_quantity_unit": "cbc:BaseQuantity/@unitCode",
        },
    ),
    "vat": Group(
        "cac:Item/cac:ClassifiedTaxCategory",
        {
            "category": "cbc:ID",
            "rate": "cbc:Percent",
        },
    ),
    "item": Group(
        "cac:Item",
        {
            "name": "cbc:Name",
            "description": "cbc:Description",
            "seller_id": "cac:SellersItemIdentification/cbc:ID",
            "buyer_id": "cac:BuyersItemIdentification/cbc:ID",
            "standard_id": Ident("cac:StandardItemIdentification/cbc:ID"),
            "classifications": Ident(
                "cac:CommodityClassification/cbc:ItemClassificationCode", scheme="@listID"
            ),
            "origin_country": "cac:OriginCountry/cbc:IdentificationCode",
            "attributes": Group(
                "cac:AdditionalItemProperty",
                {
                    "name": "cbc:Name",
                    "value": "cbc:Value",
                },
            ),
        },
    ),
}

INVOICE: Table = {
    "number": "cbc:ID",
    "issue_date": "cbc:IssueDate",
    "type_code": "cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode",
    "currency": "cbc:DocumentCurrencyCode",
    "tax_currency": "cbc:TaxCurrencyCode",
    "tax_point_date": "cbc:TaxPointDate",
    "tax_point_code": "cac:InvoicePeriod/cbc:DescriptionCode",
    "due_date": "cbc:DueDate | cac:PaymentMeans/cbc:PaymentDueDate",
    "buyer_reference": "cbc:BuyerReference",
    "project_reference": "cac:ProjectReference/cbc:ID"
    " | cac:AdditionalDocumentReference"
    "[normalize-space(cbc:DocumentTypeCode)='50']/cbc:ID",
    "contract_reference": "cac:ContractDocumentReference/cbc:ID",
    "purchase_order": "cac:OrderReference/cbc:ID",
    "sales_order": "cac:OrderReference/cbc:SalesOrderID",
    "receiving_advice": "cac:ReceiptDocumentReference/cbc:ID",
    "despatch_advice": "cac:DespatchDocumentReference/cbc:ID",
    "tender_reference": "cac:OriginatorDocumentReference/cbc:ID",
    "invoiced_object": Ident(
        "cac:AdditionalDocumentReference[normalize-space(cbc:DocumentTypeCode)='130']/cbc:ID"
    ),
    "buyer_accounting_ref": "cbc:AccountingCost",
    "payment_terms": "cac:PaymentTerms/cbc:Note",
    "notes": Group(
        "cbc:Note",
        {
            "text": Custom(".", note_text),
            "subject_code": Custom(".", note_subject),
        },
    ),
    "process_id": "cbc:ProfileID",
    "specification_id": SPECIFICATION_PATH,
    "preceding_invoices": Group(
        "cac:BillingReference/cac:InvoiceDocumentReference",
        {
            "number": "cbc:ID",
            "issue_date": "cbc:IssueDate",
        },
    ),
    "seller": Group("cac:AccountingSupplierParty/cac:Party", PARTY),
    "buyer": Group("cac:AccountingCustomerParty/cac:Party", PARTY),
    "payee": Group("cac:PayeeParty", PAYEE),
    "tax_representative": Group("cac:TaxRepresentativeParty", TAX_REPRESENTATIVE),
    "delivery": Group(
        "cac:Delivery",
        {
            "party_name": "cac:DeliveryParty/cac:PartyName/cbc:Name",
            "location_id": Ident("cac:DeliveryLocation/cbc:ID"),
            "delivery_date": "cbc:ActualDeliveryDate",
            "address": Group("cac:DeliveryLocation/cac:Address", ADDRESS),
        },
    ),
    "invoicing_period": Group("cac:InvoicePeriod", PERIOD),
    "payment": Group(
        ".",
        {
            "means_code": "cac:PaymentMeans/cbc:PaymentMeansCode",
            "means_text": "cac:PaymentMeans/cbc:PaymentMeansCode/@name",
            "remittance_info": "cac:PaymentMeans/cbc:PaymentID",
            "credit_transfers": Group(
                "cac:PaymentMeans/cac:PayeeFinancialAccount",
                {
                    "account_id": "cbc:ID",
                    "account_name": "cbc:Name",
                    "bank_id": "cac:FinancialInstitutionBranch/cbc:ID",
                },
            ),
            "card": Group(
                "cac:PaymentMeans/cac:CardAccount",
                {
                    "pan": "cbc:PrimaryAccountNumberID",
                    "holder": "cbc:HolderName",
                },
            ),
            "direct_debit": Group(
                ".",
                {
                    "mandate_reference": "cac:PaymentMeans/cac:PaymentMandate/cbc:ID",
                    "creditor_id": "cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification"
                    "/cbc:ID[@schemeID='SEPA']"
                    " | cac:PayeeParty/cac:PartyIdentification/cbc:ID[@schemeID='SEPA']",
                    "debited_account": (
                        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID"
                    ),
                },
            ),
        },
    ),
    "allowances": Group(_ALLOWANCE, ALLOWANCE_CHARGE),
    "charges": Group(_CHARGE, ALLOWANCE_CHARGE),
    "totals": Group(
        "cac:LegalMonetaryTotal",
        {
            "line_total": "cbc:LineExtensionAmount",
            "allowance_total": "cbc:AllowanceTotalAmount",
            "charge_total": "cbc:ChargeTotalAmount",
            "tax_exclusive": "cbc:TaxExclusiveAmount",
            "vat_total": "../cac:TaxTotal/cbc:TaxAmount[not(@currencyID) or @currencyID=$bt5"
            " or not(@currencyID=$bt6)]",
            "vat_total_accounting": "../cac:TaxTotal/cbc:TaxAmount[$bt6!='' and @currencyID=$bt6]",
            "tax_inclusive": "cbc:TaxInclusiveAmount",
            "prepaid": "cbc:PrepaidAmount",
            "rounding": "cbc:PayableRoundingAmount",
            "payable": "cbc:PayableAmount",
        },
    ),
    "vat_breakdown": Group(
        "cac:TaxTotal/cac:TaxSubtotal",
        {
            "category": "cac:TaxCategory/cbc:ID",
            "rate": "cac:TaxCategory/cbc:Percent",
            "taxable_amount": "cbc:TaxableAmount",
            "tax_amount": "cbc:TaxAmount",
            "exemption_reason": "cac:TaxCategory/cbc:TaxExemptionReason",
            "exemption_code": "cac:TaxCategory/cbc:TaxExemptionReasonCode",
        },
    ),
    "attachments": Group(
        "cac:AdditionalDocumentReference"
        "[not(normalize-space(cbc:DocumentTypeCode)='130')"
        " and not(normalize-space(cbc:DocumentTypeCode)='50')]",
        {
            "id": "cbc:ID",
            "description": "cbc:DocumentDescription",
            "uri": "cac:Attachment/cac:ExternalReference/cbc:URI",
            "content": "cac:Attachment/cbc:EmbeddedDocumentBinaryObject",
            "mime_code": "cac:Attachment/cbc:EmbeddedDocumentBinaryObject/@mimeCode",
            "filename": "cac:Attachment/cbc:EmbeddedDocumentBinaryObject/@filename",
        },
    ),
    "lines": Group("cac:InvoiceLine | cac:CreditNoteLine", LINE),
}

#: The invoice and VAT accounting currencies, bound as ``$bt5`` / ``$bt6`` in the paths.
VARIABLES = {"bt5": "cbc:DocumentCurrencyCode", "bt6": "cbc:TaxCurrencyCode"}

MAPPING = CompiledMapping(
    Invoice, INVOICE, namespaces=NAMESPACES, dates=iso_date, variables=VARIABLES
)
