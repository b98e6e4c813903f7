"""The building blocks of the UBL element tree: parties, VAT, payment means, lines.

Each block is an :class:`~invoices.syntax.builder.El` subtree in the XSD's element
order; :mod:`.elements` assembles them into an Invoice or a CreditNote.  ``kinds=``
marks where the two document kinds differ.
"""

from __future__ import annotations

from typing import Any

from invoices.model import Identifier, Party
from invoices.syntax.builder import Context, El, get
from invoices.syntax.formats import amount, indicator, iso_date, plain, rate
from invoices.syntax.sources import allowances_and_charges, const, currency, payment_means

INVOICE = frozenset({"invoice"})
CREDIT = frozenset({"credit"})


def money(tag: str, source: str, fmt: Any = amount, **kw: Any) -> El:
    return El(tag, value=source, fmt=fmt, attrs={"currencyID": currency}, **kw)


def note(note: Any, _ctx: Context) -> str | None:
    """BT-22 with its subject code BT-21 in front, as the UBL binding writes it."""
    if note.subject_code:
        return f"#{note.subject_code}#{note.text}"
    return note.text or None


def ids(party: Party, _ctx: Context) -> tuple[Identifier, ...]:
    return party.identifiers


def first_id(party: Party, _ctx: Context) -> tuple[Identifier, ...]:
    """UBL-SR-16: a buyer has at most one identifier (BT-46)."""
    return party.identifiers[:1]


def tax_scheme(scheme: str = "VAT") -> El:
    return El("cac:TaxScheme", children=(El("cbc:ID", const=scheme),))


def address(source: str) -> El:
    return El(
        "cac:PostalAddress",
        at=source,
        children=(
            El("cbc:StreetName", value="line1"),
            El("cbc:AdditionalStreetName", value="line2"),
            El("cbc:CityName", value="city"),
            El("cbc:PostalZone", value="postcode"),
            El("cbc:CountrySubentity", value="subdivision"),
            El("cac:AddressLine", children=(El("cbc:Line", value="line3"),)),
            El("cac:Country", children=(El("cbc:IdentificationCode", value="country"),)),
        ),
    )


def party(tag: str, source: str, ids: Any = ids, *, seller: bool = False) -> El:
    """Seller BG-4 or buyer BG-7 (``cac:AccountingSupplierParty/cac:Party``...).

    The seller also carries BT-90, the SEPA creditor identifier, as an identifier
    with scheme ``SEPA`` (EN 16931 UBL binding).
    """
    creditor = El(
        "cac:PartyIdentification",
        children=(
            El(
                "cbc:ID",
                value="/payment.direct_debit.creditor_id",
                attrs={"schemeID": const("SEPA")},
            ),
        ),
    )
    return El(
        tag,
        always=True,
        children=(
            El(
                "cac:Party",
                at=source,
                always=True,
                children=(
                    El(
                        "cbc:EndpointID",
                        value="electronic_address.value",
                        attrs={"schemeID": "electronic_address.scheme"},
                    ),
                    El(
                        "cac:PartyIdentification",
                        each=ids,
                        children=(El("cbc:ID", value="value", attrs={"schemeID": "scheme"}),),
                    ),
                    *((creditor,) if seller else ()),
                    El("cac:PartyName", children=(El("cbc:Name", value="trading_name"),)),
                    address("address"),
                    El(
                        "cac:PartyTaxScheme",
                        children=(El("cbc:CompanyID", value="vat_id"), tax_scheme()),
                    ),
                    El(
                        "cac:PartyTaxScheme",
                        children=(
                            El("cbc:CompanyID", value="tax_registration_id"),
                            tax_scheme("FC"),
                        ),
                    ),
                    El(
                        "cac:PartyLegalEntity",
                        always=True,
                        children=(
                            El("cbc:RegistrationName", value="name"),
                            El(
                                "cbc:CompanyID",
                                value="legal_id.value",
                                attrs={"schemeID": "legal_id.scheme"},
                            ),
                            El("cbc:CompanyLegalForm", value="legal_info"),
                        ),
                    ),
                    El(
                        "cac:Contact",
                        at="contact",
                        children=(
                            El("cbc:Name", value="name"),
                            El("cbc:Telephone", value="phone"),
                            El("cbc:ElectronicMail", value="email"),
                        ),
                    ),
                ),
            ),
        ),
    )


def tax_category(tag: str, category: str, rate_source: str) -> El:
    return El(
        tag,
        children=(
            El("cbc:ID", value=category),
            El("cbc:Percent", value=rate_source, fmt=rate),
            tax_scheme(),
        ),
    )


def allowance_charge(*, header: bool) -> El:
    return El(
        "cac:AllowanceCharge",
        each=allowances_and_charges,
        children=(
            El("cbc:ChargeIndicator", value="charge", fmt=indicator),
            El("cbc:AllowanceChargeReasonCode", value="ac.reason_code"),
            El("cbc:AllowanceChargeReason", value="ac.reason"),
            El("cbc:MultiplierFactorNumeric", value="ac.percentage", fmt=plain),
            money("cbc:Amount", "ac.amount"),
            money("cbc:BaseAmount", "ac.base_amount"),
            *(
                (
                    El(
                        "cac:TaxCategory",
                        at="ac",
                        children=(
                            El("cbc:ID", value="vat_category"),
                            El("cbc:Percent", value="vat_rate", fmt=rate),
                            tax_scheme(),
                        ),
                    ),
                )
                if header
                else ()
            ),
        ),
    )


