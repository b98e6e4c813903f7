"""The seller identity two invoices must share to be duplicates of each other.

Duplicate detection compares seller, number and year; the seller is named by the
strongest identifier the invoice gives, with its kind in front, so a SIREN never
equals a VAT number by accident.  The key is stored with every invoice: its
spelling must not change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from invoices.identifiers import siret

if TYPE_CHECKING:
    from invoices.model import Party


def seller_key(seller: Party) -> str | None:
    """The SIRET when there is one (what Chorus Pro routes on), else the legal id, the
    VAT id, another id, the name; ``None`` when the invoice names no seller at all."""
    if seller.siret:
        return f"{siret.SCHEME}:{seller.siret}"
    if seller.legal_id is not None and seller.legal_id.value:
        return f"{seller.legal_id.scheme or 'legal'}:{seller.legal_id.value}"
    if seller.vat_id:
        return f"vat:{seller.vat_id}"
    for ident in seller.identifiers:
        if ident.value:
            return f"{ident.scheme or 'id'}:{ident.value}"
    if seller.name:
        return f"name:{seller.name.strip().casefold()}"
    return None
