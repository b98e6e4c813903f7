"""The UN/CEFACT CII D16B (Factur-X 1.0) structure of an invoice, as data.

One :class:`~invoices.write.tree.El` tree in the XSD's element order.  ``min``
says from which Factur-X profile an element is allowed (the profiles are nested:
MINIMUM ⊂ BASIC WL ⊂ BASIC ⊂ EN16931 ⊂ EXTENDED), so one spec writes the five
profiles and the XSD of each profile checks the gating in the tests.
"""

from __future__ import annotations

from typing import Any

from invoices.model import Identifier, Party
from invoices.write.formats import (
    amount,
    base64_text,
    cii_date,
    indicator,
    plain,
    rate,
    tax_point_code_cii,
)
from invoices.write.sources import (
    allowances_and_charges,
    const,
    currency,
    iban,
    payment_means,
    proprietary_account,
)
from invoices.write.tree import Context, El

NSMAP = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}

# Profile ranks, lowest first: an element with ``min=R`` exists from rank R on.
MINIMUM, BASIC_WL, BASIC, EN16931, EXTENDED = 1, 2, 3, 4, 5


def _ids(with_scheme: bool) -> Any:
    def pick(party: Party, _ctx: Context) -> list[Identifier]:
        return [i for i in party.identifiers if (i.scheme is not None) == with_scheme]

    return pick


def _binary(attachment: Any, _ctx: Context) -> Any:
    """BT-125 is written when it has content or a MIME code / file name."""
    a = attachment
    return a if a.content is not None or a.mime_code or a.filename else None


def _date(tag: str, source: str, fmt_tag: str = "udt:DateTimeString", **kw: Any) -> El:
    return El(
        tag,
        children=(El(fmt_tag, value=source, fmt=cii_date, attrs={"format": const("102")}),),
        **kw,
    )


def _address(source: str, min: int = 0) -> El:
    return El(
        "ram:PostalTradeAddress",
        at=source,
        children=(
            El("ram:PostcodeCode", value="postcode", min=BASIC_WL),
            El("ram:LineOne", value="line1", min=BASIC_WL),
            El("ram:LineTwo", value="line2", min=BASIC_WL),
            El("ram:LineThree", value="line3", min=BASIC_WL),
            El("ram:CityName", value="city", min=BASIC_WL),
            El("ram:CountryID", value="country"),
            El("ram:CountrySubDivisionName", value="subdivision", min=BASIC_WL),
        ),
        min=min,
    )


def _tax_registrations(min: int = 0) -> tuple[El, ...]:
    return (
        El(
            "ram:SpecifiedTaxRegistration",
            min=min,
            children=(El("ram:ID", value="vat_id", attrs={"schemeID": const("VA")}),),
        ),
        El(
            "ram:SpecifiedTaxRegistration",
            min=BASIC_WL,
            children=(El("ram:ID", value="tax_registration_id", attrs={"schemeID": const("FC")}),),
        ),
    )


def _party(tag: str, source: str, *, details: int = 0) -> El:
    """Seller or buyer trade party (BG-4 / BG-7).

    ``details``: the profile from which the address and VAT number are allowed
    (MINIMUM carries them for the seller only).
    """
    return El(
        tag,
        at=source,
        always=True,
        children=(
            El("ram:ID", each=_ids(False), value="value", min=BASIC_WL),
            El(
                "ram:GlobalID",
                each=_ids(True),
                value="value",
                attrs={"schemeID": "scheme"},
                min=BASIC_WL,
            ),
            El("ram:Name", value="name"),
            El("ram:Description", value="legal_info", min=EN16931),
            El(
                "ram:SpecifiedLegalOrganization",
                children=(
                    El("ram:ID", value="legal_id.value", attrs={"schemeID": "legal_id.scheme"}),
                    El("ram:TradingBusinessName", value="trading_name", min=EN16931),
                ),
            ),
            El(
                "ram:DefinedTradeContact",
                at="contact",
                min=EN16931,
                children=(
                    El("ram:PersonName", value="name"),
                    El(
                        "ram:TelephoneUniversalCommunication",
                        children=(El("ram:CompleteNumber", value="phone"),),
                    ),
                    El(
                        "ram:EmailURIUniversalCommunication",
                        children=(El("ram:URIID", value="email"),),
                    ),
                ),
            ),
            _address("address", min=details),
            El(
                "ram:URIUniversalCommunication",
                min=BASIC_WL,
                children=(
                    El(
                        "ram:URIID",
                        value="electronic_address.value",
                        attrs={"schemeID": "electronic_address.scheme"},
                    ),
                ),
            ),
            *_tax_registrations(min=details),
        ),
    )