def _on_first(path: str) -> Any:
    """A value written on the first payment means only (BG-17 repeats the element)."""
    return lambda view, ctx: get(path, view, ctx) if view.first else None


PAYMENT_MEANS = El(
    "cac:PaymentMeans",
    each=payment_means,
    children=(
        # UBL-SR-44/46: the means text and the remittance information occur once.
        El(
            "cbc:PaymentMeansCode",
            value="payment.means_code",
            attrs={"name": _on_first("payment.means_text")},
        ),
        El("cbc:PaymentDueDate", value=_on_first("/due_date"), fmt=iso_date, kinds=CREDIT),
        El("cbc:PaymentID", value=_on_first("payment.remittance_info")),
        El(
            "cac:CardAccount",
            at=lambda view, _c: view.payment.card if view.first else None,
            children=(
                El("cbc:PrimaryAccountNumberID", value="pan"),
                El("cbc:NetworkID", const="NA"),
                El("cbc:HolderName", value="holder"),
            ),
        ),
        El(
            "cac:PayeeFinancialAccount",
            at="transfer",
            children=(
                El("cbc:ID", value="account_id"),
                El("cbc:Name", value="account_name"),
                El("cac:FinancialInstitutionBranch", children=(El("cbc:ID", value="bank_id"),)),
            ),
        ),
        El(
            "cac:PaymentMandate",
            at=lambda view, _c: view.payment.direct_debit if view.first else None,
            children=(
                El("cbc:ID", value="mandate_reference"),
                El("cac:PayerFinancialAccount", children=(El("cbc:ID", value="debited_account"),)),
            ),
        ),
    ),
)


def _line_tag(kind_name: str) -> str:
    return {"invoice": "cac:InvoiceLine", "credit": "cac:CreditNoteLine"}[kind_name]


def line(kind: str) -> El:
    quantity = "cbc:InvoicedQuantity" if kind == "invoice" else "cbc:CreditedQuantity"
    return El(
        _line_tag(kind),
        each="lines",
        kinds=frozenset({kind}),
        children=(
            El("cbc:ID", value="id"),
            El("cbc:Note", value="note"),
            El(quantity, value="quantity", fmt=plain, attrs={"unitCode": "unit"}),
            money("cbc:LineExtensionAmount", "net_amount"),
            El("cbc:AccountingCost", value="accounting_ref"),
            El(
                "cac:InvoicePeriod",
                at="period",
                children=(
                    El("cbc:StartDate", value="start", fmt=iso_date),
                    El("cbc:EndDate", value="end", fmt=iso_date),
                ),
            ),
            El("cac:OrderLineReference", children=(El("cbc:LineID", value="order_line_ref"),)),
            El(
                "cac:DocumentReference",
                at="object_id",
                children=(
                    El("cbc:ID", value="value", attrs={"schemeID": "scheme"}),
                    El("cbc:DocumentTypeCode", const="130"),
                ),
            ),
            allowance_charge(header=False),
            El(
                "cac:Item",
                always=True,
                children=(
                    El("cbc:Description", value="item.description"),
                    El("cbc:Name", value="item.name"),
                    El(
                        "cac:BuyersItemIdentification",
                        children=(El("cbc:ID", value="item.buyer_id"),),
                    ),
                    El(
                        "cac:SellersItemIdentification",
                        children=(El("cbc:ID", value="item.seller_id"),),
                    ),
                    El(
                        "cac:StandardItemIdentification",
                        children=(
                            El(
                                "cbc:ID",
                                value="item.standard_id.value",
                                attrs={"schemeID": "item.standard_id.scheme"},
                            ),
                        ),
                    ),
                    El(
                        "cac:OriginCountry",
                        children=(El("cbc:IdentificationCode", value="item.origin_country"),),
                    ),
                    El(
                        "cac:CommodityClassification",
                        each="item.classifications",
                        children=(
                            El(
                                "cbc:ItemClassificationCode",
                                value="value",
                                attrs={"listID": "scheme"},
                            ),
                        ),
                    ),
                    tax_category("cac:ClassifiedTaxCategory", "vat.category", "vat.rate"),
                    El(
                        "cac:AdditionalItemProperty",
                        each="item.attributes",
                        children=(
                            El("cbc:Name", value="name"),
                            El("cbc:Value", value="value"),
                        ),
                    ),
                ),
            ),
            El(
                "cac:Price",
                at="price",
                always=True,
                children=(
                    money("cbc:PriceAmount", "net", fmt=amount),
                    El(
                        "cbc:BaseQuantity",
                        value="base_quantity",
                        fmt=plain,
                        attrs={"unitCode": "base_quantity_unit"},
                    ),
                    El(
                        "cac:AllowanceCharge",
                        children=(
                            El("cbc:ChargeIndicator", const="false"),
                            money("cbc:Amount", "discount", fmt=amount),
                            money("cbc:BaseAmount", "gross", fmt=amount),
                        ),
                    ),
                ),
            ),
        ),
    )
