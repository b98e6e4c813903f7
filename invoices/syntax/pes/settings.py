"""The commune's Hélios identity: what every ``EnTetePES`` and ``Enveloppe`` carries.

Read like the Chorus Pro settings, later sources overriding earlier ones: the
``[helios]`` table of ``config_dir()/config.toml``, then the environment::

    DEMAT_HELIOS_ID_POST          poste comptable (trésorerie) codique, 6-7 digits
    DEMAT_HELIOS_ID_COLL          SIRET of the budget (14 digits)
    DEMAT_HELIOS_COD_COL          code collectivité (3 digits)
    DEMAT_HELIOS_COD_BUD          code budget (2 characters, e.g. 01)
    DEMAT_HELIOS_LIBELLE_COL_BUD  name of the budget (optional)
    DEMAT_HELIOS_SIGLE            sender acronym in Enveloppe/Emetteur (default DEMAT)

A wrong value is refused here, naming the setting, rather than by Hélios days
later for a whole file.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from invoices import __version__
from invoices.errors import SetupError
from invoices.paths import config_dir

ENV_PREFIX = "DEMAT_HELIOS_"
CONFIG_FILE = "config.toml"
#: Setting -> the pattern the 5.30 XSD gives its element (``None``: free text).
FORMATS: dict[str, re.Pattern[str] | None] = {
    "id_post": re.compile(r"[0-9]{6,7}|02[AB][0-9]{3,4}"),
    "id_coll": re.compile(r"[0-9]{14}"),
    "cod_col": re.compile(r"[0-9]{3}"),
    "cod_bud": re.compile(r"[0-9A-Z][0-9]"),
    "libelle_col_bud": None,
    "sigle": None,
}
REQUIRED = ("id_post", "id_coll", "cod_col", "cod_bud")


@dataclass(frozen=True, slots=True)
class HeliosSettings:
    id_post: str
    id_coll: str
    cod_col: str
    cod_bud: str
    libelle_col_bud: str | None = None
    sigle: str = "DEMAT"


def software() -> str:
    """``Emetteur/Adresse``: the software that wrote the file, and its version."""
    return f"mairie-demat {__version__}"


def _file_table(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise SetupError("pes.settings_invalid", file=str(path), reason=str(exc)) from None
    except OSError as exc:
        raise SetupError("pes.settings_invalid", file=str(path), reason=exc.strerror) from None
    table = data.get("helios", {})
    if not isinstance(table, dict):
        raise SetupError("pes.settings_invalid", file=str(path), reason="[helios]")
    # ``tdt_*`` and ``must_signed``: the TdT's, read by the connector (connectors/tdt/config.py).
    known = set(FORMATS) | {"must_signed", "chorus_mandatee"}  # MANDATEE loop: connectors/chorus
    unknown = sorted(k for k in set(table) - known if not k.startswith("tdt_"))
    if unknown:
        raise SetupError("pes.settings_unknown", file=str(path), names=", ".join(unknown))
    return table


def load_settings(
    environ: Mapping[str, str] | None = None, path: Path | None = None
) -> HeliosSettings:
    """The settings, checked; :class:`SetupError` names what is missing or malformed."""
    env = os.environ if environ is None else environ
    source = path or config_dir() / CONFIG_FILE
    table = _file_table(source)  # its other keys are the TdT's and the MANDATEE loop's
    values: dict[str, str] = {k: str(v) for k, v in table.items() if k in FORMATS}
    for name in FORMATS:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw:
            values[name] = raw
    values = {k: v.strip() for k, v in values.items() if v.strip()}
    missing = [ENV_PREFIX + n.upper() for n in REQUIRED if n not in values]
    if missing:
        raise SetupError("pes.settings_missing", file=str(source), names=", ".join(missing))
    for name, pattern in FORMATS.items():
        value = values.get(name)
        if value is not None and pattern is not None and not pattern.fullmatch(value):
            raise SetupError(
                "pes.settings_bad", file=str(source), name=ENV_PREFIX + name.upper(), value=value
            )
    return HeliosSettings(**values)
