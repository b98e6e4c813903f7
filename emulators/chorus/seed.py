"""The seed world: structures, services, engagements and technical accounts, from JSON.

``seed.json`` beside this module is the default directory a test or demo starts from;
a test may pass its own mapping or file.  A seed that cannot be used is a
:class:`SeedError` naming what is wrong, never a half-loaded world.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from emulators.chorus.entities import Account, Engagement, SeedError, Service, Structure


def _object(text: str) -> dict[str, Any]:
    """A JSON document that must be an object (ValueError otherwise)."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise json.JSONDecodeError("the seed must be a JSON object", text, 0)
    return data


def default_seed() -> dict[str, Any]:
    return _object(resources.files(__package__).joinpath("seed.json").read_text("utf-8"))


def load_seed(source: str | Path | Mapping[str, Any] | None) -> dict[str, Any]:
    """A seed world from a file, a mapping, or the default one (SeedError if unreadable)."""
    if source is None:
        return default_seed()
    if isinstance(source, Mapping):
        return _object(json.dumps(source))
    try:
        return _object(Path(source).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SeedError(str(exc.strerror or exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SeedError(f"not a JSON document ({exc})") from None


def read_structures(seed: Mapping[str, Any]) -> dict[str, Structure]:
    """The structures of the seed by SIRET (ValueError on a SIRET given twice)."""
    structures: dict[str, Structure] = {}
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
            services=[_service(s) for s in raw.get("services", [])],
        )
        if structure.siret in structures:
            raise ValueError(f"SIRET {structure.siret} appears twice")
        structures[structure.siret] = structure
    return structures


def _service(raw: Mapping[str, Any]) -> Service:
    return Service(
        id=int(raw["idService"]),
        code=str(raw["code"]),
        libelle=str(raw["libelle"]),
        active=bool(raw.get("active", True)),
        engagement=bool(raw.get("engagement", False)),
        mise_en_paiement=bool(raw.get("miseEnPaiement", True)),
        start=str(raw.get("start", "2020-01-01"))
        + ("" if " " in str(raw.get("start", "")) else " 00:00"),
        end=(str(raw["end"]) + " 23:59") if raw.get("end") else None,
    )


def read_engagements(seed: Mapping[str, Any]) -> list[Engagement]:
    return [
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


def read_accounts(
    seed: Mapping[str, Any], structures: Mapping[str, Structure]
) -> dict[str, Account]:
    """The technical accounts by login (ValueError when attached to an unknown SIRET)."""
    accounts: dict[str, Account] = {}
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
            if siret not in structures:
                raise ValueError(f"account {account.login} attached to unknown SIRET {siret}")
        accounts[account.login] = account
    return accounts
