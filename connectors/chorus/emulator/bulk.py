"""Invoices that suppliers "deposited" elsewhere, addressed to a recipient we play.

The recipient side of a commune is tested with many invoices (paging over 250, the
``demat receive`` cursor...).  Each generated invoice carries a real UBL 2.1 file built
from its data, so that downloading and ingesting it exercise the same code as a real
one, and it enters the platform through the same integration path as a deposit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from connectors.chorus.emulator.extract import read_member
from connectors.chorus.emulator.integration import check, create_invoice, existing_keys
from connectors.chorus.emulator.world import Invoice, World

UBL = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ProfileID>A1</cbc:ProfileID>
  <cbc:ID>{number}</cbc:ID>
  <cbc:IssueDate>{issue}</cbc:IssueDate>
  <cbc:DueDate>{due}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  {buyer_reference}
  {order_reference}
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyIdentification><cbc:ID schemeID="0009">{supplier_siret}</cbc:ID>
      </cac:PartyIdentification>
    <cac:PostalAddress><cbc:StreetName>{supplier_street}</cbc:StreetName>
      <cbc:CityName>{supplier_city}</cbc:CityName><cbc:PostalZone>{supplier_zip}</cbc:PostalZone>
      <cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>{supplier_vat}</cbc:CompanyID><cac:TaxScheme>
      <cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>{supplier_name}</cbc:RegistrationName>
      <cbc:CompanyID schemeID="0009">{supplier_siret}</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyIdentification><cbc:ID schemeID="0009">{recipient_siret}</cbc:ID>
      </cac:PartyIdentification>
    <cac:PostalAddress><cbc:StreetName>{recipient_street}</cbc:StreetName>
      <cbc:CityName>{recipient_city}</cbc:CityName><cbc:PostalZone>{recipient_zip}</cbc:PostalZone>
      <cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
    <cac:PartyLegalEntity><cbc:RegistrationName>{recipient_name}</cbc:RegistrationName>
      <cbc:CompanyID schemeID="0009">{recipient_siret}</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cac:PayeeFinancialAccount>
    <cbc:ID>FR7630006000011234567890189</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:PaymentTerms><cbc:Note>Paiement à 30 jours</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">{vat}</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">{net}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">{vat}</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20.00</cbc:Percent><cac:TaxScheme>
        <cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">{net}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">{net}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">{gross}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{gross}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">{quantity}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">{net}</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>{item}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>
      <cbc:Percent>20.00</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">{price}</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
</Invoice>
"""
ITEMS = (
    "Fournitures de bureau",
    "Entretien des espaces verts",
    "Maintenance informatique",
    "Travaux de voirie",
    "Produits d'entretien",
    "Location de matériel",
)


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
    net = (price * quantity).quantize(Decimal("0.01"))
    vat = (net * Decimal("0.20")).quantize(Decimal("0.01"))
    values = {
        "number": escape(number),
        "issue": issue.isoformat(),
        "due": (issue + timedelta(days=30)).isoformat(),
        "buyer_reference": f"<cbc:BuyerReference>{escape(service)}</cbc:BuyerReference>"
        if service
        else "",
        "order_reference": "<cac:OrderReference><cbc:ID>"
        f"{escape(engagement)}</cbc:ID></cac:OrderReference>"
        if engagement
        else "",
        "net": f"{net:.2f}",
        "vat": f"{vat:.2f}",
        "gross": f"{net + vat:.2f}",
        "quantity": str(quantity),
        "price": f"{price:.2f}",
        "item": escape(item),
    }
    for prefix, party in (("supplier", supplier), ("recipient", recipient)):
        address = party.get("address", {})
        values.update(
            {
                f"{prefix}_siret": escape(party["siret"]),
                f"{prefix}_name": escape(party["designation"]),
                f"{prefix}_street": escape(address.get("adresse", "-")),
                f"{prefix}_city": escape(address.get("ville", "-")),
                f"{prefix}_zip": escape(address.get("codePostal", "00000")),
            }
        )
    values["supplier_vat"] = escape(supplier.get("vat") or "FR00000000000")
    return UBL.format(**values).encode("utf-8")


def add_received(
    world: World,
    *,
    count: int,
    recipient: str,
    suppliers: Sequence[str] | None = None,
    service: str | None = None,
    engagement: str | None = None,
    status: str = "MISE_A_DISPOSITION",
    prefix: str = "EMU",
    year: int | None = None,
    start: datetime | None = None,
) -> list[Invoice]:
    """Create ``count`` invoices to ``recipient`` already routed to ``status``.

    Each one passes the integration checks (ValueError says which rule otherwise), so the
    world never holds an invoice the platform would have refused.
    """
    if count < 1 or count > 100000:
        raise ValueError("count must be between 1 and 100000")
    allowed = ("MISE_A_DISPOSITION", *world.lifecycle.recipient_targets("MISE_A_DISPOSITION"))
    if status not in allowed:
        raise ValueError(f"status must be one of {allowed}")
    target = world.structures.get(recipient)
    if target is None:
        raise ValueError(f"unknown recipient SIRET {recipient}")
    chosen = list(suppliers or [s.siret for s in world.structures.values() if not s.public])
    unknown = [s for s in chosen if s not in world.structures]
    if unknown or not chosen:
        raise ValueError(f"unknown supplier SIRET(s): {unknown or 'none given'}")
    now = start or world.clock.now()
    year = year or now.year
    taken = existing_keys(world)
    made: list[Invoice] = []
    for index in range(count):
        supplier = world.structures[chosen[index % len(chosen)]]
        number = f"{prefix}-{year}-{world.next_invoice:07d}"
        data = ubl_invoice(
            number=number,
            issue=date(year, 1 + index % 12, 1 + index % 28),
            supplier={
                "siret": supplier.siret,
                "designation": supplier.designation,
                "address": supplier.address,
                "vat": supplier.vat,
            },
            recipient={
                "siret": target.siret,
                "designation": target.designation,
                "address": target.address,
            },
            quantity=1 + index % 9,
            price=Decimal(10 + (index * 7) % 490),
            item=ITEMS[index % len(ITEMS)],
            service=service,
            engagement=engagement,
        )
        demand = read_member(data, f"{number}.xml", "IN_DP_E1_UBL_INVOICE")
        # The supplier deposited it with its own account: only the routing rules apply here.
        errors = check(world, demand, None, taken, check_attachment=False)
        if errors:
            raise ValueError(errors[0]["libelleErreurDP"])
        at = now - timedelta(minutes=count - index)
        invoice = create_invoice(world, demand, None, at, depositor=None)
        invoice.mode_depot = "UPLOAD_PORTAIL"
        invoice.schedule.clear()
        world.set_status(invoice, "EN_COURS_ACHEMINEMENT", at)
        world.set_status(invoice, "MISE_A_DISPOSITION", at)
        if status != "MISE_A_DISPOSITION":
            world.set_status(invoice, status, at)
        made.append(invoice)
    return made
