"""The Chorus Pro layer: what the platform checks when it integrates a deposited invoice.

The official validators (XSD, EN 16931, Factur-X) say whether an invoice is well
formed; Chorus Pro then rejects at integration, hours later, invoices that are
valid EN 16931 but cannot be routed or paid: no recipient SIRET, a service code
the recipient requires missing, an inactive service, an engagement number too long,
a credit transfer without IBAN...  Catching those before the deposit saves the
clerk a round trip (and a supplier a late payment).

Sources: ``docs/chorus-pro/API.md`` sections 5.7 (sizes, attachments), 6.1
(identification), 6.2 (invoicing framework), 6.3 (data conventions) and 4.2 (the
pre-validation algorithm production clients use).

The rules are data: :data:`RULES` maps a stable rule id to its severity, message key
(``chorus_rules.<id>``), the BT/BG terms it speaks of, and a small check function
that yields one :class:`Hit` per problem.  Rules that need to know the recipient
(``needs_structures``) run only when structures are configured; otherwise one
information finding names them, so a check is never skipped silently.
"""

from __future__ import annotations

from invoices.i18n import t
from invoices.model import Invoice
from invoices.validation.chorus.base import Context, Document, Hit, Rule
from invoices.validation.chorus.document import (
    _attachment_empty,
    _attachment_extension,
    _attachment_name_length,
    _attachment_size,
    _file_size,
    _flow_file_size,
    _framework,
    _framework_foreign,
    _iban_valid,
    _profile_confirmed,
    _transfer_has_iban,
    _type_code,
)
from invoices.validation.chorus.facts import (
    ACCEPTED_FRAMEWORKS,
    ACCEPTED_TYPE_CODES,
    ALLOWED_EXTENSIONS,
    CREDIT_TRANSFER_MEANS,
    FLOW_SYNTAXES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_NAME,
    MAX_ENGAGEMENT,
    MAX_FLOW_FILE_BYTES,
    MAX_INVOICE_BYTES,
)
from invoices.validation.chorus.locations import location as _location
from invoices.validation.chorus.parties import (
    _buyer_active,
    _buyer_known,
    _buyer_siret,
    _engagement_known,
    _engagement_length,
    _engagement_required,
    _foreign_seller_identified,
    _seller_identified,
    _seller_siret_only_siren,
    _service_active,
    _service_known,
    _service_not_public_catchall,
    _service_or_engagement,
    _service_required,
    _services_unknown,
    _siren_checksums,
    _siret_checksums,
    _siret_matches_siren,
)
from invoices.validation.report import Finding, Layer, Severity
from invoices.validation.structures import Structures

__all__ = [
    "ACCEPTED_FRAMEWORKS",
    "ACCEPTED_TYPE_CODES",
    "ALLOWED_EXTENSIONS",
    "CREDIT_TRANSFER_MEANS",
    "FLOW_SYNTAXES",
    "MAX_ATTACHMENT_BYTES",
    "MAX_ATTACHMENT_NAME",
    "MAX_ENGAGEMENT",
    "MAX_FLOW_FILE_BYTES",
    "MAX_INVOICE_BYTES",
    "RULES",
    "RULE_CRASHED",
    "RULE_FORMAT",
    "RULE_NOT_CHECKED",
    "Document",
    "Rule",
    "check",
    "rule",
]

F, W, INFO = Severity.FATAL, Severity.WARNING, Severity.INFORMATION

