"""Typed answers of the Chorus Pro operations the connector uses.

The platform's JSON is irregular (API.md 8.9): ids named two ways, lists sent as a
single object, paging at the root or in ``parametresRetour``, ``null`` pages, three
date formats.  Each ``from_json`` absorbs those quirks in one place, so the rest of
the code reads plain attributes and never a raw dict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from connectors.chorus.errors import business_finding
from invoices.validation import Finding, Layer, Severity
from platforms.chorus import tables

#: Flow states after which nothing more will happen (API.md 2.7).
FLOW_INTEGRATED = tables.flow_states().integrated
FLOW_FAILED = tables.flow_states().failed
FLOW_TERMINAL = FLOW_INTEGRATED | FLOW_FAILED
#: Flow states known to be on their way; anything else is "unknown", never success.
FLOW_IN_PROGRESS = frozenset(
    {
        "IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP",
        "IN_RECU",
        "IN_TRAITE_SE_CPP",
        "IN_EN_ATTENTE_TRAITEMENT_CPP",
        "IN_EN_COURS_TRAITEMENT_CPP",
        "IN_EN_ATTENTE_RETRAITEMENT_CPP",
    }
)


def as_list(value: Any) -> list[Any]:
    """A JSON list that the platform sometimes sends as one object or ``null``."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Paging:
    page: int
    pages: int
    total: int

    @classmethod
    def from_json(cls, holder: Any) -> Paging:
        holder = holder if isinstance(holder, dict) else {}
        return cls(
            _int(holder.get("pageCourante")) or 0,
            _int(holder.get("pages")) or 0,
            _int(holder.get("total")) or 0,
        )

    @property
    def last(self) -> bool:
        return self.page >= self.pages


@dataclass(frozen=True)
class Deposit:
    """The synchronous answer to ``deposer/flux``: the flow is accepted, not integrated."""

    flow_id: str
    deposit_date: str
    syntax: str

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Deposit:
        return cls(
            _str(body.get("numeroFluxDepot")),
            _str(body.get("dateDepot")),
            _str(body.get("syntaxeFlux")),
        )


@dataclass(frozen=True)
class InvoiceError:
    """One rejected invoice of a flow (``listeErreurDP``)."""

    number: str
    supplier: str
    recipient: str
    message: str


@dataclass(frozen=True)
class TechnicalError:
    code: str
    message: str
    nature: str


#: Words of the platform's rejection messages -> the rule we name in findings.
#: The platform sends text only (no code per invoice error), so this is the one
#: place that turns its wording into stable rule ids; the text is kept as is.
_DP_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("doublon", "duplicate", "deja ete deposee", "déjà été déposée"), "CPP-DUPLICATE"),
    (("service",), "CPP-SERVICE"),
    (("engagement", "bon de commande", " ej "), "CPP-ENGAGEMENT"),
    (("destinataire", "recipient", "acheteur", "buyer"), "CPP-RECIPIENT"),
    (("fournisseur", "supplier", "vendeur", "seller"), "CPP-SUPPLIER"),
)


_CODE_PREFIX = re.compile(r"^([A-Z][A-Z0-9_]{2,})\s+-\s")


def dp_rule(message: str) -> str:
    """Stable rule id for an integration error: the code that leads the message when
    the platform gives one (``DOUBLON - ...``), else one derived from its wording."""
    coded = _CODE_PREFIX.match(message)
    if coded:
        return coded.group(1)
    text = f" {message.lower()} "
    for words, rule in _DP_RULES:
        if any(word in text for word in words):
            return rule
    return "CPP-INTEGRATION"


@dataclass(frozen=True)
class FlowReport:
    """``consulterCRDetaille``: where integration of a flow stands, and why it failed."""

    state: str
    deposited_at: str
    state_at: str
    interface: str
    file_name: str
    invoice_errors: tuple[InvoiceError, ...] = ()
    technical_errors: tuple[TechnicalError, ...] = ()

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> FlowReport:
        dp = tuple(
            InvoiceError(
                _str(e.get("numeroDP")),
                _str(e.get("identifiantFournisseur")),
                _str(e.get("identifiantDestinataire")),
                _str(e.get("libelleErreurDP")),
            )
            for e in as_list(body.get("listeErreurDP"))
            if isinstance(e, dict)
        )
        tech = tuple(
            TechnicalError(
                _str(e.get("codeErreur")), _str(e.get("libelleErreur")), _str(e.get("natureErreur"))
            )
            for e in as_list(body.get("listeErreurTechnique"))
            if isinstance(e, dict)
        )
        return cls(
            _str(body.get("etatCourantDepotFlux")),
            _str(body.get("dateDepotFlux")),
            _str(body.get("dateHeureEtatCourantFlux")),
            _str(body.get("codeInterfaceDepotFlux")),
            _str(body.get("nomFichier")),
            dp,
            tech,
        )

    @property
    def terminal(self) -> bool:
        return self.state in FLOW_TERMINAL

    @property
    def known(self) -> bool:
        return self.state in FLOW_TERMINAL or self.state in FLOW_IN_PROGRESS

    def findings(self, number: str | None = None) -> list[Finding]:
        """The errors of this flow (only those of invoice ``number`` when given)."""
        out = [
            business_finding(
                "consulterCRDetaille",
                e.code or self.state,
                e.message,
                location=f"flow {self.file_name or '-'}",
            )
            for e in self.technical_errors
        ]
        for error in self.invoice_errors:
            if number is not None and error.number and error.number != number:
                continue
            out.append(
                Finding(
                    layer=Layer.CHORUS,
                    rule=dp_rule(error.message),
                    severity=Severity.FATAL,
                    message=error.message,
                    location=f"invoice {error.number or '-'}",
                )
            )
        if self.state in FLOW_FAILED and not out:
            out.append(business_finding("consulterCRDetaille", self.state, self.state))
        return out


