"""One invoice ("demande de paiement") of a flow, as the platform reads it.

Plain data shared by the extraction (which fills it), the integration checks (which
judge it) and the world (which keeps its lines and VAT breakdown for the views).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


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
    """The routing and control data of one invoice."""

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
