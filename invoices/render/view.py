"""The readable invoice as a view of the model: every text a person reads, already
in words and formatted, in the order of the page.

The HTML page (:mod:`invoices.render.html`) and the PDF pages
(:mod:`invoices.facturx.render`, also the visible pages of the Factur-X files we
write) are both drawn from one :class:`InvoiceView`, so they cannot disagree on a
label, an amount or a code word.  Amounts and dates go through
:mod:`invoices.display` (Babel), labels through :func:`invoices.i18n.t`, codes
through :mod:`invoices.render.codes`.  Only what the invoice says is shown: an
empty field makes no row.  Multi-line values (addresses, item details) hold ``\\n``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from invoices.display import day, money
from invoices.i18n import language, t
from invoices.model import Delivery, Invoice, Party, PaymentInstructions
from invoices.render import codes, tables
from invoices.render.parts import Block, Row, Table, Total, identifier, labelled, period

__all__ = ["Block", "InvoiceView", "Row", "Table", "Total", "build"]


@dataclass(frozen=True, slots=True)
class InvoiceView:
    lang: str
    number: str
    #: For the PDF's metadata (its creation date, so the same invoice gives the same bytes).
    issue_date: date | None
    title: str
    kind: str
    issued: str
    seller: str
    #: The figures a clerk looks for first, under the title: supplier, totals, due date.
    summary: tuple[Row, ...]
    parties: tuple[Block, ...]
    references: tuple[Row, ...]
    dates: tuple[Row, ...]
    lines: Table
    allowances: Table | None
    vat: Table
    totals: tuple[Total, ...]
    payment: tuple[Row, ...]
    notes: tuple[str, ...]
    attachments: tuple[str, ...]
    #: Where the rendering comes from (file, syntax), or empty.
    source: str

    def heading(self, key: str) -> str:
        """A section heading (``"lines"`` -> « Lignes de la facture »)."""
        return t(f"render.h_{key}", lang=self.lang)


def _address_rows(party: Party | Delivery, lang: str) -> list[tuple[str, str | None]]:
    address = party.address
    if address is None:
        return []
    city = " ".join(x for x in (address.postcode, address.city) if x)
    parts = [address.line1, address.line2, address.line3, city, address.subdivision]
    if address.country and address.country.upper() != "FR":
        parts.append(codes.country(address.country, lang))
    return [("render.address", "\n".join(p for p in parts if p) or None)]


def _party(party: Party, heading: str, lang: str) -> Block:
    siret = party.siret
    pairs: list[tuple[str, str | None]] = [
        ("render.party_name", party.name),
        ("render.trading_name", party.trading_name),
        ("render.siret", siret),
        ("render.siren", party.siren if not siret else None),
    ]
    legal = party.legal_id
    if legal is not None and legal.value not in (siret, party.siren):
        pairs.append(("render.legal_id", identifier(legal, lang)))
    for ident in party.identifiers:
        if ident.value not in (siret, party.siren):
            pairs.append(("render.other_id", identifier(ident, lang)))
    pairs += [
        ("render.vat_id", party.vat_id),
        ("render.tax_registration", party.tax_registration_id),
        ("render.legal_info", party.legal_info),
        *_address_rows(party, lang),
    ]
    contact = party.contact
    if contact is not None:
        pairs += [
            ("render.contact", contact.name),
            ("render.phone", contact.phone),
            ("render.email", contact.email),
        ]
    pairs.append(("render.electronic_address", identifier(party.electronic_address, lang)))
    return Block(t(heading, lang=lang), labelled(pairs, lang))


def _parties(invoice: Invoice, lang: str) -> tuple[Block, ...]:
    blocks = [
        _party(invoice.seller, "render.h_seller", lang),
        _party(invoice.buyer, "render.h_buyer", lang),
    ]
    if invoice.payee is not None:
        blocks.append(_party(invoice.payee, "render.h_payee", lang))
    if invoice.tax_representative is not None:
        blocks.append(_party(invoice.tax_representative, "render.h_tax_representative", lang))
    delivery = invoice.delivery
    if delivery is not None:
        pairs = [
            ("render.delivery_party", delivery.party_name),
            ("render.delivery_location", identifier(delivery.location_id, lang)),
            *_address_rows(delivery, lang),
        ]
        rows = labelled(pairs, lang)
        if rows:
            blocks.append(Block(t("render.h_delivery", lang=lang), rows))
    return tuple(blocks)


def _references(invoice: Invoice, lang: str) -> tuple[Row, ...]:
    pairs: list[tuple[str, str | None]] = [
        ("render.ref_engagement", invoice.purchase_order),
        ("render.ref_service_code", invoice.buyer_reference),
        ("render.ref_contract", invoice.contract_reference),
        ("render.ref_project", invoice.project_reference),
        ("render.ref_sales_order", invoice.sales_order),
        ("render.ref_receiving", invoice.receiving_advice),
        ("render.ref_despatch", invoice.despatch_advice),
        ("render.ref_tender", invoice.tender_reference),
        ("render.ref_object", identifier(invoice.invoiced_object, lang)),
        ("render.ref_accounting", invoice.buyer_accounting_ref),
        ("render.ref_process", invoice.process_id),
    ]
    for preceding in invoice.preceding_invoices:
        shown = preceding.number
        if preceding.issue_date is not None:
            shown = t(
                "render.preceding_of",
                lang=lang,
                number=preceding.number,
                date=day(preceding.issue_date, lang),
            )
        pairs.append(("render.ref_preceding", shown))
    return labelled(pairs, lang)


def _dates(invoice: Invoice, lang: str) -> tuple[Row, ...]:
    delivery = invoice.delivery
    return labelled(
        [
            ("render.issue_date", day(invoice.issue_date, lang)),
            ("render.due_date", day(invoice.due_date, lang)),
            ("render.period", period(invoice.invoicing_period, lang)),
            ("render.delivery_date", day(delivery.delivery_date if delivery else None, lang)),
            ("render.tax_point_date", day(invoice.tax_point_date, lang)),
            ("render.tax_point_code", codes.word("taxpoint", invoice.tax_point_code, lang)),
        ],
        lang,
    )


def _totals(invoice: Invoice, lang: str) -> tuple[Total, ...]:
    totals, cur = invoice.totals, invoice.currency
    rows = [
        ("render.total_lines", totals.line_total, cur, False),
        ("render.total_allowances", totals.allowance_total, cur, False),
        ("render.total_charges", totals.charge_total, cur, False),
        ("render.total_ht", totals.tax_exclusive, cur, False),
        ("render.total_vat", totals.vat_total, cur, False),
        ("render.total_vat_accounting", totals.vat_total_accounting, invoice.tax_currency, False),
        ("render.total_ttc", totals.tax_inclusive, cur, True),
        ("render.total_prepaid", totals.prepaid, cur, False),
        ("render.total_rounding", totals.rounding, cur, False),
        ("render.total_payable", totals.payable, cur, True),
    ]
    return tuple(
        Total(t(key, lang=lang), money(amount, currency, lang), strong)
        for key, amount, currency, strong in rows
        if amount is not None
    )


def _summary(invoice: Invoice, lang: str) -> tuple[Row, ...]:
    totals, cur = invoice.totals, invoice.currency
    payable = totals.payable if totals.payable != totals.tax_inclusive else None
    return labelled(
        [
            ("render.sum_seller", invoice.seller.name),
            ("render.sum_total_ttc", money(totals.tax_inclusive, cur, lang)),
            ("render.sum_payable", money(payable, cur, lang)),
            ("render.sum_due", day(invoice.due_date, lang)),
        ],
        lang,
    )


def iban(value: str) -> str:
    """An IBAN in groups of four, as printed on a RIB: ``FR76 3000 6000 ...``."""
    compact = "".join(value.split())
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _payment(invoice: Invoice, lang: str) -> tuple[Row, ...]:
    payment = invoice.payment or PaymentInstructions()
    means = ""
    if payment.means_code:
        means = t(
            "render.means_value",
            lang=lang,
            word=codes.word("means", payment.means_code, lang),
            code=payment.means_code,
        )
    if payment.means_text:
        means = f"{means}\n{payment.means_text}" if means else payment.means_text
    pairs: list[tuple[str, str | None]] = [
        ("render.means", means),
        ("render.remittance", payment.remittance_info),
    ]
    for transfer in payment.credit_transfers:
        pairs += [
            ("render.iban", iban(transfer.account_id) if transfer.account_id else None),
            ("render.account_name", transfer.account_name),
            ("render.bic", transfer.bank_id),
        ]
    if payment.card is not None:
        pairs += [("render.card", payment.card.pan), ("render.card_holder", payment.card.holder)]
    debit = payment.direct_debit
    if debit is not None:
        pairs += [
            ("render.mandate", debit.mandate_reference),
            ("render.creditor_id", debit.creditor_id),
            (
                "render.debited_account",
                iban(debit.debited_account) if debit.debited_account else None,
            ),
        ]
    pairs += [
        ("render.due_date", day(invoice.due_date, lang)),
        ("render.terms", invoice.payment_terms),
    ]
    return labelled(pairs, lang)


def _notes(invoice: Invoice, lang: str) -> tuple[str, ...]:
    out = []
    for note in invoice.notes:
        if not note.text:
            continue
        if note.subject_code:
            subject = codes.word("note", note.subject_code, lang)
            out.append(t("render.note_subject", lang=lang, subject=subject, text=note.text))
        else:
            out.append(note.text)
    return tuple(out)


def _attachments(invoice: Invoice, lang: str) -> tuple[str, ...]:
    out = []
    for att in invoice.attachments:
        parts = [x for x in (att.description, att.filename, att.uri) if x]
        out.append(
            t("render.attachment", lang=lang, id=att.id, description=" — ".join(parts))
            if parts
            else att.id
        )
    return tuple(out)


def build(invoice: Invoice, *, lang: str | None = None, source: str = "") -> InvoiceView:
    """The view of ``invoice`` in ``lang`` (default: the messages' language)."""
    lang = lang or language()
    kind = codes.document_kind(invoice.type_code, invoice.is_credit_note, lang)
    title = t("render.title", lang=lang, kind=kind, number=invoice.number)
    kind_line = ""
    if invoice.type_code:
        kind_line = t(
            "render.kind_code",
            lang=lang,
            word=codes.word("type", invoice.type_code, lang),
            code=invoice.type_code,
        )
    issued = (
        t("render.issued", lang=lang, date=day(invoice.issue_date, lang))
        if invoice.issue_date
        else ""
    )
    return InvoiceView(
        lang=lang,
        number=invoice.number,
        issue_date=invoice.issue_date,
        title=title,
        kind=kind_line,
        issued=issued,
        seller=invoice.seller.name or "",
        summary=_summary(invoice, lang),
        parties=_parties(invoice, lang),
        references=_references(invoice, lang),
        dates=_dates(invoice, lang),
        lines=tables.lines(invoice, lang),
        allowances=tables.allowances(invoice, lang),
        vat=tables.vat(invoice, lang),
        totals=_totals(invoice, lang),
        payment=_payment(invoice, lang),
        notes=_notes(invoice, lang),
        attachments=_attachments(invoice, lang),
        source=source,
    )
