"""The Chorus Pro connector: stored invoices out through an outbox, received ones in.

The four verbs of :class:`connectors.base.Connector`, each done by the module that
holds its side: :mod:`.supplier` (deposit once, reconcile a deposit of unknown
outcome), :mod:`.following` (flow and invoice status, kept in the store) and
:mod:`.recipient` (receive, decide).  Every platform call and every state change
leaves an audit record (:mod:`.context`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager

import httpx

from connectors.base import (
    Connector,
    ReceiveResult,
    StatusDecision,
    SubmitResult,
    TransmissionState,
    TransmissionStatus,
)
from connectors.chorus.client import ChorusClient
from connectors.chorus.config import ChorusConfig
from connectors.chorus.context import NAME, ChorusContext
from connectors.chorus.following import Following
from connectors.chorus.issuing import Issuing
from connectors.chorus.recipient import Recipient
from connectors.chorus.stored import StoredInvoice, load
from connectors.chorus.supplier import Supplier
from connectors.outbox import Entry, Outbox
from invoices.errors import DematError, InputError
from invoices.store import Store

__all__ = ["ChorusConnector"]


class ChorusConnector(Connector):
    name = NAME

    def __init__(
        self,
        store: Store,
        client: ChorusClient | None = None,
        *,
        config: ChorusConfig | None = None,
        transport: httpx.BaseTransport | None = None,
        precheck: bool = True,
        actor: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if client is None:
            client = ChorusClient(config, transport, sleep=sleep)
        self.store = store
        self.client = client
        self.config = client.config
        self.outbox = Outbox(store, NAME, actor=actor)
        self._ctx = ChorusContext(store, client, self.outbox, actor, sleep=sleep, clock=clock)
        self.directory = self._ctx.directory
        self._following = Following(self._ctx)
        self._supplier = Supplier(self._ctx, self._following, precheck=precheck)
        self._recipient = Recipient(self._ctx)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> ChorusConnector:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ supplier side

    def submit(self, invoice_id: int, *, dry_run: bool = False) -> SubmitResult:
        return self.submit_many([invoice_id], dry_run=dry_run)[0]

    def submit_many(
        self,
        invoice_ids: Sequence[int],
        *,
        dry_run: bool = False,
        on_result: Callable[[SubmitResult], None] | None = None,
        on_error: Callable[[int, DematError], None] | None = None,
        progress: Callable[[int, str], None] | None = None,
    ) -> list[SubmitResult]:
        """See :meth:`connectors.chorus.supplier.Supplier.submit_many`."""
        return self._supplier.submit_many(
            invoice_ids, dry_run=dry_run, on_result=on_result, on_error=on_error, progress=progress
        )

    @property
    def issuing(self) -> Issuing:
        """Plain PDFs, ``completer``, ``recycler``, ``consulter/fournisseur`` (:mod:`.issuing`)."""
        return self._supplier.issuing

    def about(self, invoice_id: int) -> AbstractContextManager[None]:
        """Platform calls made inside are audited as concerning ``invoice_id``: for the
        callers outside this class (the MANDATEE loop) that drive the client directly."""
        return self._ctx.about(invoice_id)

    def unsent(self) -> list[int]:
        """``--all``: what to send (see :meth:`connectors.chorus.supplier.Supplier.unsent`)."""
        return self._supplier.unsent(self._recipient.received_documents())

    # ------------------------------------------------------------ following

    def follow(self, invoice_id: int, *, refresh: bool = True) -> TransmissionStatus:
        stored = load(self.store, invoice_id)
        entry = self.outbox.find(invoice_id)
        if entry is None:
            raise InputError("chorus.no_transmission", file=f"{stored.name} (id {stored.id})")
        if refresh:
            with self._ctx.about(invoice_id):
                entry = self._refresh(stored, entry)
        return self._following.status_of(stored, entry)

    def _refresh(self, stored: StoredInvoice, entry: Entry) -> Entry:
        if entry.needs_reconcile:
            entry = self._supplier.reconcile(stored, entry, wait=False)
        if entry.state is TransmissionState.SENT:
            self._following.complete(stored, entry, wait=False)
            return self.outbox.find(stored.id) or entry
        if entry.state is TransmissionState.INTEGRATED and entry.remote_id:
            self._following.refresh_history(stored.id, entry, int(entry.remote_id))
        return entry

    def status_of(self, invoice_id: int, entry: Entry | None = None) -> TransmissionStatus:
        """What the store knows, without asking the platform."""
        stored = load(self.store, invoice_id)
        return self._following.status_of(stored, entry or self.outbox.find(invoice_id))

    def transmitted(self) -> list[int]:
        return self._following.transmitted()

    # ------------------------------------------------------------ recipient side

    def fetch_received(
        self,
        *,
        per_page: int = 100,
        progress: Callable[[int, str], None] | None = None,
        maximum: int | None = None,
    ) -> ReceiveResult:
        """See :meth:`connectors.chorus.recipient.Recipient.fetch_received`."""
        return self._recipient.fetch_received(per_page=per_page, progress=progress, maximum=maximum)

    @property
    def status_updates(self) -> list[tuple[int, str]]:
        """(document id, status) of each platform step the last receive recorded for an
        invoice we already had."""
        return list(self._recipient.updated)

    def original_file(self, invoice_id: int) -> tuple[bytes, str]:
        return self._recipient.original_file(invoice_id)

    def set_status(
        self, document_id: int, status: str, *, motif: str | None = None, mandate: str | None = None
    ) -> StatusDecision:
        return self._recipient.set_status(document_id, status, motif=motif, mandate=mandate)

    def push_status(
        self, remote_id: str, status: str, *, motif: str | None = None, mandate: str | None = None
    ) -> StatusDecision:
        return self._recipient.push_status(remote_id, status, motif=motif, mandate=mandate)
