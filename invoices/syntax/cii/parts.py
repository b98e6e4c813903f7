"""The building blocks of the CII element tree: parties, addresses, VAT, lines.

Each block is an :class:`~invoices.syntax.builder.El` subtree in the XSD's element
order; :mod:`.elements` assembles them into the document.  ``min`` says from which
Factur-X profile an element is allowed (the ranks below: the profiles are nested,
MINIMUM ⊂ BASIC WL ⊂ BASIC ⊂ EN16931 ⊂ EXTENDED).
"""

from __future__ import annotations

from typing import Any

from invoices.model import Identifier, Party
from invoices.syntax.builder import Context, El
from invoices.syntax.codes import tax_point_2475
from invoices.syntax.formats import amount, cii_date, indicator, plain, rate
from invoices.syntax.sources import allowances_and_charges, const

# Profile ranks, lowest first: an element with ``min=R`` exists from rank R on.
MINIMUM, BASIC_WL, BASIC, EN16931, EXTENDED = 1, 2, 3, 4, 5


def ids(with_scheme: bool) -> Any:
    def pick(party: Party, _ctx: Context) -> list[Identifier]:
        return [i for i in party.identifiers if (i.scheme is not None) == with_scheme]

    return pick


def binary(attachment: Any, _ctx: Context) -> Any:
    """BT-125 is written when it has content or a MIME code / file name."""
    a = attachment
    return a if a.content is not None or a.mime_code or a.filename else None


def date_element(tag: str, source: str, fmt_tag: str = "udt:DateTimeString", **kw: Any) -> El:
    return El(
        tag,
        children=(El(fmt_tag, value=source, fmt=cii_date, attrs={"format": const("102")}),),
        **kw,
    )


def address(source: str, min: int = 0) -> El:
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


def tax_registrations(min: int = 0) -> tuple[El, ...]:
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


def party(tag: str, source: str, *, details: int = 0) -> El:
    """Seller or buyer trade party (BG-4 / BG-7).

    ``details``: the profile from which the address and VAT number are allowed
    (MINIMUM carries them for the seller only).
    """
    return El(
        tag,
        at=source,
        always=True,
        children=(
            El("ram:ID", each=ids(False), value="value", min=BASIC_WL),
            El(
                "ram:GlobalID",
                each=ids(True),
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
            address("address", min=details),
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
            *tax_registrations(min=details),
        ),
    )


#: BG-30, the VAT of a line: category and rate.
LINE_TAX = (
    El("ram:TypeCode", const="VAT"),
    El("ram:CategoryCode", value="category"),
    El("ram:RateApplicablePercent", value="rate", fmt=rate),
)

#: BG-23, one VAT breakdown row; BT-7 / BT-8 (document-level) are repeated in each.
BREAKDOWN_TAX = (
    El("ram:CalculatedAmount", value="tax_amount", fmt=amount),
    El("ram:TypeCode", const="VAT"),
    El("ram:ExemptionReason", value="exemption_reason"),
    El("ram:BasisAmount", value="taxable_amount", fmt=amount),
    El("ram:CategoryCode", value="category"),
    El("ram:ExemptionReasonCode", value="exemption_code"),
    date_element("ram:TaxPointDate", "/tax_point_date", fmt_tag="udt:DateString"),
    El("ram:DueDateTypeCode", value="/tax_point_code", fmt=tax_point_2475),
    El("ram:RateApplicablePercent", value="rate", fmt=rate),
)


def allowance_charge(*, header: bool, min: int) -> El:
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


LINE = El(
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
                El("ram:ApplicableTradeTax", at="vat", children=LINE_TAX),
                El(
                    "ram:BillingSpecifiedPeriod",
                    at="period",
                    children=(
                        date_element("ram:StartDateTime", "start"),
                        date_element("ram:EndDateTime", "end"),
                    ),
                ),
                allowance_charge(header=False, min=BASIC),
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
