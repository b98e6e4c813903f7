"""Fixtures of the emulator tests: a running emulator, an API caller, invoice builders.

Everything goes over real loopback HTTP with httpx: the emulator is started in-process
(``Emulator.start(port=0)``) with a frozen clock, so a test moves time explicitly and
never waits for it.
"""

from __future__ import annotations

import base64
import io
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from connectors.chorus import swagger
from emulators.chorus import Emulator
from emulators.chorus.views import simple_pdf

COMMUNE = "21750011500019"
SYNDICAT = "21690123100011"
COLLINES = "21130055300016"  # service code required
CCAS = "21330063500017"  # engagement required
OPH = "21310555400017"  # service OR engagement
DEPARTEMENT = "21440109300015"  # service AND engagement
ANCIEN = "21670482500019"  # inactive
DURAND = "40212345900016"
MARTIN = "51234567900025"
LEROY = "80298765100014"

CII = """<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    {cadre}
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID>
      </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>{number}</ram:ID>
    <ram:TypeCode>{type_code}</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">{date}</udt:DateTimeString>
      </ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID>
        </ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>Prestation</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice>
        <ram:ChargeAmount>100.00</ram:ChargeAmount></ram:NetPriceProductTradePrice>
        </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>
        </ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode>
          <ram:CategoryCode>S</ram:CategoryCode>
          <ram:RateApplicablePercent>20.00</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation>
          <ram:LineTotalAmount>100.00</ram:LineTotalAmount>
          </ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      {service}
      <ram:SellerTradeParty>
        <ram:Name>Vendeur</ram:Name>
        {seller_legal}
        <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR78217500115</ram:ID>
          </ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>Acheteur</ram:Name>
        {buyer_legal}
      </ram:BuyerTradeParty>
      {engagement}
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:TypeCode>{means}</ram:TypeCode>
        {iban}
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:ApplicableTradeTax>
        <ram:CalculatedAmount>20.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
        <ram:BasisAmount>100.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>
        <ram:RateApplicablePercent>20.00</ram:RateApplicablePercent>
      </ram:ApplicableTradeTax>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>100.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>120.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount>{payable}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""

UBL = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  {cadre}
  <cbc:ID>{number}</cbc:ID>
  <cbc:IssueDate>{date}</cbc:IssueDate>
  <cbc:InvoiceTypeCode>{type_code}</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  {service}
  {engagement}
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyLegalEntity>
      <cbc:RegistrationName>Vendeur</cbc:RegistrationName>{seller_legal}</cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyLegalEntity>
      <cbc:RegistrationName>Acheteur</cbc:RegistrationName>{buyer_legal}</cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>{means}</cbc:PaymentMeansCode>{iban}</cac:PaymentMeans>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">20.00</cbc:TaxAmount>
    <cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">100.00</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">20.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme>
        <cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">120.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{payable}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Prestation</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>
      <cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">100.00</cbc:PriceAmount></cac:Price>
      </cac:InvoiceLine>
</Invoice>
"""


def cii(
    number: str = "F-2026-0001",
    *,
    seller: str | None = COMMUNE,
    buyer: str | None = SYNDICAT,
    service: str | None = None,
    engagement: str | None = None,
    date: str = "20260315",
    cadre: str | None = "A1",
    type_code: str = "380",
    means: str = "30",
    iban: str | None = "FR7630006000011234567890189",
    payable: str | None = "120.00",
    scheme: str = "0009",
) -> bytes:
    """A CII D16B invoice; every routing field can be set or left out."""
    values = {
        "number": number,
        "date": date,
        "type_code": type_code,
        "means": means,
        "payable": payable or "",
        "cadre": (
            "<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>"
            f"{cadre}</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>"
        )
        if cadre
        else "",
        "service": f"<ram:BuyerReference>{service}</ram:BuyerReference>" if service else "",
        "engagement": (
            "<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>"
            f"{engagement}</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>"
        )
        if engagement
        else "",
        "seller_legal": (
            f'<ram:SpecifiedLegalOrganization><ram:ID schemeID="{scheme}">{seller}</ram:ID>'
            "</ram:SpecifiedLegalOrganization>"
        )
        if seller
        else "",
        "buyer_legal": (
            f'<ram:SpecifiedLegalOrganization><ram:ID schemeID="{scheme}">{buyer}</ram:ID>'
            "</ram:SpecifiedLegalOrganization>"
        )
        if buyer
        else "",
        "iban": (
            f"<ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{iban}</ram:IBANID>"
            "</ram:PayeePartyCreditorFinancialAccount>"
        )
        if iban
        else "",
    }
    text = CII.format(**values)
    if payable is None:
        text = text.replace("<ram:DuePayableAmount></ram:DuePayableAmount>", "")
    return text.encode("utf-8")


def ubl(
    number: str = "F-2026-0001",
    *,
    seller: str | None = COMMUNE,
    buyer: str | None = SYNDICAT,
    service: str | None = None,
    engagement: str | None = None,
    date: str = "2026-03-15",
    cadre: str | None = "A1",
    type_code: str = "380",
    means: str = "30",
    iban: str | None = "FR7630006000011234567890189",
    payable: str = "120.00",
) -> bytes:
    """A UBL 2.1 invoice; every routing field can be set or left out."""
    values = {
        "number": number,
        "date": date,
        "type_code": type_code,
        "means": means,
        "payable": payable,
        "cadre": f"<cbc:ProfileID>{cadre}</cbc:ProfileID>" if cadre else "",
        "service": f"<cbc:BuyerReference>{service}</cbc:BuyerReference>" if service else "",
        "engagement": f"<cac:OrderReference><cbc:ID>{engagement}</cbc:ID></cac:OrderReference>"
        if engagement
        else "",
        "seller_legal": f'<cbc:CompanyID schemeID="0009">{seller}</cbc:CompanyID>'
        if seller
        else "",
        "buyer_legal": f'<cbc:CompanyID schemeID="0009">{buyer}</cbc:CompanyID>' if buyer else "",
        "iban": f"<cac:PayeeFinancialAccount><cbc:ID>{iban}</cbc:ID></cac:PayeeFinancialAccount>"
        if iban
        else "",
    }
    return UBL.format(**values).encode("utf-8")


