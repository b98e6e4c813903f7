"""What the three sides of the Chorus Pro connector share: the store, the platform, the audit.

The supplier side, the recipient side and the status following are separate modules
that each work on one :class:`ChorusContext`, so that a platform call made by any of
them is audited against the invoice the connector is working on at that moment.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from connectors.chorus.client import ChorusClient
from connectors.chorus.config import ChorusConfig
from connectors.chorus.directory import Directory
from connectors.chorus.http import CallEvent
from connectors.outbox import Outbox
from invoices.store import Store

NAME = "chorus"
PARIS = ZoneInfo("Europe/Paris")


@dataclass
class ChorusContext:
    """One connector's store, outbox, platform client and directory, and its clock."""

    store: Store
    client: ChorusClient
    outbox: Outbox
    actor: str | None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    #: The invoice whose platform calls are being made (for the audit of each call).
    in_hand: int | None = None
    directory: Directory = field(init=False)

    def __post_init__(self) -> None:
        self.directory = Directory(self.client)
        self.client.http.observer = self.audit_call

    @property
    def config(self) -> ChorusConfig:
        return self.client.config

    @contextmanager
    def about(self, invoice_id: int) -> Iterator[None]:
        """Platform calls made inside are audited as concerning ``invoice_id``."""
        self.in_hand = invoice_id
        try:
            yield
        finally:
            self.in_hand = None

    def audit_call(self, event: CallEvent) -> None:
        self.outbox.audit_call(
            {
                "operation": event.operation,
                "write": event.write,
                "attempt": event.attempt,
                "http_status": event.status,
                "code_retour": event.code,
                "outcome": event.outcome,
                "elapsed_ms": round(event.elapsed * 1000),
                "detail": event.detail[:300],
            },
            invoice_id=self.in_hand,
        )


def parse_platform_time(text: str | None) -> datetime | None:
    """The platform's dates (``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM``, ISO with offset) in UTC.

    Naive values are French local time, as the portal shows them.  Anything else is
    None: the caller records when *we* learned it and keeps the platform's text.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    for candidate in (raw, raw.replace(" ", "T", 1)):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=PARIS)
        return moment.astimezone(UTC)
    return None
