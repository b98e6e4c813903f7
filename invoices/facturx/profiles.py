"""The Factur-X profiles: how BT-24 and the XMP metadata name each of them.

The writer puts :data:`SPECIFICATION_IDS` in BT-24 and the profile's name in the
XMP ``ConformanceLevel``; the detection reads the XMP level back
(:func:`from_xmp_level`) when the XML itself names no profile.
"""

from __future__ import annotations

from invoices.syntax.kinds import Profile

#: BT-24 of each Factur-X profile, as the Factur-X 1.0 specification spells it.
SPECIFICATION_IDS: dict[Profile, str] = {
    Profile.MINIMUM: "urn:factur-x.eu:1p0:minimum",
    Profile.BASIC_WL: "urn:factur-x.eu:1p0:basicwl",
    Profile.BASIC: "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
    Profile.EN16931: "urn:cen.eu:en16931:2017",
    Profile.EXTENDED: "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
}

#: The profiles we write, lowest first (each one contains the one before).
PROFILES: tuple[Profile, ...] = tuple(SPECIFICATION_IDS)

#: XMP ``ConformanceLevel`` -> profile, used when the XML has no BT-24.
_XMP_LEVELS = {
    "MINIMUM": Profile.MINIMUM,
    "BASIC WL": Profile.BASIC_WL,
    "BASIC": Profile.BASIC,
    "EN 16931": Profile.EN16931,
    "COMFORT": Profile.EN16931,
    "EXTENDED": Profile.EXTENDED,
    "XRECHNUNG": Profile.XRECHNUNG,
}
_XMP_LEVELS_ZUGFERD1 = {
    "BASIC": Profile.ZUGFERD1_BASIC,
    "COMFORT": Profile.ZUGFERD1_COMFORT,
    "EXTENDED": Profile.ZUGFERD1_EXTENDED,
}


def from_xmp_level(level: str | None, *, zugferd1: bool) -> Profile:
    """The profile an XMP ``ConformanceLevel`` names (ZUGFeRD 1 has its own list)."""
    if not level:
        return Profile.UNKNOWN
    table = _XMP_LEVELS_ZUGFERD1 if zugferd1 else _XMP_LEVELS
    return table.get(" ".join(level.upper().split()), Profile.UNKNOWN)
