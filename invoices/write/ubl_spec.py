"""The UBL 2.1 Invoice and CreditNote structure (EN 16931 binding), as data.

One :class:`~invoices.write.tree.El` tree in the XSD's element order, shared by
both document kinds: ``kinds=`` marks the few places where an Invoice and a
CreditNote differ (type code and line element names, where BT-9 and BT-11 go,
the position of BT-7 and of the originator reference).
"""

from __future__ import annotations

from typing import Any

from invoices.model import Identifier, Party
from invoices.write.formats import (
    amount,
    base64_text,
    indicator,
    iso_date,
    plain,
    rate,
    tax_point_code_ubl,
)
from invoices.write.sources import allowances_and_charges, const, currency, payment_means
from invoices.write.tree import Context, El, get

NSMAP = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"

INVOICE = frozenset({"invoice"})
CREDIT = frozenset({"credit"})


def _money(tag: str, source: str, fmt: Any = amount, **kw: Any) -> El:
    return El(tag, value=source, fmt=fmt, attrs={"currencyID": currency}, **kw)


def _note(note: Any, _ctx: Context) -> str | None:
    """BT-22 with its subject code BT-21 in front, as the UBL binding writes it."""
    if note.subject_code:
        return f"#{note.subject_code}#{note.text}"
    return note.text or None


def _ids(party: Party, _ctx: Context) -> tuple[Identifier, ...]:
    return party.identifiers


def _first_id(party: Party, _ctx: Context) -> tuple[Identifier, ...]:
    """UBL-SR-16: a buyer has at most one identifier (BT-46)."""
    return party.identifiers[:1]


def _tax_scheme(scheme: str = "VAT") -> El:
    return El("cac:TaxScheme", children=(El("cbc:ID", const=scheme),))


def _address(source: str) -> El:
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


