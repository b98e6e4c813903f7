"""Regenerate every file of ``samples/`` from the invoices defined below.

The invoices are defined once, as :mod:`invoices.model` objects addressed to the
seed world of the Chorus Pro emulator (the commune, the public structures, the
three suppliers); each is then written to its syntax by :mod:`invoices.write`.
Amounts are computed by :func:`invoices.write.totals.complete`, so they add up to
the cent.  Dates are fixed, so running this script twice gives the same bytes
(PDFs included: their timestamps come from the invoice's issue date).

    python samples/make_samples.py          # rewrite the samples
    python samples/make_samples.py --check  # exit 1 if a committed sample differs
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from invoices.identifiers.siret import SCHEME as SIRET
from invoices.model import (
    Address,
    AllowanceCharge,
    Contact,
    CreditTransfer,
    Identifier,
    Invoice,
    Item,
    Line,
    LineVat,
    Note,
    Party,
    PaymentInstructions,
    Period,
    PrecedingInvoice,
    Price,
)
from invoices.syntax import Profile
from invoices.write import to_cii, to_facturx_pdf, to_ubl
from invoices.write.totals import complete

HERE = Path(__file__).resolve().parent
D = Decimal

# ------------------------------------------------------------------ the seed world


def _organisation(
    name: str,
    siret: str,
    vat: str | None,
    line1: str,
    postcode: str,
    city: str,
    contact: Contact | None = None,
) -> Party:
    """A French organisation as Chorus Pro routes it: SIRET (scheme 0009) everywhere."""
    return Party(
        name=name,
        legal_id=Identifier(siret, SIRET),
        vat_id=vat,
        electronic_address=Identifier(siret, SIRET),
        address=Address(line1=line1, postcode=postcode, city=city, country="FR"),
        contact=contact,
    )


COMMUNE = _organisation(
    "Commune de Saint-Exemple",
    "21750011500019",
    "FR78217500115",
    "1 place de la Mairie",
    "75011",
    "Saint-Exemple",
    Contact(name="Service finances", phone="+33 1 40 00 00 01", email="finances@saint-exemple.fr"),
)
SYNDICAT_EAUX = _organisation(
    "Syndicat des eaux du Val",
    "21690123100011",
    None,
    "4 rue des Sources",
    "69120",
    "Val-sur-Exemple",
)
CC_COLLINES = _organisation(
    "Communauté de communes des Collines",
    "21130055300016",
    None,
    "12 avenue des Collines",
    "13100",
    "Collines",
)
CCAS = _organisation(
    "Centre communal d'action sociale de Saint-Exemple",
    "21330063500017",
    None,
    "3 place de la Mairie",
    "75011",
    "Saint-Exemple",
)
OPH = _organisation(
    "Office public de l'habitat du Val",
    "21310555400017",
    None,
    "8 boulevard du Val",
    "31000",
    "Val-sur-Exemple",
)
DEPARTEMENT = _organisation(
    "Département de l'Exemple",
    "21440109300015",
    None,
    "Hôtel du Département, 1 quai de l'Exemple",
    "44000",
    "Exemple-Préfecture",
)

DURAND = _organisation(
    "Fournitures Durand SARL",
    "40212345900016",
    "FR13402123459",
    "15 rue du Commerce",
    "75015",
    "Paris",
    Contact(
        name="Claire Durand", phone="+33 1 45 00 00 15", email="facturation@durand-fournitures.fr"
    ),
)
MARTIN = _organisation(
    "Travaux Martin SAS",
    "51234567900025",
    "FR75512345679",
    "ZA des Artisans, 2 rue du Chantier",
    "69200",
    "Vénissieux",
    Contact(name="Paul Martin", phone="+33 4 72 00 00 25", email="compta@travaux-martin.fr"),
)
LEROY = _organisation(
    "Informatique Leroy SA",
    "80298765100014",
    "FR72802987651",
    "40 cours de l'Innovation",
    "44200",
    "Nantes",
    Contact(
        name="Service clients", phone="+33 2 40 00 00 14", email="factures@leroy-informatique.fr"
    ),
)

#: IBANs with valid check digits (FR76 bank 30006, fictitious accounts).
IBANS = {
    "durand": "FR7630006000011234567890189",
    "martin": "FR7630004000031234567890143",
    "leroy": "FR7610107001011234567890129",
    "commune": "FR7630001000640000000000140",
}


def _transfer(who: str, name: str) -> PaymentInstructions:
    return PaymentInstructions(
        means_code="30",
        remittance_info=None,
        credit_transfers=(CreditTransfer(account_id=IBANS[who], account_name=name),),
    )


def _line(
    n: int,
    name: str,
    quantity: str,
    unit: str,
    price: str,
    rate: str = "20.00",
    category: str = "S",
    seller_id: str | None = None,
    allowances: tuple[AllowanceCharge, ...] = (),
) -> Line:
    """A line priced per unit; its net amount (BT-131) is computed by ``complete``."""
    return Line(
        id=str(n),
        quantity=D(quantity),
        unit=unit,
        price=Price(net=D(price)),
        vat=LineVat(category=category, rate=D(rate)),
        item=Item(name=name, seller_id=seller_id),
        allowances=allowances,
    )


def _invoice(**fields: Any) -> Invoice:
    """An invoice in euros (BT-3 380 unless given), its amounts computed to the cent."""
    fields.setdefault("type_code", "380")
    fields.setdefault("currency", "EUR")
    return complete(Invoice(**fields))


# ------------------------------------------------------------------ the invoices

UBL_INVOICE = _invoice(
    number="FD-2026-0001",
    issue_date=date(2026, 3, 2),
    due_date=date(2026, 4, 1),
    buyer_reference="MAIRIE-FIN",
    purchase_order="BC-2026-0042",
    notes=(Note("Fournitures de bureau pour les services municipaux."),),
    seller=DURAND,
    buyer=COMMUNE,
    payment=_transfer("durand", "Fournitures Durand SARL"),
    payment_terms="Paiement à 30 jours, virement. Pas d'escompte pour paiement anticipé.",
    lines=(
        _line(
            1, "Ramette papier A4 80 g (500 feuilles)", "40", "C62", "4.35", seller_id="PAP-A4-80"
        ),
        _line(2, "Stylo bille bleu (boîte de 50)", "6", "C62", "17.90", seller_id="STY-B50"),
        _line(3, "Classeur à levier dos 80 mm", "25", "C62", "3.12", seller_id="CLA-80"),
    ),
    allowances=(
        AllowanceCharge(
            amount=D("10.00"),
            reason="Remise fidélité",
            reason_code="95",
            vat_category="S",
            vat_rate=D("20.00"),
        ),
    ),
)

UBL_CREDIT_NOTE = _invoice(
    number="FD-2026-0002",
    type_code="381",
    issue_date=date(2026, 3, 9),
    buyer_reference="MAIRIE-FIN",
    purchase_order="BC-2026-0042",
    notes=(Note("Avoir : retour de 2 boîtes de stylos endommagées à la livraison."),),
    preceding_invoices=(PrecedingInvoice("FD-2026-0001", date(2026, 3, 2)),),
    seller=DURAND,
    buyer=COMMUNE,
    payment=_transfer("durand", "Fournitures Durand SARL"),
    lines=(
        _line(
            1, "Stylo bille bleu (boîte de 50), retour", "2", "C62", "17.90", seller_id="STY-B50"
        ),
    ),
)

CII_EN16931 = _invoice(
    number="TM-2026-0001",
    issue_date=date(2026, 3, 5),
    due_date=date(2026, 4, 4),
    seller=MARTIN,
    buyer=SYNDICAT_EAUX,  # requires neither a service code nor an engagement number
    notes=(Note("Réparation de canalisation, station de pompage nord."),),
    invoicing_period=Period(date(2026, 2, 16), date(2026, 2, 20)),
    payment=_transfer("martin", "Travaux Martin SAS"),
    payment_terms="Paiement à 30 jours.",
    lines=(
        _line(1, "Main d'oeuvre plombier", "32", "HUR", "48.00"),
        _line(2, "Tuyau PEHD diamètre 110, au mètre", "18.5", "MTR", "23.40"),
        _line(3, "Raccords et colliers", "1", "C62", "186.25"),
    ),
    charges=(
        AllowanceCharge(
            amount=D("65.00"),
            reason="Déplacement",
            reason_code="FC",
            vat_category="S",
            vat_rate=D("20.00"),
        ),
    ),
)

CHORUS_SERVICE_ENGAGEMENT = _invoice(
    number="IL-2026-0001",
    issue_date=date(2026, 3, 10),
    due_date=date(2026, 4, 9),
    seller=LEROY,
    buyer=DEPARTEMENT,
    buyer_reference="DEP-ACHATS",  # BT-10: Chorus Pro service code
    purchase_order="EJ-2026-000123",  # BT-13: Chorus Pro engagement number
    notes=(Note("Le Département exige le code service et le numéro d'engagement."),),
    payment=_transfer("leroy", "Informatique Leroy SA"),
    payment_terms="Paiement à 30 jours.",
    lines=(
        _line(1, "Ordinateur portable 14 pouces", "12", "C62", "689.00", seller_id="PC-14"),
        _line(2, "Station d'accueil USB-C", "12", "C62", "129.90", seller_id="DOCK-C"),
        _line(3, "Installation et paramétrage", "6", "HUR", "75.00"),
    ),
)

FACTURX_MINIMUM = _invoice(
    number="SE-2026-0001",
    issue_date=date(2026, 3, 3),
    due_date=date(2026, 4, 2),
    seller=COMMUNE,
    buyer=SYNDICAT_EAUX,
    buyer_reference="FACTURES_PUBLIQUES",
    payment=_transfer("commune", "Commune de Saint-Exemple"),
    lines=(
        _line(1, "Location de la salle polyvalente (assemblée générale)", "1", "DAY", "350.00"),
    ),
)

FACTURX_BASIC_WL = _invoice(
    number="TM-2026-0002",
    issue_date=date(2026, 3, 12),
    due_date=date(2026, 4, 11),
    seller=MARTIN,
    buyer=OPH,
    purchase_order="EJ-2026-000789",
    notes=(Note("Travaux de peinture, résidence Les Tilleuls, bâtiment B."),),
    payment=_transfer("martin", "Travaux Martin SAS"),
    payment_terms="Paiement à 30 jours.",
    lines=(
        _line(1, "Peinture cage d'escalier", "145", "MTK", "18.50", rate="10.00"),
        _line(2, "Protection et nettoyage de chantier", "1", "C62", "240.00", rate="10.00"),
    ),
)

FACTURX_BASIC = _invoice(
    number="IL-2026-0002",
    issue_date=date(2026, 3, 13),
    due_date=date(2026, 4, 12),
    seller=LEROY,
    buyer=CCAS,
    purchase_order="EJ-2026-000456",
    payment=_transfer("leroy", "Informatique Leroy SA"),
    payment_terms="Paiement à 30 jours.",
    lines=(
        _line(1, "Tablette tactile 10 pouces", "8", "C62", "249.00"),
        _line(2, "Coque de protection", "8", "C62", "19.90"),
        _line(3, "Forfait livraison", "1", "C62", "15.00"),
    ),
)

FACTURX_EN16931 = _invoice(
    number="FD-2026-0003",
    issue_date=date(2026, 3, 16),
    due_date=date(2026, 4, 15),
    seller=DURAND,
    buyer=CC_COLLINES,
    buyer_reference="CC-FIN",
    purchase_order="BC-CC-2026-007",
    notes=(Note("Fournitures pour la rentrée des services techniques."),),
    payment=_transfer("durand", "Fournitures Durand SARL"),
    payment_terms="Paiement à 30 jours.",
    lines=(
        _line(1, "Ramette papier A4 recyclé", "60", "C62", "4.10", seller_id="PAP-A4-R"),
        _line(2, "Agenda 2026-2027", "15", "C62", "12.60", seller_id="AGD-26"),
        _line(
            3, "Manuel de sécurité (livre)", "10", "C62", "21.00", rate="5.50", seller_id="LIV-SEC"
        ),
    ),
)

FACTURX_EXTENDED = _invoice(
    number="TM-2026-0003",
    issue_date=date(2026, 3, 20),
    due_date=date(2026, 4, 19),
    seller=MARTIN,
    buyer=COMMUNE,
    buyer_reference="MAIRIE-FIN",
    purchase_order="BC-2026-0057",
    contract_reference="MAPA-2025-12",
    notes=(Note("Remplacement de l'éclairage du gymnase municipal."),),
    invoicing_period=Period(date(2026, 3, 9), date(2026, 3, 13)),
    payment=_transfer("martin", "Travaux Martin SAS"),
    payment_terms="Paiement à 30 jours.",
    lines=(
        _line(
            1,
            "Luminaire LED 150 W",
            "24",
            "C62",
            "212.00",
            allowances=(
                AllowanceCharge(amount=D("254.40"), reason="Remise quantité", reason_code="95"),
            ),
        ),
        _line(2, "Pose par électricien", "28", "HUR", "52.00"),
        _line(3, "Reprise et recyclage des anciens luminaires", "24", "C62", "6.50"),
    ),
)

# ------------------------------------------------------------------ broken ones


def _bad_totals() -> Invoice:
    """BR-CO-15: BT-112 must equal BT-109 + BT-110; here it (and BT-115) is one euro off."""
    totals = CII_EN16931.totals
    assert totals.tax_inclusive is not None and totals.payable is not None
    wrong = dataclasses.replace(
        totals, tax_inclusive=totals.tax_inclusive + 1, payable=totals.payable + 1
    )
    return dataclasses.replace(CII_EN16931, number="TM-2026-0004", totals=wrong)


def _xsd_error() -> bytes:
    """A CII whose document type code comes before its number: the XSD order is broken."""
    good = to_cii(dataclasses.replace(CII_EN16931, number="TM-2026-0005"), Profile.EN16931)
    number = b"<ram:ID>TM-2026-0005</ram:ID>\n    "
    type_code = b"<ram:TypeCode>380</ram:TypeCode>\n    "
    assert number + type_code in good
    return good.replace(number + type_code, type_code + number, 1)


def _hand_written(name: str) -> Callable[[], bytes]:
    """A hostile document written by hand (an XXE, a billion laughs): it is data, kept
    as the file itself; only the documents our writers produce are regenerated."""
    return lambda: (HERE / name).read_bytes()


def _corrupt_pdf() -> bytes:
    """A Factur-X PDF cut in the middle (as an interrupted download leaves it)."""
    pdf = to_facturx_pdf(dataclasses.replace(FACTURX_BASIC, number="IL-2026-0003"), Profile.BASIC)
    return pdf[: len(pdf) // 2]


# ------------------------------------------------------------------ the files

#: Relative path -> how to produce its bytes.  Good ones first, broken ones after.
SAMPLES: dict[str, Callable[[], bytes]] = {
    "ubl-invoice.xml": lambda: to_ubl(UBL_INVOICE),
    "ubl-credit-note.xml": lambda: to_ubl(UBL_CREDIT_NOTE),
    "cii-en16931.xml": lambda: to_cii(CII_EN16931, Profile.EN16931),
    "chorus-service-engagement.xml": lambda: to_cii(CHORUS_SERVICE_ENGAGEMENT, Profile.EN16931),
    "facturx-minimum.pdf": lambda: to_facturx_pdf(FACTURX_MINIMUM, Profile.MINIMUM),
    "facturx-basicwl.pdf": lambda: to_facturx_pdf(FACTURX_BASIC_WL, Profile.BASIC_WL),
    "facturx-basic.pdf": lambda: to_facturx_pdf(FACTURX_BASIC, Profile.BASIC),
    "facturx-en16931.pdf": lambda: to_facturx_pdf(FACTURX_EN16931, Profile.EN16931),
    "facturx-extended.pdf": lambda: to_facturx_pdf(FACTURX_EXTENDED, Profile.EXTENDED),
    "broken/xsd-error.xml": _xsd_error,
    "broken/br-co-15-totals.xml": lambda: to_cii(_bad_totals(), Profile.EN16931),
    "broken/xxe.xml": _hand_written("broken/xxe.xml"),
    "broken/billion-laughs.xml": _hand_written("broken/billion-laughs.xml"),
    "broken/corrupt.pdf": _corrupt_pdf,
}

#: The model each good sample was written from (tests read them back and compare).
MODELS: dict[str, tuple[Invoice, Profile]] = {
    "ubl-invoice.xml": (UBL_INVOICE, Profile.EN16931),
    "ubl-credit-note.xml": (UBL_CREDIT_NOTE, Profile.EN16931),
    "cii-en16931.xml": (CII_EN16931, Profile.EN16931),
    "chorus-service-engagement.xml": (CHORUS_SERVICE_ENGAGEMENT, Profile.EN16931),
    "facturx-minimum.pdf": (FACTURX_MINIMUM, Profile.MINIMUM),
    "facturx-basicwl.pdf": (FACTURX_BASIC_WL, Profile.BASIC_WL),
    "facturx-basic.pdf": (FACTURX_BASIC, Profile.BASIC),
    "facturx-en16931.pdf": (FACTURX_EN16931, Profile.EN16931),
    "facturx-extended.pdf": (FACTURX_EXTENDED, Profile.EXTENDED),
}


def build_all() -> dict[str, bytes]:
    return {name: make() for name, make in SAMPLES.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare with the files on disk instead of writing them",
    )
    args = parser.parse_args(argv)
    stale = []
    for name, data in build_all().items():
        path = HERE / name
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(HERE.parent)} ({len(data)} bytes)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
