"""The one HTTP call to Chorus Pro: headers, token, retries for reads, none for writes.

Every operation of the platform is a JSON ``POST`` under ``<api>/cpro/<group>/v1/``.
What differs is what may be repeated.  A read (search, consult, download, poll) is
retried on 429, 5xx, timeouts and dropped connections with exponential back-off and
jitter.  A write (deposit, status change) is sent once: if the request may have
reached the platform and no answer came back, :class:`ChorusOutcomeUnknown` tells
the caller to reconcile instead of re-sending.  A 401 is always retried once with a
new token, reads and writes alike, because the gateway refuses it before the
platform sees it.

The transport is a seam: pass any ``httpx.BaseTransport`` (loopback to the emulator,
an in-process WSGI app, a proxy) and the same code runs unchanged.
"""

from __future__ import annotations

import base64
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from connectors.chorus.auth import TokenProvider
from connectors.chorus.config import ChorusConfig
from connectors.chorus.errors import (
    ChorusAuthError,
    ChorusBusinessError,
    ChorusHttpError,
    ChorusOutcomeUnknown,
    ChorusUnavailable,
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Transport failures after which a write certainly did not reach the server.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
MAX_BACKOFF = 30.0


@dataclass(frozen=True)
class CallEvent:
    """One HTTP exchange, as the audit trail records it: no header, no body, no secret."""

    operation: str
    write: bool
    attempt: int
    status: int | None
    code: int | None
    outcome: str  # ok | business_error | retry | http_error | transport_error | unknown
    elapsed: float
    detail: str = ""


Observer = Callable[[CallEvent], None]


def account_header(login: str, password: str) -> str:
    """``cpro-account``: base64 of ``login:password`` (API.md 1.3), not HTTP basic auth."""
    return base64.b64encode(f"{login}:{password}".encode()).decode("ascii")


def return_code(body: Mapping[str, Any]) -> int | None:
    """``codeRetour`` as an int; the platform is not consistent about its type."""
    value = body.get("codeRetour")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


class ChorusHttp:
    """Authenticated JSON calls with the retry policy described in the module docstring."""

    def __init__(
        self,
        config: ChorusConfig,
        transport: httpx.BaseTransport | None = None,
        *,
        observer: Observer | None = None,
        sleep: Callable[[float], None] = time.sleep,
        backoff_base: float = 0.5,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self._client = httpx.Client(
            transport=transport, timeout=httpx.Timeout(config.timeout), follow_redirects=False
        )
        self.tokens = TokenProvider(config, self._client)
        self.observer = observer
        self._sleep = sleep
        self._backoff_base = backoff_base
        self._rng = rng or random.Random()

    def close(self) -> None:
        self._client.close()

    def url(self, operation: str) -> str:
        return f"{self.config.api_url}/cpro/{operation}"

    def _business_error(self, event: CallEvent, code: int) -> ChorusBusinessError:
        """The platform said no (its codeRetour): recorded, then raised by the caller."""
        self._notify(event)
        return ChorusBusinessError(event.operation, code, event.detail)

    def _notify(self, event: CallEvent) -> None:
        if self.observer is not None:
            self.observer(event)

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        """Exponential back-off with jitter, or the server's ``Retry-After`` when sane."""
        if response is not None:
            after: str = response.headers.get("Retry-After", "")
            if after.isdigit():
                return min(float(after), MAX_BACKOFF)
        ceiling = min(MAX_BACKOFF, self._backoff_base * (2.0**attempt))
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    def post(
        self,
        operation: str,
        body: Mapping[str, Any],
        *,
        write: bool = False,
        empty_codes: frozenset[int] = frozenset(),
        bare: bool = False,
    ) -> dict[str, Any]:
        """POST ``body`` to ``cpro/<operation>`` and return the JSON answer.

        ``bare``: the operation's official answer model has no ``codeRetour`` (only
        ``deposer/pdf``), so a JSON answer without one is its success.

        ``empty_codes`` are non-zero ``codeRetour`` values that mean "no result" for
        this operation (20000 for the recipient search) and are returned, not raised.
        """
        config = self.config
        config.require_credentials()
        url = self.url(operation)
        account = account_header(config.login, config.password.reveal())
        attempts = 1 if write else 1 + config.read_retries
        renewed = False
        attempt = 0
        while True:
            try:
                authorization = self.tokens.header()
            except ChorusUnavailable:
                # Asking for a token changes nothing on the platform: retried like a read.
                if attempt + 1 >= max(attempts, 1 + config.read_retries):
                    raise
                self._sleep(self._delay(attempt, None))
                attempt += 1
                continue
            headers = {
                "Authorization": authorization,
                "cpro-account": account,
                "Content-Type": "application/json;charset=utf-8",
                "Accept": "application/json;charset=utf-8",
            }
            started = time.monotonic()
            try:
                response = self._client.post(url, json=dict(body), headers=headers)
            except httpx.TransportError as exc:
                elapsed = time.monotonic() - started
                reason = type(exc).__name__
                if write and not isinstance(exc, NOT_SENT):
                    self._notify(
                        CallEvent(
                            operation, write, attempt + 1, None, None, "unknown", elapsed, reason
                        )
                    )
                    raise ChorusOutcomeUnknown(
                        "chorus.outcome_unknown", operation=operation, reason=reason
                    ) from None
                if attempt + 1 < attempts:
                    self._notify(
                        CallEvent(
                            operation, write, attempt + 1, None, None, "retry", elapsed, reason
                        )
                    )
                    self._sleep(self._delay(attempt, None))
                    attempt += 1
                    continue
                self._notify(
                    CallEvent(
                        operation,
                        write,
                        attempt + 1,
                        None,
                        None,
                        "transport_error",
                        elapsed,
                        reason,
                    )
                )
                raise ChorusUnavailable("chorus.unreachable", url=url, reason=reason) from None
            elapsed = time.monotonic() - started
            status = response.status_code

            if status == 401 and not renewed:
                self._notify(
                    CallEvent(
                        operation,
                        write,
                        attempt + 1,
                        status,
                        None,
                        "retry",
                        elapsed,
                        "token renewed",
                    )
                )
                self.tokens.invalidate(authorization)
                renewed = True
                continue
            if status == 401:
                self._notify(
                    CallEvent(operation, write, attempt + 1, status, None, "http_error", elapsed)
                )
                raise ChorusAuthError(
                    "chorus.unauthorized", url=url, reason=_www_authenticate(response)
                )
            if status in RETRY_STATUSES:
                if write and status != 429:
                    # The platform may have processed it before failing: reconcile.
                    self._notify(
                        CallEvent(operation, write, attempt + 1, status, None, "unknown", elapsed)
                    )
                    raise ChorusOutcomeUnknown(
                        "chorus.outcome_unknown", operation=operation, reason=f"HTTP {status}"
                    )
                if attempt + 1 < attempts:
                    self._notify(
                        CallEvent(operation, write, attempt + 1, status, None, "retry", elapsed)
                    )
                    self._sleep(self._delay(attempt, response))
                    attempt += 1
                    continue
                self._notify(
                    CallEvent(operation, write, attempt + 1, status, None, "http_error", elapsed)
                )
                raise ChorusUnavailable("chorus.http_status", url=url, status=status)

            answer = _json(response)
            if status != 200:
                code = return_code(answer) if answer is not None else None
                if status == 400 and answer is not None and code not in (None, 0):
                    raise self._business_error(
                        CallEvent(
                            operation,
                            write,
                            attempt + 1,
                            status,
                            code,
                            "business_error",
                            elapsed,
                            str(answer.get("libelle") or ""),
                        ),
                        code,
                    )
                self._notify(
                    CallEvent(operation, write, attempt + 1, status, code, "http_error", elapsed)
                )
                raise ChorusHttpError(
                    "chorus.http_refused", url=url, status=status, reason=_short_reason(status)
                )
            if answer is None:
                outcome = "unknown" if write else "transport_error"
                self._notify(
                    CallEvent(
                        operation, write, attempt + 1, status, None, outcome, elapsed, "not JSON"
                    )
                )
                if write:
                    raise ChorusOutcomeUnknown(
                        "chorus.outcome_unknown", operation=operation, reason="answer is not JSON"
                    )
                if attempt + 1 < attempts:
                    self._sleep(self._delay(attempt, response))
                    attempt += 1
                    continue
                raise ChorusUnavailable("chorus.bad_answer", url=url)
            code = return_code(answer)
            if code is None and bare:
                self._notify(CallEvent(operation, write, attempt + 1, status, 0, "ok", elapsed))
                return answer
            if code is None:
                self._notify(
                    CallEvent(
                        operation,
                        write,
                        attempt + 1,
                        status,
                        None,
                        "http_error",
                        elapsed,
                        "no codeRetour",
                    )
                )
                if write:
                    raise ChorusOutcomeUnknown(
                        "chorus.outcome_unknown",
                        operation=operation,
                        reason="answer without codeRetour",
                    )
                raise ChorusUnavailable("chorus.bad_answer", url=url)
            if code != 0 and code not in empty_codes:
                raise self._business_error(
                    CallEvent(
                        operation,
                        write,
                        attempt + 1,
                        status,
                        code,
                        "business_error",
                        elapsed,
                        str(answer.get("libelle") or ""),
                    ),
                    code,
                )
            self._notify(CallEvent(operation, write, attempt + 1, status, code, "ok", elapsed))
            return answer


def _json(response: httpx.Response) -> dict[str, Any] | None:
    try:
        value = response.json()
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _www_authenticate(response: httpx.Response) -> str:
    """The gateway's reason (``error_description``), never a header value we sent."""
    header: str = response.headers.get("WWW-Authenticate", "")
    marker = 'error_description="'
    if marker in header:
        return header.split(marker, 1)[1].split('"', 1)[0]
    return header or "-"


def _short_reason(status: int) -> str:
    return {
        403: "forbidden",
        404: "not found",
        413: "payload too large",
        415: "unsupported media type",
    }.get(status, "refused")
