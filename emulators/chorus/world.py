"""The emulated platform's data: structures, accounts, flows, invoices, and their clock.

Everything the API shows is derived from this state, and the state only moves through
methods here (under one lock), so that the HTTP layer stays a translation of requests
and the asynchronous behaviour (integration, routing) is one function of the clock:
:meth:`World.tick` applies every step that has come due, stamped at the instant it was
due, which makes histories reproducible whatever the polling rhythm.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from emulators.chorus import lifecycle as lifecycle_module
from emulators.chorus import platform
from emulators.chorus.clock import Clock
from emulators.chorus.config import Config
from emulators.chorus.extract import Line, VatLine

#: ``syntaxeFlux`` -> 4-digit interface number (API.md 8.4).
INTERFACES = platform.INTERFACES
DEFAULT_INTERFACE = platform.DEFAULT_INTERFACE
FLOW_WAITING = "IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP"
FLOW_PROCESSING = "IN_EN_COURS_TRAITEMENT_CPP"
FLOW_TERMINAL = {"IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE"}
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


def default_seed() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("seed.json").read_text("utf-8")
    return json.loads(text)


def load_seed(source: str | Path | Mapping[str, Any] | None) -> dict[str, Any]:
    """A seed world from a file, a mapping, or the default one (SeedError if unreadable)."""
    if source is None:
        return default_seed()
    if isinstance(source, Mapping):
        return json.loads(json.dumps(source))
    try:
        return json.loads(Path(source).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SeedError(str(exc.strerror or exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SeedError(f"not a JSON document ({exc})") from None


class World:
    """One emulated platform.  Call :meth:`tick` (under :attr:`lock`) before reading."""

    def __init__(
        self, seed: Mapping[str, Any], config: Config | None = None, clock: Clock | None = None
    ) -> None:
        self.lock = threading.RLock()
        self.config = config or Config()
        self.clock = clock or Clock(scale=self.config.clock_scale)
        self.lifecycle = lifecycle_module.default()
        self.seed = seed
        self.load(seed)

    # ------------------------------------------------------------------ seed

    def load(self, seed: Mapping[str, Any]) -> None:
        try:
            self._load(seed)
        except (KeyError, TypeError, ValueError) as exc:
            raise SeedError(f"invalid seed: {type(exc).__name__}: {exc}") from None

    def _load(self, seed: Mapping[str, Any]) -> None:
        self.structures: dict[str, Structure] = {}
        for raw in seed["structures"]:
            requires = raw.get("requires", {})
            structure = Structure(
                id=int(raw["idStructureCPP"]),
                siret=str(raw["siret"]),
                designation=str(raw["designation"]),
                public=bool(raw.get("public", True)),
                active=bool(raw.get("active", True)),
                requires_service=bool(requires.get("service", False)),
                requires_engagement=bool(requires.get("engagement", False)),
                service_or_engagement=bool(requires.get("either", False)),
                vat=raw.get("vat"),
                address=dict(raw.get("address", {})),
                paiement_non_remonte=bool(raw.get("statutMiseEnPaiementNestPasRemonte", False)),
                services=[
                    Service(
                        id=int(s["idService"]),
                        code=str(s["code"]),
                        libelle=str(s["libelle"]),
                        active=bool(s.get("active", True)),
                        engagement=bool(s.get("engagement", False)),
                        mise_en_paiement=bool(s.get("miseEnPaiement", True)),
                        start=str(s.get("start", "2020-01-01"))
                        + ("" if " " in str(s.get("start", "")) else " 00:00"),
                        end=(str(s["end"]) + " 23:59") if s.get("end") else None,
                    )
                    for s in raw.get("services", [])
                ],
            )
            if structure.siret in self.structures:
                raise ValueError(f"SIRET {structure.siret} appears twice")
            self.structures[structure.siret] = structure
        self.by_id = {s.id: s for s in self.structures.values()}
        self.engagements = [
            Engagement(
                numero=str(e["numero"]),
                id=int(e["idEngagementJuridique"]),
                buyer=str(e["buyer"]),
                supplier=e.get("supplier"),
                service=e.get("service"),
                montant_ht=float(e.get("montantTotalHt", 0)),
                montant_ttc=float(e.get("montantTotalTtc", 0)),
                created=str(e.get("created", "2026-01-01")),
            )
            for e in seed.get("engagements", [])
        ]
        self.accounts: dict[str, Account] = {}
        for raw in seed["technical_accounts"]:
            account = Account(
                login=str(raw["login"]),
                password=str(raw["password"]),
                nom=raw.get("nom", ""),
                prenom=raw.get("prenom", ""),
                email=raw.get("email", raw["login"]),
                password_expires=raw.get("password_expires"),
                attachments={str(a["siret"]): set(a["roles"]) for a in raw.get("attachments", [])},
            )
            for siret in account.attachments:
                if siret not in self.structures:
                    raise ValueError(f"account {account.login} attached to unknown SIRET {siret}")
            self.accounts[account.login] = account
        self.clients = {str(c["client_id"]): str(c["client_secret"]) for c in seed["oauth_clients"]}
        counters = seed.get("counters", {})
        self.next_flow = int(counters.get("flow", 1))
        self.next_invoice = int(counters.get("invoice", 4100001))
        self.next_history = int(counters.get("history", 7200001))
        self.next_action = int(counters.get("action", 8300001))
        self.next_attachment = int(counters.get("attachment", 5500001))
        self.tokens: dict[str, datetime] = {}
        self.flows: dict[str, Flow] = {}
        self.invoices: dict[int, Invoice] = {}
        self.attachments: dict[int, dict[str, Any]] = {}
        # What the clock may still move, so that a tick costs O(pending), not O(everything).
        self._open_flows: list[str] = []
        self._scheduled: set[int] = set()
        #: Recipient decisions scripted by a test (API.md 8.5 "recipient pays after T").
        self.scripts: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ ids

    def new_flow_number(self, syntaxe: str) -> tuple[str, str]:
        interface = INTERFACES.get(syntaxe, DEFAULT_INTERFACE)
        number = f"CPP001{interface}{self.next_flow:015d}"
        self.next_flow += 1
        return number, interface

    def new_invoice_id(self) -> int:
        ident = self.next_invoice
        self.next_invoice += 1
        return ident

    def new_history_id(self) -> int:
        ident = self.next_history
        self.next_history += 1
        return ident

    def new_action_id(self) -> int:
        ident = self.next_action
        self.next_action += 1
        return ident

    def new_attachment_id(self) -> int:
        ident = self.next_attachment
        self.next_attachment += 1
        return ident

    # ------------------------------------------------------------------ tokens

    def issue_token(self, token: str) -> int:
        expires_in = int(self.config.token_expires_in)
        now = self.clock.now()
        if len(self.tokens) > 1000:  # forget long-expired tokens (a day past expiry)
            horizon = now - timedelta(days=1)
            self.tokens = {k: v for k, v in self.tokens.items() if v > horizon}
        self.tokens[token] = now + timedelta(seconds=expires_in)
        return expires_in

    def token_state(self, token: str) -> str:
        """``valid``, ``expired`` or ``unknown``."""
        expiry = self.tokens.get(token)
        if expiry is None:
            return "unknown"
        return "valid" if self.clock.now() < expiry else "expired"

    # ------------------------------------------------------------------ status changes

    def set_status(
        self,
        invoice: Invoice,
        status: str,
        at: datetime,
        *,
        comment: str | None = None,
        user: str | None = None,
    ) -> None:
        invoice.status = status
        invoice.status_at = at
        invoice.comment = comment
        invoice.history.append(HistoryEntry(self.new_history_id(), status, at, comment, user))

    def add_flow(self, flow: Flow) -> None:
        self.flows[flow.numero] = flow
        self._open_flows.append(flow.numero)

    def schedule_routing(self, invoice: Invoice, start: datetime) -> None:
        """Plan the platform's own steps (DEPOSEE -> ... -> MISE_A_DISPOSITION) from ``start``."""
        delays = self.config.delays
        offsets = {
            "EN_COURS_ACHEMINEMENT": delays.routing,
            "MISE_A_DISPOSITION": delays.availability,
        }
        invoice.schedule.clear()
        current = invoice.status
        while (target := self.lifecycle.next_system(current)) is not None:
            offset = offsets.get(target, delays.availability)
            invoice.schedule.append((start + timedelta(seconds=offset), current, target))
            current = target
        if invoice.schedule:
            self._scheduled.add(invoice.id)

    # ------------------------------------------------------------------ clock

    def tick(self) -> None:
        """Apply every flow and invoice step that has come due on the emulator clock."""
        from emulators.chorus.integration import integrate

        now = self.clock.now()
        delays = self.config.delays
        still_open = []
        for numero in self._open_flows:  # deposit order: duplicates are decided in that order
            flow = self.flows[numero]
            if flow.frozen or flow.state in FLOW_TERMINAL:
                continue
            still_open.append(numero)
            if flow.state == FLOW_WAITING:
                due = flow.deposited_at + timedelta(seconds=delays.reception)
                if now >= due and delays.reception < delays.integration:
                    flow.state, flow.state_at = FLOW_PROCESSING, due
            due = flow.deposited_at + timedelta(seconds=delays.integration)
            if now >= due:
                try:
                    integrate(self, flow, due)
                except Exception as exc:  # never leave a flow that fails every later tick
                    flow.errors_tech.append(
                        {
                            "codeErreur": "ERREUR_INTERNE",
                            "natureErreur": "TECHNIQUE",
                            "libelleErreur": f"{type(exc).__name__}: {exc}",
                        }
                    )
                    flow.state, flow.state_at = "IN_INCIDENTE", due
                still_open.pop()
        self._open_flows = still_open
        for ident in sorted(self._scheduled):
            invoice = self.invoices[ident]
            while invoice.schedule and invoice.schedule[0][0] <= now:
                due, expected, target = invoice.schedule.pop(0)
                if invoice.status != expected:
                    invoice.schedule.clear()  # someone moved it: the plan no longer applies
                    break
                self.set_status(invoice, target, due)
            if not invoice.schedule:
                self._scheduled.discard(ident)
        if self.scripts:
            self._run_scripts(now)

    def add_script(self, step: Mapping[str, Any]) -> dict[str, Any]:
        """Plan a recipient decision: ``after`` seconds once the invoice may take it.

        ``step``: ``idFacture`` or ``numeroFacture``, ``statut``, ``after`` (default 0),
        optional ``motif`` and ``numeroDPMandat``.  Steps for one invoice apply in order,
        each counted from the previous status change, and only through legal transitions.
        """
        if not step.get("idFacture") and not step.get("numeroFacture"):
            raise ValueError("a script step needs idFacture or numeroFacture")
        status = str(step.get("statut", ""))
        if not any(status in targets for targets in self.lifecycle.recipient.values()):
            raise ValueError(f"{status!r} is not a status a recipient can set")
        if status in self.lifecycle.motif_required and not step.get("motif"):
            raise ValueError(f"a motif is required for {status}")
        entry = {
            "idFacture": step.get("idFacture"),
            "numeroFacture": step.get("numeroFacture"),
            "statut": status,
            "after": float(step.get("after", 0)),
            "motif": step.get("motif"),
            "numeroDPMandat": step.get("numeroDPMandat"),
            "applied": None,
        }
        self.scripts.append(entry)
        return entry

    def _run_scripts(self, now: datetime) -> None:
        progressed = True
        while progressed:
            progressed = False
            waiting: set[int] = set()  # one pending step per invoice at a time, in order
            for step in self.scripts:
                if step["applied"] is not None:
                    continue
                invoice = self._script_target(step)
                if invoice is None or invoice.id in waiting:
                    continue
                waiting.add(invoice.id)
                if not self.lifecycle.recipient_may(invoice.status, step["statut"]):
                    continue
                due = (invoice.status_at or now) + timedelta(seconds=step["after"])
                if due > now:
                    continue
                if step["numeroDPMandat"]:
                    invoice.mandate_number = str(step["numeroDPMandat"])
                self.set_status(invoice, step["statut"], due, comment=step["motif"])
                step["applied"] = due.isoformat(timespec="milliseconds")
                step["idFacture"] = invoice.id
                progressed = True

    def _script_target(self, step: Mapping[str, Any]) -> Invoice | None:
        if step.get("idFacture"):
            return self.invoices.get(int(step["idFacture"]))
        found = [i for i in self.invoices.values() if i.number == step["numeroFacture"]]
        return found[-1] if found else None

    def pending_until(self) -> datetime | None:
        """When the last planned step falls due (None if nothing is pending)."""
        dues: list[datetime] = []
        delays = self.config.delays
        for numero in self._open_flows:
            flow = self.flows[numero]
            if not flow.frozen and flow.state not in FLOW_TERMINAL:
                dues.append(flow.deposited_at + timedelta(seconds=delays.integration))
                # invoices created by it will be routed after that
                dues.append(
                    flow.deposited_at
                    + timedelta(
                        seconds=delays.integration + max(delays.routing, delays.availability)
                    )
                )
        for ident in self._scheduled:
            dues.extend(due for due, _f, _t in self.invoices[ident].schedule)
        for step in self.scripts:
            invoice = None if step["applied"] else self._script_target(step)
            if invoice is not None and self.lifecycle.recipient_may(invoice.status, step["statut"]):
                dues.append(
                    (invoice.status_at or self.clock.now()) + timedelta(seconds=step["after"])
                )
        return max(dues) if dues else None

    # ------------------------------------------------------------------ lookups

    def invoices_of_flow(self, numero: str) -> list[Invoice]:
        flow = self.flows.get(numero)
        return [self.invoices[i] for i in flow.invoices] if flow else []
