"""A faithful local emulator of the Chorus Pro API (PISTE), for tests, demos and training.

A real HTTP server on 127.0.0.1 (``Emulator.start(port=0)`` or ``demat emulator serve``)
with the token endpoint, the ``factures``, ``transverses``, ``structures``,
``engagementsJuridiques`` and ``utilisateurs`` operations our connector uses, an
emulator clock driving asynchronous integration, the platform's checks, fault injection
and a request journal (API.md section 8).
"""

from emulators.chorus.entities import SeedError
from emulators.chorus.server import Emulator

__all__ = ["Emulator", "SeedError"]
