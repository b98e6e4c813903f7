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

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stdnum import iban as std_iban
from stdnum.fr import siren as std_siren
from stdnum.fr import siret as std_siret

from invoices.detect import Detection, Profile, Syntax
from invoices.i18n import t
from invoices.model import Identifier, Invoice, Party
from invoices.validation.report import Finding, Layer, Severity
from invoices.validation.structures import (
    PUBLIC_INVOICES_SERVICE,
    Structure,
    Structures,
    configured,
)

SCHEME_SIRET = "0009"
SCHEME_SIREN = "0002"

#: One attachment (API.md 5.7: "< 10 MB").
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
#: The invoice and all its attachments ("dossier de facturation").
MAX_INVOICE_BYTES = 120 * 1024 * 1024
#: ``deposer/flux`` per file (an unverified reading of the AIFE annex; the emulator
#: enforces it by default, hence a warning rather than silence).
MAX_FLOW_FILE_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENT_NAME = 50
MAX_ENGAGEMENT = 50
#: AIFE, "pièces jointes dans Chorus Pro : quelques règles à respecter".
ALLOWED_EXTENSIONS = frozenset(
    {
        "bmp",
        "gif",
        "fax",
        "odt",
        "ppt",
        "tiff",
        "xls",
        "bz2",
        "gz",
        "jpeg",
        "p7s",
        "rtf",
        "txt",
        "xml",
        "csv",
        "gzip",
        "jpg",
        "pdf",
        "svg",
        "xhtml",
        "xlsx",
        "doc",
        "htm",
        "odp",
        "png",
        "tgz",
        "xlc",
        "zip",
        "docx",
        "html",
        "ods",
        "pps",
        "tif",
        "xlm",
        "pptx",
    }
)

#: UNTDID 1001 codes Chorus Pro takes, and the ``typeFacture`` each becomes (swagger:
#: FACTURE, AVOIR, ACOMPTE; 384 corrected and 389 self-billed invoices are invoices).
#: The same table as the project's emulator, so both judge alike.
ACCEPTED_TYPE_CODES: Mapping[str, str] = {
    "380": "FACTURE",
    "381": "AVOIR",
    "384": "FACTURE",
    "386": "ACOMPTE",
    "389": "FACTURE",
}
#: Frameworks (BT-23) a supplier invoice flow may carry (swagger ``soumettre``:
#: A1, A2, A9, A12); the other A-codes belong to works, justice or MOA/MOE spaces.
ACCEPTED_FRAMEWORKS: Mapping[str, str] = {
    "A1": "A1_FACTURE_FOURNISSEUR",
    "A2": "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE",
    "A9": "A9_FACTURE_SOUSTRAITANT",
    "A12": "A12_FACTURE_COTRAITANT",
}
_FRAMEWORK_CODE = re.compile(r"^A([1-9]|1[0-9]|2[0-5])(_[A-Z_]+)?$")
#: UNTDID 4461 payment means that are credit transfers (Chorus wants an IBAN for them).
CREDIT_TRANSFER_MEANS = frozenset({"30", "31", "42", "58"})
#: Syntaxes a ``deposer/flux`` flow can carry (API.md 2.3), with their ``syntaxeFlux``.
FLOW_SYNTAXES: Mapping[Syntax, str] = {
    Syntax.CII: "IN_DP_E1_CII_16B",
    Syntax.UBL_INVOICE: "IN_DP_E1_UBL_INVOICE",
    Syntax.UBL_CREDITNOTE: "IN_DP_E1_UBL_INVOICE",
    Syntax.FACTURX_PDF: "IN_DP_E2_CII_FACTURX",
}
#: Profiles whose acceptance on direct deposit is not confirmed (API.md 9, #15).
UNCONFIRMED_PROFILES = frozenset({Profile.EXTENDED, Profile.EXTENDED_CTC_FR})


class Document(Protocol):
    """What the layer needs of :class:`invoices.reading.ReadResult`."""

    name: str
    data: bytes
    detection: Detection
    invoice: Invoice | None
    structured: bool


# --------------------------------------------------------------------------- locations