#: BG-30, the VAT of a line: category and rate.
_LINE_TAX = (
    El("ram:TypeCode", const="VAT"),
    El("ram:CategoryCode", value="category"),
    El("ram:RateApplicablePercent", value="rate", fmt=rate),
)

#: BG-23, one VAT breakdown row; BT-7 / BT-8 (document-level) are repeated in each.
_BREAKDOWN_TAX = (
    El("ram:CalculatedAmount", value="tax_amount", fmt=amount),
    El("ram:TypeCode", const="VAT"),
    El("ram:ExemptionReason", value="exemption_reason"),
    El("ram:BasisAmount", value="taxable_amount", fmt=amount),
    El("ram:CategoryCode", value="category"),
    El("ram:ExemptionReasonCode", value="exemption_code"),
    _date("ram:TaxPointDate", "/tax_point_date", fmt_tag="udt:DateString"),
    El("ram:DueDateTypeCode", value="/tax_point_code", fmt=tax_point_code_cii),
    El("ram:RateApplicablePercent", value="rate", fmt=rate),
)


def _allowance_charge(*, header: bool, min: int) -> El:
    detail = 0 if header else EN16931
    return El(
        "ram:SpecifiedTradeAllowanceCharge",
        each=allowances_and_charges,
        min=min,
        children=(
            El(
                "ram:ChargeIndicator",
                children=(El("udt:Indicator", value="charge", fmt=indicator),),
            ),
            El("ram:CalculationPercent", value="ac.percentage", fmt=rate, min=detail),
            El("ram:BasisAmount", value="ac.base_amount", fmt=amount, min=detail),
            El("ram:ActualAmount", value="ac.amount", fmt=amount),
            El("ram:ReasonCode", value="ac.reason_code"),
            El("ram:Reason", value="ac.reason"),
            *(
                (
                    El(
                        "ram:CategoryTradeTax",
                        at="ac",
                        children=(
                            El("ram:TypeCode", const="VAT"),
                            El("ram:CategoryCode", value="vat_category"),
                            El("ram:RateApplicablePercent", value="vat_rate", fmt=rate),
                        ),
                    ),
                )
                if header
                else ()
            ),
        ),
    )


