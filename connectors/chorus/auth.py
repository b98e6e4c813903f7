"""OAuth2 client credentials against the PISTE token endpoint, cached and renewed early.

PISTE tokens live one hour (``expires_in`` 3600, API.md 1.2) and there is no refresh
token: a batch of hundreds of calls must reuse one token, ask for a new one shortly
before it expires (so a long call never starts with a token about to die), and ask
once more when the gateway answers 401 anyway (clock skew, revoked token).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from connectors.chorus.config import ChorusConfig
from connectors.chorus.errors import ChorusAuthError, ChorusUnavailable

#: Renew this long before expiry at most (Odoo's margin), never more than a tenth
#: of the lifetime so that short-lived tokens (emulator tests) are still used.
MAX_MARGIN = 240.0


@dataclass(frozen=True)
class Token:
    access_token: str
    token_type: str
    expires_at: float

    @property
    def header(self) -> str:
        # PISTE answers "Bearer"; normalise the case as Pastell does.
        kind = "Bearer" if self.token_type.lower() == "bearer" else self.token_type
        return f"{kind} {self.access_token}"

    def __repr__(self) -> str:
        return f"Token(type={self.token_type!r}, expires_at={self.expires_at:.0f}, value=********)"


class TokenProvider:
    """Hands out a valid bearer token; thread-safe, one token request at a time."""

    def __init__(
        self, config: ChorusConfig, http: httpx.Client, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._config = config
        self._http = http
        self._clock = clock
        self._token: Token | None = None
        self._lock = threading.Lock()
        #: How many tokens were obtained (tests and the journal of a run read it).
        self.obtained = 0

    def header(self) -> str:
        with self._lock:
            token = self._token
            if token is None or self._clock() >= token.expires_at:
                token = self._token = self._request()
            return token.header

    def invalidate(self, header: str | None = None) -> None:
        """Forget the token (after a 401), unless another thread already replaced it."""
        with self._lock:
            if self._token is not None and (header is None or self._token.header == header):
                self._token = None

    def _request(self) -> Token:
        config = self._config
        config.require_credentials()
        form = {
            "grant_type": "client_credentials",
            "client_id": config.client_id,
            "client_secret": config.client_secret.reveal(),
            "scope": "openid",
        }
        try:
            response = self._http.post(
                config.token_url, data=form, headers={"Accept": "application/json"}
            )
        except httpx.TransportError as exc:
            raise ChorusUnavailable(
                "chorus.unreachable", url=config.token_url, reason=type(exc).__name__
            ) from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.status_code != 200:
            if response.status_code >= 500:
                raise ChorusUnavailable(
                    "chorus.http_status", url=config.token_url, status=response.status_code
                )
            raise ChorusAuthError(
                "chorus.token_refused",
                url=config.token_url,
                status=response.status_code,
                reason=str(body.get("error_description") or body.get("error") or "-")
                if isinstance(body, dict)
                else "-",
            )
        access = body.get("access_token") if isinstance(body, dict) else None
        kind = body.get("token_type") if isinstance(body, dict) else None
        lifetime = body.get("expires_in") if isinstance(body, dict) else None
        if (
            not isinstance(access, str)
            or not access
            or not isinstance(kind, str)
            or not kind
            or isinstance(lifetime, bool)
            or not isinstance(lifetime, int | float)
            or lifetime <= 0
        ):
            raise ChorusAuthError("chorus.token_malformed", url=config.token_url)
        margin = min(MAX_MARGIN, lifetime / 10)
        self.obtained += 1
        return Token(access, kind, self._clock() + lifetime - margin)
