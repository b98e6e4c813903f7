"""BT-24, the specification identifier, names the profile a document claims.

The identifiers come from EN 16931, Factur-X / ZUGFeRD 2, XRechnung, Peppol and the
French CTC extension; the same string can mean a profile in one syntax and nothing
in another (a ZUGFeRD 1 ``urn:ferd:...`` in a CII file), so the syntax is asked too.
"""

from __future__ import annotations

from invoices.syntax.kinds import Profile, Syntax

_EN16931 = "urn:cen.eu:en16931:2017"
#: Specification families whose last segment names the profile.
_FAMILIES = ("factur-x.eu:1p0:", "zugferd.de:2p0:")
_LEVELS = {
    "minimum": Profile.MINIMUM,
    "basicwl": Profile.BASIC_WL,
    "basic": Profile.BASIC,
    "en16931": Profile.EN16931,
    "extended": Profile.EXTENDED,
}

_ZUGFERD1_PROFILES = {
    "basic": Profile.ZUGFERD1_BASIC,
    "comfort": Profile.ZUGFERD1_COMFORT,
    "komfort": Profile.ZUGFERD1_KOMFORT,
    "extended": Profile.ZUGFERD1_EXTENDED,
}


def profile_of(syntax: Syntax, specification_id: str | None) -> Profile:
    """The profile a BT-24 value names, for a document of ``syntax``.

    ZUGFeRD 1 identifiers (``urn:ferd:...:comfort``) name a ZUGFeRD 1 profile only in
    a ZUGFeRD 1 document; in a CII document they name nothing we validate against.
    Unknown identifiers (``urn:factur-x.eu:2p0:ultimate``...) give ``UNKNOWN``: the
    validation then says so instead of guessing.
    """
    spec = (specification_id or "").strip()
    if not spec:
        return Profile.UNKNOWN
    zugferd1 = syntax in (Syntax.ZUGFERD1, Syntax.ZUGFERD1_PDF)
    if spec.startswith("urn:ferd:"):
        if not zugferd1:
            return Profile.UNKNOWN
        return _ZUGFERD1_PROFILES.get(spec.rsplit(":", 1)[-1].lower(), Profile.UNKNOWN)
    if zugferd1:
        return Profile.UNKNOWN
    lowered = spec.lower()
    if "extended-ctc-fr" in lowered:
        return Profile.EXTENDED_CTC_FR
    if "xrechnung" in lowered:
        return Profile.XRECHNUNG
    if "peppol.eu:2017:poacc:billing:3.0" in lowered:
        return Profile.PEPPOL
    if spec == _EN16931:
        return Profile.EN16931
    for family in _FAMILIES:
        if family in lowered:
            return _LEVELS.get(lowered.split(family, 1)[1].strip(), Profile.UNKNOWN)
    return Profile.UNKNOWN
