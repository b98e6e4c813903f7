"""The UBL 2.1 files of the invoices the emulator places on a recipient's side itself.

A small lxml builder of the emulator's own, not the project's writer: a file the
"platform" hands out is then produced independently of the code that will read it, so
a writer bug and a reader bug cannot cancel out.  One line at 20 % VAT, credit transfer,
EN 16931 (CIUS-free) content; amounts rounded to the cent, half up, as EN 16931 asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

UBL = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION = "urn:cen.eu:en16931:2017"
VAT_RATE = Decimal("20.00")
IBAN = "FR7630006000011234567890189"
CENT = Decimal("0.01")


def _cac(parent: Element, name: str) -> Element:
    return etree.SubElement(parent, f"{{{CAC}}}{name}")


def _cbc(parent: Element, name: str, text: object, **attributes: str) -> Element:
    element = etree.SubElement(parent, f"{{{CBC}}}{name}", attributes)
    element.text = str(text)
    return element


def _money(parent: Element, name: str, amount: Decimal) -> None:
    _cbc(parent, name, f"{amount:.2f}", currencyID="EUR")


def _tax_category(parent: Element, name: str) -> None:
    category = _cac(parent, name)
    _cbc(category, "ID", "S")
    _cbc(category, "Percent", f"{VAT_RATE:.2f}")
    _cbc(_cac(category, "TaxScheme"), "ID", "VAT")


def _party(parent: Element, role: str, party: Mapping[str, Any], vat: str | None) -> None:
    node = _cac(_cac(parent, role), "Party")
    _cbc(_cac(node, "PartyIdentification"), "ID", party["siret"], schemeID="0009")
    address = party.get("address") or {}
    postal = _cac(node, "PostalAddress")
    _cbc(postal, "StreetName", address.get("adresse") or "-")
    _cbc(postal, "CityName", address.get("ville") or "-")
    _cbc(postal, "PostalZone", address.get("codePostal") or "00000")
    _cbc(_cac(postal, "Country"), "IdentificationCode", "FR")
    if vat:
        scheme = _cac(node, "PartyTaxScheme")
        _cbc(scheme, "CompanyID", vat)
        _cbc(_cac(scheme, "TaxScheme"), "ID", "VAT")
    legal = _cac(node, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", party["designation"])
    _cbc(legal, "CompanyID", party["siret"], schemeID="0009")


def ubl_invoice(
    *,
    number: str,
    issue: date,
    supplier: Mapping[str, Any],
    recipient: Mapping[str, Any],
    quantity: int,
    price: Decimal,
    item: str,
    service: str | None = None,
    engagement: str | None = None,
) -> bytes:
    """A one-line UBL 2.1 invoice from ``supplier`` to ``recipient`` (seed-style mappings:
    ``siret``, ``designation``, ``address``, ``vat``), due 30 days after ``issue``."""
    net = (Decimal(quantity) * price).quantize(CENT, ROUND_HALF_UP)
    vat = (net * VAT_RATE / 100).quantize(CENT, ROUND_HALF_UP)
    root = etree.Element(f"{{{UBL}}}Invoice", nsmap={None: UBL, "cac": CAC, "cbc": CBC})
    _cbc(root, "CustomizationID", CUSTOMIZATION)
    _cbc(root, "ProfileID", "A1")
    _cbc(root, "ID", number)
    _cbc(root, "IssueDate", issue.isoformat())
    _cbc(root, "DueDate", (issue + timedelta(days=30)).isoformat())
    _cbc(root, "InvoiceTypeCode", "380")
    _cbc(root, "DocumentCurrencyCode", "EUR")
    if service:
        _cbc(root, "BuyerReference", service)
    if engagement:
        _cbc(_cac(root, "OrderReference"), "ID", engagement)
    _party(root, "AccountingSupplierParty", supplier, supplier.get("vat") or "FR00000000000")
    _party(root, "AccountingCustomerParty", recipient, recipient.get("vat"))
    means = _cac(root, "PaymentMeans")
    _cbc(means, "PaymentMeansCode", "30")
    _cbc(_cac(means, "PayeeFinancialAccount"), "ID", IBAN)
    _cbc(_cac(root, "PaymentTerms"), "Note", "Paiement à 30 jours")
    total = _cac(root, "TaxTotal")
    _money(total, "TaxAmount", vat)
    subtotal = _cac(total, "TaxSubtotal")
    _money(subtotal, "TaxableAmount", net)
    _money(subtotal, "TaxAmount", vat)
    _tax_category(subtotal, "TaxCategory")
    sums = _cac(root, "LegalMonetaryTotal")
    _money(sums, "LineExtensionAmount", net)
    _money(sums, "TaxExclusiveAmount", net)
    _money(sums, "TaxInclusiveAmount", net + vat)
    _money(sums, "PayableAmount", net + vat)
    line = _cac(root, "InvoiceLine")
    _cbc(line, "ID", "1")
    _cbc(line, "InvoicedQuantity", quantity, unitCode="C62")
    _money(line, "LineExtensionAmount", net)
    article = _cac(line, "Item")
    _cbc(article, "Name", item)
    _tax_category(article, "ClassifiedTaxCategory")
    _money(_cac(line, "Price"), "PriceAmount", price)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