_LINE = El(
    "ram:IncludedSupplyChainTradeLineItem",
    each="lines",
    min=BASIC,
    children=(
        El(
            "ram:AssociatedDocumentLineDocument",
            children=(
                El("ram:LineID", value="id"),
                El("ram:IncludedNote", children=(El("ram:Content", value="note"),)),
            ),
        ),
        El(
            "ram:SpecifiedTradeProduct",
            at="item",
            children=(
                El(
                    "ram:GlobalID",
                    value="standard_id.value",
                    attrs={"schemeID": "standard_id.scheme"},
                ),
                El("ram:SellerAssignedID", value="seller_id", min=EN16931),
                El("ram:BuyerAssignedID", value="buyer_id", min=EN16931),
                El("ram:Name", value="name"),
                El("ram:Description", value="description", min=EN16931),
                El(
                    "ram:ApplicableProductCharacteristic",
                    each="attributes",
                    min=EN16931,
                    children=(
                        El("ram:Description", value="name"),
                        El("ram:Value", value="value"),
                    ),
                ),
                El(
                    "ram:DesignatedProductClassification",
                    each="classifications",
                    min=EN16931,
                    children=(El("ram:ClassCode", value="value", attrs={"listID": "scheme"}),),
                ),
                El(
                    "ram:OriginTradeCountry",
                    min=EN16931,
                    children=(El("ram:ID", value="origin_country"),),
                ),
            ),
        ),
        El(
            "ram:SpecifiedLineTradeAgreement",
            always=True,
            children=(
                El(
                    "ram:BuyerOrderReferencedDocument",
                    min=EN16931,
                    children=(El("ram:LineID", value="order_line_ref"),),
                ),
                El(
                    "ram:GrossPriceProductTradePrice",
                    at="price",
                    children=(
                        El("ram:ChargeAmount", value="gross", fmt=amount),
                        El(
                            "ram:BasisQuantity",
                            value="base_quantity",
                            fmt=plain,
                            attrs={"unitCode": "base_quantity_unit"},
                        ),
                        El(
                            "ram:AppliedTradeAllowanceCharge",
                            children=(
                                El(
                                    "ram:ChargeIndicator",
                                    children=(El("udt:Indicator", const="false"),),
                                ),
                                El("ram:ActualAmount", value="discount", fmt=amount),
                            ),
                        ),
                    ),
                ),
                El(
                    "ram:NetPriceProductTradePrice",
                    at="price",
                    always=True,
                    children=(
                        El("ram:ChargeAmount", value="net", fmt=amount),
                        El(
                            "ram:BasisQuantity",
                            value="base_quantity",
                            fmt=plain,
                            attrs={"unitCode": "base_quantity_unit"},
                        ),
                    ),
                ),
            ),
        ),
        El(
            "ram:SpecifiedLineTradeDelivery",
            always=True,
            children=(
                El("ram:BilledQuantity", value="quantity", fmt=plain, attrs={"unitCode": "unit"}),
            ),
        ),
        El(
            "ram:SpecifiedLineTradeSettlement",
            always=True,
            children=(
                El("ram:ApplicableTradeTax", at="vat", children=_LINE_TAX),
                El(
                    "ram:BillingSpecifiedPeriod",
                    at="period",
                    children=(_date("ram:StartDateTime", "start"), _date("ram:EndDateTime", "end")),
                ),
                _allowance_charge(header=False, min=BASIC),
                El(
                    "ram:SpecifiedTradeSettlementLineMonetarySummation",
                    always=True,
                    children=(El("ram:LineTotalAmount", value="net_amount", fmt=amount),),
                ),
                El(
                    "ram:AdditionalReferencedDocument",
                    at="object_id",
                    min=EN16931,
                    children=(
                        El("ram:IssuerAssignedID", value="value"),
                        El("ram:TypeCode", const="130"),
                        El("ram:ReferenceTypeCode", value="scheme"),
                    ),
                ),
                El(
                    "ram:ReceivableSpecifiedTradeAccountingAccount",
                    min=EN16931,
                    children=(El("ram:ID", value="accounting_ref"),),
                ),
            ),
        ),
    ),
)


def _doc_ref(tag: str, source: str, min: int) -> El:
    return El(tag, min=min, children=(El("ram:IssuerAssignedID", value=source),))


_AGREEMENT = El(
    "ram:ApplicableHeaderTradeAgreement",
    always=True,
    children=(
        El("ram:BuyerReference", value="buyer_reference"),
        _party("ram:SellerTradeParty", "seller"),
        _party("ram:BuyerTradeParty", "buyer", details=BASIC_WL),
        El(
            "ram:SellerTaxRepresentativeTradeParty",
            at="tax_representative",
            min=BASIC_WL,
            children=(
                El("ram:Name", value="name"),
                _address("address"),
                *_tax_registrations()[:1],
            ),
        ),
        _doc_ref("ram:SellerOrderReferencedDocument", "sales_order", EN16931),
        _doc_ref("ram:BuyerOrderReferencedDocument", "purchase_order", MINIMUM),
        _doc_ref("ram:ContractReferencedDocument", "contract_reference", BASIC_WL),
        El(
            "ram:AdditionalReferencedDocument",
            each="attachments",
            min=EN16931,
            children=(
                El("ram:IssuerAssignedID", value="id"),
                El("ram:URIID", value="uri"),
                El("ram:TypeCode", const="916"),
                El("ram:Name", value="description"),
                El(
                    "ram:AttachmentBinaryObject",
                    at=_binary,
                    value="content",
                    fmt=base64_text,
                    attrs={"mimeCode": "mime_code", "filename": "filename"},
                    always=True,
                ),
            ),
        ),
        El(
            "ram:AdditionalReferencedDocument",
            min=EN16931,
            children=(
                El("ram:IssuerAssignedID", value="tender_reference"),
                El("ram:TypeCode", const="50"),
            ),
        ),
        El(
            "ram:AdditionalReferencedDocument",
            at="invoiced_object",
            min=EN16931,
            children=(
                El("ram:IssuerAssignedID", value="value"),
                El("ram:TypeCode", const="130"),
                El("ram:ReferenceTypeCode", value="scheme"),
            ),
        ),
        El(
            "ram:SpecifiedProcuringProject",
            min=EN16931,
            children=(
                El("ram:ID", value="project_reference"),
                El("ram:Name", value=lambda inv, _c: "Project" if inv.project_reference else None),
            ),
        ),
    ),
)