@dataclass(frozen=True)
class InvoiceSummary:
    """One line of a supplier or recipient search (ids unified: ``invoice_id``)."""

    invoice_id: int
    number: str
    status: str
    status_at: str
    flow_id: str
    supplier_code: str
    supplier_name: str
    recipient_code: str
    deposit_date: str
    downloaded: bool
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> InvoiceSummary:
        ident = _int(item.get("identifiantFactureCPP"))
        if ident is None:
            ident = _int(item.get("idFacture"))
        return cls(
            ident or 0,
            _str(item.get("numeroFacture")),
            _str(item.get("statut")),
            _str(item.get("dateHeureEtatCourant")),
            _str(item.get("numeroFluxDepot")),
            _str(item.get("codeFournisseur")),
            _str(item.get("designationFournisseur")),
            _str(item.get("codeDestinataire")),
            _str(item.get("dateDepot")),
            item.get("factureTelechargeeParDestinataire") is True,
            item,
        )


@dataclass(frozen=True)
class SearchPage:
    items: tuple[InvoiceSummary, ...]
    paging: Paging


@dataclass(frozen=True)
class HistoryEntry:
    code: str
    at: str
    comment: str

    def to_json(self) -> dict[str, str]:
        return {"status": self.code, "at": self.at, "comment": self.comment}


@dataclass(frozen=True)
class History:
    """``consulter/historique``: current status and the entries, oldest first."""

    invoice_id: int
    number: str
    current: str
    entries: tuple[HistoryEntry, ...]

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> History:
        block = body.get("historiquesDesStatuts")
        items = as_list(block.get("histoStatut")) if isinstance(block, dict) else []
        entries = [
            (
                _int(e.get("histoStatutId")) or 0,
                HistoryEntry(
                    _str(e.get("histoStatutCode")),
                    _str(e.get("histoStatutDatePassage")),
                    _str(e.get("histoStatutCommentaire")),
                ),
            )
            for e in items
            if isinstance(e, dict)
        ]
        # The platform sorts newest first by default; order by date then id, oldest first.
        entries.sort(key=lambda pair: (pair[1].at, pair[0]))
        return cls(
            _int(body.get("idFacture")) or 0,
            _str(body.get("numeroFacture")),
            _str(body.get("statutCourantCode")),
            tuple(e for _, e in entries),
        )


@dataclass(frozen=True)
class Treatment:
    """``traiter/recue`` accepted."""

    invoice_id: int
    number: str
    status: str
    date: str

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Treatment:
        return cls(
            _int(body.get("idFacture")) or 0,
            _str(body.get("numeroFacture")),
            _str(body.get("nouveauStatut")),
            _str(body.get("dateTraitement")),
        )


@dataclass(frozen=True)
class StructureRef:
    """A structure found by SIRET (``structures/v1/rechercher``)."""

    structure_id: int
    siret: str
    name: str
    status: str

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> StructureRef:
        return cls(
            _int(item.get("idStructureCPP")) or 0,
            _str(item.get("identifiantStructure")),
            _str(item.get("designationStructure")),
            _str(item.get("statut")),
        )

    @property
    def active(self) -> bool:
        return self.status.upper() in ("ACTIVE", "ACTIF")


@dataclass(frozen=True)
class StructureDetail:
    """``structures/v1/consulter``: the requirement flags of a recipient (API.md 4.2)."""

    structure_id: int
    siret: str
    name: str
    public: bool
    service_required: bool
    engagement_required: bool
    engagement_or_service: bool
    payment_status_not_reported: bool

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> StructureDetail:
        info = _dict(body.get("informationGenerales"))
        params = _dict(body.get("parametres"))
        return cls(
            _int(info.get("idStructureCPP")) or 0,
            _str(info.get("identifiantStructure")),
            _str(info.get("raisonSocialeStructure") or info.get("libelleStructure")),
            _str(info.get("structurePriveePublique")).upper() != "PRIVEE",
            params.get("codeServiceDoitEtreRenseigne") is True,
            params.get("numeroEJDoitEtreRenseigne") is True,
            params.get("gestionNumeroEJOuCodeService") is True,
            params.get("statutMiseEnPaiementNestPasRemonte") is True,
        )


@dataclass(frozen=True)
class ServiceInfo:
    service_id: int
    code: str
    label: str
    active: bool

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> ServiceInfo:
        return cls(
            _int(item.get("idService")) or 0,
            _str(item.get("codeService")),
            _str(item.get("libelleService")),
            item.get("estActif") is not False,
        )