def _party(tag: str, source: str, ids: Any = _ids, *, seller: bool = False) -> El:
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
                    _address("address"),
                    El(
                        "cac:PartyTaxScheme",
                        children=(El("cbc:CompanyID", value="vat_id"), _tax_scheme()),
                    ),
                    El(
                        "cac:PartyTaxScheme",
                        children=(
                            El("cbc:CompanyID", value="tax_registration_id"),
                            _tax_scheme("FC"),
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


def _tax_category(tag: str, category: str, rate_source: str) -> El:
    return El(
        tag,
        children=(
            El("cbc:ID", value=category),
            El("cbc:Percent", value=rate_source, fmt=rate),
            _tax_scheme(),
        ),
    )


def _allowance_charge(*, header: bool) -> El:
    return El(
        "cac:AllowanceCharge",
        each=allowances_and_charges,
        children=(
            El("cbc:ChargeIndicator", value="charge", fmt=indicator),
            El("cbc:AllowanceChargeReasonCode", value="ac.reason_code"),
            El("cbc:AllowanceChargeReason", value="ac.reason"),
            El("cbc:MultiplierFactorNumeric", value="ac.percentage", fmt=plain),
            _money("cbc:Amount", "ac.amount"),
            _money("cbc:BaseAmount", "ac.base_amount"),
            *(
                (
                    El(
                        "cac:TaxCategory",
                        at="ac",
                        children=(
                            El("cbc:ID", value="vat_category"),
                            El("cbc:Percent", value="vat_rate", fmt=rate),
                            _tax_scheme(),
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


_PAYMENT_MEANS = El(
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


def _line(kind: str) -> El:
    quantity = "cbc:InvoicedQuantity" if kind == "invoice" else "cbc:CreditedQuantity"
    return El(
        _line_tag(kind),
        each="lines",
        kinds=frozenset({kind}),
        children=(
            El("cbc:ID", value="id"),
            El("cbc:Note", value="note"),
            El(quantity, value="quantity", fmt=plain, attrs={"unitCode": "unit"}),
            _money("cbc:LineExtensionAmount", "net_amount"),
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
            _allowance_charge(header=False),
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
                    _tax_category("cac:ClassifiedTaxCategory", "vat.category", "vat.rate"),
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
                    _money("cbc:PriceAmount", "net", fmt=amount),
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
                            _money("cbc:Amount", "discount", fmt=amount),
                            _money("cbc:BaseAmount", "gross", fmt=amount),
                        ),
                    ),
                ),
            ),
        ),
    )


def _doc_ref(tag: str, source: str, **kw: Any) -> El:
    return El(tag, children=(El("cbc:ID", value=source),), **kw)


def _root(kind: str) -> El:
    """The whole document of one kind ("invoice" or "credit")."""
    type_tag = "cbc:InvoiceTypeCode" if kind == "invoice" else "cbc:CreditNoteTypeCode"
    tax_point = El("cbc:TaxPointDate", value="tax_point_date", fmt=iso_date)
    originator = _doc_ref("cac:OriginatorDocumentReference", "tender_reference")
    return El(
        "Invoice" if kind == "invoice" else "CreditNote",
        children=(
            El("cbc:CustomizationID", value="specification_id"),
            El("cbc:ProfileID", value="process_id"),
            El("cbc:ID", value="number"),
            El("cbc:IssueDate", value="issue_date", fmt=iso_date),
            *((El("cbc:DueDate", value="due_date", fmt=iso_date),) if kind == "invoice" else ()),
            *((tax_point,) if kind == "credit" else ()),
            El(type_tag, value="type_code"),
            El("cbc:Note", each="notes", value=_note),
            *((tax_point,) if kind == "invoice" else ()),
            El("cbc:DocumentCurrencyCode", value="currency"),
            El("cbc:TaxCurrencyCode", value="tax_currency"),
            El("cbc:AccountingCost", value="buyer_accounting_ref"),
            El("cbc:BuyerReference", value="buyer_reference"),
            El(
                "cac:InvoicePeriod",
                children=(
                    El("cbc:StartDate", value="invoicing_period.start", fmt=iso_date),
                    El("cbc:EndDate", value="invoicing_period.end", fmt=iso_date),
                    El("cbc:DescriptionCode", value="tax_point_code", fmt=tax_point_code_ubl),
                ),
            ),
            El(
                "cac:OrderReference",
                children=(
                    El(
                        "cbc:ID",
                        value=lambda inv, _c: (
                            inv.purchase_order or ("NA" if inv.sales_order else None)
                        ),
                    ),
                    El("cbc:SalesOrderID", value="sales_order"),
                ),
            ),
            El(
                "cac:BillingReference",
                each="preceding_invoices",
                children=(
                    El(
                        "cac:InvoiceDocumentReference",
                        children=(
                            El("cbc:ID", value="number"),
                            El("cbc:IssueDate", value="issue_date", fmt=iso_date),
                        ),
                    ),
                ),
            ),
            _doc_ref("cac:DespatchDocumentReference", "despatch_advice"),
            _doc_ref("cac:ReceiptDocumentReference", "receiving_advice"),
            *((originator,) if kind == "invoice" else ()),
            _doc_ref("cac:ContractDocumentReference", "contract_reference"),
            El(
                "cac:AdditionalDocumentReference",
                at="invoiced_object",
                children=(
                    El("cbc:ID", value="value", attrs={"schemeID": "scheme"}),
                    El("cbc:DocumentTypeCode", const="130"),
                ),
            ),
            El(
                "cac:AdditionalDocumentReference",
                each="attachments",
                children=(
                    El("cbc:ID", value="id"),
                    El("cbc:DocumentDescription", value="description"),
                    El(
                        "cac:Attachment",
                        children=(
                            El(
                                "cbc:EmbeddedDocumentBinaryObject",
                                value="content",
                                fmt=base64_text,
                                at=lambda a, _c: (
                                    a
                                    if a.content is not None or a.mime_code or a.filename
                                    else None
                                ),
                                always=True,
                                attrs={"mimeCode": "mime_code", "filename": "filename"},
                            ),
                            El("cac:ExternalReference", children=(El("cbc:URI", value="uri"),)),
                        ),
                    ),
                ),
            ),
            # A credit note has no ProjectReference: BT-11 is a document reference typed 50.
            El(
                "cac:AdditionalDocumentReference",
                kinds=CREDIT,
                children=(
                    El("cbc:ID", value="project_reference"),
                    El("cbc:DocumentTypeCode", const="50"),
                ),
            ),
            *((originator,) if kind == "credit" else ()),
            _doc_ref("cac:ProjectReference", "project_reference", kinds=INVOICE),
            _party("cac:AccountingSupplierParty", "seller", seller=True),
            _party("cac:AccountingCustomerParty", "buyer", ids=_first_id),
            El(
                "cac:PayeeParty",
                at="payee",
                children=(
                    El(
                        "cac:PartyIdentification",
                        each=_ids,
                        children=(El("cbc:ID", value="value", attrs={"schemeID": "scheme"}),),
                    ),
                    El("cac:PartyName", children=(El("cbc:Name", value="name"),)),
                    El(
                        "cac:PartyLegalEntity",
                        children=(
                            El(
                                "cbc:CompanyID",
                                value="legal_id.value",
                                attrs={"schemeID": "legal_id.scheme"},
                            ),
                        ),
                    ),
                ),
            ),
            El(
                "cac:TaxRepresentativeParty",
                at="tax_representative",
                children=(
                    El("cac:PartyName", children=(El("cbc:Name", value="name"),)),
                    _address("address"),
                    El(
                        "cac:PartyTaxScheme",
                        children=(El("cbc:CompanyID", value="vat_id"), _tax_scheme()),
                    ),
                ),
            ),
            El(
                "cac:Delivery",
                at="delivery",
                children=(
                    El("cbc:ActualDeliveryDate", value="delivery_date", fmt=iso_date),
                    El(
                        "cac:DeliveryLocation",
                        children=(
                            El(
                                "cbc:ID",
                                value="location_id.value",
                                attrs={"schemeID": "location_id.scheme"},
                            ),
                            El("cac:Address", at="address", children=_address("").children),
                        ),
                    ),
                    El(
                        "cac:DeliveryParty",
                        children=(
                            El("cac:PartyName", children=(El("cbc:Name", value="party_name"),)),
                        ),
                    ),
                ),
            ),
            _PAYMENT_MEANS,
            El("cac:PaymentTerms", children=(El("cbc:Note", value="payment_terms"),)),
            _allowance_charge(header=True),
            El(
                "cac:TaxTotal",
                always=True,
                children=(
                    _money("cbc:TaxAmount", "totals.vat_total"),
                    El(
                        "cac:TaxSubtotal",
                        each="vat_breakdown",
                        children=(
                            _money("cbc:TaxableAmount", "taxable_amount"),
                            _money("cbc:TaxAmount", "tax_amount"),
                            El(
                                "cac:TaxCategory",
                                children=(
                                    El("cbc:ID", value="category"),
                                    El("cbc:Percent", value="rate", fmt=rate),
                                    El("cbc:TaxExemptionReasonCode", value="exemption_code"),
                                    El("cbc:TaxExemptionReason", value="exemption_reason"),
                                    _tax_scheme(),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            El(
                "cac:TaxTotal",
                children=(
                    El(
                        "cbc:TaxAmount",
                        value="totals.vat_total_accounting",
                        fmt=amount,
                        attrs={"currencyID": "tax_currency"},
                    ),
                ),
            ),
            El(
                "cac:LegalMonetaryTotal",
                at="totals",
                always=True,
                children=(
                    _money("cbc:LineExtensionAmount", "line_total"),
                    _money("cbc:TaxExclusiveAmount", "tax_exclusive"),
                    _money("cbc:TaxInclusiveAmount", "tax_inclusive"),
                    _money("cbc:AllowanceTotalAmount", "allowance_total"),
                    _money("cbc:ChargeTotalAmount", "charge_total"),
                    _money("cbc:PrepaidAmount", "prepaid"),
                    _money("cbc:PayableRoundingAmount", "rounding"),
                    _money("cbc:PayableAmount", "payable"),
                ),
            ),
            _line(kind),
        ),
    )


INVOICE_ROOT = _root("invoice")
CREDIT_NOTE_ROOT = _root("credit")

__all__ = ["CREDIT_NOTE_NS", "CREDIT_NOTE_ROOT", "INVOICE_NS", "INVOICE_ROOT", "NSMAP"]