def facturx(xml: bytes | None = None) -> bytes:
    """A Factur-X PDF (EN16931 profile) carrying ``xml`` (a CII invoice)."""
    import facturx as lib

    pdf = simple_pdf(["Facture (Factur-X de test)"])
    out = lib.generate_from_binary(
        pdf, xml or cii(), flavor="factur-x", level="en16931", check_xsd=False
    )
    return bytes(out)


def tar_gz(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


SYNTAX_OF = {
    "cii": "IN_DP_E1_CII_16B",
    "ubl": "IN_DP_E1_UBL_INVOICE",
    "facturx": "IN_DP_E2_CII_FACTURX",
}


@dataclass
class Api:
    """A thin caller: token and ``cpro-account`` on every call, answers checked vs the Swagger."""

    emulator: Emulator
    http: httpx.Client
    token: str = ""
    login: str = "TECH_DEMAT_01@cpro.fr"
    password: str = "Demat-Emulator-2026!"

    def new_token(self) -> str:
        answer = self.http.post(
            "/api/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "demat-emulator-client",
                "client_secret": "demat-emulator-secret",
                "scope": "openid",
            },
        )
        assert answer.status_code == 200, answer.text
        self.token = answer.json()["access_token"]
        return self.token

    def headers(self) -> dict[str, str]:
        account = base64.b64encode(f"{self.login}:{self.password}".encode()).decode()
        return {"Authorization": f"Bearer {self.token}", "cpro-account": account}

    def raw(self, operation: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        if not self.token:
            self.new_token()
        return self.http.post(
            f"/cpro/{operation}",
            json={} if body is None else body,
            headers=self.headers(),
            **kwargs,
        )

    def call(self, operation: str, body: Any = None) -> dict[str, Any]:
        """POST and return the JSON of an HTTP 200; ``factures`` answers must fit the Swagger."""
        answer = self.raw(operation, body)
        if answer.status_code == 401 and "token expired" in answer.headers.get(
            "WWW-Authenticate", ""
        ):
            self.new_token()  # as a real client does once, after the emulator clock moved on
            answer = self.raw(operation, body)
        assert answer.status_code == 200, (answer.status_code, answer.text)
        data = answer.json()
        if operation.startswith("factures/"):
            problems = swagger.response_errors("/cpro/" + operation, data, strict=True)
            assert not problems, (operation, problems)
        return data

    def deposit(self, data: bytes, syntax: str = "cii", name: str | None = None) -> str:
        answer = self.call(
            "factures/v1/deposer/flux",
            {
                "fichierFlux": base64.b64encode(data).decode(),
                "nomFichier": name or f"facture.{syntax}",
                "syntaxeFlux": SYNTAX_OF.get(syntax, syntax),
                "avecSignature": False,
            },
        )
        assert answer["codeRetour"] == 0, answer
        return answer["numeroFluxDepot"]

    def flow(self, numero: str) -> dict[str, Any]:
        return self.call("transverses/v1/consulterCRDetaille", {"numeroFluxDepot": numero})

    def integrate(self, data: bytes, syntax: str = "cii") -> dict[str, Any]:
        """Deposit, let the platform finish, and return the final CR."""
        numero = self.deposit(data, syntax)
        self.emulator.process()
        return {"numeroFluxDepot": numero, **self.flow(numero)}

    def invoices_of(self, numero: str) -> list[dict[str, Any]]:
        answer = self.call("factures/v1/rechercher/fournisseur", {"numeroFluxDepot": numero})
        return answer.get("listeFactures", [])

    def journal(self, operation: str | None = None) -> list[dict[str, Any]]:
        params = {"operation": operation} if operation else {}
        return self.http.get("/__emulator/journal", params=params).json()["entries"]

    def control(self, method: str, path: str, body: Any = None) -> httpx.Response:
        return self.http.request(method, f"/__emulator/{path}", json=body)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator.start(port=0, config={"clock_scale": 0}) as running:
        yield running


@pytest.fixture
def api(emulator: Emulator) -> Iterator[Api]:
    # verify=False: plain HTTP on loopback; it spares loading the CA bundle for every test.
    with httpx.Client(base_url=emulator.base_url, timeout=10, verify=False) as http:
        yield Api(emulator=emulator, http=http)


@pytest.fixture
def build() -> Any:
    """The invoice builders and the seed's SIRETs (tests never import conftest)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        cii=cii,
        ubl=ubl,
        facturx=facturx,
        tar_gz=tar_gz,
        COMMUNE=COMMUNE,
        SYNDICAT=SYNDICAT,
        COLLINES=COLLINES,
        CCAS=CCAS,
        OPH=OPH,
        DEPARTEMENT=DEPARTEMENT,
        ANCIEN=ANCIEN,
        DURAND=DURAND,
        MARTIN=MARTIN,
        LEROY=LEROY,
    )
