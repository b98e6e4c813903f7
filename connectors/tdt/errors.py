"""What can go wrong talking to the TdT, each with a message a clerk can act on."""

from __future__ import annotations

from invoices.errors import SetupError


class TdtAuthError(SetupError):
    """The TdT refused our certificate or login (``KO\\nÉchec de l'authentification``)."""


class TdtUnavailable(SetupError):
    """No usable answer (5xx, timeout, dropped connection, unreadable body)."""


class TdtOutcomeUnknown(Exception):
    """An upload may have reached the TdT and no answer came back: reconcile, never resend."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TdtNotSent(Exception):
    """The upload certainly never left (connection refused, TLS handshake refused)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