_CII_AGREEMENT = (
    "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
)
_CII_SETTLEMENT = (
    "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
)
_CII: Mapping[str, str] = {
    "BT-3": "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode",
    "BT-10": f"{_CII_AGREEMENT}/ram:BuyerReference",
    "BT-13": f"{_CII_AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID",
    "BT-23": (
        "/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext"
        "/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"
    ),
    "BG-4": f"{_CII_AGREEMENT}/ram:SellerTradeParty",
    "BT-30": f"{_CII_AGREEMENT}/ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID",
    "BG-7": f"{_CII_AGREEMENT}/ram:BuyerTradeParty",
    "BT-47": f"{_CII_AGREEMENT}/ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID",
    "BT-61": f"{_CII_SETTLEMENT}/ram:PayeeTradeParty/ram:SpecifiedLegalOrganization/ram:ID",
    "BT-81": f"{_CII_SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode",
    "BT-84": (
        f"{_CII_SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans"
        "/ram:PayeePartyCreditorFinancialAccount/ram:IBANID"
    ),
    "BG-24": f"{_CII_AGREEMENT}/ram:AdditionalReferencedDocument",
}


def _ubl(root: str) -> Mapping[str, str]:
    type_code = "cbc:InvoiceTypeCode" if root == "Invoice" else "cbc:CreditNoteTypeCode"
    r = f"/ubl:{root}"
    return {
        "BT-3": f"{r}/{type_code}",
        "BT-10": f"{r}/cbc:BuyerReference",
        "BT-13": f"{r}/cac:OrderReference/cbc:ID",
        "BT-23": f"{r}/cbc:ProfileID",
        "BG-4": f"{r}/cac:AccountingSupplierParty/cac:Party",
        "BT-30": f"{r}/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
        "BG-7": f"{r}/cac:AccountingCustomerParty/cac:Party",
        "BT-47": f"{r}/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
        "BT-61": f"{r}/cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyID",
        "BT-81": f"{r}/cac:PaymentMeans/cbc:PaymentMeansCode",
        "BT-84": f"{r}/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
        "BG-24": f"{r}/cac:AdditionalDocumentReference",
    }


_LOCATIONS: Mapping[Syntax, Mapping[str, str]] = {
    Syntax.CII: _CII,
    Syntax.FACTURX_PDF: _CII,
    Syntax.UBL_INVOICE: _ubl("Invoice"),
    Syntax.UBL_CREDITNOTE: _ubl("CreditNote"),
}


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Hit:
    """One breach of a rule: the message parameters and, if known, where."""

    params: Mapping[str, Any] = field(default_factory=dict)
    #: The term whose location to report (defaults to the rule's first term).
    at: str | None = None
    #: Suffix for repeated elements, e.g. ``[2]`` for the second attachment.
    index: int | None = None


@dataclass(slots=True)
class Context:
    doc: Document
    invoice: Invoice
    structures: Structures | None

    @property
    def buyer(self) -> Structure | None:
        if self.structures is None:
            return None
        return self.structures.get(self.invoice.buyer.siret)


