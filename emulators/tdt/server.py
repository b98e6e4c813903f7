"""The emulator's HTTPS server: TLS with a required client certificate, as S²LOW.

:class:`Tls` names the files (server certificate chain and key, the CA that signs
accepted client certificates); tests make them with a throw-away CA.  A client
without a certificate signed by that CA fails the TLS handshake.
"""

from __future__ import annotations

import ssl
import threading
from dataclasses import dataclass
from pathlib import Path

from emulators.tdt.faults import Faults, Journal
from emulators.tdt.handler import TdtServer
from emulators.tdt.world import Config, World


@dataclass(frozen=True)
class Tls:
    certificate: Path
    key: Path
    client_ca: Path

    def context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=str(self.client_ca))
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_cert_chain(str(self.certificate), str(self.key))
        return context


class Emulator:
    """``Emulator.start(tls)``, then ``.base_url``, ``.world``, ``.journal``, ``.stop()``."""

    def __init__(self, server: TdtServer, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread

    @classmethod
    def start(
        cls, tls: Tls, config: Config | None = None, port: int = 0, host: str = "127.0.0.1"
    ) -> Emulator:
        server = TdtServer((host, port), World(config or Config()))
        server.socket = tls.context().wrap_socket(server.socket, server_side=True)
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name=f"tdt-emulator-{server.server_address[1]}",
            daemon=True,
        )
        thread.start()
        return cls(server, thread)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

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
        self.world.advance(seconds)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Emulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