_DELIVERY = El(
    "ram:ApplicableHeaderTradeDelivery",
    always=True,
    children=(
        El(
            "ram:ShipToTradeParty",
            at="delivery",
            min=BASIC_WL,
            children=(
                El(
                    "ram:ID",
                    value=lambda d, _c: (
                        d.location_id.value if d.location_id and not d.location_id.scheme else None
                    ),
                ),
                El(
                    "ram:GlobalID",
                    value=lambda d, _c: (
                        d.location_id.value if d.location_id and d.location_id.scheme else None
                    ),
                    attrs={"schemeID": "location_id.scheme"},
                ),
                El("ram:Name", value="party_name"),
                _address("address"),
            ),
        ),
        El(
            "ram:ActualDeliverySupplyChainEvent",
            at="delivery",
            min=BASIC_WL,
            children=(_date("ram:OccurrenceDateTime", "delivery_date"),),
        ),
        _doc_ref("ram:DespatchAdviceReferencedDocument", "despatch_advice", BASIC_WL),
        _doc_ref("ram:ReceivingAdviceReferencedDocument", "receiving_advice", EN16931),
    ),
)

_PAYMENT_MEANS = El(
    "ram:SpecifiedTradeSettlementPaymentMeans",
    each=payment_means,
    min=BASIC_WL,
    children=(
        El("ram:TypeCode", value="payment.means_code"),
        El("ram:Information", value="payment.means_text", min=EN16931),
        El(
            "ram:ApplicableTradeSettlementFinancialCard",
            min=EN16931,
            at=lambda view, _c: view.payment.card if view.first else None,
            children=(
                El("ram:ID", value="pan"),
                El("ram:CardholderName", value="holder"),
            ),
        ),
        El(
            "ram:PayerPartyDebtorFinancialAccount",
            children=(
                El(
                    "ram:IBANID",
                    value=lambda view, _c: (
                        view.payment.direct_debit.debited_account
                        if view.first and view.payment.direct_debit
                        else None
                    ),
                ),
            ),
        ),
        El(
            "ram:PayeePartyCreditorFinancialAccount",
            at="transfer",
            children=(
                El("ram:IBANID", value=iban),
                El("ram:AccountName", value="account_name", min=EN16931),
                El("ram:ProprietaryID", value=proprietary_account),
            ),
        ),
        El(
            "ram:PayeeSpecifiedCreditorFinancialInstitution",
            at="transfer",
            min=EN16931,
            children=(El("ram:BICID", value="bank_id"),),
        ),
    ),
)

