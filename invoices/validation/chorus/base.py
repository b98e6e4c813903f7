"""The shape of a Chorus Pro rule: what it reads (:class:`Context`), what it yields
(:class:`Hit`), and the small helpers every family of rules shares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from invoices.model import Identifier, Invoice, Party
from invoices.syntax import Detection
from invoices.validation.report import Severity
from invoices.validation.structures import (
    Structure,
    Structures,
)


class Document(Protocol):
    """What the layer needs of :class:`invoices.reading.ReadResult` (read-only: it is frozen)."""

    @property
    def name(self) -> str: ...
    @property
    def data(self) -> bytes: ...
    @property
    def detection(self) -> Detection: ...
    @property
    def invoice(self) -> Invoice | None: ...
    @property
    def structured(self) -> bool: ...


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
    return siren is not None and siren[:1] in ("1", "2")


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


def _found(ident: Identifier | None) -> dict[str, str]:
    """What the invoice holds instead, for the message ("-" when nothing)."""
    value = _text(ident.value) if ident is not None else ""
    scheme = _text(ident.scheme) if ident is not None else ""
    return {"value": value or "-", "scheme": scheme or "-"}
