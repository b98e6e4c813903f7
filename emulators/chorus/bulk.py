"""Invoices that suppliers "deposited" elsewhere, addressed to a recipient we play.

The recipient side of a commune is tested with many invoices (paging over 250, the
``demat receive`` cursor...).  Each generated invoice carries a real UBL 2.1 file built
from its data, so that downloading and ingesting it exercise the same code as a real
one, and it enters the platform through the same integration path as a deposit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from emulators.chorus.extract import read_member
from emulators.chorus.integration import check, create_invoice, existing_keys
from emulators.chorus.world import Invoice, World
from invoices.model import (
    Address,
    CreditTransfer,
    Identifier,
    Item,
    Line,
    LineVat,
    Party,
    PaymentInstructions,
    Price,
)
from invoices.model import Invoice as Model
from invoices.syntax.ubl.write import SPECIFICATION_ID, to_ubl
from invoices.write.totals import complete

ITEMS = (
    "Fournitures de bureau",
    "Entretien des espaces verts",
    "Maintenance informatique",
    "Travaux de voirie",
    "Produits d'entretien",
    "Location de matériel",
)


def _party(party: Mapping[str, Any]) -> Party:
    address = party.get("address", {})
    siret = Identifier(party["siret"], "0009")
    return Party(
        name=party["designation"],
        identifiers=(siret,),
        legal_id=siret,
        vat_id=party.get("vat"),
        address=Address(
            line1=address.get("adresse") or "-",
            city=address.get("ville") or "-",
            postcode=address.get("codePostal") or "00000",
            country="FR",
        ),
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
    """A one-line UBL 2.1 invoice at 20 % VAT, written by the project's own writer
    from the model, its amounts computed by :func:`invoices.write.totals.complete`."""
    seller = _party(supplier)
    if not seller.vat_id:
        seller = replace(seller, vat_id="FR00000000000")
    invoice = Model(
        number=number,
        issue_date=issue,
        type_code="380",
        currency="EUR",
        due_date=issue + timedelta(days=30),
        buyer_reference=service,
        purchase_order=engagement,
        process_id="A1",
        specification_id=SPECIFICATION_ID,
        payment_terms="Paiement à 30 jours",
        seller=seller,
        buyer=_party(recipient),
        payment=PaymentInstructions(
            means_code="30",
            credit_transfers=(CreditTransfer(account_id="FR7630006000011234567890189"),),
        ),
        lines=(
            Line(
                id="1",
                quantity=Decimal(quantity),
                unit="C62",
                price=Price(net=price),
                vat=LineVat(category="S", rate=Decimal("20.00")),
                item=Item(name=item),
            ),
        ),
    )
    return to_ubl(complete(invoice))


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
