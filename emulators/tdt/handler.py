"""The S²LOW Hélios API over HTTP: routes, basic login, multipart reading, answers.

HTTP status is 200 whatever the outcome, as S²LOW does; the outcome is in the
XML (``resultat`` OK/KO) or, for a failed login, the plain text
``KO\\nÉchec de l'authentification``.
"""

from __future__ import annotations

import base64
import hashlib
import socket
import struct
import time
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from emulators.tdt.faults import Faults, Journal, Rule
from emulators.tdt.retour import list_xml
from emulators.tdt.world import World

ROUTES = {
    "/modules/helios/api/helios_importer_fichier.php": "import",
    "/modules/helios/api/helios_transac_get_status.php": "status",
    "/modules/helios/helios_download_acquit.php": "acquit",
    "/modules/helios/helios_download_file.php": "file",
    "/modules/helios/api/helios_get_list.php": "list",
    "/modules/helios/api/helios_get_retour.php": "retour",
    "/modules/helios/api/helios_change_status.php": "read",
    "/api/test-connexion.php": "test",
    # Not S²LOW's: what a person does on its web pages (sign a file posted must_signed).
    "/emulator/sign": "sign",
}
#: ``must_signed`` values that ask for a signature on the TdT.
YES = frozenset({"1", "true", "on", "yes", "oui"})
AUTH_FAILED = "KO\nÉchec de l'authentification"


class TdtServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], world: World) -> None:
        super().__init__(address, Handler)
        self.world = world
        self.faults = Faults()
        self.journal = Journal()


