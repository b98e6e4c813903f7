"""SIRET: a SIREN followed by the five digits of one establishment (scheme ``0009``).

Chorus Pro routes every invoice on the buyer's SIRET, and the seller's identifies
the supplier's structure, so the SIRET is the identifier that matters most here.
"""

from __future__ import annotations

from stdnum.fr import siret as _stdnum

from invoices.identifiers import siren as _siren

#: ISO 6523 ICD of the SIRET, as EN 16931 writes it in ``schemeID``.
SCHEME = "0009"


def compact(number: str) -> str:
    """The number without the spaces and dots people write in it."""
    return _stdnum.compact(number)


def is_valid(number: str) -> bool:
    """Fourteen digits whose Luhn checksum holds (or La Poste's digit-sum rule)."""
    return _stdnum.is_valid(number)


def siren_of(number: str) -> str:
    """The SIREN a SIRET starts with (its first nine digits, as written)."""
    return _stdnum.to_siren(number)


def belongs_to(number: str, siren: str) -> bool:
    """Whether the SIRET ``number`` is an establishment of the unit ``siren``."""
    return compact(number).startswith(_siren.compact(siren))
