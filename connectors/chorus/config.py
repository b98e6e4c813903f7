"""Connection settings for Chorus Pro, from ``DEMAT_CHORUS_*`` variables or a private file.

The settings hold two secrets (the PISTE client secret and the technical account's
password).  They are wrapped in :class:`Secret` the moment they are read, so a
``repr()`` in a log line, a traceback, an audit record or ``demat config`` can never
print them; only the HTTP layer calls :meth:`Secret.reveal`.

Sources, the later overriding the earlier: built-in defaults, the ``[chorus]`` table
of ``config_dir()/config.toml`` (refused when group or world can read it, since it
holds secrets), then the environment.  Environment names (the emulator prints them)::

    DEMAT_CHORUS_ENV            qualification | production | custom (presets of API.md 1.1)
    DEMAT_CHORUS_API_URL        API base, e.g. https://sandbox-api.piste.gouv.fr
    DEMAT_CHORUS_TOKEN_URL      OAuth token endpoint
    DEMAT_CHORUS_CLIENT_ID      PISTE application id
    DEMAT_CHORUS_CLIENT_SECRET  PISTE application secret
    DEMAT_CHORUS_LOGIN          Chorus Pro technical account login
    DEMAT_CHORUS_PASSWORD       Chorus Pro technical account password
    DEMAT_CHORUS_SIRET          SIRET of our own structure (the commune), recipient side
    DEMAT_CHORUS_TIMEOUT        seconds per HTTP call (default 30)
    DEMAT_CHORUS_READ_RETRIES   attempts after the first for read operations (default 4)
    DEMAT_CHORUS_POLL_INTERVAL  seconds between consulterCRDetaille polls (default 2)
    DEMAT_CHORUS_POLL_TIMEOUT   give up polling a flow after this many seconds (default 300)
    DEMAT_CHORUS_RECONCILE_GRACE  how long a deposit of unknown outcome is looked for on the
                                platform before it counts as never received (default 900)
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from invoices.errors import SetupError
from invoices.paths import config_dir

#: PISTE hosts (API.md section 1.1): environment name -> (token endpoint, API base).
PRESETS: dict[str, tuple[str, str]] = {
    "qualification": (
        "https://sandbox-oauth.piste.gouv.fr/api/oauth/token",
        "https://sandbox-api.piste.gouv.fr",
    ),
    "production": ("https://oauth.piste.gouv.fr/api/oauth/token", "https://api.piste.gouv.fr"),
}
#: Other names people use for the qualification platform.
ALIASES = {"sandbox": "qualification", "qualif": "qualification", "prod": "production"}
CUSTOM = "custom"
MASK = "********"
ENV_PREFIX = "DEMAT_CHORUS_"
CONFIG_FILE = "config.toml"


class Secret:
    """A string that never shows itself by accident (repr, str, f-strings, logs)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The clear value, for the one place that must send it over the wire."""
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return f"Secret({MASK})" if self._value else "Secret('')"

    def __str__(self) -> str:
        return MASK if self._value else ""

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> tuple[type[Secret], tuple[str]]:
        # Pickling (process pools) keeps the value; it is never a text rendering.
        return (Secret, (self._value,))


@dataclass(frozen=True)
class ChorusConfig:
    """Everything needed to talk to one Chorus Pro platform as one technical account."""

    environment: str = "qualification"
    api_url: str = PRESETS["qualification"][1]
    token_url: str = PRESETS["qualification"][0]
    client_id: str = ""
    client_secret: Secret = field(default_factory=lambda: Secret(""))
    login: str = ""
    password: Secret = field(default_factory=lambda: Secret(""))
    siret: str = ""
    timeout: float = 30.0
    read_retries: int = 4
    poll_interval: float = 2.0
    poll_timeout: float = 300.0
    reconcile_grace: float = 900.0
    #: Where each value came from (field -> "default" | file path | env variable).
    origins: Mapping[str, str] = field(default_factory=dict, compare=False)

    def missing(self) -> list[str]:
        """Settings without which no call can succeed."""
        needed = {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "login": self.login,
            "password": self.password,
        }
        return [name for name, value in needed.items() if not value]

    def require_credentials(self) -> None:
        missing = self.missing()
        if missing:
            raise SetupError(
                "chorus.config_missing", names=", ".join(ENV_PREFIX + n.upper() for n in missing)
            )

    def shown(self) -> dict[str, str]:
        """The effective settings with secrets masked, for ``demat config``."""
        out: dict[str, str] = {}
        for f in fields(self):
            if f.name == "origins":
                continue
            out[f.name] = str(getattr(self, f.name))
        return out


_FLOATS = {"timeout", "poll_interval", "poll_timeout", "reconcile_grace"}
_INTS = {"read_retries"}
_SECRETS = {"client_secret", "password"}
_KNOWN = {f.name for f in fields(ChorusConfig)} - {"origins"}


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def _read_file(path: Path) -> dict[str, Any]:
    """The ``[chorus]`` table of the config file, refusing a file others can read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SetupError("chorus.config_unreadable", file=str(path), reason=exc.strerror) from None
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SetupError(
            "chorus.config_permissions", file=str(path), mode=oct(stat.S_IMODE(info.st_mode))
        )
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise SetupError("chorus.config_invalid", file=str(path), reason=str(exc)) from None
    except OSError as exc:
        raise SetupError("chorus.config_unreadable", file=str(path), reason=exc.strerror) from None
    table = data.get("chorus", {})
    if not isinstance(table, dict):
        raise SetupError("chorus.config_invalid", file=str(path), reason="[chorus] must be a table")
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        raise SetupError(
            "chorus.config_invalid", file=str(path), reason="unknown keys: " + ", ".join(unknown)
        )
    return table


