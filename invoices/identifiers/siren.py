"""SIREN: the nine-digit INSEE number of a French legal unit (scheme ``0002``)."""

from __future__ import annotations

from stdnum.fr import siren as _stdnum

#: ISO 6523 ICD of the SIREN, as EN 16931 writes it in ``schemeID``.
SCHEME = "0002"


def compact(number: str) -> str:
    """The number without the spaces and dots people write in it."""
    return _stdnum.compact(number)


def is_valid(number: str) -> bool:
    """Nine digits whose Luhn checksum holds."""
    return _stdnum.is_valid(number)
