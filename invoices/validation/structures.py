"""What Chorus Pro knows of the public recipients an invoice is addressed to.

Chorus Pro rejects at integration an invoice whose recipient (buyer SIRET) is unknown
or inactive, or that lacks the service code (BT-10) or the legal-commitment number
(BT-13) the recipient requires.  Those requirements are per structure and per
service, and live on the platform, not in the invoice; this module holds them so the
Chorus layer can check an invoice *before* it is deposited.

Today the data comes from a JSON file (``--structures FILE``, the ``DEMAT_STRUCTURES``
environment variable, or ``structures.json`` in the configuration directory);
later the Chorus Pro connector fills the same objects from the directory lookup
(``rechercher`` / ``consulter`` / ``rechercher/services`` / ``consulter/service``),
which is why the classes have plain constructors.

File format (UTF-8 JSON)::

    {
      "structures": [
        {
          "siret": "21440109300015",            # 14 digits, required
          "name": "Département de l'Exemple",    # optional
          "active": true,                         # optional, default true
          "service_code_required": true,          # codeServiceDoitEtreRenseigne
          "engagement_required": true,            # numeroEJDoitEtreRenseigne
          "service_or_engagement": false,         # gestionNumeroEJOuCodeService
          "services": [                           # optional
            {"code": "DEP-ACHATS", "name": "Achats", "active": true,
             "engagement_required": false}       # numeroEngagement of the service
          ],
          "engagements": ["EJ-2026-000123"]       # optional: known legal commitments
        }
      ]
    }

The three requirement flags default to false, ``services`` and ``engagements`` to
empty lists.  Unknown keys are refused (a typo such as ``"service_required"`` must
not silently switch a check off).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from invoices.errors import SetupError
from invoices.paths import config_dir

#: Environment variable naming the structures file.
ENV_VAR = "DEMAT_STRUCTURES"
#: File looked for in the configuration directory when nothing else is given.
DEFAULT_NAME = "structures.json"
#: Chorus Pro's catch-all service for public-to-public invoicing; never a service code
#: a private supplier may address (the flow is rejected).
PUBLIC_INVOICES_SERVICE = "FACTURES_PUBLIQUES"

_STRUCTURE_KEYS = {
    "siret",
    "name",
    "active",
    "service_code_required",
    "engagement_required",
    "service_or_engagement",
    "services",
    "engagements",
}
_SERVICE_KEYS = {"code", "name", "active", "engagement_required"}


@dataclass(frozen=True, slots=True)
class Service:
    """A service (``codeServiceExecutant``) of a public structure."""

    code: str
    name: str | None = None
    active: bool = True
    #: The service's own ``numeroEngagement`` flag: invoices to it need an EJ.
    engagement_required: bool = False


@dataclass(frozen=True, slots=True)
class Structure:
    """A public recipient as Chorus Pro describes it (``consulterStructure``)."""

    siret: str
    name: str | None = None
    active: bool = True
    service_code_required: bool = False
    engagement_required: bool = False
    service_or_engagement: bool = False
    services: tuple[Service, ...] = ()
    engagements: frozenset[str] = field(default_factory=frozenset)

    def service(self, code: str) -> Service | None:
        for service in self.services:
            if service.code == code:
                return service
        return None

    def active_service_codes(self) -> list[str]:
        """Codes a supplier may address (``FACTURES_PUBLIQUES`` left out)."""
        return [s.code for s in self.services if s.active and s.code != PUBLIC_INVOICES_SERVICE]


class Structures:
    """The known recipients, by SIRET."""

    def __init__(self, structures: Iterable[Structure] = (), *, source: str | None = None) -> None:
        self._by_siret: dict[str, Structure] = {}
        for structure in structures:
            self._by_siret[structure.siret] = structure
        #: Where the data came from (a file name, "directory lookup"...), for messages.
        self.source = source

    def get(self, siret: str | None) -> Structure | None:
        if not siret:
            return None
        return self._by_siret.get(siret.replace(" ", ""))

    def __contains__(self, siret: object) -> bool:
        return isinstance(siret, str) and self.get(siret) is not None

    def __iter__(self) -> Iterator[Structure]:
        return iter(self._by_siret.values())

    def __len__(self) -> int:
        return len(self._by_siret)

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Structures:
        """Read a structures file; any problem is a :class:`SetupError` naming the file."""
        name = os.fspath(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SetupError("core.file_not_found", file=name) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SetupError("core.file_unreadable", file=name, reason=str(exc)) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SetupError(
                "chorus_rules.structures_bad_json",
                file=name,
                reason=f"{exc.msg} (line {exc.lineno}, column {exc.colno})",
            ) from None
        return cls.from_json(data, source=name)

    @classmethod
    def from_json(cls, data: Any, *, source: str | None = None) -> Structures:
        """Build from the decoded JSON document described in the module docstring."""
        where = source or "-"
        if not isinstance(data, Mapping) or not isinstance(data.get("structures"), list):
            raise SetupError(
                "chorus_rules.structures_bad_format", file=where, reason='{"structures": [...]}'
            )
        return cls(
            (_structure(item, where, i) for i, item in enumerate(data["structures"])), source=source
        )

    def to_json(self) -> dict[str, Any]:
        """The file format of :meth:`load` (so a directory lookup can be saved and reused)."""
        return {
            "structures": [
                {
                    "siret": s.siret,
                    "name": s.name,
                    "active": s.active,
                    "service_code_required": s.service_code_required,
                    "engagement_required": s.engagement_required,
                    "service_or_engagement": s.service_or_engagement,
                    "services": [
                        {
                            "code": v.code,
                            "name": v.name,
                            "active": v.active,
                            "engagement_required": v.engagement_required,
                        }
                        for v in s.services
                    ],
                    "engagements": sorted(s.engagements),
                }
                for s in self
            ]
        }


def configured() -> Structures | None:
    """The structures the user configured, if any: ``DEMAT_STRUCTURES``, else
    ``structures.json`` in the configuration directory; ``None`` when neither exists."""
    env = os.environ.get(ENV_VAR)
    if env:
        return _load_cached(env)
    default = config_dir() / DEFAULT_NAME
    if default.is_file():
        return _load_cached(str(default))
    return None


def _load_cached(path: str) -> Structures:
    """A batch validates thousands of invoices: read the file again only when it changes."""
    try:
        stat = os.stat(path)
    except OSError:
        return Structures.load(path)  # raises the SetupError naming the file
    return _load_version(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_version(path: str, _mtime_ns: int, _size: int) -> Structures:
    return Structures.load(path)


# ---------------------------------------------------------------------- parsing


def _bad(where: str, index: int, reason: str) -> SetupError:
    return SetupError(
        "chorus_rules.structures_bad_entry", file=where, index=index + 1, reason=reason
    )


def _flag(item: Mapping[str, Any], key: str, default: bool, where: str, index: int) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        raise _bad(where, index, f"{key}: true/false")
    return value


def _text(item: Mapping[str, Any], key: str, where: str, index: int) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise _bad(where, index, f"{key}: text")
    return value


def _structure(item: Any, where: str, index: int) -> Structure:
    if not isinstance(item, Mapping):
        raise _bad(where, index, "object expected")
    unknown = set(item) - _STRUCTURE_KEYS
    if unknown:
        raise _bad(where, index, "unknown keys " + ", ".join(sorted(unknown)))
    siret = item.get("siret")
    if (
        not isinstance(siret, str)
        or not (siret := siret.replace(" ", "")).isdigit()
        or len(siret) != 14
    ):
        raise _bad(where, index, "siret: 14 digits")
    services_raw = item.get("services", [])
    engagements = item.get("engagements", [])
    if not isinstance(services_raw, list):
        raise _bad(where, index, "services: list")
    if not isinstance(engagements, list) or not all(isinstance(e, str) for e in engagements):
        raise _bad(where, index, "engagements: list of text")
    services = []
    for raw in services_raw:
        if (
            not isinstance(raw, Mapping)
            or not isinstance(raw.get("code"), str)
            or not raw["code"].strip()
        ):
            raise _bad(where, index, "services: objects with a code")
        unknown = set(raw) - _SERVICE_KEYS
        if unknown:
            raise _bad(where, index, "unknown service keys " + ", ".join(sorted(unknown)))
        services.append(
            Service(
                code=raw["code"].strip(),
                name=_text(raw, "name", where, index),
                active=_flag(raw, "active", True, where, index),
                engagement_required=_flag(raw, "engagement_required", False, where, index),
            )
        )
    return Structure(
        siret=siret,
        name=_text(item, "name", where, index),
        active=_flag(item, "active", True, where, index),
        service_code_required=_flag(item, "service_code_required", False, where, index),
        engagement_required=_flag(item, "engagement_required", False, where, index),
        service_or_engagement=_flag(item, "service_or_engagement", False, where, index),
        services=tuple(services),
        engagements=frozenset(e.strip() for e in engagements),
    )
