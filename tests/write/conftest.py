"""Fixtures of the writers' tests: the samples script and an invoice with every field."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from invoices.model import (
    Address,
    AllowanceCharge,
    Attachment,
    Contact,
    CreditTransfer,
    Delivery,
    DirectDebit,
    Identifier,
    Invoice,
    Item,
    ItemAttribute,
    Line,
    LineVat,
    Note,
    Party,
    PaymentInstructions,
    Period,
    PrecedingInvoice,
    Price,
    Totals,
    VatBreakdown,
)
from invoices.write.totals import complete

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "samples"
D = Decimal


@pytest.fixture(scope="session")
def built_samples(make_samples: ModuleType) -> dict[str, bytes]:
    """What the script produces now (built once per session: PDFs take a moment)."""
    return make_samples.build_all()


def _party(name: str, siret: str, vat: str) -> Party:
    return Party(
        name=name,
        trading_name=f"{name} (enseigne)",
        identifiers=(Identifier("SUP-0042"), Identifier("3012345678901", "0088")),
        legal_id=Identifier(siret, "0009"),
        vat_id=vat,
        electronic_address=Identifier(siret, "0009"),
        address=Address(
            line1="1 rue Principale",
            line2="Bâtiment A",
            line3="3e étage",
            city="Lyon",
            postcode="69001",
            subdivision="Rhône",
            country="FR",
        ),
        contact=Contact(name="Jeanne Dupont", phone="+33 4 00 00 00 00", email="jeanne@example.fr"),
    )


def full_invoice(type_code: str = "380") -> Invoice:
    """An invoice that fills (nearly) every term the writers know, amounts consistent."""
    seller = _party("Travaux Martin SAS", "51234567900025", "FR75512345679")
    seller = dataclasses.replace(
        seller, tax_registration_id="12345/678/90", legal_info="SAS au capital de 10 000 €"
    )
    buyer = _party("Commune de Saint-Exemple", "21750011500019", "FR78217500115")
    line_period = Period(date(2026, 3, 1), date(2026, 3, 31))
    invoice = Invoice(
        number="TM-2026-9001",
        issue_date=date(2026, 4, 2),
        type_code=type_code,
        currency="EUR",
        tax_currency="USD",
        tax_point_code="3",  # UNTDID 2005: invoice date
        due_date=date(2026, 5, 2),
        buyer_reference="MAIRIE-FIN",
        project_reference="PRJ-2026-01",
        contract_reference="MAPA-2026-03",
        purchase_order="EJ-2026-000123",
        sales_order="SO-778",
        receiving_advice="REC-12",
        despatch_advice="BL-3344",
        tender_reference="LOT-2",
        invoiced_object=Identifier("OBJ-99", "AAB"),
        buyer_accounting_ref="6063",
        payment_terms="Paiement à 30 jours fin de mois.",
        notes=(
            Note("Note générale.", "AAI"),
            Note("Pénalités de retard : 3 fois le taux légal.", "PMD"),
        ),
        process_id="A1",
        preceding_invoices=(PrecedingInvoice("TM-2026-0001", date(2026, 3, 5)),),
        seller=seller,
        buyer=buyer,
        payee=Party(
            name="Affacturage Exemple",
            identifiers=(Identifier("PAYEE-1"),),
            legal_id=Identifier("40212345900016", "0009"),
        ),
        tax_representative=Party(
            name="Représentant fiscal SA",
            vat_id="FR13402123459",
            address=Address(line1="2 rue du Fisc", city="Paris", postcode="75002", country="FR"),
        ),
        delivery=Delivery(
            party_name="Gymnase municipal",
            location_id=Identifier("LOC-7", "0088"),
            delivery_date=date(2026, 3, 28),
            address=Address(
                line1="Rue du Stade", city="Saint-Exemple", postcode="75011", country="FR"
            ),
        ),
        invoicing_period=Period(date(2026, 3, 1), date(2026, 3, 31)),
        payment=PaymentInstructions(
            means_code="58",
            means_text="Virement SEPA",
            remittance_info="TM-2026-9001",
            credit_transfers=(
                CreditTransfer("FR7630004000031234567890143", "Travaux Martin SAS", "BNPAFRPPXXX"),
                CreditTransfer("CPT-00042", "Travaux Martin SAS"),
            ),
            direct_debit=DirectDebit(
                mandate_reference="MANDAT-1",
                creditor_id="FR12ZZZ123456",
                debited_account="FR7630001000640000000000140",
            ),
        ),
        allowances=(
            AllowanceCharge(
                amount=D("10.00"),
                base_amount=D("100.00"),
                percentage=D("10"),
                vat_category="S",
                vat_rate=D("20.00"),
                reason="Remise",
                reason_code="95",
            ),
        ),
        charges=(
            AllowanceCharge(
                amount=D("5.00"),
                vat_category="S",
                vat_rate=D("20.00"),
                reason="Port",
                reason_code="FC",
            ),
        ),
        vat_breakdown=(
            VatBreakdown(
                category="E",
                rate=D("0"),
                exemption_reason="Exonération article 261 du CGI",
                exemption_code="VATEX-EU-132",
            ),
        ),
        totals=Totals(vat_total_accounting=D("52.10"), prepaid=D("20.00")),
        attachments=(
            Attachment(
                id="ANNEXE-1",
                description="Bon de livraison signé",
                content=b"%PDF-1.4 fake",
                mime_code="application/pdf",
                filename="bl.pdf",
            ),
            Attachment(id="ANNEXE-2", description="Photos", uri="https://example.fr/photos"),
        ),
        lines=(
            Line(
                id="1",
                note="Ligne détaillée",
                object_id=Identifier("OBJ-L1", "AAB"),
                quantity=D("12.5"),
                unit="HUR",
                order_line_ref="3",
                accounting_ref="6063-01",
                period=line_period,
                allowances=(
                    AllowanceCharge(
                        amount=D("5.00"),
                        base_amount=D("50.00"),
                        percentage=D("10"),
                        reason="Remise ligne",
                        reason_code="95",
                    ),
                ),
                charges=(AllowanceCharge(amount=D("2.50"), reason="Emballage", reason_code="ABL"),),
                price=Price(
                    net=D("40.00"),
                    discount=D("2.00"),
                    gross=D("42.00"),
                    base_quantity=D("1"),
                    base_quantity_unit="HUR",
                ),
                vat=LineVat("S", D("20.00")),
                item=Item(
                    name="Main d'oeuvre",
                    description="Pose et réglage",
                    seller_id="MO-1",
                    buyer_id="ACH-1",
                    standard_id=Identifier("3012345678901", "0160"),
                    classifications=(Identifier("45000000", "STI"),),
                    origin_country="FR",
                    attributes=(ItemAttribute("Couleur", "Blanc"),),
                ),
            ),
            Line(
                id="2",
                quantity=D("3"),
                unit="C62",
                price=Price(net=D("8.333")),
                vat=LineVat("E", D("0")),
                item=Item(name="Fourniture exonérée"),
            ),
        ),
    )
    return complete(invoice)


def sparse_invoice() -> Invoice:
    """Only what every profile requires: no optional group may leave an empty shell."""
    return complete(
        Invoice(
            number="S-1",
            issue_date=date(2026, 1, 15),
            type_code="380",
            currency="EUR",
            seller=Party(
                name="Vendeur",
                legal_id=Identifier("40212345900016", "0009"),
                vat_id="FR13402123459",
                address=Address(country="FR"),
            ),
            buyer=Party(name="Acheteur"),
            lines=(
                Line(
                    id="1",
                    quantity=D("1"),
                    unit="C62",
                    price=Price(net=D("10")),
                    vat=LineVat("S", D("20")),
                    item=Item(name="Article"),
                ),
            ),
        )
    )


@pytest.fixture(scope="session")
def full() -> Invoice:
    return full_invoice()


@pytest.fixture(scope="session")
def full_credit_note() -> Invoice:
    return full_invoice("381")


@pytest.fixture(scope="session")
def sparse() -> Invoice:
    return sparse_invoice()
