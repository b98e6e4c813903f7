"""The HTTP side of the emulator: one request handler over one world.

Requests go through the same gates as on the real gateway, in the same order: path,
method, Bearer token, ``cpro-account``, content type, size, JSON; then fault injection
may replace the answer; then the operation runs on the world, under its lock, after the
clock has been applied.  Every call is journalled with its outcome.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from emulators.chorus import api, codes, control, gateway, swagger
from emulators.chorus.clock import iso_ms
from emulators.chorus.faults import HTTP_KINDS, Faults, Rule
from emulators.chorus.gateway import Reply
from emulators.chorus.journal import Journal, key_fields, redact_headers
from emulators.chorus.world import World

TOKEN_PATH = "/api/oauth/token"
CONTROL_PREFIX = "/__emulator"
API_PREFIX = "/cpro/"
HTTP_FAULT_BODIES: dict[str, dict[str, Any]] = {
    "401": {"error": "invalid_token", "error_description": "injected fault"},
    "403": {"error": "forbidden", "error_description": "access denied (injected fault)"},
    "404": {"error": "not_found", "error_description": "no such API (injected fault)"},
    "413": {"codeRetour": 413, "libelle": "Requête trop volumineuse (injected fault)"},
    "415": {"codeRetour": 415, "libelle": "Format de la requête non supporté (injected fault)"},
    "429": {"error": "too_many_requests", "error_description": "quota exceeded (injected fault)"},
    "500": {"codeRetour": 500, "libelle": "Erreur interne (injected fault)"},
    "503": {"codeRetour": 503, "libelle": "Service indisponible (injected fault)"},
}


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
    #: Headers and body leave in two writes: without TCP_NODELAY each keep-alive answer
    #: waits ~40 ms for the client's delayed ACK (measured: 45 ms per request).
    disable_nagle_algorithm = True
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
        answer: dict[str, Any] | None
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
                status, answer = gateway.token(self.server.world, self.headers, raw, entry)
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

    # -------------------------------------------------------------- API

    def _api(
        self, operation: str, method: str, raw: bytes, entry: dict[str, Any]
    ) -> tuple[int, dict[str, Any], Any]:
        world = self.server.world
        with world.lock:
            world.tick()
            gateway.check_token(world, self.headers)
            account = gateway.check_account(world, self.headers, entry)
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
            "total",
        ):
            if isinstance(answer, Mapping) and name in answer:
                entry.setdefault("response", {})[name] = answer[name]
        if isinstance(answer, Mapping) and isinstance(answer.get("listeFactures"), list):
            entry.setdefault("response", {})["listeFactures"] = len(answer["listeFactures"])
        operation = entry.get("operation") or ""
        if status == 200 and operation.startswith("factures/") and isinstance(answer, Mapping):
            problems = swagger.answer_errors(operation, answer)
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
