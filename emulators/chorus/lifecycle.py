"""The invoice status machine, read from ``platforms/chorus/transitions.json``.

The legal transitions of Chorus Pro are only partly documented (API.md 3.5); keeping
them as data means tightening the table when the real matrix is confirmed is a data
change, and ``recuperer/etats/traitement`` answers from the very table ``traiter/recue``
enforces, so a client asking "what may I do?" is never contradicted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from emulators.chorus.platform import data as platform_data


@dataclass(frozen=True)
class Lifecycle:
    system: dict[str, str]
    recipient: dict[str, tuple[str, ...]]
    supplier: dict[str, dict[str, str]]
    motif_required: frozenset[str]
    mandate_number_only_with: frozenset[str]
    hidden_from_recipient: frozenset[str]
    motif_max_length: int

    def recipient_targets(self, current: str) -> tuple[str, ...]:
        return self.recipient.get(current, ())

    def recipient_may(self, current: str, target: str) -> bool:
        return target in self.recipient_targets(current)

    def supplier_action(self, current: str, action: str) -> str | None:
        """The status a supplier action leads to from ``current``, or None if refused."""
        return self.supplier.get(current, {}).get(action)

    def next_system(self, current: str) -> str | None:
        return self.system.get(current)


def from_data(data: dict[str, Any]) -> Lifecycle:
    return Lifecycle(
        system=dict(data["system"]),
        recipient={k: tuple(v) for k, v in data["recipient"].items()},
        supplier={k: dict(v) for k, v in data["supplier"].items()},
        motif_required=frozenset(data["motif_required"]),
        mandate_number_only_with=frozenset(data["mandate_number_only_with"]),
        hidden_from_recipient=frozenset(data["hidden_from_recipient"]),
        motif_max_length=int(data["motif_max_length"]),
    )


@cache
def default() -> Lifecycle:
    return from_data(platform_data("transitions"))
