"""What can go wrong when talking to Chorus Pro, sorted by what the caller may do next.

The distinction that matters is whether the platform may have acted on a request:
``ChorusUnavailable`` before a request left (safe to try again later),
``ChorusOutcomeUnknown`` when a write may have been processed (never re-send blindly:
reconcile first), ``ChorusBusinessError`` when the platform answered with a non-zero
``codeRetour`` (a definite "no", carried as findings).  None of them ever holds a
secret: messages are built from URLs, status codes and the platform's own text.
"""

from __future__ import annotations

from typing import Any

from invoices.errors import DematError, SetupError
from invoices.validation import Finding, Layer, Severity


class ChorusError(SetupError):
    """The platform could not be used (network, authentication, configuration)."""


class ChorusUnavailable(ChorusError):
    """No usable answer; for a write, the request is known not to have been processed."""


class ChorusAuthError(ChorusError):
    """PISTE refused the application or the technical account."""


class ChorusHttpError(ChorusError):
    """An HTTP status that says the request was refused as a whole (403, 404, 413...)."""

    def __init__(
        self, key: str, /, file: str | None = None, *, status: int = 0, **params: Any
    ) -> None:
        super().__init__(key, file=file, status=status, **params)
        self.status = status


class ChorusOutcomeUnknown(ChorusError):
    """A write left, and no answer came back: it may or may not have been processed."""


class ChorusBusinessError(DematError):
    """HTTP 200 with a non-zero ``codeRetour``: the platform said no, in its own words."""

    def __init__(self, operation: str, code: int, label: str, file: str | None = None) -> None:
        super().__init__(
            "chorus.business_error", file=file, operation=operation, code=code, label=label
        )
        self.operation = operation
        self.code = code
        self.label = label

    @property
    def findings(self) -> list[Finding]:
        return [business_finding(self.operation, self.code, self.label)]


def business_finding(
    operation: str, code: int | str, label: str, location: str | None = None
) -> Finding:
    """One finding of the chorus layer carrying the platform's code and message."""
    return Finding(
        layer=Layer.CHORUS,
        rule=f"CPP-{code}",
        severity=Severity.FATAL,
        message=label,
        location=location or operation,
    )
