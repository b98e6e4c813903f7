"""The platform's facts, read from the data files of ``platforms/chorus`` (shared with our client).

The emulator runs no project code: it opens the JSON files itself through
:mod:`importlib.resources` (the ``platforms.chorus`` package imports nothing), so the
client and the test platform apply one table while a bug in the project's loader or
reader cannot hide behind the same bug here.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "platforms.chorus"


@cache
def data(name: str) -> dict[str, Any]:
    """One data file (``name`` without ``.json``), parsed once per process."""
    text = resources.files(DATA_PACKAGE).joinpath(f"{name}.json").read_text("utf-8")
    loaded = json.loads(text)
    if not isinstance(loaded, dict):
        raise ValueError(f"{DATA_PACKAGE}/{name}.json must hold a JSON object")
    return loaded


def _syntaxes() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = data("flow_syntaxes")["syntaxes"]
    return table


#: Every ``syntaxeFlux`` of the Swagger, in its order.
SYNTAXES: tuple[str, ...] = tuple(_syntaxes())
#: ``syntaxeFlux`` the emulator integrates -> the container the file must be.
CONTAINERS: dict[str, str] = {k: v["container"] for k, v in _syntaxes().items() if "container" in v}
#: ``syntaxeFlux`` -> 4-digit interface number of the flow id (API.md 8.4).
INTERFACES: dict[str, str] = {k: v["interface"] for k, v in _syntaxes().items() if "interface" in v}
DEFAULT_INTERFACE: str = data("flow_syntaxes")["default_interface"]

#: UNTDID 1001 code -> ``typeFacture``.
TYPES: dict[str, str] = dict(data("invoice_types")["types"])
CREDIT_NOTE: str = data("invoice_types")["credit_note"]
#: ``typeFacture`` -> the code the PIVOT carries (the first code listed for it).
PIVOT_TYPES: dict[str, str] = {}
for _code, _type in TYPES.items():
    PIVOT_TYPES.setdefault(_type, _code)

#: UNTDID 4461 credit-transfer means (an IBAN is required; shown as VIREMENT).
TRANSFER_CODES: frozenset[str] = frozenset(data("payment_means")["credit_transfer"])

_FLOWS: dict[str, Any] = data("flow_states")
#: ``etatCourantDepotFlux`` values the emulator moves a flow through.
FLOW_WAITING: str = _FLOWS["waiting"]
FLOW_PROCESSING: str = _FLOWS["processing"]
FLOW_INTEGRATED: str = _FLOWS["integrated"]["all"]
FLOW_PARTIAL: str = _FLOWS["integrated"]["partial"]
FLOW_REJECTED: str = _FLOWS["failed"]["rejected"]
FLOW_INCIDENT: str = _FLOWS["failed"]["incident"]
FLOW_TERMINAL: frozenset[str] = frozenset(
    {*_FLOWS["integrated"].values(), *_FLOWS["failed"].values()}
)

_LIMITS: dict[str, Any] = data("limits")
MAX_FLOW_FILE_BYTES: int = int(_LIMITS["max_flow_file_bytes"])
MAX_DOWNLOAD_BYTES: int = int(_LIMITS["max_download_bytes"])
MAX_ENGAGEMENT: int = int(_LIMITS["max_engagement"])
MAX_BATCH_MEMBERS: int = int(_LIMITS["max_batch_members"])
MAX_BATCH_EXPANDED_BYTES: int = int(_LIMITS["max_batch_expanded_bytes"])
MAX_SEARCH_RESULTS: int = int(_LIMITS["max_search_results"])


def return_codes() -> dict[str, tuple[int, str]]:
    """Return code name -> (``codeRetour``, ``libelle`` template)."""
    return {k: (int(v["code"]), str(v["label"])) for k, v in data("return_codes")["codes"].items()}
