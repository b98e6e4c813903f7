"""What the platform reads from a deposited file: the routing and control data of each invoice.

Chorus Pro integrates a flow by reading, for every invoice ("demande de paiement") in
it, the parties, the routing references (service code, legal commitment), the dates and
the totals.  This module does that reading for the three syntaxes we deposit (UBL 2.1,
CII D16B, Factur-X PDF) and for ``zip`` / ``tar.gz`` batches, and nothing more: the
emulator plays the platform, it must not depend on our own readers to decide what the
platform accepts.  Every XML parse goes through :func:`invoices.xmlsafe.parse`.
"""

from __future__ import annotations

import io
import logging
import tarfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from invoices.errors import InputError
from invoices.xmlsafe import parse

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"rsm": RSM, "ram": RAM, "udt": UDT, "cac": CAC, "cbc": CBC}

#: ``syntaxeFlux`` values the emulator integrates, and the container each expects.
SUPPORTED = {
    "IN_DP_E1_UBL_INVOICE": "ubl",
    "IN_DP_E1_CII_16B": "cii",
    "IN_DP_E2_CII_FACTURX": "facturx",
}
#: Batches: at most this many members and this many bytes once expanded.
MAX_MEMBERS = 500
MAX_EXPANDED = 120 * 1024 * 1024
SIRET_SCHEME = "0009"


class ContainerError(Exception):
    """The flow cannot be read at all (irrecevable): a ``listeErreurTechnique`` entry."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Line:
    number: int
    reference: str | None
    name: str | None
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    net: Decimal | None
    vat_rate: Decimal | None


@dataclass
class VatLine:
    rate: Decimal | None
    base: Decimal | None
    amount: Decimal | None


@dataclass
class Demand:
    """One invoice of a flow, as the platform reads it."""

    member: str  # file name inside the flow
    syntax: str  # ubl | cii | facturx
    original: bytes  # the invoice file as deposited (PDF for Factur-X)
    xml: bytes
    number: str | None = None
    issue_date: date | None = None
    type_code: str | None = None
    currency: str | None = None
    supplier_id: str | None = None
    supplier_scheme: str | None = None
    supplier_name: str | None = None
    recipient_id: str | None = None
    recipient_scheme: str | None = None
    recipient_name: str | None = None
    service_code: str | None = None
    engagement: str | None = None
    contract: str | None = None
    framework: str | None = None
    preceding: str | None = None
    due_date: date | None = None
    payment_means: str | None = None
    iban: str | None = None
    total_ht: Decimal | None = None
    total_vat: Decimal | None = None
    total_ttc: Decimal | None = None
    payable: Decimal | None = None
    lines: list[Line] = field(default_factory=list)
    vat: list[VatLine] = field(default_factory=list)


def _text(node: etree._Element, path: str) -> str | None:
    found = node.xpath(path, namespaces=NS)
    if not found:
        return None
    first = found[0]
    value = first if isinstance(first, str) else first.text
    value = (value or "").strip()
    return value or None


def _amount(node: etree._Element, path: str) -> Decimal | None:
    value = _text(node, path)
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _date(value: str | None) -> date | None:
    if not value:
        return None
    digits = value.replace("-", "")
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _identifier(node: etree._Element, legal: str, others: str) -> tuple[str | None, str | None]:
    """The party's SIRET: its legal id (BT-30/47) else a scheme-0009 identifier (BT-29/46)."""
    for element in node.xpath(legal, namespaces=NS):
        value = (element.text or "").strip()
        if value:
            return value, element.get("schemeID")
    for element in node.xpath(others, namespaces=NS):
        value = (element.text or "").strip()
        if value and element.get("schemeID") == SIRET_SCHEME:
            return value, SIRET_SCHEME
    return None, None


