"""The request journal: every call the emulator received, in order, with its outcome.

Tests assert exact traffic with it ("one deposit, not two, after the reset"), so it
records what matters to decide that (operation, key business fields, HTTP status,
``codeRetour``, fault applied) and never a secret: the ``Authorization`` and
``cpro-account`` headers, passwords and client secrets are redacted before storage,
and deposited files are kept as their size and SHA-256 only.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

#: Request fields worth recording when present (never file contents, never secrets).
KEY_FIELDS = (
    "numeroFluxDepot",
    "nomFichier",
    "syntaxeFlux",
    "idFacture",
    "identifiantFactureCPP",
    "numeroFacture",
    "nouveauStatut",
    "motif",
    "numeroDPMandat",
    "idDestinataire",
    "idStructureCPP",
    "idStructure",
    "idService",
    "format",
    "grant_type",
    "client_id",
    "statutCourant",
    "typeDemandePaiement",
    "periodeDateHeureEtatCourantDu",
    "periodeDateHeureEtatCourantAu",
    "avecPiecesJointesComplementaires",
    "numeroEngagementJuridique",
)
SECRET_HEADERS = {"authorization", "cpro-account", "cookie", "proxy-authorization"}


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: ("***" if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}


def key_fields(body: Any) -> dict[str, Any]:
    if not isinstance(body, Mapping):
        return {}
    found = {k: body[k] for k in KEY_FIELDS if k in body}
    paging = body.get("paramRecherche") or body.get("rechercheFactureParFournisseur")
    if isinstance(paging, Mapping) and "pageResultatDemandee" in paging:
        found["page"] = paging.get("pageResultatDemandee")
    liste = body.get("listeFacture")
    if isinstance(liste, list):
        found["listeFacture"] = [i.get("idFacture") for i in liste if isinstance(i, Mapping)]
    return found


class Journal:
    """Newest ``limit`` entries (a long training session must not grow without bound)."""

    def __init__(self, limit: int = 100_000) -> None:
        self._limit = limit
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = []
        self._seq = 0

    def record(self, entry: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._seq += 1
            entry = {"seq": self._seq, **entry}
            self._entries.append(entry)
            if len(self._entries) > self._limit:
                del self._entries[: len(self._entries) - self._limit]
            return entry

    def entries(self, operation: str | None = None, since: int = 0) -> list[dict[str, Any]]:
        with self._lock:
            return [
                dict(e)
                for e in self._entries
                if e["seq"] > since and (operation is None or e.get("operation") == operation)
            ]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
