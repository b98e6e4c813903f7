"""A plain-words explanation to put next to an official rule message.

Official messages are written for implementers ("[BR-CO-10]-Sum of Invoice line net
amount (BT-106) = Σ Invoice line net amount (BT-131)"); a clerk first needs to know
what *kind* of problem it is.  The rule families of EN 16931, Factur-X, Peppol and
the syntax bindings each get one sentence; the Chorus Pro rules are written plainly
already and get none.
"""

from __future__ import annotations

import re

from invoices.i18n import t
from invoices.validation.report import Finding, Layer

_VAT_CATEGORIES = "S|Z|E|AE|K|G|O|IC|IG|IP|AF|AG|B"

#: (pattern on the rule id, message key), first match wins.
FAMILIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^CPRO-(?!INTERNAL)"), ""),
    (re.compile(r"^HELIOS-"), ""),  # the Hélios rules of PES files are plain words already
    (re.compile(r"^BR-FR-", re.I), "validate_out.explain_br_fr"),
    (re.compile(r"^BR-CO-", re.I), "validate_out.explain_br_co"),
    (re.compile(r"^BR-CL-", re.I), "validate_out.explain_br_cl"),
    (re.compile(r"^BR-DEC-", re.I), "validate_out.explain_br_dec"),
    (re.compile(rf"^BR-({_VAT_CATEGORIES})-\d", re.I), "validate_out.explain_br_vat"),
    (re.compile(r"^BR-\d", re.I), "validate_out.explain_br"),
    (re.compile(r"^FX-", re.I), "validate_out.explain_fx"),
    (re.compile(r"^PEPPOL-", re.I), "validate_out.explain_peppol"),
    (re.compile(r"^(UBL|CII)-(SR|CR|DT)-", re.I), "validate_out.explain_binding"),
    # The engine's own technical findings (DEMAT-TIMEOUT, DEMAT-ENGINE-ERROR...): the
    # message names the failure, the explanation says what it means for the verdict.
    (
        re.compile(r"^DEMAT-.*(ENGINE|TIMEOUT|WORKER|CRASH|START|LAYER-ERROR)", re.I),
        "validate_out.explain_engine",
    ),
    # Its other findings (artefact missing, not run...) are plain words already.
    (re.compile(r"^DEMAT-"), ""),
    (re.compile(r"^CPRO-INTERNAL"), "validate_out.explain_engine"),
)

_BY_LAYER = {
    Layer.SAFETY: "validate_out.explain_safety",
    Layer.SYNTAX: "validate_out.explain_syntax",
    Layer.PROFILE: "validate_out.explain_fx",  # "noid:" structural checks of Factur-X
    Layer.FR: "validate_out.explain_br_fr",
}


def explanation_key(finding: Finding) -> str | None:
    """The message key explaining ``finding``'s rule family, or None when it needs none."""
    for pattern, key in FAMILIES:
        if pattern.search(finding.rule):
            return key or None
    return _BY_LAYER.get(finding.layer)


def explain(finding: Finding, lang: str | None = None) -> str | None:
    key = explanation_key(finding)
    return t(key, lang=lang) if key else None
