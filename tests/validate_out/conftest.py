"""Fixtures of the Chorus rules and report outputs tests.

Documents are built here from :class:`invoices.model.Invoice` objects, in a small
dataclass with the attributes of the readers' ``ReadResult`` (name, data, sha256,
detection, invoice, structured, tree), so the rules are tested on exactly the
invoice they are meant to judge.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from invoices.model import (
    Address,
    CreditTransfer,
    Identifier,
    Invoice,
    Party,
    PaymentInstructions,
    Totals,
)
from invoices.syntax import Detection, Profile, Syntax
from invoices.validation.structures import Structures

HERE = Path(__file__).resolve().parent


@dataclass
class Doc:
    name: str
    data: bytes
    sha256: str
    detection: Detection
    invoice: Invoice | None
    structured: bool = True
    tree: Any = None


def good_invoice(**changes: Any) -> Invoice:
    """An invoice from a seed supplier to the Département that Chorus Pro accepts."""
    invoice = Invoice(
        number="FA-2026-0042",
        issue_date=date(2026, 3, 2),
        type_code="380",
        currency="EUR",
        buyer_reference="DEP-ACHATS",
        purchase_order="EJ-2026-000123",
        process_id="A1",
        seller=Party(
            name="Fournitures Durand SARL",
            legal_id=Identifier("40212345900016", "0009"),
            vat_id="FR13402123459",
            address=Address(city="Lyon", postcode="69001", country="FR"),
        ),
        buyer=Party(
            name="Département de l'Exemple",
            legal_id=Identifier("21440109300015", "0009"),
            address=Address(city="Exemple", postcode="44000", country="FR"),
        ),
        payment=PaymentInstructions(
            means_code="30",
            credit_transfers=(CreditTransfer(account_id="FR7630006000011234567890189"),),
        ),
        totals=Totals(
            tax_exclusive=Decimal("100.00"),
            vat_total=Decimal("20.00"),
            tax_inclusive=Decimal("120.00"),
            payable=Decimal("120.00"),
        ),
    )
    return dataclasses.replace(invoice, **changes)


def make_doc(
    invoice: Invoice | None,
    *,
    syntax: Syntax = Syntax.CII,
    profile: Profile = Profile.EN16931,
    data: bytes = b"<invoice/>",
    name: str = "facture.xml",
) -> Doc:
    return Doc(
        name=name,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        detection=Detection(syntax=syntax, profile=profile),
        invoice=invoice,
        structured=invoice is not None,
    )


@pytest.fixture(scope="session")
def doc() -> Callable[..., Doc]:
    """``doc(invoice=None, **options)``: a document; the good invoice by default."""

    def build(invoice: Invoice | None = None, **options: Any) -> Doc:
        return make_doc(invoice if invoice is not None else good_invoice(), **options)

    return build


@pytest.fixture(scope="session")
def invoice() -> Callable[..., Invoice]:
    """``invoice(**changes)``: the good invoice with some fields replaced."""
    return good_invoice


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return HERE / "seed_structures.json"


@pytest.fixture(scope="session")
def seed(seed_path: Path) -> Structures:
    return Structures.load(seed_path)