def multipart(content_type: str, body: bytes) -> dict[str, bytes]:
    """The fields of a ``multipart/form-data`` body, by name."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: dict[str, bytes] = {}
    if not message.is_multipart():
        return fields
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            fields[name] = payload
    return fields


class Handler(BaseHTTPRequestHandler):
    server: TdtServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._serve(self.rfile.read(length) if length else b"")

    # ------------------------------------------------------------------

    def _serve(self, body: bytes) -> None:
        url = urlsplit(self.path)
        operation = ROUTES.get(url.path)
        entry: dict[str, Any] = {"operation": operation or url.path, "method": self.command}
        if operation is None:
            self._answer(404, b"Not Found", "text/plain", entry)
            return
        if not self._logged_in():
            entry["outcome"] = "auth"
            self._answer(200, AUTH_FAILED.encode("iso-8859-1"), "text/plain", entry)
            return
        rule = self.server.faults.take(operation)
        if rule is not None:
            entry["fault"] = rule.kind
            if rule.kind in ("500", "503"):
                self._answer(int(rule.kind), b"Server Error", "text/plain", entry)
                return
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        world = self.server.world
        with world.lock:
            world.tick()
            status, payload, kind = getattr(self, "_op_" + operation)(body, query, entry)
        self._finish(rule, status, payload, kind, entry)

    def _finish(
        self, rule: Rule | None, status: int, payload: bytes, kind: str, entry: dict[str, Any]
    ) -> None:
        if rule is not None and rule.kind == "reset":
            self.server.journal.record(**entry, status=None)
            linger = struct.pack("ii", 1, 0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            self.close_connection = True
            self.connection.close()
            return
        if rule is not None and rule.kind == "slow":
            time.sleep(rule.delay)
        if status == 302 or (rule is not None and rule.kind == "redirect"):
            self.send_response(302)
            self.send_header("Location", "/modules/helios/index.php")
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.server.journal.record(**entry, status=302)
            return
        if rule is not None and rule.kind == "truncate":
            payload = payload[: len(payload) // 2]
        self._answer(status, payload, kind, entry)

    def _logged_in(self) -> bool:
        config = self.server.world.config
        if config.login is None:
            return True
        header = self.headers.get("Authorization") or ""
        if not header.startswith("Basic "):
            return False
        try:
            login, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return login == config.login and password == config.password

    def _answer(self, status: int, payload: bytes, kind: str, entry: dict[str, Any]) -> None:
        charset = "; charset=ISO-8859-1" if kind.startswith(("text", "application/xml")) else ""
        self.server.journal.record(**entry, status=status)  # the client may be gone
        self.send_response(status)
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    # operations (called under the world's lock) -----------------------

    def _op_import(
        self, body: bytes, _query: dict[str, str], entry: dict[str, Any]
    ) -> tuple[int, bytes, str]:
        fields = multipart(self.headers.get("Content-Type") or "", body)
        data = fields.get("enveloppe")
        world = self.server.world
        if data is not None:
            entry.update(size=len(data), sha1=hashlib.sha1(data).hexdigest())
        refusal = world.refusal(data)
        if refusal is None and data is not None:
            must_sign = fields.get("must_signed", b"").decode("ascii", "replace").lower() in YES
            tx = world.accept(data, must_sign=must_sign)
            entry.update(outcome="OK", transaction=tx.id, must_signed=must_sign)
            return 200, _import_xml(str(tx.id), "OK", ""), "application/xml"
        duplicate = world.duplicate_of(data) if data else None
        entry["outcome"] = "doublon" if refusal == "doublon détecté" else "KO"
        known = str(duplicate) if duplicate is not None and entry["outcome"] == "doublon" else ""
        return 200, _import_xml(known, "KO", refusal or ""), "application/xml"

    def _transaction(self, query: dict[str, str], key: str) -> int | None:
        raw = query.get(key, "")
        return int(raw) if raw.isdigit() and int(raw) in self.server.world.transactions else None

    def _op_status(
        self, _body: bytes, query: dict[str, str], entry: dict[str, Any]
    ) -> tuple[int, bytes, str]:
        tx_id = self._transaction(query, "transaction")
        entry["transaction"] = query.get("transaction")
        if tx_id is None:
            entry["outcome"] = "KO"
            xml = _status_xml(query.get("transaction", ""), "KO", "Transaction inconnue", "")
            return 200, xml, "application/xml"
        tx = self.server.world.transactions[tx_id]
        entry.update(outcome="OK", status_code=tx.status)
        return 200, _status_xml(str(tx_id), "OK", tx.message, str(tx.status)), "application/xml"

    def _op_acquit(
        self, _body: bytes, query: dict[str, str], entry: dict[str, Any]
    ) -> tuple[int, bytes, str]:
        tx_id = self._transaction(query, "id")
        entry["transaction"] = query.get("id")
        acquit = self.server.world.transactions[tx_id].acquit if tx_id is not None else None
        if acquit is None:
            entry["outcome"] = "redirect"
            return 302, b"", "text/plain"
        entry["outcome"] = "OK"
        return 200, acquit, "application/xml"

    def _op_file(
        self, _body: bytes, query: dict[str, str], entry: dict[str, Any]
    ) -> tuple[int, bytes, str]:
        tx_id = self._transaction(query, "id")
        entry["transaction"] = query.get("id")
        if tx_id is None:
            entry["outcome"] = "redirect"
            return 302, b"", "text/plain"
        entry["outcome"] = "OK"
        return 200, self.server.world.transactions[tx_id].data, "application/xml"

    def _op_list(
        self, _body: bytes, _query: dict[str, str], entry: dict[str, Any]
    ) -> tuple[int, bytes, str]:
        world = self.server.world
        unread = world.unread()
        entry.update(outcome="OK", count=len(unread))
        asked = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        return 200, list_xml(world.id_coll(), asked, unread), "application/xml"

    def _retour_id(self, query: dict[str, str], entry: dict[str, Any]) -> int | None:
        raw = query.get("id", "")
        entry["retour"] = raw
        return int(raw) if raw.isdigit() and int(raw) in self.server.world.retours else None

    def _op_retour(
        self, _body: bytes, query: dict[str, str], entry: dict[str, Any]
    ) -> tuple[int, bytes, str]:
        retour_id = self._retour_id(query, entry)
        if retour_id is None:
            entry["outcome"] = "KO"
            xml = _result_xml("retour", query.get("id", ""), "KO", "PES Retour inconnu")
            return 200, xml, "application/xml"
        entry["outcome"] = "OK"
        return 200, self.server.world.retours[retour_id].data, "application/xml"

    def _op_read(
        self, _body: bytes, query: dict[str, str], entry: dict[str, Any]
    ) -> tuple[int, bytes, str]:
        retour_id = self._retour_id(query, entry)
        if retour_id is None:
            entry["outcome"] = "KO"
            xml = _result_xml("retour", query.get("id", ""), "KO", "PES Retour inconnu")
            return 200, xml, "application/xml"
        self.server.world.retours[retour_id].read = True
        entry["outcome"] = "OK"
        return 200, _result_xml("retour", str(retour_id), "OK", ""), "application/xml"

    def _op_sign(
        self, _body: bytes, query: dict[str, str], entry: dict[str, Any]
    ) -> tuple[int, bytes, str]:
        tx_id = self._transaction(query, "transaction")
        entry["transaction"] = query.get("transaction")
        if tx_id is None or not self.server.world.sign(tx_id):
            entry["outcome"] = "KO"
            xml = _result_xml("sign", query.get("transaction", ""), "KO", "Rien à signer")
            return 200, xml, "application/xml"
        entry["outcome"] = "OK"
        return 200, _result_xml("sign", str(tx_id), "OK", ""), "application/xml"

    def _op_test(
        self, _body: bytes, _query: dict[str, str], entry: dict[str, Any]
    ) -> tuple[int, bytes, str]:
        entry["outcome"] = "OK"
        return 200, "OK Connexion réussie".encode("iso-8859-1"), "text/plain"


def _latin(text: str) -> str:
    return escape(text)


def _import_xml(tx_id: str, result: str, message: str) -> bytes:
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        f"<import><id>{_latin(tx_id)}</id><resultat>{result}</resultat>"
        f"<message>{_latin(message)}</message></import>\n"
    )
    return xml.encode("iso-8859-1", "xmlcharrefreplace")


def _result_xml(root: str, item: str, result: str, message: str) -> bytes:
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        f"<{root}><id>{_latin(item)}</id><resultat>{result}</resultat>"
        f"<message>{_latin(message)}</message></{root}>\n"
    )
    return xml.encode("iso-8859-1", "xmlcharrefreplace")


def _status_xml(tx_id: str, result: str, message: str, status: str) -> bytes:
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        f"<transaction><id>{_latin(tx_id)}</id><resultat>{result}</resultat>"
        f"<message>{_latin(message)}</message><status>{status}</status></transaction>\n"
    )
    return xml.encode("iso-8859-1", "xmlcharrefreplace")
