"""The emulator's knobs: everything a test may want to bend, with faithful defaults.

Each knob is a behaviour the real platform has but does not document precisely (delays,
duplicate key, error placement) or a quirk some clients trip on; keeping them as data
lets a test pick the variant it needs without patching code.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from emulators.chorus import platform


@dataclass
class Delays:
    """Emulator-clock seconds, counted from the deposit (flows) or the integration (invoices)."""

    #: deposit -> ``IN_EN_COURS_TRAITEMENT_CPP``
    reception: float = 1.0
    #: deposit -> terminal flow state (``IN_INTEGRE``...); invoices are created then.
    integration: float = 2.0
    #: integration -> ``EN_COURS_ACHEMINEMENT``
    routing: float = 1.0
    #: integration -> ``MISE_A_DISPOSITION``
    availability: float = 2.0


@dataclass
class Config:
    #: Token lifetime announced and enforced (seconds of emulator clock).
    token_expires_in: int = 3600
    #: Real seconds are multiplied by this to move the emulator clock (0 = frozen clock,
    #: only the control endpoint moves it).
    clock_scale: float = 1.0
    delays: Delays = field(default_factory=Delays)
    #: Fields making two invoices duplicates; empty list disables the rule.
    duplicate_key: list[str] = field(default_factory=lambda: ["supplier", "number", "year"])
    #: ``deposer/flux`` business limit on the decoded file (codeRetour 20001).
    max_flow_bytes: int = platform.MAX_FLOW_FILE_BYTES
    #: Whole request body limit (HTTP 413 beyond).
    max_request_bytes: int = 160 * 1024 * 1024
    #: ``telecharger/groupe`` result limit (HTTP 413 beyond).
    max_download_bytes: int = platform.MAX_DOWNLOAD_BYTES
    #: Longest list a search answers (``nbResultatsMaximum`` caps it lower): the rest
    #: is cut, as the platform does, and ``total`` says only what was kept.
    max_search_results: int = platform.MAX_SEARCH_RESULTS
    #: Account acting for a structure it is not attached to: ``"business"`` (HTTP 200,
    #: non-zero codeRetour) or ``"403"``.
    unattached: str = "business"
    #: Container failure at integration: ``"IN_REJETE"`` or ``"IN_INCIDENTE"``.
    container_failure_state: str = platform.FLOW_REJECTED
    #: Quirks of section 8.9, off by default (the defaults validate against the Swagger).
    liste_erreur_dp_as_object: bool = False
    liste_structures_as_object: bool = False
    null_paging_when_empty: bool = False
    #: Accept ``/factures/v1/...`` without the ``/cpro`` prefix (the real gateway does not).
    accept_without_cpro: bool = False
    #: Reject an engagement number that is not in the seed (Odoo's opt-in check, off by default).
    check_engagement_exists: bool = False

    def update(self, changes: Mapping[str, Any]) -> None:
        """Apply a partial configuration (from a test or the control endpoint)."""
        known = {f.name for f in dataclasses.fields(self)}
        for key, value in changes.items():
            if key not in known:
                raise ValueError(f"unknown emulator setting {key!r}")
            if key == "delays":
                delay_fields = {f.name for f in dataclasses.fields(Delays)}
                for name, seconds in dict(value).items():
                    if name not in delay_fields:
                        raise ValueError(f"unknown delay {name!r}")
                    setattr(self.delays, name, float(seconds))
            elif key == "unattached" and value not in ("business", "403"):
                raise ValueError("unattached must be 'business' or '403'")
            elif key == "container_failure_state" and value not in (
                platform.FLOW_REJECTED,
                platform.FLOW_INCIDENT,
            ):
                raise ValueError("container_failure_state must be IN_REJETE or IN_INCIDENTE")
            else:
                setattr(self, key, value)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
