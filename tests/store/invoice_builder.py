"""The test invoices of the store and guard tests, built once as a model and written by
the library's own writer (:func:`invoices.write.to_cii`).

One builder instead of hand-written XML templates: an invoice that the model can say
is an invoice the writers can write, and its amounts are computed
(:func:`invoices.write.totals.complete`), so they always add up.  Used by
``tests/store/conftest.py`` and ``tests/guard/conftest.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from invoices.model import (
    Address,
    CreditTransfer,
    Identifier,
    Invoice,
    Item,
    Line,
    LineVat,
    Note,
    Party,
    PaymentInstructions,
    Price,
)
from invoices.write import to_cii
from invoices.write.totals import complete

SELLER = "40212345900016"  # Fournitures Durand SARL
OTHER_SELLER = "51234567900025"  # Travaux Martin SAS
BUYER = "21750011500019"  # Commune de Saint-Exemple
USUAL = "FR7630006000011234567890189"
SIRET = "0009"


def build_invoice(
    number: str,
    *,
    seller: str = SELLER,
    buyer: str = BUYER,
    issued: date = date(2026, 1, 15),
    amount: Decimal = Decimal("100.00"),
    note: str = "",
    iban: str | None = None,
) -> Invoice:
    """A small, complete EN 16931 invoice from a supplier to the commune (20 % VAT).

    ``iban``: paid by credit transfer to that account (BT-84), as the guard needs.
    """
    payment = (
        PaymentInstructions(means_code="30", credit_transfers=(CreditTransfer(account_id=iban),))
        if iban
        else None
    )
    invoice = Invoice(
        number=number,
        issue_date=issued,
        type_code="380",
        currency="EUR",
        due_date=date(issued.year, 2, 15) if issued.month == 1 else None,
        buyer_reference="MAIRIE-FIN",
        notes=(Note(text=f"Test {note}"),) if note else (),
        specification_id="urn:cen.eu:en16931:2017",
        seller=Party(
            name="Fournitures Durand SARL",
            legal_id=Identifier(seller, SIRET),
            vat_id="FR13402123459",
            address=Address(
                line1="1 rue du Commerce", city="Paris", postcode="75001", country="FR"
            ),
        ),
        buyer=Party(
            name="Commune de Saint-Exemple",
            legal_id=Identifier(buyer, SIRET),
            address=Address(
                line1="Place de la Mairie", city="Saint-Exemple", postcode="75002", country="FR"
            ),
        ),
        payment=payment,
        lines=(
            Line(
                id="1",
                quantity=Decimal("1"),
                unit="C62",
                price=Price(net=amount),
                vat=LineVat(category="S", rate=Decimal("20.00")),
                item=Item(name="Ramettes de papier"),
            ),
        ),
    )
    return complete(invoice)


def cii_invoice(
    number: str,
    *,
    seller: str = SELLER,
    issued: str = "20260115",
    amount: str = "100.00",
    note: str = "",
) -> bytes:
    """The store tests' invoice as CII (``issued`` as ``YYYYMMDD``)."""
    day = datetime.strptime(issued, "%Y%m%d").date()
    model = build_invoice(number, seller=seller, issued=day, amount=Decimal(amount), note=note)
    return to_cii(model)


def invoice_xml(
    number: str, *, iban: str = USUAL, seller: str = SELLER, buyer: str = BUYER
) -> bytes:
    """The guard tests' invoice as CII: paid by credit transfer to ``iban``."""
    return to_cii(build_invoice(number, seller=seller, buyer=buyer, iban=iban))
