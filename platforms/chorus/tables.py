"""Typed access to the Chorus Pro data files of this package, for our client and validation.

The JSON files beside this module are the one copy of what Chorus Pro imposes; the
emulator reads the same files on its own (it must not run project code), so a fact
changed here changes for the client, the pre-checks and the test platform at once.
Every loader is cached and returns read-only values: callers share one reading.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

PACKAGE = "platforms.chorus"


def load(name: str) -> dict[str, Any]:
    """The raw content of one data file of this package (``name`` without ``.json``)."""
    text = resources.files(PACKAGE).joinpath(f"{name}.json").read_text("utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name}.json must hold a JSON object")
    return data


@dataclass(frozen=True)
class FlowSyntax:
    """One ``syntaxeFlux`` value of ``deposer/flux``."""

    name: str
    #: 4-digit interface number of the flow id (``CPP001<interface>...``), when observed.
    interface: str | None
    #: ``ubl`` / ``cii`` / ``facturx`` for the flows an invoice file is integrated from.
    container: str | None


@cache
def flow_syntaxes() -> Mapping[str, FlowSyntax]:
    """Every ``syntaxeFlux`` the platform knows, in the Swagger's order."""
    data = load("flow_syntaxes")["syntaxes"]
    return MappingProxyType(
        {
            name: FlowSyntax(name, entry.get("interface"), entry.get("container"))
            for name, entry in data.items()
        }
    )


@cache
def deposit_syntaxes() -> Mapping[str, str]:
    """The ``syntaxeFlux`` to declare per detected document kind (``invoices.syntax.Syntax``
    values), in a stable order: only these kinds can be deposited as a flow."""
    return MappingProxyType(dict(load("flow_syntaxes")["deposit"]))


@cache
def invoice_types() -> Mapping[str, str]:
    """UNTDID 1001 type codes Chorus Pro takes -> the ``typeFacture`` each becomes."""
    return MappingProxyType(dict(load("invoice_types")["types"]))


@cache
def credit_transfer_means() -> frozenset[str]:
    """UNTDID 4461 payment means that are credit transfers (they need an IBAN)."""
    return frozenset(load("payment_means")["credit_transfer"])


@dataclass(frozen=True)
class FlowStates:
    """``etatCourantDepotFlux`` values: where a deposited flow is, and how it ended."""

    waiting: str
    processing: str
    pending: frozenset[str]
    #: All invoices integrated, or some (the others are in ``listeErreurDP``).
    integrated: frozenset[str]
    #: Rejected (``IN_REJETE``) or not processed at all (``IN_INCIDENTE``).
    failed: frozenset[str]

    @property
    def terminal(self) -> frozenset[str]:
        return self.integrated | self.failed


@cache
def flow_states() -> FlowStates:
    data = load("flow_states")
    return FlowStates(
        waiting=str(data["waiting"]),
        processing=str(data["processing"]),
        pending=frozenset(data["pending"]),
        integrated=frozenset(data["integrated"].values()),
        failed=frozenset(data["failed"].values()),
    )


@dataclass(frozen=True)
class Limits:
    """Sizes the platform enforces (bytes, or characters for names and numbers)."""

    max_invoice_bytes: int
    max_attachment_bytes: int
    max_flow_file_bytes: int
    max_attachment_name: int
    max_engagement: int
    max_batch_members: int
    max_batch_expanded_bytes: int
    max_download_bytes: int
    #: The longest list one search answer holds (``nbResultatsMaximum``): longer is cut.
    max_search_results: int


@cache
def limits() -> Limits:
    data = load("limits")
    return Limits(**{k: int(v) for k, v in data.items() if k != "description"})


@cache
def return_codes() -> Mapping[str, int]:
    """``codeRetour`` per name (``NO_RESULT`` -> 20000...)."""
    return MappingProxyType({k: int(v["code"]) for k, v in load("return_codes")["codes"].items()})


def return_code(name: str) -> int:
    """One ``codeRetour`` by name (KeyError for a name the table does not hold)."""
    return return_codes()[name]


@dataclass(frozen=True)
class Lifecycle:
    """The invoice status rules a client must respect before calling ``traiter/recue``."""

    #: Statuses a recipient may ask for at all, in the platform's order.
    recipient_statuses: tuple[str, ...]
    #: Legal recipient targets from each current status (anything else: codeRetour 20002).
    recipient: Mapping[str, tuple[str, ...]]
    #: Statuses that need a ``motif``, and its longest accepted length.
    motif_required: frozenset[str]
    motif_max_length: int
    #: Statuses a mandate number (``numeroDPMandat``) may go with.
    mandate_number_only_with: frozenset[str]

    def recipient_may(self, current: str, target: str) -> bool:
        return target in self.recipient.get(current, ())


@cache
def lifecycle() -> Lifecycle:
    """The status rules of ``transitions.json`` (the connector checks a request with them)."""
    data = load("transitions")
    return Lifecycle(
        recipient_statuses=tuple(data["recipient_statuses"]),
        recipient=MappingProxyType({k: tuple(v) for k, v in data["recipient"].items()}),
        motif_required=frozenset(data["motif_required"]),
        motif_max_length=int(data["motif_max_length"]),
        mandate_number_only_with=frozenset(data["mandate_number_only_with"]),
    )
