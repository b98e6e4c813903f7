"""The PISTE gateway's gates: the token endpoint, the Bearer token, the ``cpro-account``.

What the real gateway checks before an operation runs, with its answers (HTTP 400 on
the token endpoint, 401 with ``WWW-Authenticate`` elsewhere, API.md section 1), kept
apart from the HTTP plumbing so that each gate reads as the rule it enforces.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Mapping
from email.message import Message
from typing import Any
from urllib.parse import parse_qs

from emulators.chorus.entities import Account
from emulators.chorus.world import World

LOGIN_INCORRECT = (
    'Bearer realm="PISTE",error="Unauthorized",error_description="login or password incorrects"'
)


class Reply(Exception):
    """Answer now with this status, body and headers (gates and faults)."""

    def __init__(
        self,
        status: int,
        body: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None = None,
        *,
        close: bool = False,
    ) -> None:
        super().__init__(status)
        self.status = status
        self.body = dict(body) if body is not None else None
        self.headers = dict(headers or {})
        self.close = close


def token(
    world: World, headers: Message, raw: bytes, entry: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    """The PISTE token endpoint (``client_credentials``, form or HTTP basic)."""
    try:
        form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8"), keep_blank_values=True).items()}
    except UnicodeDecodeError:
        form = {}
    client_id, client_secret = form.get("client_id"), form.get("client_secret")
    basic = headers.get("Authorization", "")
    if basic.lower().startswith("basic "):
        try:
            client_id, _, client_secret = base64.b64decode(basic[6:]).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            client_id = client_secret = None
    entry["client_id"] = client_id
    if form.get("grant_type") != "client_credentials":
        raise Reply(
            400,
            {
                "error": "unsupported_grant_type",
                "error_description": "grant_type must be client_credentials",
            },
        )
    with world.lock:
        expected = world.clients.get(client_id or "")
        if expected is None or not secrets.compare_digest(expected, client_secret or ""):
            raise Reply(
                400,
                {
                    "error": "invalid_client",
                    "error_description": "Client authentication failed",
                },
            )
        token = secrets.token_urlsafe(32)
        expires_in = world.issue_token(token)
    return 200, {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": expires_in,
        "scope": form.get("scope") or "openid",
    }


def check_token(world: World, headers: Message) -> None:
    """A valid Bearer token, or HTTP 401 as the gateway answers."""
    header = headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Reply(
            401,
            {"error": "invalid_request", "error_description": "missing Bearer token"},
            {"WWW-Authenticate": 'Bearer realm="PISTE",error="invalid_request"'},
        )
    state = world.token_state(token.strip())
    if state != "valid":
        description = "token expired" if state == "expired" else "unknown token"
        raise Reply(
            401,
            {"error": "invalid_token", "error_description": description},
            {
                "WWW-Authenticate": f'Bearer realm="PISTE",error="invalid_token",'
                f'error_description="{description}"'
            },
        )


def check_account(world: World, headers: Message, entry: dict[str, Any]) -> Account:
    """The technical account of the ``cpro-account`` header, or HTTP 401."""
    header = headers.get("cpro-account", "")
    try:
        login, sep, password = (
            base64.b64decode(header, validate=True).decode("utf-8").partition(":")
        )
    except (binascii.Error, UnicodeDecodeError, ValueError):
        login, sep, password = "", "", ""
    entry["login"] = login or None
    account = world.accounts.get(login)
    if not sep or account is None or not secrets.compare_digest(account.password, password):
        raise Reply(
            401,
            {"error": "Unauthorized", "error_description": "login or password incorrects"},
            {"WWW-Authenticate": LOGIN_INCORRECT},
        )
    return account
