"""What the emulated platform holds: structures, services, accounts, flows, invoices.

Plain records, with no behaviour beyond simple lookups: the state only moves through
:class:`emulators.chorus.world.World`, and the seed that fills them is read by
:mod:`emulators.chorus.seed`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from emulators.chorus import platform
from emulators.chorus.demand import Line, VatLine

#: ``syntaxeFlux`` -> 4-digit interface number (API.md 8.4).
INTERFACES = platform.INTERFACES
DEFAULT_INTERFACE = platform.DEFAULT_INTERFACE
FLOW_WAITING = platform.FLOW_WAITING
FLOW_PROCESSING = platform.FLOW_PROCESSING
FLOW_TERMINAL = platform.FLOW_TERMINAL
MODE_DEPOT = {"ubl": "UPLOAD_API", "cii": "UPLOAD_API", "facturx": "UPLOAD_API"}
CADRES = {
    "A1": "A1_FACTURE_FOURNISSEUR",
    "A2": "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE",
    "A3": "A3_MEMOIRE_JUSTICE",
    "A4": "A4_PROJET_DECOMPTE_MENSUEL_FOURNISSEUR",
    "A5": "A5_ETAT_ACOMPTE_FOURNISSEUR",
    "A6": "A6_ETAT_ACOMPTE_VALIDE_FOURNISSEUR",
    "A7": "A7_PROJET_DECOMPTE_FINAL_FOURNISSEUR",
    "A8": "A8_DECOMPTE_GENERAL_DEFINITIF_FOURNISSEUR",
    "A9": "A9_FACTURE_SOUSTRAITANT",
    "A10": "A10_PROJET_DECOMPTE_MENSUEL_SOUSTRAITANT",
    "A11": "A11_PROJET_DECOMPTE_FINAL_SOUSTRAITANT",
    "A12": "A12_FACTURE_COTRAITANT",
}


class SeedError(ValueError):
    """The seed world is unusable (message says where)."""


@dataclass
class Service:
    id: int
    code: str
    libelle: str
    active: bool = True
    engagement: bool = False
    mise_en_paiement: bool = True
    start: str = "2020-01-01 00:00"
    end: str | None = None


@dataclass
class Structure:
    id: int
    siret: str
    designation: str
    public: bool
    active: bool
    requires_service: bool = False
    requires_engagement: bool = False
    service_or_engagement: bool = False
    vat: str | None = None
    address: dict[str, str] = field(default_factory=dict)
    services: list[Service] = field(default_factory=list)
    paiement_non_remonte: bool = False

    def service(self, code: str | None) -> Service | None:
        return next((s for s in self.services if s.code == code), None)

    def service_by_id(self, ident: int | None) -> Service | None:
        return next((s for s in self.services if s.id == ident), None)


@dataclass
class Engagement:
    numero: str
    id: int
    buyer: str
    supplier: str | None
    service: str | None
    montant_ht: float
    montant_ttc: float
    created: str


@dataclass
class Account:
    login: str
    password: str
    nom: str = ""
    prenom: str = ""
    email: str = ""
    password_expires: str | None = None
    attachments: dict[str, set[str]] = field(default_factory=dict)

    def may(self, siret: str, role: str) -> bool:
        return role in self.attachments.get(siret, set())


@dataclass
class HistoryEntry:
    id: int
    code: str
    at: datetime
    comment: str | None = None
    user: str | None = None


@dataclass
class UserAction:
    id: int
    code: str
    at: datetime
    user: str | None = None


@dataclass
class Attachment:
    """A supporting document (``TypePJ`` 02) the supplier joined to an invoice."""

    id: int
    name: str
    mime: str
    data: bytes


@dataclass
class Invoice:
    id: int
    number: str
    supplier: Structure
    recipient: Structure
    service: Service | None
    engagement: str | None
    cadre: str
    type: str
    issue_date: date | None
    deposited_at: datetime
    currency: str
    total_ht: Decimal | None
    total_vat: Decimal | None
    total_ttc: Decimal | None
    payable: Decimal | None
    original: bytes
    original_name: str
    syntax: str
    xml: bytes
    flow: str | None
    depositor: str | None
    mode_depot: str = "UPLOAD_API"
    contract: str | None = None
    preceding: str | None = None
    due_date: date | None = None
    payment_means: str | None = None
    iban: str | None = None
    lines: list[Line] = field(default_factory=list)
    vat: list[VatLine] = field(default_factory=list)
    status: str = "DEPOSEE"
    status_at: datetime | None = None
    comment: str | None = None
    history: list[HistoryEntry] = field(default_factory=list)
    actions: list[UserAction] = field(default_factory=list)
    downloaded: bool = False
    rejet_traite: bool = False
    mandate_number: str | None = None
    schedule: list[tuple[datetime, str, str]] = field(default_factory=list)  # (due, from, to)
    attachments: list[Attachment] = field(default_factory=list)
    #: ``typeDemandePaiement``: ``FACTURE``, or ``FACTURE_TRAVAUX`` for a works invoice,
    #: which has its ``typeFactureTravaux`` and, when one is named, a maître d'oeuvre.
    demand_type: str = "FACTURE"
    works_type: str | None = None
    moe: Structure | None = None


@dataclass
class Flow:
    numero: str
    nom_fichier: str
    syntaxe: str
    interface: str
    deposited_at: datetime
    depositor: str
    data: bytes
    state: str = FLOW_WAITING
    state_at: datetime | None = None
    errors_dp: list[dict[str, str]] = field(default_factory=list)
    errors_tech: list[dict[str, str]] = field(default_factory=list)
    invoices: list[int] = field(default_factory=list)
    frozen: bool = False  # forced by a test: the clock no longer moves it

    @property
    def code_interface(self) -> str:
        return f"FSO{self.interface}A"

    @property
    def cr_name(self) -> str:
        return f"{self.code_interface}_CPP001_{self.numero}"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()
