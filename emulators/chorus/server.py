"""The emulator's HTTP server: a real loopback server speaking the Chorus Pro API.

One port serves the PISTE token endpoint (``/api/oauth/token``), the API
(``/cpro/<api>/v1/...``) and the test controls (``/__emulator/...``); the requests
themselves are served by :mod:`emulators.chorus.handler`.  :class:`Emulator` starts and
stops it and gives tests their handles (world, journal, faults, clock).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from emulators.chorus import control, integration
from emulators.chorus.config import Config
from emulators.chorus.faults import Faults
from emulators.chorus.handler import TOKEN_PATH, EmulatorHTTPServer
from emulators.chorus.journal import Journal
from emulators.chorus.seed import load_seed
from emulators.chorus.world import World
from emulators.loopback import LoopbackEmulator, serve_in_background


class Emulator(LoopbackEmulator[EmulatorHTTPServer]):
    """A running emulator: ``Emulator.start(port=0)``, then ``.base_url``, ``.stop()``.

    Usable as a context manager.  The seed is a file path, a mapping, or None for the
    default world; ``config`` holds :class:`Config` settings (delays, token lifetime...).
    """

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
        world = World(data, settings, integrate=integration.integrate)
        server = EmulatorHTTPServer((host, port), world, data)
        return cls(
            server, serve_in_background(server, f"chorus-emulator-{server.server_address[1]}")
        )

    # addresses ---------------------------------------------------------

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
        super().stop()
