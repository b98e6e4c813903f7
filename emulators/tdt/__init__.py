"""A local S²LOW (tiers de télétransmission) playing Hélios, for tests and demos.

A real HTTPS server on 127.0.0.1 requiring a client certificate, speaking the
Hélios API of S²LOW (import, status, acquit, file, connection test), with its own
clock, seeded refusal rules, fault injection and a request journal.  It reads the
PES with its own code and imports nothing of the project.
"""

from emulators.tdt.server import Emulator, Tls
from emulators.tdt.world import Config, World

__all__ = ["Config", "Emulator", "Tls", "World"]
