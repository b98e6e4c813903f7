"""The one small interface every exchange implements (Chorus Pro today; PES, SFTP...).

Four verbs, whatever the platform: submit a stored invoice, follow what became of
it, fetch the invoices addressed to us, push our decision on one of them.  The
results are plain typed values so that the CLI, the nightly batch and accounting
software read the same thing whichever connector produced it.

A transmission moves ``pending -> sent -> integrated | rejected``; ``unknown`` means
the request may have reached the platform and no answer came back: the connector
must find out (reconcile) before it sends anything again.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from invoices.store import TransmissionState
from invoices.validation import Finding

__all__ = [
    "Connector",
    "ReceiveResult",
    "ReceivedInvoice",
    "StatusChange",
    "StatusDecision",
    "SubmitResult",
    "TransmissionState",
    "TransmissionStatus",
]


@dataclass(frozen=True)
class StatusChange:
    """One step of an invoice's life on the platform (its own status code, untranslated)."""

    status: str
    at: str
    comment: str = ""

    def to_json(self) -> dict[str, str]:
        return {"status": self.status, "at": self.at, "comment": self.comment}


@dataclass(frozen=True)
class SubmitResult:
    invoice_id: int
    number: str
    state: TransmissionState
    #: The platform's flow number and invoice id, once known.
    flow_id: str | None = None
    remote_id: str | None = None
    #: The platform's status code of the invoice (e.g. ``MISE_A_DISPOSITION``).
    status: str | None = None
    findings: tuple[Finding, ...] = ()
    #: True when this call found the transmission already done and sent nothing.
    already_sent: bool = False


@dataclass(frozen=True)
class TransmissionStatus:
    invoice_id: int
    number: str
    state: TransmissionState
    status: str | None
    flow_id: str | None = None
    remote_id: str | None = None
    history: tuple[StatusChange, ...] = ()
    findings: tuple[Finding, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.invoice_id,
            "number": self.number,
            "state": str(self.state),
            "status": self.status,
            "flow": self.flow_id,
            "remote_id": self.remote_id,
            "history": [h.to_json() for h in self.history],
            "findings": [f.to_json() for f in self.findings],
        }


@dataclass(frozen=True)
class ReceivedInvoice:
    remote_id: str
    number: str
    supplier: str
    status: str
    #: The stored document (None when the download could not be stored).
    document_id: int | None
    valid: bool | None = None


@dataclass(frozen=True)
class ReceiveResult:
    received: tuple[ReceivedInvoice, ...] = ()
    already_known: int = 0
    errors: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class StatusDecision:
    remote_id: str
    number: str
    status: str
    date: str


class Connector(ABC):
    """What every exchange offers; each method is safe to run twice."""

    #: Short name stored with transmissions and cursors (``"chorus"``).
    name: str

    @abstractmethod
    def submit(self, invoice_id: int, *, dry_run: bool = False) -> SubmitResult:
        """Send a stored invoice once; a second call reports, it does not resend."""

    @abstractmethod
    def follow(self, invoice_id: int, *, refresh: bool = True) -> TransmissionStatus:
        """Where a submitted invoice stands (asking the platform when ``refresh``)."""

    @abstractmethod
    def fetch_received(self) -> ReceiveResult:
        """Store the invoices addressed to us that arrived since the last call."""

    @abstractmethod
    def push_status(
        self, remote_id: str, status: str, *, motif: str | None = None, mandate: str | None = None
    ) -> StatusDecision:
        """Tell the platform our decision on a received invoice."""
