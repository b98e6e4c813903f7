"""Model -> UN/CEFACT CII (Factur-X 1.0 / CII D16B), in any of the five Factur-X profiles.

The profile decides BT-24 and which elements are written (see ``cii_spec``):
what a lower profile cannot carry is left out, so the document stays valid
against that profile's XSD.  Invoice lines only exist from BASIC on.
"""

from __future__ import annotations

import dataclasses

from invoices.detect import Profile
from invoices.model import Invoice
from invoices.write import cii_spec
from invoices.write.tree import Builder

#: BT-24 of each Factur-X profile, as the Factur-X 1.0 specification spells it.
SPECIFICATION_IDS: dict[Profile, str] = {
    Profile.MINIMUM: "urn:factur-x.eu:1p0:minimum",
    Profile.BASIC_WL: "urn:factur-x.eu:1p0:basicwl",
    Profile.BASIC: "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
    Profile.EN16931: "urn:cen.eu:en16931:2017",
    Profile.EXTENDED: "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
}

_RANKS: dict[Profile, int] = {
    Profile.MINIMUM: cii_spec.MINIMUM,
    Profile.BASIC_WL: cii_spec.BASIC_WL,
    Profile.BASIC: cii_spec.BASIC,
    Profile.EN16931: cii_spec.EN16931,
    Profile.EXTENDED: cii_spec.EXTENDED,
}

PROFILES: tuple[Profile, ...] = tuple(_RANKS)

_BUILDER = Builder(cii_spec.NSMAP)


def to_cii(invoice: Invoice, profile: Profile = Profile.EN16931) -> bytes:
    """The invoice as CII XML bytes (UTF-8, with declaration) in ``profile``."""
    if profile not in _RANKS:
        raise ValueError(
            f"CII cannot be written in profile {profile!r}; "
            f"expected one of {[p.value for p in PROFILES]}"
        )
    invoice = dataclasses.replace(invoice, specification_id=SPECIFICATION_IDS[profile])
    return _BUILDER.build(cii_spec.CII, invoice, rank=_RANKS[profile])
