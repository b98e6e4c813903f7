"""Model -> UN/CEFACT CII (Factur-X 1.0 / CII D16B), in any of the five Factur-X profiles.

The profile decides BT-24 (:data:`invoices.facturx.profiles.SPECIFICATION_IDS`) and
which elements are written (the ``min`` ranks of :mod:`.elements`): what a lower
profile cannot carry is left out, so the document stays valid against that
profile's XSD.  Invoice lines only exist from BASIC on.
"""

from __future__ import annotations

import dataclasses

from invoices.facturx.profiles import PROFILES, SPECIFICATION_IDS
from invoices.model import Invoice
from invoices.syntax.builder import Builder
from invoices.syntax.cii import elements
from invoices.syntax.kinds import Profile

__all__ = ["PROFILES", "SPECIFICATION_IDS", "to_cii"]

_RANKS: dict[Profile, int] = {
    Profile.MINIMUM: elements.MINIMUM,
    Profile.BASIC_WL: elements.BASIC_WL,
    Profile.BASIC: elements.BASIC,
    Profile.EN16931: elements.EN16931,
    Profile.EXTENDED: elements.EXTENDED,
}

_BUILDER = Builder(elements.NSMAP)


def to_cii(invoice: Invoice, profile: Profile = Profile.EN16931) -> bytes:
    """The invoice as CII XML bytes (UTF-8, with declaration) in ``profile``."""
    if profile not in _RANKS:
        raise ValueError(
            f"CII cannot be written in profile {profile!r}; "
            f"expected one of {[p.value for p in PROFILES]}"
        )
    invoice = dataclasses.replace(invoice, specification_id=SPECIFICATION_IDS[profile])
    return _BUILDER.build(elements.CII, invoice, rank=_RANKS[profile])