def _convert(name: str, value: Any, origin: str) -> Any:
    try:
        if name in _FLOATS:
            number = float(value)
            if not number > 0:
                raise ValueError
            return number
        if name in _INTS:
            number = int(value)
            if number < 0:
                raise ValueError
            return number
    except (TypeError, ValueError):
        raise SetupError(
            "chorus.config_bad_value", file=origin, name=name, value=str(value)
        ) from None
    if not isinstance(value, str):
        raise SetupError(
            "chorus.config_bad_value",
            file=origin,
            name=name,
            value=str(value) if name not in _SECRETS else MASK,
        )
    text = value.strip()
    return Secret(text) if name in _SECRETS else text


def _environment_urls(env: str, origin: str) -> tuple[str, str] | None:
    key = ALIASES.get(env.lower(), env.lower())
    if key == CUSTOM:
        return None
    if key not in PRESETS:
        raise SetupError("chorus.config_bad_value", file=origin, name="environment", value=env)
    return PRESETS[key]


def load_config(environ: Mapping[str, str] | None = None, path: Path | None = None) -> ChorusConfig:
    """The effective configuration: defaults < config file < environment.

    Choosing an environment preset sets both URLs; an explicit URL next to it wins
    (and makes the environment ``custom`` when it differs from the preset), so
    pointing ``demat`` at the emulator only needs the two URL variables.
    """
    environ = os.environ if environ is None else environ
    path = config_path() if path is None else path
    values: dict[str, Any] = {}
    origins: dict[str, str] = {name: "default" for name in _KNOWN}

    layers: list[tuple[dict[str, Any], str | None]] = [(_read_file(path), str(path))]
    env_values = {}
    env_origin: dict[str, str] = {}
    for name in _KNOWN:
        var = ENV_PREFIX + ("ENV" if name == "environment" else name.upper())
        if var in environ and environ[var] != "":
            env_values[name] = environ[var]
            env_origin[name] = var
    layers.append((env_values, None))

    for layer, file_origin in layers:
        if "environment" in layer:
            origin = file_origin or env_origin["environment"]
            env = _convert("environment", layer["environment"], origin)
            urls = _environment_urls(env, origin)
            values["environment"] = ALIASES.get(env.lower(), env.lower())
            origins["environment"] = origin
            if urls is not None:
                values["token_url"], values["api_url"] = urls
                origins["token_url"] = origins["api_url"] = origin
        for name, raw in layer.items():
            if name == "environment":
                continue
            origin = file_origin or env_origin[name]
            values[name] = _convert(name, raw, origin)
            origins[name] = origin

    config = replace(ChorusConfig(), **values, origins=origins)
    for name in ("api_url", "token_url"):
        url = getattr(config, name)
        if not url.startswith(("https://", "http://")):
            raise SetupError("chorus.config_bad_value", file=origins[name], name=name, value=url)
    preset = PRESETS.get(config.environment)
    if preset is not None and (config.token_url, config.api_url) != preset:
        config = replace(config, environment=CUSTOM)
    return replace(config, api_url=config.api_url.rstrip("/"))