def _read_cii(root: etree._Element, demand: Demand) -> None:
    doc = "rsm:ExchangedDocument/"
    tx = "rsm:SupplyChainTradeTransaction/"
    agreement = tx + "ram:ApplicableHeaderTradeAgreement/"
    settlement = tx + "ram:ApplicableHeaderTradeSettlement/"
    summation = settlement + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
    demand.number = _text(root, doc + "ram:ID")
    demand.issue_date = _date(_text(root, doc + "ram:IssueDateTime/udt:DateTimeString"))
    demand.type_code = _text(root, doc + "ram:TypeCode")
    demand.framework = _text(
        root,
        "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID",
    )
    demand.currency = _text(root, settlement + "ram:InvoiceCurrencyCode")
    seller = agreement + "ram:SellerTradeParty"
    buyer = agreement + "ram:BuyerTradeParty"
    demand.supplier_id, demand.supplier_scheme = _identifier(
        root,
        seller + "/ram:SpecifiedLegalOrganization/ram:ID",
        seller + "/ram:ID|" + seller + "/ram:GlobalID",
    )
    demand.supplier_name = _text(root, seller + "/ram:Name")
    demand.recipient_id, demand.recipient_scheme = _identifier(
        root,
        buyer + "/ram:SpecifiedLegalOrganization/ram:ID",
        buyer + "/ram:ID|" + buyer + "/ram:GlobalID",
    )
    demand.recipient_name = _text(root, buyer + "/ram:Name")
    demand.service_code = _text(root, agreement + "ram:BuyerReference")
    demand.engagement = _text(
        root, agreement + "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"
    )
    demand.contract = _text(root, agreement + "ram:ContractReferencedDocument/ram:IssuerAssignedID")
    demand.preceding = _text(
        root, settlement + "ram:InvoiceReferencedDocument/ram:IssuerAssignedID"
    )
    demand.due_date = _date(
        _text(
            root,
            settlement + "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString",
        )
    )
    demand.payment_means = _text(
        root, settlement + "ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode"
    )
    demand.iban = _text(
        root,
        settlement + "ram:SpecifiedTradeSettlementPaymentMeans"
        "/ram:PayeePartyCreditorFinancialAccount/ram:IBANID",
    )
    demand.total_ht = _amount(root, summation + "ram:TaxBasisTotalAmount")
    vat_totals = root.xpath(summation + "ram:TaxTotalAmount", namespaces=NS)
    for element in vat_totals:
        if element.get("currencyID") in (None, demand.currency):
            try:
                demand.total_vat = Decimal((element.text or "").strip())
            except InvalidOperation:
                demand.total_vat = None
            break
    demand.total_ttc = _amount(root, summation + "ram:GrandTotalAmount")
    demand.payable = _amount(root, summation + "ram:DuePayableAmount")
    for index, item in enumerate(
        root.xpath(tx + "ram:IncludedSupplyChainTradeLineItem", namespaces=NS), 1
    ):
        demand.lines.append(
            Line(
                number=index,
                reference=_text(item, "ram:AssociatedDocumentLineDocument/ram:LineID"),
                name=_text(item, "ram:SpecifiedTradeProduct/ram:Name"),
                quantity=_amount(item, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity"),
                unit=_text(item, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode"),
                unit_price=_amount(
                    item,
                    "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount",
                ),
                net=_amount(
                    item,
                    "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
                ),
                vat_rate=_amount(
                    item,
                    "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent",
                ),
            )
        )
    for tax in root.xpath(settlement + "ram:ApplicableTradeTax", namespaces=NS):
        demand.vat.append(
            VatLine(
                rate=_amount(tax, "ram:RateApplicablePercent"),
                base=_amount(tax, "ram:BasisAmount"),
                amount=_amount(tax, "ram:CalculatedAmount"),
            )
        )


def _read_ubl(root: etree._Element, demand: Demand) -> None:
    credit = etree.QName(root).localname == "CreditNote"
    demand.number = _text(root, "cbc:ID")
    demand.issue_date = _date(_text(root, "cbc:IssueDate"))
    demand.type_code = _text(root, "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode")
    if demand.type_code is None and credit:
        demand.type_code = "381"
    demand.framework = _text(root, "cbc:ProfileID")
    demand.currency = _text(root, "cbc:DocumentCurrencyCode")
    seller = "cac:AccountingSupplierParty/cac:Party"
    buyer = "cac:AccountingCustomerParty/cac:Party"
    demand.supplier_id, demand.supplier_scheme = _identifier(
        root,
        seller + "/cac:PartyLegalEntity/cbc:CompanyID",
        seller + "/cac:PartyIdentification/cbc:ID",
    )
    demand.supplier_name = _text(
        root, seller + "/cac:PartyLegalEntity/cbc:RegistrationName"
    ) or _text(root, seller + "/cac:PartyName/cbc:Name")
    demand.recipient_id, demand.recipient_scheme = _identifier(
        root,
        buyer + "/cac:PartyLegalEntity/cbc:CompanyID",
        buyer + "/cac:PartyIdentification/cbc:ID",
    )
    demand.recipient_name = _text(
        root, buyer + "/cac:PartyLegalEntity/cbc:RegistrationName"
    ) or _text(root, buyer + "/cac:PartyName/cbc:Name")
    demand.service_code = _text(root, "cbc:BuyerReference")
    demand.engagement = _text(root, "cac:OrderReference/cbc:ID")
    demand.contract = _text(root, "cac:ContractDocumentReference/cbc:ID")
    demand.preceding = _text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")
    demand.due_date = _date(_text(root, "cbc:DueDate"))
    demand.payment_means = _text(root, "cac:PaymentMeans/cbc:PaymentMeansCode")
    demand.iban = _text(root, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID")
    totals = "cac:LegalMonetaryTotal/"
    demand.total_ht = _amount(root, totals + "cbc:TaxExclusiveAmount")
    for element in root.xpath("cac:TaxTotal/cbc:TaxAmount", namespaces=NS):
        if element.get("currencyID") in (None, demand.currency):
            try:
                demand.total_vat = Decimal((element.text or "").strip())
            except InvalidOperation:
                demand.total_vat = None
            break
    demand.total_ttc = _amount(root, totals + "cbc:TaxInclusiveAmount")
    demand.payable = _amount(root, totals + "cbc:PayableAmount")
    line_tag = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
    quantity_tag = "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity"
    for index, item in enumerate(root.xpath(line_tag, namespaces=NS), 1):
        demand.lines.append(
            Line(
                number=index,
                reference=_text(item, "cbc:ID"),
                name=_text(item, "cac:Item/cbc:Name"),
                quantity=_amount(item, quantity_tag),
                unit=_text(item, quantity_tag + "/@unitCode"),
                unit_price=_amount(item, "cac:Price/cbc:PriceAmount"),
                net=_amount(item, "cbc:LineExtensionAmount"),
                vat_rate=_amount(item, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent"),
            )
        )
    for sub in root.xpath("cac:TaxTotal/cac:TaxSubtotal", namespaces=NS):
        demand.vat.append(
            VatLine(
                rate=_amount(sub, "cac:TaxCategory/cbc:Percent"),
                base=_amount(sub, "cbc:TaxableAmount"),
                amount=_amount(sub, "cbc:TaxAmount"),
            )
        )


def _facturx_xml(pdf: bytes, member: str) -> bytes:
    if not pdf.startswith(b"%PDF"):
        raise ContainerError("FORMAT_INVALIDE", f"{member} : le fichier n'est pas un PDF.")
    import facturx

    quiet = logging.getLogger("facturx")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        _name, xml = facturx.get_xml_from_pdf(io.BytesIO(pdf), check_xsd=False)
    except Exception:  # a broken PDF: pypdf raises many kinds
        xml = None
    finally:
        quiet.setLevel(level)
    if not xml:
        raise ContainerError(
            "FACTURX_SANS_XML",
            f"{member} : le PDF ne contient pas de fichier XML Factur-X (CII) embarqué.",
        )
    return xml


def read_member(data: bytes, member: str, syntaxe: str) -> Demand:
    """One invoice file of a flow, read as the declared syntax (or ContainerError)."""
    kind = SUPPORTED.get(syntaxe)
    if kind is None:
        raise ContainerError(
            "SYNTAXE_NON_TRAITEE", f"La syntaxe {syntaxe} n'est pas intégrée par cet émulateur."
        )
    xml = _facturx_xml(data, member) if kind == "facturx" else data
    try:
        root = parse(xml, file=member).getroot()
    except InputError as exc:
        raise ContainerError("XML_INVALIDE", f"{member} : {exc.message('fr')}") from None
    namespace = etree.QName(root).namespace
    demand = Demand(member=member, syntax=kind, original=data, xml=xml)
    if kind in ("cii", "facturx"):
        if namespace != RSM or etree.QName(root).localname != "CrossIndustryInvoice":
            raise ContainerError(
                "SYNTAXE_INCOHERENTE",
                f"{member} : le contenu ne correspond pas à la syntaxe déclarée {syntaxe} "
                "(CrossIndustryInvoice attendu).",
            )
        _read_cii(root, demand)
    else:
        if namespace not in (UBL_INVOICE, UBL_CREDIT):
            raise ContainerError(
                "SYNTAXE_INCOHERENTE",
                f"{member} : le contenu ne correspond pas à la syntaxe déclarée {syntaxe} "
                "(Invoice UBL 2.1 attendu).",
            )
        _read_ubl(root, demand)
    return demand


def _members(data: bytes, name: str) -> list[tuple[str, bytes]]:
    """The files of a batch (zip or tar.gz), or the single file itself."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = [i for i in archive.infolist() if not i.is_dir()]
                _check_batch(len(infos), sum(i.file_size for i in infos), name)
                return [(i.filename, archive.read(i)) for i in infos]
        except (zipfile.BadZipFile, OSError) as exc:
            raise ContainerError(
                "ARCHIVE_INVALIDE", f"{name} : archive zip illisible ({exc})."
            ) from None
    if data.startswith(b"\x1f\x8b"):
        try:
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
                members = [m for m in archive.getmembers() if m.isfile()]
                _check_batch(len(members), sum(m.size for m in members), name)
                found = []
                for member in members:
                    handle = archive.extractfile(member)
                    if handle is not None:
                        found.append((member.name, handle.read()))
                return found
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise ContainerError(
                "ARCHIVE_INVALIDE", f"{name} : archive tar.gz illisible ({exc})."
            ) from None
    return [(name, data)]


def _check_batch(count: int, size: int, name: str) -> None:
    if count == 0:
        raise ContainerError("ARCHIVE_VIDE", f"{name} : l'archive ne contient aucune facture.")
    if count > MAX_MEMBERS or size > MAX_EXPANDED:
        raise ContainerError(
            "ARCHIVE_TROP_GRANDE",
            f"{name} : {count} fichiers, {size} octets une fois décompressés "
            f"(au plus {MAX_MEMBERS} fichiers et {MAX_EXPANDED} octets).",
        )


def read_flow(data: bytes, name: str, syntaxe: str) -> list[Demand | ContainerError]:
    """Every invoice of a flow; a member that cannot be read is its ContainerError.

    Raises ContainerError when the flow as a whole is unreadable (bad archive).
    """
    found: list[Demand | ContainerError] = []
    for member, content in _members(data, name):
        try:
            found.append(read_member(content, member, syntaxe))
        except ContainerError as exc:
            found.append(exc)
    return found
