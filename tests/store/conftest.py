"""Store fixtures: every store test runs on SQLite AND on the real PostgreSQL
(the ``db_url`` fixture of ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from invoices.store import Store, open_store

SELLER = "40212345900016"  # Fournitures Durand SARL
OTHER_SELLER = "51234567900025"  # Travaux Martin SAS
BUYER = "21750011500019"  # Commune de Saint-Exemple


def cii_invoice(
    number: str,
    *,
    seller: str = SELLER,
    issued: str = "20260115",
    amount: str = "100.00",
    note: str = "",
) -> bytes:
    """A small, complete EN 16931 CII invoice from a supplier to the commune."""
    vat = f"{float(amount) * 0.2:.2f}"
    total = f"{float(amount) * 1.2:.2f}"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocumentContext>
  <ram:GuidelineSpecifiedDocumentContextParameter>
   <ram:ID>urn:cen.eu:en16931:2017</ram:ID>
  </ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument>
  <ram:ID>{number}</ram:ID>
  <ram:TypeCode>380</ram:TypeCode>
  <ram:IssueDateTime>
   <udt:DateTimeString format="102">{issued}</udt:DateTimeString></ram:IssueDateTime>
  <ram:IncludedNote><ram:Content>Test {note}</ram:Content></ram:IncludedNote>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:Name>Ramettes de papier</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement>
    <ram:NetPriceProductTradePrice><ram:ChargeAmount>{amount}</ram:ChargeAmount></ram:NetPriceProductTradePrice>
   </ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery>
    <ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>
   </ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement>
    <ram:ApplicableTradeTax>
     <ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>
     <ram:RateApplicablePercent>20.00</ram:RateApplicablePercent>
    </ram:ApplicableTradeTax>
    <ram:SpecifiedTradeSettlementLineMonetarySummation>
     <ram:LineTotalAmount>{amount}</ram:LineTotalAmount>
    </ram:SpecifiedTradeSettlementLineMonetarySummation>
   </ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:BuyerReference>MAIRIE-FIN</ram:BuyerReference>
   <ram:SellerTradeParty>
    <ram:Name>Fournitures Durand SARL</ram:Name>
    <ram:SpecifiedLegalOrganization>
     <ram:ID schemeID="0009">{seller}</ram:ID></ram:SpecifiedLegalOrganization>
    <ram:PostalTradeAddress>
     <ram:PostcodeCode>75001</ram:PostcodeCode><ram:LineOne>1 rue du Commerce</ram:LineOne>
     <ram:CityName>Paris</ram:CityName><ram:CountryID>FR</ram:CountryID>
    </ram:PostalTradeAddress>
    <ram:SpecifiedTaxRegistration>
     <ram:ID schemeID="VA">FR13402123459</ram:ID></ram:SpecifiedTaxRegistration>
   </ram:SellerTradeParty>
   <ram:BuyerTradeParty>
    <ram:Name>Commune de Saint-Exemple</ram:Name>
    <ram:SpecifiedLegalOrganization>
     <ram:ID schemeID="0009">{BUYER}</ram:ID></ram:SpecifiedLegalOrganization>
    <ram:PostalTradeAddress>
     <ram:PostcodeCode>75002</ram:PostcodeCode><ram:LineOne>Place de la Mairie</ram:LineOne>
     <ram:CityName>Saint-Exemple</ram:CityName><ram:CountryID>FR</ram:CountryID>
    </ram:PostalTradeAddress>
   </ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:ApplicableTradeTax>
    <ram:CalculatedAmount>{vat}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
    <ram:BasisAmount>{amount}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>
    <ram:RateApplicablePercent>20.00</ram:RateApplicablePercent>
   </ram:ApplicableTradeTax>
   <ram:SpecifiedTradePaymentTerms>
    <ram:DueDateDateTime>
     <udt:DateTimeString format="102">20260215</udt:DateTimeString></ram:DueDateDateTime>
   </ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>{amount}</ram:LineTotalAmount>
    <ram:TaxBasisTotalAmount>{amount}</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">{vat}</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>{total}</ram:GrandTotalAmount>
    <ram:DuePayableAmount>{total}</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
""".encode()


def write_invoices(folder: Path, count: int, *, prefix: str = "F", start: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"{prefix}-{i:05d}.xml"
        path.write_bytes(cii_invoice(f"{prefix}-2026-{i:05d}"))
        paths.append(path)
    return paths


@pytest.fixture(autouse=True)
def _validation_can_run(artefacts: Path) -> None:
    """Ingest validates for real, in this process and in the subprocesses tests start."""


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    with open_store(db_url, documents=tmp_path / "documents") as opened:
        yield opened


@pytest.fixture
def cii() -> Callable[..., bytes]:
    """The invoice builder (:func:`cii_invoice`), for tests: they never import conftest."""
    return cii_invoice


@pytest.fixture
def write_folder() -> Callable[..., list[Path]]:
    """Writes ``count`` distinct invoices into a folder (:func:`write_invoices`)."""
    return write_invoices
