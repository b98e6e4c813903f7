"""The emulated platform's state and its clock: the one place where the state moves.

Everything the API shows is derived from this state, and the state only moves through
methods here (under one lock), so that the HTTP layer stays a translation of requests
and the asynchronous behaviour (integration, routing) is one function of the clock:
:meth:`World.tick` applies every step that has come due, stamped at the instant it was
due, which makes histories reproducible whatever the polling rhythm.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from emulators.chorus import lifecycle as lifecycle_module
from emulators.chorus import platform
from emulators.chorus.clock import Clock
from emulators.chorus.config import Config
from emulators.chorus.entities import (
    DEFAULT_INTERFACE,
    FLOW_PROCESSING,
    FLOW_TERMINAL,
    FLOW_WAITING,
    INTERFACES,
    Account,
    Flow,
    HistoryEntry,
    Invoice,
    SeedError,
    Structure,
)
from emulators.chorus.seed import read_accounts, read_engagements, read_structures

#: Runs the integration of a flow at an instant (:func:`emulators.chorus.integration.integrate`).
#: Given to the world by whoever builds it, so that the world does not import the checks
#: that read it.
Integrator = Callable[["World", Flow, datetime], None]


class World:
    """One emulated platform.  Call :meth:`tick` (under :attr:`lock`) before reading."""

    def __init__(
        self,
        seed: Mapping[str, Any],
        config: Config | None = None,
        clock: Clock | None = None,
        *,
        integrate: Integrator,
    ) -> None:
        self.lock = threading.RLock()
        self.integrate = integrate
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
        self.structures: dict[str, Structure] = read_structures(seed)
        self.by_id = {s.id: s for s in self.structures.values()}
        self.engagements = read_engagements(seed)
        self.accounts: dict[str, Account] = read_accounts(seed, self.structures)
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
                    self.integrate(self, flow, due)
                except Exception as exc:  # never leave a flow that fails every later tick
                    flow.errors_tech.append(
                        {
                            "codeErreur": "ERREUR_INTERNE",
                            "natureErreur": "TECHNIQUE",
                            "libelleErreur": f"{type(exc).__name__}: {exc}",
                        }
                    )
                    flow.state, flow.state_at = platform.FLOW_INCIDENT, due
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
