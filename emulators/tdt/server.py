"""The emulator's HTTPS server: TLS with a required client certificate, as S²LOW.

:class:`Tls` names the files (server certificate chain and key, the CA that signs
accepted client certificates); tests make them with a throw-away CA.  A client
without a certificate signed by that CA fails the TLS handshake.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path

from emulators.loopback import LoopbackEmulator, serve_in_background
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


class Emulator(LoopbackEmulator[TdtServer]):
    """``Emulator.start(tls)``, then ``.base_url``, ``.world``, ``.journal``, ``.stop()``."""

    @classmethod
    def start(
        cls, tls: Tls, config: Config | None = None, port: int = 0, host: str = "127.0.0.1"
    ) -> Emulator:
        server = TdtServer((host, port), World(config or Config()))
        server.socket = tls.context().wrap_socket(server.socket, server_side=True)
        return cls(server, serve_in_background(server, f"tdt-emulator-{server.server_address[1]}"))

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

    @classmethod
    def start_with_own_ca(
        cls, folder: Path, config: Config | None = None, port: int = 0
    ) -> tuple[Emulator, dict[str, str]]:
        """Issue a test CA and certificates into ``folder``, start, and give the
        ``DEMAT_HELIOS_TDT_*`` settings that point ``demat`` at the emulator."""
        from emulators.tdt.ca import issue

        issued = issue(folder)
        tls = Tls(issued.server_certificate, issued.server_key, issued.ca)
        emulator = cls.start(tls, config, port)
        env = {
            "DEMAT_HELIOS_TDT_URL": emulator.base_url,
            "DEMAT_HELIOS_TDT_CERTIFICATE": str(issued.client_certificate),
            "DEMAT_HELIOS_TDT_KEY": str(issued.client_key),
            "DEMAT_HELIOS_TDT_KEY_PASSWORD": issued.client_password,
            "DEMAT_HELIOS_TDT_CA": str(issued.ca),
        }
        settings = emulator.world.config
        if settings.login is not None:
            env["DEMAT_HELIOS_TDT_LOGIN"] = settings.login
            env["DEMAT_HELIOS_TDT_PASSWORD"] = settings.password or ""
        return emulator, env

    def advance(self, seconds: float) -> None:
        self.world.advance(seconds)
