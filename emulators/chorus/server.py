"""The emulator's HTTP server: a real loopback server speaking the Chorus Pro API.

One port serves the PISTE token endpoint (``/api/oauth/token``), the API
(``/cpro/<api>/v1/...``) and the test controls (``/__emulator/...``).  Requests go
through the same gates as on the real gateway, in the same order: path, method, Bearer
token, ``cpro-account``, content type, size, JSON; then fault injection may replace the
answer; then the operation runs on the world, under its lock, after the clock has been
applied.  Every call is journalled with its outcome.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import socket
import struct
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from connectors.chorus import swagger
from emulators.chorus import api, codes, control
from emulators.chorus.clock import iso_ms
from emulators.chorus.config import Config
from emulators.chorus.faults import HTTP_KINDS, Faults, Rule
from emulators.chorus.journal import Journal, key_fields, redact_headers
from emulators.chorus.world import World, load_seed

TOKEN_PATH = "/api/oauth/token"
CONTROL_PREFIX = "/__emulator"
API_PREFIX = "/cpro/"
LOGIN_INCORRECT = (
    'Bearer realm="PISTE",error="Unauthorized",error_description="login or password incorrects"'
)
HTTP_FAULT_BODIES = {
    "401": {"error": "invalid_token", "error_description": "injected fault"},
    "403": {"error": "forbidden", "error_description": "access denied (injected fault)"},
    "404": {"error": "not_found", "error_description": "no such API (injected fault)"},
    "413": {"codeRetour": 413, "libelle": "Requête trop volumineuse (injected fault)"},
    "415": {"codeRetour": 415, "libelle": "Format de la requête non supporté (injected fault)"},
    "429": {"error": "too_many_requests", "error_description": "quota exceeded (injected fault)"},
    "500": {"codeRetour": 500, "libelle": "Erreur interne (injected fault)"},
    "503": {"codeRetour": 503, "libelle": "Service indisponible (injected fault)"},
}


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


class EmulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], world: World, seed: Mapping[str, Any]) -> None:
        super().__init__(address, RequestHandler)
        self.world = world
        self.initial_seed = seed
        self.journal = Journal()
        self.faults = Faults()
        self.stopping = threading.Event()


class RequestHandler(BaseHTTPRequestHandler):
    server: EmulatorHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "ChorusProEmulator/1.0"
    #: Socket timeout: a client announcing a body it never sends, or an idle keep-alive
    #: connection, frees its thread after this many seconds.
    timeout = 120

    # -------------------------------------------------------------- plumbing

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the journal is the log."""

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def _send(
        self,
        status: int,
        body: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None = None,
        *,
        close: bool = False,
    ) -> None:
        payload = b"" if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            if body is not None:
                self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True  # the client gave up (e.g. timeout on a slow answer)

    def _reset(self) -> None:
        """Drop the connection with a TCP RST: the client sees a reset, never an answer."""
        self.close_connection = True
        try:
            self.rfile.close()  # releases the makefile() reference so close() really closes
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    def _read_body(self, limit: int) -> bytes:
        length_header = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            raise Reply(411, {"codeRetour": 411, "libelle": "Content-Length requis."}, close=True)
        try:
            length = int(length_header or 0)
        except ValueError:
            raise Reply(400, codes.answer(codes.MALFORMED_BODY), close=True) from None
        if length < 0:
            raise Reply(400, codes.answer(codes.MALFORMED_BODY), close=True)
        if length > limit:
            raise Reply(
                413, {"codeRetour": 413, "libelle": "Requête trop volumineuse."}, close=True
            )
        return self.rfile.read(length) if length else b""

    # -------------------------------------------------------------- dispatch

    def _serve(self, method: str) -> None:
        started = time.monotonic()
        url = urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        world = self.server.world
        entry: dict[str, Any] = {
            "time": iso_ms(world.clock.now()),
            "method": method,
            "path": path,
            "headers": redact_headers(dict(self.headers.items())),
        }
        if path.startswith(CONTROL_PREFIX):
            self._control(method, path[len(CONTROL_PREFIX) :], parse_qs(url.query))
            return
        operation = self._operation(path, method)
        entry["operation"] = operation
        body: Any = None
        reset_after = False
        try:
            if operation is None:
                raise Reply(
                    404,
                    {"error": "not_found", "error_description": f"no API at {path}"},
                    {"WWW-Authenticate": 'Bearer realm="DefaultRealm"'},
                )
            raw = self._read_body(world.config.max_request_bytes)
            entry["bytes"] = len(raw)
            rule = self.server.faults.pick(operation)
            if rule is not None:
                entry["fault"] = rule.kind
                reset_after = self._apply_fault(rule, operation)
            if operation == "token":
                status, answer = self._token(raw, entry)
            else:
                status, answer, body = self._api(operation, method, raw, entry)
        except Reply as reply:
            status, answer = reply.status, reply.body
            if reply.close:
                self.close_connection = True
            self._finish(entry, status, answer, body, started)
            self._send(reply.status, reply.body, reply.headers, close=reply.close)
            return
        except _Reset:
            self._finish(entry, None, None, body, started, outcome="reset")
            self._reset()
            return
        except TimeoutError:
            raise  # the stdlib handler drops the connection
        except Exception as exc:  # an emulator bug: answer like the platform would, and say so
            entry["error"] = f"{type(exc).__name__}: {exc}"
            answer = {"codeRetour": 500, "libelle": "Erreur interne de l'émulateur."}
            self._finish(entry, 500, answer, body, started)
            self._send(500, answer, close=True)
            return
        if reset_after:
            self._finish(entry, status, answer, body, started, outcome="reset")
            self._reset()
            return
        self._finish(entry, status, answer, body, started)
        self._send(status, answer)

    def _operation(self, path: str, method: str) -> str | None:
        if path == TOKEN_PATH:
            return "token" if method == "POST" else None
        if path.startswith(API_PREFIX):
            name = path[len(API_PREFIX) :]
        elif self.server.world.config.accept_without_cpro:
            name = path.lstrip("/")
        else:
            return None
        if name == api.HEALTH:
            return name if method == "GET" else None
        return name if name in api.ROUTES and method == "POST" else None

    def _apply_fault(self, rule: Rule, operation: str) -> bool:
        """Carry out an injected fault; True when the connection must drop after handling."""
        if rule.kind in HTTP_KINDS:
            headers = {}
            if rule.kind == "401":
                headers["WWW-Authenticate"] = 'Bearer realm="PISTE",error="invalid_token"'
            if rule.kind in ("429", "503"):
                headers["Retry-After"] = "1"
            raise Reply(int(rule.kind), HTTP_FAULT_BODIES[rule.kind], headers)
        if rule.kind == "slow":
            self.server.stopping.wait(rule.delay)
            return False
        if rule.kind == "business":
            raise Reply(200, {"codeRetour": rule.code, "libelle": "Erreur métier injectée."})
        if rule.kind == "token_expired":
            raise Reply(
                401,
                {"error": "invalid_token", "error_description": "token expired"},
                {
                    "WWW-Authenticate": 'Bearer realm="PISTE",error="invalid_token",'
                    'error_description="token expired"'
                },
            )
        # reset
        after = rule.after_handling
        if after is None:
            after = operation == "factures/v1/deposer/flux"
        if not after:
            raise _Reset()
        return True

    # -------------------------------------------------------------- token endpoint

    def _token(self, raw: bytes, entry: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        world = self.server.world
        try:
            form = {
                k: v[0] for k, v in parse_qs(raw.decode("utf-8"), keep_blank_values=True).items()
            }
        except UnicodeDecodeError:
            form = {}
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        basic = self.headers.get("Authorization", "")
        if basic.lower().startswith("basic "):
            try:
                client_id, _, client_secret = (
                    base64.b64decode(basic[6:]).decode("utf-8").partition(":")
                )
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

    # -------------------------------------------------------------- API

    def _api(
        self, operation: str, method: str, raw: bytes, entry: dict[str, Any]
    ) -> tuple[int, dict[str, Any], Any]:
        world = self.server.world
        with world.lock:
            world.tick()
            self._check_token()
            account = self._check_account(entry)
        if method == "GET":  # health-check
            return 200, {"body": "OK", "statusCode": "OK", "statusCodeValue": 200}, None
        content_type = self.headers.get("Content-Type", "")
        if not content_type.split(";")[0].strip().lower() == "application/json":
            raise Reply(415, {"codeRetour": 415, "libelle": "Format de la requête non supporté."})
        try:
            body = json.loads(raw.decode("utf-8")) if raw.strip() else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise Reply(400, codes.answer(codes.MALFORMED_BODY)) from None
        if not isinstance(body, dict):
            raise Reply(400, codes.answer(codes.MALFORMED_BODY))
        entry["request"] = key_fields(body)
        if operation == "factures/v1/deposer/flux" and isinstance(body.get("fichierFlux"), str):
            entry["request"]["fichierFluxBytes"] = len(body["fichierFlux"]) * 3 // 4
        with world.lock:
            world.tick()
            call = api.Call(world=world, account=account, body=body, now=world.clock.now())
            try:
                status, answer = api.ROUTES[operation](call)
            except api.Answer as stop:
                status, answer = stop.status, stop.body
        return status, answer, body

    def _check_token(self) -> None:
        world = self.server.world
        header = self.headers.get("Authorization", "")
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

    def _check_account(self, entry: dict[str, Any]):
        world = self.server.world
        header = self.headers.get("cpro-account", "")
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

    # -------------------------------------------------------------- journal

    def _finish(
        self,
        entry: dict[str, Any],
        status: int | None,
        answer: Mapping[str, Any] | None,
        body: Any,
        started: float,
        *,
        outcome: str | None = None,
    ) -> None:
        entry["status"] = status
        if isinstance(answer, Mapping) and "codeRetour" in answer:
            entry["codeRetour"] = answer["codeRetour"]
        for name in (
            "numeroFluxDepot",
            "identifiantFactureCPP",
            "idFacture",
            "etatCourantDepotFlux",
            "nouveauStatut",
            "statutCourantCode",
        ):
            if isinstance(answer, Mapping) and name in answer:
                entry.setdefault("response", {})[name] = answer[name]
        if isinstance(answer, Mapping) and isinstance(answer.get("listeFactures"), list):
            entry.setdefault("response", {})["listeFactures"] = len(answer["listeFactures"])
        operation = entry.get("operation") or ""
        if status == 200 and operation.startswith("factures/") and isinstance(answer, Mapping):
            problems = swagger.response_errors("/cpro/" + operation, answer, strict=True)
            if problems:
                entry["swagger_errors"] = problems[:20]
        if outcome is None:
            if status is None:
                outcome = "reset"
            elif status != 200:
                outcome = "http_error"
            elif isinstance(answer, Mapping) and answer.get("codeRetour", 0) != 0:
                outcome = "business_error"
            else:
                outcome = "ok"
        entry["outcome"] = outcome
        entry["ms"] = round((time.monotonic() - started) * 1000, 1)
        self.server.journal.record(entry)

    # -------------------------------------------------------------- controls

    def _control(self, method: str, path: str, query: Mapping[str, list[str]]) -> None:
        try:
            raw = self._read_body(self.server.world.config.max_request_bytes)
            body = json.loads(raw.decode("utf-8")) if raw.strip() else {}
            if not isinstance(body, dict):
                raise ValueError("the control body must be a JSON object")
            status, answer = control.dispatch(self.server, method, path, body, query)
        except Reply as reply:
            self._send(reply.status, reply.body, reply.headers, close=reply.close)
            return
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            status, answer = 400, {"error": f"{type(exc).__name__}: {exc}"}
        self._send(status, answer)


class _Reset(Exception):
    """Drop the connection without answering."""


class Emulator:
    """A running emulator: ``Emulator.start(port=0)``, then ``.base_url``, ``.stop()``.

    Usable as a context manager.  The seed is a file path, a mapping, or None for the
    default world; ``config`` holds :class:`Config` settings (delays, token lifetime...).
    """

    def __init__(self, server: EmulatorHTTPServer, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread

    @classmethod
    def start(
        cls,
        port: int = 0,
        seed: str | Path | Mapping[str, Any] | None = None,
        config: Mapping[str, Any] | None = None,
        host: str = "127.0.0.1",
    ) -> Emulator:
        data = load_seed(seed)
        settings = Config()
        settings.update(config or {})
        world = World(data, settings)
        server = EmulatorHTTPServer((host, port), world, data)
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name=f"chorus-emulator-{server.server_address[1]}",
            daemon=True,
        )
        thread.start()
        return cls(server, thread)

    # addresses ---------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The API base: operations are ``<api_url>/cpro/<api>/v1/<operation>``."""
        return self.base_url

    @property
    def token_url(self) -> str:
        return self.base_url + TOKEN_PATH

    def env(self) -> dict[str, str]:
        """The ``DEMAT_CHORUS_*`` settings that point ``demat`` at this emulator."""
        world = self.world
        client_id, client_secret = next(iter(world.clients.items()))
        account = next(iter(world.accounts.values()))
        own = next((s for s, roles in account.attachments.items() if "DESTINATAIRE" in roles), "")
        return {
            "DEMAT_CHORUS_API_URL": self.api_url,
            "DEMAT_CHORUS_TOKEN_URL": self.token_url,
            "DEMAT_CHORUS_CLIENT_ID": client_id,
            "DEMAT_CHORUS_CLIENT_SECRET": client_secret,
            "DEMAT_CHORUS_LOGIN": account.login,
            "DEMAT_CHORUS_PASSWORD": account.password,
            "DEMAT_CHORUS_SIRET": own,
        }

    # state -------------------------------------------------------------

    @property
    def world(self) -> World:
        return self._server.world

    @property
    def journal(self) -> Journal:
        return self._server.journal

    @property
    def faults(self) -> Faults:
        return self._server.faults

    def advance(self, seconds: float) -> None:
        """Move the emulator clock forward (integration, routing and tokens follow)."""
        with self.world.lock:
            self.world.clock.advance(seconds)
            self.world.tick()

    def process(self) -> None:
        """Bring every pending flow and invoice to where the clock would eventually take it."""
        control.process_now(self._server)

    def script(self, **step: Any) -> dict[str, Any]:
        """Plan a recipient decision (see :meth:`World.add_script`)."""
        with self.world.lock:
            return self.world.add_script(step)

    def inject(self, **rule: Any) -> dict[str, Any]:
        return self.faults.add(rule).as_dict()

    # lifecycle ---------------------------------------------------------

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def serve_until_interrupted(self) -> None:
        """Block until Ctrl-C or SIGTERM (systemd, docker stop), then stop cleanly."""
        import signal

        def _terminate(_signum: int, _frame: object) -> None:
            raise KeyboardInterrupt

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _terminate)
        try:
            while self._thread.is_alive():
                self._thread.join(timeout=0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def __enter__(self) -> Emulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