#: The Chorus Pro rules, in the order their findings are reported.
RULES: tuple[Rule, ...] = (
    Rule("CPRO-FORMAT-02", W, ("BT-24",), _profile_confirmed),
    Rule("CPRO-FILE-01", F, (), _file_size),
    Rule("CPRO-FILE-02", W, (), _flow_file_size),
    Rule("CPRO-SELLER-01", F, ("BT-30", "BG-4"), _seller_identified),
    Rule("CPRO-SELLER-02", W, ("BT-30", "BT-29"), _seller_siret_only_siren),
    Rule("CPRO-SELLER-03", F, ("BT-30", "BT-31", "BG-4"), _foreign_seller_identified),
    Rule("CPRO-SIRET-01", F, ("BT-30", "BT-47"), _siret_checksums),
    Rule("CPRO-SIREN-01", F, ("BT-30", "BT-47"), _siren_checksums),
    Rule("CPRO-SIRET-02", W, ("BT-30", "BT-47"), _siret_matches_siren),
    Rule("CPRO-BUYER-01", F, ("BT-47", "BG-7"), _buyer_siret),
    Rule("CPRO-BUYER-02", F, ("BT-47",), _buyer_known, needs_structures=True),
    Rule("CPRO-BUYER-03", F, ("BT-47",), _buyer_active, needs_structures=True),
    Rule("CPRO-SERVICE-01", F, ("BT-10",), _service_required, needs_structures=True),
    Rule("CPRO-SERVICE-02", F, ("BT-10",), _service_not_public_catchall),
    Rule("CPRO-SERVICE-03", F, ("BT-10",), _service_known, needs_structures=True),
    Rule("CPRO-SERVICE-04", F, ("BT-10",), _service_active, needs_structures=True),
    Rule("CPRO-SERVICE-05", INFO, ("BT-10",), _services_unknown, needs_structures=True),
    Rule("CPRO-EJ-01", F, ("BT-13",), _engagement_required, needs_structures=True),
    Rule("CPRO-EJ-02", F, ("BT-13",), _engagement_length),
    Rule("CPRO-EJ-03", W, ("BT-13",), _engagement_known, needs_structures=True),
    Rule("CPRO-SERVEJ-01", F, ("BT-10", "BT-13"), _service_or_engagement, needs_structures=True),
    Rule("CPRO-TYPE-01", F, ("BT-3",), _type_code),
    Rule("CPRO-FRAME-01", F, ("BT-23",), _framework),
    Rule("CPRO-FRAME-02", F, ("BT-23",), _framework_foreign),
    Rule("CPRO-PAY-01", F, ("BT-81", "BT-84", "BG-17"), _transfer_has_iban),
    Rule("CPRO-PAY-02", F, ("BT-84", "BG-17"), _iban_valid),
    Rule("CPRO-ATT-01", F, ("BG-24", "BT-125"), _attachment_size),
    Rule("CPRO-ATT-02", F, ("BG-24", "BT-125-2"), _attachment_name_length),
    Rule("CPRO-ATT-03", F, ("BG-24", "BT-125-2"), _attachment_extension),
    Rule("CPRO-ATT-04", F, ("BG-24", "BT-125"), _attachment_empty),
)

#: Rules that look at the file rather than its content; they also run on documents
#: without structured data.
_CONTAINER_RULES = frozenset({"CPRO-FILE-01", "CPRO-FILE-02"})

RULE_NOT_CHECKED = "CPRO-STRUCT-00"
RULE_FORMAT = "CPRO-FORMAT-01"
RULE_CRASHED = "CPRO-INTERNAL-01"


def rule(rule_id: str) -> Rule:
    for r in RULES:
        if r.id == rule_id:
            return r
    raise KeyError(rule_id)


def _finding(r: Rule, doc: Document, hit: Hit) -> Finding:
    term = hit.at or (r.terms[0] if r.terms else None)
    # A hit that names its term (the buyer's SIRET, not the seller's) speaks of that one.
    terms = r.terms if hit.at is None else (hit.at,)
    return Finding(
        layer=Layer.CHORUS,
        rule=r.id,
        severity=r.severity,
        message=t(r.message_key, file=doc.name, **hit.params),
        location=_location(doc, term, hit.index),
        terms=terms,
    )


def check(doc: Document, structures: Structures | None = None) -> list[Finding]:
    """The Chorus Pro findings for one read document.

    ``structures`` describes the recipients; with ``None`` (none known) the rules
    that need them are reported as not checked (an information finding).  Loading
    the configured ones is the caller's choice, made once per batch
    (:func:`invoices.validation.structures.configured`), never a rule's.
    """
    findings: list[Finding] = []
    syntax = doc.detection.syntax
    invoice = doc.invoice
    if invoice is None or syntax not in FLOW_SYNTAXES:
        findings.append(
            Finding(
                layer=Layer.CHORUS,
                rule=RULE_FORMAT,
                severity=Severity.FATAL,
                message=t(
                    "chorus_rules.cpro_format_01",
                    file=doc.name,
                    syntax=str(syntax),
                    accepted=", ".join(str(s) for s in FLOW_SYNTAXES),
                ),
            )
        )
    skipped: list[str] = []
    ctx = Context(doc=doc, invoice=invoice or Invoice(), structures=structures)
    for r in RULES:
        if invoice is None and r.id not in _CONTAINER_RULES:
            continue  # nothing to read: CPRO-FORMAT-01 above already rejects the document
        if r.needs_structures and structures is None:
            skipped.append(r.id)
            continue
        try:
            findings.extend(_finding(r, doc, hit) for hit in r.check(ctx))
        except Exception as exc:  # a rule bug must never pass a document as valid
            findings.append(
                Finding(
                    layer=Layer.CHORUS,
                    rule=RULE_CRASHED,
                    severity=Severity.FATAL,
                    message=t(
                        "chorus_rules.cpro_internal_01",
                        file=doc.name,
                        rule=r.id,
                        reason=f"{type(exc).__name__}: {exc}",
                    ),
                )
            )
    if skipped:
        findings.append(
            Finding(
                layer=Layer.CHORUS,
                rule=RULE_NOT_CHECKED,
                severity=Severity.INFORMATION,
                message=t("chorus_rules.cpro_struct_00", file=doc.name, rules=", ".join(skipped)),
                terms=("BT-47", "BT-10", "BT-13"),
            )
        )
    return findings
