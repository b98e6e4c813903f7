"""The HTTP calls to S²LOW's Hélios API, over mutual TLS.

Reads (status, acquit, connection test) are retried a few times on 5xx and
transport errors.  The upload is sent once: a failure before the request left is
:class:`TdtNotSent`, any later one :class:`TdtOutcomeUnknown` (the connector then
reconciles).  Every exchange is reported to an observer as a :class:`CallEvent`
without header, body or secret.  The transport is a seam (any
``httpx.BaseTransport``); by default the client certificate of the settings.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from lxml import etree

from connectors.tdt.config import TdtConfig
from connectors.tdt.errors import TdtAuthError, TdtNotSent, TdtOutcomeUnknown, TdtUnavailable

IMPORT = "/modules/helios/api/helios_importer_fichier.php"
STATUS = "/modules/helios/api/helios_transac_get_status.php"
ACQUIT = "/modules/helios/helios_download_acquit.php"
TEST = "/api/test-connexion.php"
RETOURS = "/modules/helios/api/helios_get_list.php"
RETOUR = "/modules/helios/api/helios_get_retour.php"
READ = "/modules/helios/api/helios_change_status.php"
#: Roots of S²LOW's own answers (never a PES file): an error in place of a PES_Retour.
ANSWER_ROOTS = frozenset({"retour", "liste", "import", "transaction"})
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
READ_TRIES = 3


@dataclass(frozen=True)
class CallEvent:
    operation: str
    status: int | None
    outcome: str  # ok | ko | auth | http_error | transport_error | unknown
    elapsed: float
    detail: str = ""


@dataclass(frozen=True)
class Answer:
    """``<import>`` or ``<transaction>``: ``resultat``, ``message``, the id and status."""

    ok: bool
    id: str
    message: str
    status: int | None = None


@dataclass(frozen=True)
class RetourRef:
    """One unread PES_Retour of ``helios_get_list.php``."""

    id: str
    name: str
    date: str


Observer = Callable[[CallEvent], None]


def tls_context(config: TdtConfig) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(config.ca) if config.ca else None)
    try:
        context.load_cert_chain(
            str(config.certificate),
            str(config.key) if config.key else None,
            password=config.key_password,
        )
    except (ssl.SSLError, OSError):
        raise TdtAuthError("tdt.certificate_unusable", file=str(config.certificate)) from None
    return context


def _xml(body: bytes, operation: str) -> etree._Element:
    if body.lstrip()[:2] == b"KO":  # plain text, not XML: S²LOW's failed login
        raise TdtAuthError("tdt.auth_failed", operation=operation)
    try:
        return etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        raise TdtUnavailable("tdt.unreadable_answer", operation=operation) from None


def _answer(body: bytes, operation: str) -> Answer:
    root = _xml(body, operation)

    def text(tag: str) -> str:
        return (root.findtext(tag) or "").strip()

    status = text("status")
    return Answer(
        ok=text("resultat") == "OK",
        id=text("id"),
        message=text("message"),
        status=int(status) if status.lstrip("-").isdigit() else None,
    )


class TdtClient:
    def __init__(
        self,
        config: TdtConfig,
        *,
        transport: httpx.BaseTransport | None = None,
        observer: Observer | None = None,
        pause: float = 0.2,
    ) -> None:
        auth = httpx.BasicAuth(config.login, config.password or "") if config.login else None
        self._http = httpx.Client(
            base_url=config.url,
            verify=tls_context(config) if transport is None else True,
            transport=transport,
            auth=auth,
            timeout=config.timeout,
            follow_redirects=False,
        )
        self._observer = observer
        self._pause = pause

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> TdtClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _event(self, operation: str, started: float, status: int | None, outcome: str) -> None:
        if self._observer is not None:
            elapsed = round(time.monotonic() - started, 3)
            self._observer(CallEvent(operation, status, outcome, elapsed))

    def post_file(self, name: str, data: bytes, *, must_signed: bool = False) -> Answer:
        """``must_signed``: the TdT keeps the file until it is signed on its web pages."""
        started = time.monotonic()
        files = {"enveloppe": (name, data, "application/xml")}
        fields = {"must_signed": "1"} if must_signed else None
        try:
            response = self._http.post(IMPORT, files=files, data=fields)
            body = response.read()
        except NOT_SENT as exc:
            self._event("import", started, None, "transport_error")
            raise TdtNotSent(type(exc).__name__) from None
        except httpx.HTTPError as exc:
            self._event("import", started, None, "unknown")
            raise TdtOutcomeUnknown(type(exc).__name__) from None
        if response.status_code != 200:
            self._event("import", started, response.status_code, "unknown")
            raise TdtOutcomeUnknown(f"HTTP {response.status_code}")
        try:
            answer = _answer(body, "import")
        except TdtAuthError:
            self._event("import", started, 200, "auth")
            raise
        except TdtUnavailable:
            self._event("import", started, 200, "unknown")
            raise TdtOutcomeUnknown("unreadable answer") from None
        self._event("import", started, 200, "ok" if answer.ok else "ko")
        return answer

    def _get(self, operation: str, path: str, params: dict[str, str]) -> httpx.Response:
        last = ""
        for attempt in range(READ_TRIES):
            started = time.monotonic()
            try:
                response = self._http.get(path, params=params)
                response.read()
            except httpx.HTTPError as exc:
                last = type(exc).__name__
                self._event(operation, started, None, "transport_error")
            else:
                if response.status_code < 500:
                    return response
                last = f"HTTP {response.status_code}"
                self._event(operation, started, response.status_code, "http_error")
            if attempt + 1 < READ_TRIES:
                time.sleep(self._pause * (2**attempt))
        raise TdtUnavailable("tdt.unavailable", operation=operation, reason=last)

    def status(self, transaction: str) -> Answer:
        started = time.monotonic()
        response = self._get("status", STATUS, {"transaction": transaction})
        try:
            answer = _answer(response.content, "status")
        except TdtAuthError:
            self._event("status", started, response.status_code, "auth")
            raise
        self._event("status", started, response.status_code, "ok" if answer.ok else "ko")
        return answer

    def acquit(self, transaction: str) -> bytes | None:
        """The raw PES_ACQUIT; ``None`` when S²LOW answers its 302 (not available)."""
        started = time.monotonic()
        response = self._get("acquit", ACQUIT, {"id": transaction})
        if response.is_redirect:
            self._event("acquit", started, response.status_code, "ko")
            return None
        if response.content.lstrip()[:2] == b"KO":
            self._event("acquit", started, response.status_code, "auth")
            raise TdtAuthError("tdt.auth_failed", operation="acquit")
        self._event("acquit", started, response.status_code, "ok")
        return response.content

    def test_connection(self) -> bool:
        started = time.monotonic()
        response = self._get("test", TEST, {})
        ok = response.content.lstrip().startswith(b"OK")
        self._event("test", started, response.status_code, "ok" if ok else "auth")
        return ok

    # PES_Retour ----------------------------------------------------------

    def _read(self, operation: str, path: str, params: dict[str, str]) -> httpx.Response:
        started = time.monotonic()
        response = self._get(operation, path, params)
        if response.content.lstrip()[:2] == b"KO":
            self._event(operation, started, response.status_code, "auth")
            raise TdtAuthError("tdt.auth_failed", operation=operation)
        self._event(operation, started, response.status_code, "ok")
        return response

    def retours(self) -> list[RetourRef]:
        """The unread PES_Retour; a ``resultat`` that is not empty is S²LOW's refusal."""
        root = _xml(self._read("list", RETOURS, {}).content, "list")
        result = (root.findtext("resultat") or "").strip()
        if result and result != "OK":
            message = (root.findtext("message") or "").strip()
            raise TdtUnavailable("tdt.retours_refused", message=message or result)
        return [
            RetourRef(
                (item.findtext("id") or "").strip(),
                (item.findtext("nom") or "").strip(),
                (item.findtext("date") or "").strip(),
            )
            for item in root.iterfind("pes_retour")
        ]

    def retour(self, retour_id: str) -> bytes:
        """The raw PES_Retour (:class:`TdtUnavailable` when S²LOW answers an error)."""
        response = self._read("retour", RETOUR, {"id": retour_id})
        if response.is_redirect:
            raise TdtUnavailable("tdt.retour_unavailable", id=retour_id, message="302")
        body = response.content
        try:
            root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:  # truncated: the caller refuses to store it
            return body
        if etree.QName(root).localname in ANSWER_ROOTS:
            message = (root.findtext("message") or "").strip()
            raise TdtUnavailable("tdt.retour_unavailable", id=retour_id, message=message)
        return body

    def mark_read(self, retour_id: str) -> Answer:
        return _answer(self._read("read", READ, {"id": retour_id}).content, "read")
