"""The UBL 2.1 Invoice and CreditNote structure (EN 16931 binding), as data.

One :class:`~invoices.syntax.builder.El` tree in the XSD's element order, built from
the blocks of :mod:`.parts` and shared by both document kinds: ``kinds=`` marks the
few places where an Invoice and a CreditNote differ (type code and line element
names, where BT-9 and BT-11 go, the position of BT-7 and of the originator
reference).
"""

from __future__ import annotations

from typing import Any

from invoices.syntax.builder import El
from invoices.syntax.codes import tax_point_2005
from invoices.syntax.formats import amount, base64_text, iso_date, rate
from invoices.syntax.ubl.parts import (
    CREDIT,
    INVOICE,
    PAYMENT_MEANS,
    address,
    allowance_charge,
    first_id,
    ids,
    line,
    money,
    note,
    party,
    tax_scheme,
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
            El("cbc:Note", each="notes", value=note),
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
                    El("cbc:DescriptionCode", value="tax_point_code", fmt=tax_point_2005),
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
            party("cac:AccountingSupplierParty", "seller", seller=True),
            party("cac:AccountingCustomerParty", "buyer", ids=first_id),
            El(
                "cac:PayeeParty",
                at="payee",
                children=(
                    El(
                        "cac:PartyIdentification",
                        each=ids,
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
                    address("address"),
                    El(
                        "cac:PartyTaxScheme",
                        children=(El("cbc:CompanyID", value="vat_id"), tax_scheme()),
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
                            El("cac:Address", at="address", children=address("").children),
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
            PAYMENT_MEANS,
            El("cac:PaymentTerms", children=(El("cbc:Note", value="payment_terms"),)),
            allowance_charge(header=True),
            El(
                "cac:TaxTotal",
                always=True,
                children=(
                    money("cbc:TaxAmount", "totals.vat_total"),
                    El(
                        "cac:TaxSubtotal",
                        each="vat_breakdown",
                        children=(
                            money("cbc:TaxableAmount", "taxable_amount"),
                            money("cbc:TaxAmount", "tax_amount"),
                            El(
                                "cac:TaxCategory",
                                children=(
                                    El("cbc:ID", value="category"),
                                    El("cbc:Percent", value="rate", fmt=rate),
                                    El("cbc:TaxExemptionReasonCode", value="exemption_code"),
                                    El("cbc:TaxExemptionReason", value="exemption_reason"),
                                    tax_scheme(),
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
                    money("cbc:LineExtensionAmount", "line_total"),
                    money("cbc:TaxExclusiveAmount", "tax_exclusive"),
                    money("cbc:TaxInclusiveAmount", "tax_inclusive"),
                    money("cbc:AllowanceTotalAmount", "allowance_total"),
                    money("cbc:ChargeTotalAmount", "charge_total"),
                    money("cbc:PrepaidAmount", "prepaid"),
                    money("cbc:PayableRoundingAmount", "rounding"),
                    money("cbc:PayableAmount", "payable"),
                ),
            ),
            line(kind),
        ),
    )


INVOICE_ROOT = _root("invoice")
CREDIT_NOTE_ROOT = _root("credit")

__all__ = ["CREDIT_NOTE_ROOT", "INVOICE_ROOT"]
