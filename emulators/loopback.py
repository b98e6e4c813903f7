"""What every emulator's server shares: served in a background thread on loopback,
stopped cleanly (also on Ctrl-C or SIGTERM), usable as a context manager.

Each emulator keeps its own request handling and world; only this scaffolding is
common, so that a fix to how a test platform starts or stops lands once.
"""

from __future__ import annotations

import signal
import threading
from socketserver import BaseServer
from typing import Generic, Self, TypeVar

ServerT = TypeVar("ServerT", bound=BaseServer)


def serve_in_background(server: BaseServer, name: str) -> threading.Thread:
    """Serve ``server`` from a daemon thread (polling often, so a stop is prompt)."""
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, name=name, daemon=True
    )
    thread.start()
    return thread


class LoopbackEmulator(Generic[ServerT]):
    """A running server and its thread."""

    def __init__(self, server: ServerT, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread

    @property
    def port(self) -> int:
        address = self._server.server_address
        assert isinstance(address, tuple)
        return int(address[1])

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def serve_until_interrupted(self) -> None:
        """Block until Ctrl-C or SIGTERM (systemd, docker stop), then stop cleanly."""

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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