Check = Callable[[Context], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    terms: tuple[str, ...]
    check: Check
    #: The rule needs the recipient's requirements (a :class:`Structures`).
    needs_structures: bool = False

    @property
    def message_key(self) -> str:
        return "chorus_rules." + self.id.lower().replace("-", "_")


def _text(value: str | None) -> str:
    return (value or "").strip()


def _is_public(party: Party, structures: Structures | None) -> bool:
    """A public body may invoice another one through ``FACTURES_PUBLIQUES``.

    Known structures are public; otherwise the SIREN tells: INSEE gives public-law
    legal persons (State, local authorities, public establishments) SIRENs that
    start with 1 or 2.
    """
    siret = party.siret
    if siret and structures is not None and siret in structures:
        return True
    siren = party.siren
    return bool(siren) and siren[0] in "12"


def _party_ids(invoice: Invoice) -> Iterator[tuple[str, str, Identifier]]:
    """(role, term, identifier) for every legal or other identifier of seller, buyer, payee."""
    roles: list[tuple[str, Party | None, str, str]] = [
        ("seller", invoice.seller, "BT-30", "BT-29"),
        ("buyer", invoice.buyer, "BT-47", "BT-46"),
        ("payee", invoice.payee, "BT-61", "BT-60"),
    ]
    for role, party, legal_term, other_term in roles:
        if party is None:
            continue
        if party.legal_id is not None:
            yield role, legal_term, party.legal_id
        for ident in party.identifiers:
            yield role, other_term, ident


def _seller_country(invoice: Invoice) -> str | None:
    address = invoice.seller.address
    if address is None:
        return None
    return _text(address.country).upper() or None


# --- identification (API.md 6.1, 6.3)


def _found(ident: Identifier | None) -> dict[str, str]:
    """What the invoice holds instead, for the message ("-" when nothing)."""
    value = _text(ident.value) if ident is not None else ""
    scheme = _text(ident.scheme) if ident is not None else ""
    return {"value": value or "-", "scheme": scheme or "-"}


def _seller_identified(ctx: Context) -> Iterator[Hit]:
    seller = ctx.invoice.seller
    country = _seller_country(ctx.invoice)
    if country not in (None, "FR"):
        return
    if not any(
        i.scheme in (SCHEME_SIRET, SCHEME_SIREN) and _text(i.value)
        for i in seller.all_identifiers()
    ):
        yield Hit(_found(seller.legal_id))


def _seller_siret_only_siren(ctx: Context) -> Iterator[Hit]:
    seller = ctx.invoice.seller
    if _seller_country(ctx.invoice) not in (None, "FR"):
        return
    schemes = {i.scheme for i in seller.all_identifiers() if _text(i.value)}
    if SCHEME_SIREN in schemes and SCHEME_SIRET not in schemes:
        yield Hit({"siren": seller.siren or ""})


def _foreign_seller_identified(ctx: Context) -> Iterator[Hit]:
    country = _seller_country(ctx.invoice)
    if country in (None, "FR"):
        return
    seller = ctx.invoice.seller
    if not _text(seller.vat_id) and not any(_text(i.value) for i in seller.all_identifiers()):
        yield Hit({"country": country})


def _buyer_siret(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.invoice.buyer
    if not _text(buyer.siret):
        yield Hit(_found(buyer.legal_id))


def _siret_checksums(ctx: Context) -> Iterator[Hit]:
    for role, term, ident in _party_ids(ctx.invoice):
        if ident.scheme == SCHEME_SIRET and not std_siret.is_valid(ident.value or ""):
            yield Hit({"value": ident.value, "role": t(f"chorus_rules.role_{role}")}, at=term)


def _siren_checksums(ctx: Context) -> Iterator[Hit]:
    for role, term, ident in _party_ids(ctx.invoice):
        if ident.scheme == SCHEME_SIREN and not std_siren.is_valid(ident.value or ""):
            yield Hit({"value": ident.value, "role": t(f"chorus_rules.role_{role}")}, at=term)


def _siret_matches_siren(ctx: Context) -> Iterator[Hit]:
    parties = [("seller", ctx.invoice.seller, "BT-30"), ("buyer", ctx.invoice.buyer, "BT-47")]
    for role, party, term in parties:
        sirens = {_text(i.value) for i in party.all_identifiers() if i.scheme == SCHEME_SIREN}
        sirets = {_text(i.value) for i in party.all_identifiers() if i.scheme == SCHEME_SIRET}
        for siret in sorted(sirets):
            for siren in sorted(sirens):
                if siren and siret and not siret.startswith(siren):
                    yield Hit(
                        {"siret": siret, "siren": siren, "role": t(f"chorus_rules.role_{role}")},
                        at=term,
                    )


# --- recipient (API.md 4.2, 6.1)


def _buyer_known(ctx: Context) -> Iterator[Hit]:
    siret = _text(ctx.invoice.buyer.siret)
    if siret and ctx.buyer is None:
        source = ctx.structures.source if ctx.structures is not None else None
        yield Hit({"siret": siret, "source": source or "-"})


def _buyer_active(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.buyer
    if buyer is not None and not buyer.active:
        yield Hit({"siret": buyer.siret, "name": buyer.name or ""})


def _service_code(ctx: Context) -> str:
    return _text(ctx.invoice.buyer_reference)


def _engagement(ctx: Context) -> str:
    return _text(ctx.invoice.purchase_order)


def _service_required(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.buyer
    if (
        buyer is not None
        and buyer.service_code_required
        and not buyer.service_or_engagement
        and not _service_code(ctx)
    ):
        yield Hit(
            {
                "siret": buyer.siret,
                "name": buyer.name or "",
                "services": ", ".join(buyer.active_service_codes()) or "-",
            }
        )


def _service_not_public_catchall(ctx: Context) -> Iterator[Hit]:
    if _service_code(ctx).upper() == PUBLIC_INVOICES_SERVICE and not _is_public(
        ctx.invoice.seller, ctx.structures
    ):
        yield Hit({"code": _service_code(ctx)})


def _service_known(ctx: Context) -> Iterator[Hit]:
    buyer, code = ctx.buyer, _service_code(ctx)
    if buyer is None or not code or code.upper() == PUBLIC_INVOICES_SERVICE:
        return
    if buyer.services and buyer.service(code) is None:
        yield Hit(
            {
                "code": code,
                "siret": buyer.siret,
                "name": buyer.name or "",
                "services": ", ".join(buyer.active_service_codes()) or "-",
            }
        )


def _service_active(ctx: Context) -> Iterator[Hit]:
    buyer, code = ctx.buyer, _service_code(ctx)
    service = buyer.service(code) if buyer is not None and code else None
    if service is not None and not service.active:
        yield Hit(
            {
                "code": code,
                "siret": buyer.siret if buyer else "",
                "services": ", ".join(buyer.active_service_codes()) if buyer else "-",
            }
        )


def _services_unknown(ctx: Context) -> Iterator[Hit]:
    buyer, code = ctx.buyer, _service_code(ctx)
    if (
        buyer is not None
        and code
        and not buyer.services
        and code.upper() != PUBLIC_INVOICES_SERVICE
    ):
        yield Hit({"code": code, "siret": buyer.siret})


def _engagement_required(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.buyer
    if buyer is None or _engagement(ctx):
        return
    service = buyer.service(_service_code(ctx)) if _service_code(ctx) else None
    if service is not None and service.engagement_required:
        yield Hit({"who": t("chorus_rules.who_service", code=service.code, siret=buyer.siret)})
    elif buyer.engagement_required and not buyer.service_or_engagement:
        yield Hit(
            {"who": t("chorus_rules.who_structure", siret=buyer.siret, name=buyer.name or "-")}
        )


def _engagement_length(ctx: Context) -> Iterator[Hit]:
    ej = _engagement(ctx)
    if len(ej) > MAX_ENGAGEMENT:
        yield Hit({"length": len(ej), "limit": MAX_ENGAGEMENT})


def _engagement_known(ctx: Context) -> Iterator[Hit]:
    buyer, ej = ctx.buyer, _engagement(ctx)
    if buyer is not None and ej and buyer.engagements and ej not in buyer.engagements:
        yield Hit({"number": ej, "siret": buyer.siret})


def _service_or_engagement(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.buyer
    if (
        buyer is not None
        and buyer.service_or_engagement
        and not _service_code(ctx)
        and not _engagement(ctx)
    ):
        yield Hit({"siret": buyer.siret, "name": buyer.name or ""})


# --- document (API.md 2.3, 6.2, 6.3)


def _type_code(ctx: Context) -> Iterator[Hit]:
    code = _text(ctx.invoice.type_code)
    if code not in ACCEPTED_TYPE_CODES:
        yield Hit({"code": code or "-", "accepted": ", ".join(ACCEPTED_TYPE_CODES)})


def _framework(ctx: Context) -> Iterator[Hit]:
    value = _text(ctx.invoice.process_id)
    if (
        value
        and _FRAMEWORK_CODE.match(value)
        and value not in ACCEPTED_FRAMEWORKS
        and value not in ACCEPTED_FRAMEWORKS.values()
    ):
        yield Hit({"code": value, "accepted": ", ".join(ACCEPTED_FRAMEWORKS)})


def _framework_foreign(ctx: Context) -> Iterator[Hit]:
    value = _text(ctx.invoice.process_id)
    if value and not _FRAMEWORK_CODE.match(value):
        yield Hit({"code": value, "accepted": ", ".join(ACCEPTED_FRAMEWORKS)})


def _transfer_has_iban(ctx: Context) -> Iterator[Hit]:
    payment = ctx.invoice.payment
    if (
        payment is None
        or _text(payment.means_code) not in CREDIT_TRANSFER_MEANS
        or ctx.invoice.is_credit_note
    ):  # a refund pays nothing into the supplier's account
        return
    if not any(_text(ct.account_id) for ct in payment.credit_transfers):
        yield Hit({"code": _text(payment.means_code)})


def _iban_valid(ctx: Context) -> Iterator[Hit]:
    payment = ctx.invoice.payment
    if payment is None or _text(payment.means_code) not in CREDIT_TRANSFER_MEANS:
        return
    for i, ct in enumerate(payment.credit_transfers, start=1):
        if _text(ct.account_id) and not std_iban.is_valid(ct.account_id):
            yield Hit(
                {"value": ct.account_id}, index=i if len(payment.credit_transfers) > 1 else None
            )


def _profile_confirmed(ctx: Context) -> Iterator[Hit]:
    profile = ctx.doc.detection.profile
    if (
        ctx.doc.detection.syntax in (Syntax.CII, Syntax.FACTURX_PDF)
        and profile in UNCONFIRMED_PROFILES
    ):
        yield Hit({"profile": str(profile)})


def _file_size(ctx: Context) -> Iterator[Hit]:
    size = len(ctx.doc.data)
    if size > MAX_INVOICE_BYTES:
        yield Hit({"size": size, "limit": MAX_INVOICE_BYTES})


def _flow_file_size(ctx: Context) -> Iterator[Hit]:
    size = len(ctx.doc.data)
    if MAX_FLOW_FILE_BYTES < size <= MAX_INVOICE_BYTES:
        yield Hit({"size": size, "limit": MAX_FLOW_FILE_BYTES})


def _files(ctx: Context) -> Iterator[tuple[int, Any]]:
    """Attachments carried in the invoice (an external URI alone is not a file)."""
    for i, att in enumerate(ctx.invoice.attachments, start=1):
        if att.content is not None:
            yield i, att


def _att_name(att: Any) -> str:
    return _text(att.filename) or _text(att.id) or t("chorus_rules.unnamed")


def _attachment_size(ctx: Context) -> Iterator[Hit]:
    for i, att in _files(ctx):
        if len(att.content) > MAX_ATTACHMENT_BYTES:
            yield Hit(
                {"name": _att_name(att), "size": len(att.content), "limit": MAX_ATTACHMENT_BYTES},
                index=i,
            )


def _attachment_empty(ctx: Context) -> Iterator[Hit]:
    for i, att in _files(ctx):
        if not att.content:
            yield Hit({"name": _att_name(att)}, index=i)


def _attachment_name_length(ctx: Context) -> Iterator[Hit]:
    for i, att in _files(ctx):
        name = att.filename or ""
        if len(name) > MAX_ATTACHMENT_NAME:
            yield Hit({"name": name, "length": len(name), "limit": MAX_ATTACHMENT_NAME}, index=i)


def _attachment_extension(ctx: Context) -> Iterator[Hit]:
    for i, att in _files(ctx):
        name = _text(att.filename)
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem or ext.lower() not in ALLOWED_EXTENSIONS:
            yield Hit(
                {"name": name or t("chorus_rules.unnamed"), "id": _text(att.id) or str(i)}, index=i
            )


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


def _location(doc: Document, term: str | None, index: int | None) -> str | None:
    if term is None:
        return None
    path = _LOCATIONS.get(doc.detection.syntax, {}).get(term)
    if path is None:
        return None
    return f"{path}[{index}]" if index is not None else path


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

    ``structures`` describes the recipients; ``None`` uses the configured ones
    (:func:`invoices.validation.structures.configured`), and when there are none the
    rules that need them are reported as not checked (an information finding).
    A broken structures file raises :class:`~invoices.errors.SetupError`.
    """
    if structures is None:
        structures = configured()
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
