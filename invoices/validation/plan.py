"""Which official artefacts check which document: the validation executor set, as a table.

A document's syntax and profile choose its XSD (syntax layer), its schematron
(en16931 + profile layers) and its BR-FR schematron (fr layer).  The table follows
what the official validators do, as recorded in the ``artefacts`` column of the
reference verdicts:

* UBL Invoice / CreditNote: UBL 2.1 XSD + CEN EN 16931 UBL schematron (the
  EXTENDED-CTC-FR schematron for that profile), BR-FR for UBL;
* CII or Factur-X PDF with a Factur-X profile (MINIMUM ... EXTENDED): that profile's
  XSD and schematron (which embed the EN 16931 rules the profile keeps), BR-FR CII;
* stand-alone CII in EN 16931, XRechnung, Peppol or an unknown profile: the CEN CII
  D16B XSD and CEN CII schematron (the Factur-X rules do not apply outside Factur-X);
  a Factur-X PDF always gets a Factur-X profile (EN 16931 when not recognised);
* ZUGFeRD 1.0: its XSD only -- no official schematron exists, which the report says.
"""

from __future__ import annotations

from dataclasses import dataclass

from invoices.syntax import Profile, Syntax

_FACTURX_PROFILES = {
    Profile.MINIMUM: "fx-minimum",
    Profile.BASIC_WL: "fx-basicwl",
    Profile.BASIC: "fx-basic",
    Profile.EN16931: "fx-en16931",
    Profile.EXTENDED: "fx-extended",
}


@dataclass(frozen=True, slots=True)
class Plan:
    """The artefact keys (see :mod:`schemas.catalogue`) for one document; None: no such layer."""

    xsd: str | None
    schematron: str | None
    brfr: str | None
    #: True when the schematron is a Factur-X one (EN 16931 + profile rules in one file).
    facturx: bool = False

    @property
    def label(self) -> str:
        """Same notation as the reference verdicts' ``artefacts`` column."""
        return "+".join(k for k in (self.xsd, self.schematron, self.brfr) if k)


def _profile(value: object) -> Profile:
    try:
        return Profile(str(value))
    except ValueError:
        return Profile.UNKNOWN


def plan_for(syntax: Syntax | str, profile: Profile | str | None) -> Plan | None:
    """The plan for a syntax/profile, or None when the document has no invoice to check."""
    try:
        syntax = Syntax(str(syntax))
    except ValueError:
        return None
    profile = _profile(profile)
    if syntax in (Syntax.UBL_INVOICE, Syntax.UBL_CREDITNOTE):
        xsd = "ubl-invoice.xsd" if syntax is Syntax.UBL_INVOICE else "ubl-creditnote.xsd"
        schematron = "ctcfr-ubl" if profile is Profile.EXTENDED_CTC_FR else "cen-ubl"
        return Plan(xsd, schematron, "brfr-ubl")
    if syntax in (Syntax.CII, Syntax.FACTURX_PDF):
        if profile is Profile.EXTENDED_CTC_FR:
            return Plan("ctcfr-cii.xsd", "ctcfr-cii", "brfr-cii")
        key = _FACTURX_PROFILES.get(profile)
        if syntax is Syntax.CII and (key is None or profile is Profile.EN16931):
            return Plan("cen-cii.xsd", "cen-cii", "brfr-cii")
        key = key or "fx-en16931"
        return Plan(f"{key}.xsd", key, "brfr-cii", facturx=True)
    if syntax in (Syntax.ZUGFERD1, Syntax.ZUGFERD1_PDF):
        return Plan("zugferd1.xsd", None, None)
    return None


def usage() -> dict[str, list[str]]:
    """Artefact key -> the layers and document kinds that use it (for ``demat artefacts list``)."""
    result: dict[str, set[str]] = {}
    for syntax in Syntax:
        for profile in Profile:
            plan = plan_for(syntax, profile)
            if plan is None:
                continue
            schematron_layers = "en16931+profile" if plan.facturx else "en16931"
            for key, layer in (
                (plan.xsd, "syntax"),
                (plan.schematron, schematron_layers),
                (plan.brfr, "fr"),
            ):
                if key:
                    result.setdefault(key, set()).add(f"{layer}: {syntax}")
    from invoices.validation.pes.check import SCHEMAS as PES_SCHEMAS

    for root, key in PES_SCHEMAS.items():  # PES V2 files: the exchange with Hélios
        if key:
            result.setdefault(key, set()).add(f"syntax: pes ({root})")
    return {key: sorted(kinds) for key, kinds in result.items()}
