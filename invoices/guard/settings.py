"""Whether the gate runs, whether it wants two people, and who the commune is.

Read from the environment, else the ``[guard]`` / ``[commune]`` / ``[chorus]``
tables of ``config_dir()/config.toml``.  The commune's SIRET is ``[commune] siret``
/ ``DEMAT_COMMUNE_SIRET``, else the Chorus Pro setting (``DEMAT_CHORUS_SIRET``,
``[chorus] siret``) read here without importing the connector: the library never
depends on a connector.  The gate is on unless turned off explicitly, and whoever
reports on a run says when it is off.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from invoices.errors import SetupError
from invoices.paths import config_dir

CONFIG_FILE = "config.toml"
_OFF = {"off", "0", "false", "no", "non"}
_ON = {"on", "1", "true", "yes", "oui"}


@dataclass(frozen=True, slots=True)
class GuardSettings:
    enabled: bool = True
    two_person: bool = False
    #: The commune's own SIRET: its invoices as buyer are the ones it pays.
    commune_siret: str = ""

    @property
    def active(self) -> bool:
        """On, and able to tell what the commune pays from what it issues."""
        return self.enabled and bool(self.commune_siret)

    @property
    def confirmations_needed(self) -> int:
        return 2 if self.two_person else 1


def _flag(value: Any, name: str, origin: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _ON:
        return True
    if text in _OFF:
        return False
    raise SetupError("guard.setting_bad", file=origin, name=name, value=str(value))


def _tables(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise SetupError("guard.config_invalid", file=str(path), reason=str(exc)) from None
    except OSError as exc:
        raise SetupError("guard.config_invalid", file=str(path), reason=exc.strerror) from None


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise SetupError("guard.config_invalid", file=str(path), reason=f"[{name}]")
    return table


def load_guard(environ: Mapping[str, str] | None = None, path: Path | None = None) -> GuardSettings:
    """The effective settings: the config file, then the environment over it."""
    environ = os.environ if environ is None else environ
    path = config_dir() / CONFIG_FILE if path is None else path
    data = _tables(path)
    guard = _table(data, "guard", path)
    origin = str(path)
    enabled = _flag(guard.get("enabled", True), "enabled", origin)
    two_person = _flag(guard.get("two_person", False), "two_person", origin)
    if environ.get("DEMAT_GUARD"):
        enabled = _flag(environ["DEMAT_GUARD"], "DEMAT_GUARD", "DEMAT_GUARD")
    if environ.get("DEMAT_GUARD_TWO_PERSON"):
        two_person = _flag(
            environ["DEMAT_GUARD_TWO_PERSON"], "two_person", "DEMAT_GUARD_TWO_PERSON"
        )
    siret = (
        environ.get("DEMAT_COMMUNE_SIRET")
        or environ.get("DEMAT_CHORUS_SIRET")
        or str(_table(data, "commune", path).get("siret", ""))
        or str(_table(data, "chorus", path).get("siret", ""))
    )
    return GuardSettings(enabled, two_person, "".join(siret.split()))
