"""Invoices that suppliers "deposited" elsewhere, addressed to a recipient we play.

The recipient side of a commune is tested with many invoices (paging over 250, the
``demat receive`` cursor...).  Each generated invoice carries a real UBL 2.1 file built
from its data by the emulator's own builder (:mod:`.ubl_builder`), so that downloading
and ingesting it exercise the same code as a real one, and it enters the platform
through the same integration path as a deposit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from emulators.chorus.entities import Invoice
from emulators.chorus.extract import read_member
from emulators.chorus.integration import check, create_invoice, existing_keys
from emulators.chorus.ubl_builder import ubl_invoice
from emulators.chorus.works import make_works
from emulators.chorus.world import World

ITEMS = (
    "Fournitures de bureau",
    "Entretien des espaces verts",
    "Maintenance informatique",
    "Travaux de voirie",
    "Produits d'entretien",
    "Location de matériel",
)


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
    works_type: str | None = None,
    moe: str | None = None,
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
    moe_structure = world.structures.get(moe) if moe else None
    if moe and moe_structure is None:
        raise ValueError(f"unknown maître d'oeuvre SIRET {moe}")
    if moe and not works_type:
        raise ValueError("a maître d'oeuvre goes with a works invoice (works_type)")
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
        if works_type and moe_structure is not None:
            # Not routed to the commune yet: its maître d'oeuvre has it first.
            make_works(world, invoice, works_type, moe_structure, at)
            made.append(invoice)
            continue
        if works_type:
            make_works(world, invoice, works_type, None, at)
        world.set_status(invoice, "EN_COURS_ACHEMINEMENT", at)
        world.set_status(invoice, "MISE_A_DISPOSITION", at)
        if status != "MISE_A_DISPOSITION":
            world.set_status(invoice, status, at)
        made.append(invoice)
    return made
