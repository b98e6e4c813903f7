"""The UN/CEFACT CII D16B (Factur-X 1.0) structure of an invoice, as data.

One :class:`~invoices.syntax.builder.El` tree in the XSD's element order, built
from the blocks of :mod:`.parts`.  ``min`` says from which Factur-X profile an
element is allowed (the profiles are nested: MINIMUM ⊂ BASIC WL ⊂ BASIC ⊂
EN16931 ⊂ EXTENDED), so one tree writes the five profiles and the XSD of each
profile checks the gating in the tests.
"""

from __future__ import annotations

from invoices.syntax.builder import El
from invoices.syntax.cii.names import NAMESPACES
from invoices.syntax.cii.parts import (
    BASIC,
    BASIC_WL,
    BREAKDOWN_TAX,
    EN16931,
    EXTENDED,
    LINE,
    MINIMUM,
    address,
    allowance_charge,
    binary,
    date_element,
    ids,
    party,
    tax_registrations,
)
from invoices.syntax.formats import amount, base64_text
from invoices.syntax.sources import currency, iban, payment_means, proprietary_account

#: The namespaces of the root element, in the order the written files declare them.
NSMAP = {prefix: NAMESPACES[prefix] for prefix in ("rsm", "qdt", "ram", "udt")}


def _doc_ref(tag: str, source: str, min: int) -> El:
    return El(tag, min=min, children=(El("ram:IssuerAssignedID", value=source),))


_AGREEMENT = El(
    "ram:ApplicableHeaderTradeAgreement",
    always=True,
    children=(
        El("ram:BuyerReference", value="buyer_reference"),
        party("ram:SellerTradeParty", "seller"),
        party("ram:BuyerTradeParty", "buyer", details=BASIC_WL),
        El(
            "ram:SellerTaxRepresentativeTradeParty",
            at="tax_representative",
            min=BASIC_WL,
            children=(
                El("ram:Name", value="name"),
                address("address"),
                *tax_registrations()[:1],
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
                    at=binary,
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
                address("address"),
            ),
        ),
        El(
            "ram:ActualDeliverySupplyChainEvent",
            at="delivery",
            min=BASIC_WL,
            children=(date_element("ram:OccurrenceDateTime", "delivery_date"),),
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
                El("ram:ID", each=ids(False), value="value"),
                El("ram:GlobalID", each=ids(True), value="value", attrs={"schemeID": "scheme"}),
                El("ram:Name", value="name"),
                El(
                    "ram:SpecifiedLegalOrganization",
                    children=(
                        El("ram:ID", value="legal_id.value", attrs={"schemeID": "legal_id.scheme"}),
                    ),
                ),
                address("address", min=EXTENDED),  # no payee address in EN 16931
            ),
        ),
        _PAYMENT_MEANS,
        El("ram:ApplicableTradeTax", each="vat_breakdown", min=BASIC_WL, children=BREAKDOWN_TAX),
        El(
            "ram:BillingSpecifiedPeriod",
            at="invoicing_period",
            min=BASIC_WL,
            children=(
                date_element("ram:StartDateTime", "start"),
                date_element("ram:EndDateTime", "end"),
            ),
        ),
        allowance_charge(header=True, min=BASIC_WL),
        El(
            "ram:SpecifiedTradePaymentTerms",
            min=BASIC_WL,
            children=(
                El("ram:Description", value="payment_terms"),
                date_element("ram:DueDateDateTime", "due_date"),
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
                date_element(
                    "ram:FormattedIssueDateTime", "issue_date", fmt_tag="qdt:DateTimeString"
                ),
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
                date_element("ram:IssueDateTime", "issue_date"),
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
            children=(LINE, _AGREEMENT, _DELIVERY, _SETTLEMENT),
        ),
    ),
)

__all__ = ["BASIC", "BASIC_WL", "CII", "EN16931", "EXTENDED", "MINIMUM", "NSMAP"]
