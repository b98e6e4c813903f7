"""Where the TdT (S²LOW) is and how we prove who we are: ``[helios]`` ``tdt_*`` keys of
``config.toml``, overridden by ``DEMAT_HELIOS_TDT_*``::

    DEMAT_HELIOS_TDT_URL           https://s2low.example.org (no trailing path)
    DEMAT_HELIOS_TDT_CERTIFICATE   client certificate (PEM, with its chain)
    DEMAT_HELIOS_TDT_KEY           its private key (PEM; default: in the certificate file)
    DEMAT_HELIOS_TDT_KEY_PASSWORD  the key's password (optional)
    DEMAT_HELIOS_TDT_CA            CA bundle that signs the server (default: the system's)
    DEMAT_HELIOS_TDT_LOGIN         HTTP basic login (optional, some platforms add it)
    DEMAT_HELIOS_TDT_PASSWORD      its password
    DEMAT_HELIOS_TDT_TIMEOUT       seconds per request (default 60)
    DEMAT_HELIOS_MUST_SIGNED       ``[helios] must_signed``: true asks the TdT to keep
                                   each file until it is signed on its web pages
                                   (S²LOW's ``must_signed``; status 13 until then)

The passwords are kept out of ``repr`` so that no log or traceback shows them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from invoices.errors import SetupError
from invoices.paths import config_dir

ENV_PREFIX = "DEMAT_HELIOS_TDT_"
NAMES = ("url", "certificate", "key", "key_password", "ca", "login", "password", "timeout")


@dataclass(frozen=True)
class TdtConfig:
    url: str
    certificate: Path
    key: Path | None = None
    key_password: str | None = field(default=None, repr=False)
    ca: Path | None = None
    login: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    must_signed: bool = False


TRUE = frozenset({"1", "true", "yes", "on", "oui"})
FALSE = frozenset({"0", "false", "no", "off", "non", ""})


def _table(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, OSError):
        raise SetupError("tdt.settings_invalid", file=str(path)) from None
    table = data.get("helios", {})
    if not isinstance(table, dict):
        raise SetupError("tdt.settings_invalid", file=str(path))
    values = {k[4:]: v for k, v in table.items() if k.startswith("tdt_")}
    if "must_signed" in table:
        values["must_signed"] = table["must_signed"]
    return values


def _flag(raw: object) -> bool:
    value = str(raw).strip().lower()
    if value not in TRUE | FALSE:
        raise SetupError("tdt.settings_bad", name="DEMAT_HELIOS_MUST_SIGNED", value=str(raw))
    return value in TRUE


def load_config(environ: Mapping[str, str] | None = None, path: Path | None = None) -> TdtConfig:
    """The settings, checked (:class:`SetupError` names what is missing or unreadable)."""
    env = os.environ if environ is None else environ
    source = path or config_dir() / "config.toml"
    table = _table(source)
    values = {k: str(v) for k, v in table.items() if k in NAMES}
    signed = env.get("DEMAT_HELIOS_MUST_SIGNED") or table.get("must_signed", False)
    for name in NAMES:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw:
            values[name] = raw
    missing = [ENV_PREFIX + n.upper() for n in ("url", "certificate") if not values.get(n)]
    if missing:
        raise SetupError("tdt.settings_missing", file=str(source), names=", ".join(missing))
    for name in ("certificate", "key", "ca"):
        if values.get(name) and not Path(values[name]).is_file():
            raise SetupError(
                "tdt.settings_no_file", name=ENV_PREFIX + name.upper(), file=values[name]
            )
    try:
        timeout = float(values.get("timeout", "60"))
    except ValueError:
        raise SetupError(
            "tdt.settings_bad", name=ENV_PREFIX + "TIMEOUT", value=values["timeout"]
        ) from None
    return TdtConfig(
        url=values["url"].rstrip("/"),
        certificate=Path(values["certificate"]),
        key=Path(values["key"]) if values.get("key") else None,
        key_password=values.get("key_password"),
        ca=Path(values["ca"]) if values.get("ca") else None,
        login=values.get("login"),
        password=values.get("password"),
        timeout=timeout,
        must_signed=_flag(signed),
    )