_SETTLEMENT = El(
    "ram:ApplicableHeaderTradeSettlement",
    always=True,
    children=(
        El("ram:CreditorReferenceID", value="payment.direct_debit.creditor_id", min=BASIC_WL),
        El("ram:PaymentReference", value="payment.remittance_info", min=BASIC_WL),
        El("ram:TaxCurrencyCode", value="tax_currency", min=BASIC_WL),
        El("ram:InvoiceCurrencyCode", value="currency"),
        El(
            "ram:PayeeTradeParty",
            at="payee",
            min=BASIC_WL,
            children=(
                El("ram:ID", each=_ids(False), value="value"),
                El("ram:GlobalID", each=_ids(True), value="value", attrs={"schemeID": "scheme"}),
                El("ram:Name", value="name"),
                El(
                    "ram:SpecifiedLegalOrganization",
                    children=(
                        El("ram:ID", value="legal_id.value", attrs={"schemeID": "legal_id.scheme"}),
                    ),
                ),
                _address("address", min=EXTENDED),  # no payee address in EN 16931
            ),
        ),
        _PAYMENT_MEANS,
        El("ram:ApplicableTradeTax", each="vat_breakdown", min=BASIC_WL, children=_BREAKDOWN_TAX),
        El(
            "ram:BillingSpecifiedPeriod",
            at="invoicing_period",
            min=BASIC_WL,
            children=(_date("ram:StartDateTime", "start"), _date("ram:EndDateTime", "end")),
        ),
        _allowance_charge(header=True, min=BASIC_WL),
        El(
            "ram:SpecifiedTradePaymentTerms",
            min=BASIC_WL,
            children=(
                El("ram:Description", value="payment_terms"),
                _date("ram:DueDateDateTime", "due_date"),
                El("ram:DirectDebitMandateID", value="payment.direct_debit.mandate_reference"),
            ),
        ),
        El(
            "ram:SpecifiedTradeSettlementHeaderMonetarySummation",
            at="totals",
            always=True,
            children=(
                El("ram:LineTotalAmount", value="line_total", fmt=amount, min=BASIC_WL),
                El("ram:ChargeTotalAmount", value="charge_total", fmt=amount, min=BASIC_WL),
                El("ram:AllowanceTotalAmount", value="allowance_total", fmt=amount, min=BASIC_WL),
                El("ram:TaxBasisTotalAmount", value="tax_exclusive", fmt=amount),
                El(
                    "ram:TaxTotalAmount",
                    value="vat_total",
                    fmt=amount,
                    attrs={"currencyID": currency},
                ),
                El(
                    "ram:TaxTotalAmount",
                    value="vat_total_accounting",
                    fmt=amount,
                    attrs={"currencyID": "/tax_currency"},
                    min=BASIC_WL,
                ),
                El("ram:RoundingAmount", value="rounding", fmt=amount, min=EN16931),
                El("ram:GrandTotalAmount", value="tax_inclusive", fmt=amount),
                El("ram:TotalPrepaidAmount", value="prepaid", fmt=amount, min=BASIC_WL),
                El("ram:DuePayableAmount", value="payable", fmt=amount),
            ),
        ),
        El(
            "ram:InvoiceReferencedDocument",
            each="preceding_invoices",
            min=BASIC_WL,
            children=(
                El("ram:IssuerAssignedID", value="number"),
                _date("ram:FormattedIssueDateTime", "issue_date", fmt_tag="qdt:DateTimeString"),
            ),
        ),
        El(
            "ram:ReceivableSpecifiedTradeAccountingAccount",
            min=BASIC_WL,
            children=(El("ram:ID", value="buyer_accounting_ref"),),
        ),
    ),
)

CII: El = El(
    "rsm:CrossIndustryInvoice",
    children=(
        El(
            "rsm:ExchangedDocumentContext",
            always=True,
            children=(
                El(
                    "ram:BusinessProcessSpecifiedDocumentContextParameter",
                    children=(El("ram:ID", value="process_id"),),
                ),
                El(
                    "ram:GuidelineSpecifiedDocumentContextParameter",
                    always=True,
                    children=(El("ram:ID", value="specification_id"),),
                ),
            ),
        ),
        El(
            "rsm:ExchangedDocument",
            always=True,
            children=(
                El("ram:ID", value="number"),
                El("ram:TypeCode", value="type_code"),
                _date("ram:IssueDateTime", "issue_date"),
                El(
                    "ram:IncludedNote",
                    each="notes",
                    min=BASIC_WL,
                    children=(
                        El("ram:Content", value="text"),
                        El("ram:SubjectCode", value="subject_code"),
                    ),
                ),
            ),
        ),
        El(
            "rsm:SupplyChainTradeTransaction",
            always=True,
            children=(_LINE, _AGREEMENT, _DELIVERY, _SETTLEMENT),
        ),
    ),
)

__all__ = ["BASIC", "BASIC_WL", "CII", "EN16931", "EXTENDED", "MINIMUM", "NSMAP"]
