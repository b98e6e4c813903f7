"""Guard fixtures: a store on SQLite and PostgreSQL (``db_url``), the commune's SIRET,
a private config directory, and a CII invoice builder that carries a payee IBAN."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from invoices.store import Store, open_store

SELLER = "40212345900016"  # Fournitures Durand SARL
COMMUNE = "21750011500019"  # Commune de Saint-Exemple
USUAL = "FR7630006000011234567890189"
FRAUD = "FR1420041010050500013M02606"


def invoice_xml(
    number: str, *, iban: str = USUAL, seller: str = SELLER, buyer: str = COMMUNE
) -> bytes:
    """A small, complete EN 16931 CII invoice paid by credit transfer to ``iban``."""
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
   <udt:DateTimeString format="102">20260115</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:Name>Ramettes de papier</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement>
    <ram:NetPriceProductTradePrice><ram:ChargeAmount>100.00</ram:ChargeAmount></ram:NetPriceProductTradePrice>
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
     <ram:LineTotalAmount>100.00</ram:LineTotalAmount>
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
     <ram:ID schemeID="0009">{buyer}</ram:ID></ram:SpecifiedLegalOrganization>
    <ram:PostalTradeAddress>
     <ram:PostcodeCode>75002</ram:PostcodeCode><ram:LineOne>Place de la Mairie</ram:LineOne>
     <ram:CityName>Saint-Exemple</ram:CityName><ram:CountryID>FR</ram:CountryID>
    </ram:PostalTradeAddress>
   </ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:SpecifiedTradeSettlementPaymentMeans>
    <ram:TypeCode>30</ram:TypeCode>
    <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{iban}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>
   </ram:SpecifiedTradeSettlementPaymentMeans>
   <ram:ApplicableTradeTax>
    <ram:CalculatedAmount>20.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
    <ram:BasisAmount>100.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>
    <ram:RateApplicablePercent>20.00</ram:RateApplicablePercent>
   </ram:ApplicableTradeTax>
   <ram:SpecifiedTradePaymentTerms>
    <ram:DueDateDateTime>
     <udt:DateTimeString format="102">20260215</udt:DateTimeString></ram:DueDateDateTime>
   </ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>100.00</ram:LineTotalAmount>
    <ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>120.00</ram:GrandTotalAmount>
    <ram:DuePayableAmount>120.00</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
""".encode()


@pytest.fixture(autouse=True)
def _guarded(artefacts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation runs for real; the gate is on, for the commune, with no config file."""
    monkeypatch.setenv("DEMAT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DEMAT_COMMUNE_SIRET", COMMUNE)
    for name in ("DEMAT_GUARD", "DEMAT_GUARD_TWO_PERSON", "DEMAT_CHORUS_SIRET"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def store(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("DEMAT_DB", db_url)
    monkeypatch.setenv("DEMAT_DOCUMENTS", str(tmp_path / "documents"))
    with open_store(db_url, documents=tmp_path / "documents") as opened:
        yield opened


@pytest.fixture
def make_invoice() -> Callable[..., bytes]:
    """The invoice builder (:func:`invoice_xml`): tests never import conftest."""
    return invoice_xml
