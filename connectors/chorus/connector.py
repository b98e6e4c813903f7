"""The Chorus Pro connector: stored invoices out through an outbox, received ones in.

Supplier side (the commune invoices another public body): a stored, valid invoice
is checked against the platform's directory (recipient known and active, service
code / engagement number where required), claimed in the outbox, deposited once
with ``deposer/flux``, and followed (``consulterCRDetaille`` until the flow is
terminal, then ``rechercher/fournisseur`` for the invoice id, then its history).
A deposit whose answer was lost is ``unknown`` and is looked for on the platform
(by invoice number) before anything is sent again: the platform has no idempotency
key (API.md 5.6), so this search is the only safe way.

Recipient side (the commune receives): ``rechercher/recipiendaire`` page by page with
a persisted cursor, the original file downloaded (the invoice attached to the
``PIVOT``, not the pivot itself), then ingested and validated like any file, and our
decisions pushed with ``traiter/recue`` under the motif rules.

Every platform call and every state change leaves an audit record.
"""

from __future__ import annotations

import base64
import json
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import select

from connectors.base import (
    Connector,
    ReceivedInvoice,
    ReceiveResult,
    StatusChange,
    StatusDecision,
    SubmitResult,
    TransmissionState,
    TransmissionStatus,
)
from connectors.chorus.client import ChorusClient, syntax_flux
from connectors.chorus.config import ChorusConfig
from connectors.chorus.directory import Directory
from connectors.chorus.errors import (
    ChorusBusinessError,
    ChorusError,
    ChorusOutcomeUnknown,
)
from connectors.chorus.http import CallEvent
from connectors.chorus.models import FLOW_INTEGRATED, FlowReport, History, InvoiceSummary
from connectors.outbox import Entry, Outbox
from invoices.detect import Syntax
from invoices.errors import DematError, InputError, SetupError
from invoices.paths import data_dir
from invoices.store import transmissions as repo
from invoices.store.store import Store
from invoices.store.tables import Document, Invoice, utcnow
from invoices.validation.report import Finding, Layer, Severity
from invoices.xmlsafe import parse as parse_xml

NAME = "chorus"
SOURCE_PREFIX = "chorus:"
RECEIVED_CURSOR = "received"
PARIS = ZoneInfo("Europe/Paris")
#: Statuses a recipient may ask for (API.md 3.5); the platform says which are legal now.
RECIPIENT_STATUSES = (
    "MISE_A_DISPOSITION",
    "SUSPENDUE",
    "REJETEE",
    "A_RECYCLER",
    "SERVICE_FAIT",
    "MANDATEE",
    "MISE_A_DISPOSITION_COMPTABLE",
    "COMPTABILISEE",
    "MISE_EN_PAIEMENT",
)
MOTIF_REQUIRED = frozenset({"REJETEE", "SUSPENDUE"})
MANDATE_WITH = "MANDATEE"
MOTIF_MAX = 255
ILLEGAL_TRANSITION = 20002
#: The number the platform reports when a flow file is not an invoice we can match.
FILE_EXT = {Syntax.FACTURX_PDF: ".pdf"}


@dataclass(frozen=True)
class StoredInvoice:
    """What the connector needs of a stored invoice, read in one short transaction."""

    id: int
    number: str
    name: str
    seller_siret: str | None
    buyer_siret: str | None
    syntax: str | None
    valid: bool | None
    status: str
    data: bytes


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
        self.store = store
        self.outbox = Outbox(store, NAME, actor=actor)
        self.actor = actor
        self._invoice_in_hand: int | None = None
        if client is None:
            client = ChorusClient(config, transport, observer=self._audit_call, sleep=sleep)
        else:
            client.http.observer = self._audit_call
        self.client = client
        self.config = client.config
        self.directory = Directory(client)
        self.precheck = precheck
        self._sleep = sleep
        self._clock = clock

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> ChorusConnector:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ audit of calls

    def _audit_call(self, event: CallEvent) -> None:
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
            invoice_id=self._invoice_in_hand,
        )

    # ------------------------------------------------------------ supplier side

    def load(self, invoice_id: int) -> StoredInvoice:
        with self.store.read() as session:
            row = session.get(Invoice, invoice_id)
            if row is None:
                raise InputError("chorus.not_found", file=str(invoice_id))
            doc = session.get(Document, invoice_id)
            assert doc is not None  # an invoice row is keyed by its document
            data = self.store.blobs.get(session, doc.sha256)
            return StoredInvoice(
                row.id,
                row.number,
                doc.original_name,
                row.seller_siret,
                row.buyer_siret,
                doc.syntax,
                row.valid,
                row.status,
                data,
            )

    def check(self, stored: StoredInvoice) -> list[Finding]:
        """The Chorus Pro rules, with the recipient's requirements read from the platform."""
        from invoices.reading import read_document
        from invoices.validation import chorus as chorus_rules

        document = read_document(stored.data, name=stored.name)
        structures = self.directory.structures([stored.buyer_siret or ""])
        return chorus_rules.check(document, structures)

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
        """Deposit each invoice once, then follow every flow to a terminal state.

        Deposits go first and polling after, so a batch waits for the platform once,
        not once per invoice.  Invoices whose earlier deposit has an unknown outcome
        are reconciled (and waited for, up to the grace period) before anything else.
        A document that cannot be sent (not valid, unknown id...) is reported to
        ``on_error`` and the batch goes on; without ``on_error`` it raises.
        An environment problem (platform unreachable, credentials refused) always
        raises: every following call would fail the same way.
        """
        results: dict[int, SubmitResult] = {}
        to_follow: list[tuple[StoredInvoice, Entry]] = []
        for count, invoice_id in enumerate(invoice_ids, start=1):
            if progress is not None:
                progress(count, str(invoice_id))
            try:
                outcome = self._deposit_one(invoice_id, dry_run=dry_run)
            except SetupError:
                raise
            except DematError as exc:  # this document, not the environment
                if on_error is None:
                    raise
                on_error(invoice_id, exc)
                continue
            finally:
                self._invoice_in_hand = None
            if isinstance(outcome, SubmitResult):
                results[invoice_id] = outcome
                if on_result is not None:
                    on_result(outcome)
            else:
                to_follow.append(outcome)
        for stored, entry in to_follow:
            self._invoice_in_hand = stored.id
            try:
                result = self._complete(stored, entry, wait=True)
            finally:
                self._invoice_in_hand = None
            results[stored.id] = result
            if on_result is not None:
                on_result(result)
        return [results[i] for i in invoice_ids if i in results]

    def _deposit_one(
        self, invoice_id: int, *, dry_run: bool
    ) -> SubmitResult | tuple[StoredInvoice, Entry]:
        stored = self.load(invoice_id)
        self._invoice_in_hand = stored.id
        entry = self.outbox.find(invoice_id)
        if entry is not None and not dry_run:
            if entry.needs_reconcile:
                entry = self._reconcile(stored, entry, wait=True)
            if entry.state is TransmissionState.SENT:
                return stored, entry
            if entry.state is not TransmissionState.PENDING or entry.attempts > 0:
                return self._result(stored, entry, already_sent=True)
        if stored.valid is not True:
            raise InputError("chorus.not_valid", file=f"{stored.name} (id {stored.id})")
        syntax = syntax_flux(Syntax(stored.syntax or "unknown"), stored.name)
        findings = self.check(stored) if self.precheck else []
        fatal = [f for f in findings if f.fatal]
        if dry_run or fatal:
            if fatal and not dry_run:
                self.outbox.audit_call(
                    {
                        "operation": "precheck",
                        "outcome": "refused",
                        "rules": sorted({f.rule for f in fatal}),
                    },
                    invoice_id=stored.id,
                )
            state = TransmissionState.REJECTED if fatal else TransmissionState.PENDING
            return SubmitResult(stored.id, stored.number, state, findings=tuple(findings))
        entry, owned = self.outbox.claim(invoice_id, "deposer/flux")
        if not owned:
            # Another process took the attempt meanwhile: report, never send a second time.
            if entry.state is TransmissionState.SENT:
                return stored, entry
            return self._result(stored, entry, already_sent=True)
        try:
            deposit = self.client.deposit(stored.data, self._file_name(stored), syntax)
        except ChorusOutcomeUnknown as exc:
            entry = self.outbox.settle(entry, TransmissionState.UNKNOWN, error=exc.message("en"))
            return self._result(stored, entry)
        except ChorusBusinessError as exc:
            entry = self.outbox.settle(
                entry, TransmissionState.REJECTED, error=_findings_json(exc.findings)
            )
            return self._result(stored, entry)
        except (ChorusError, InputError):
            # Refused before the platform acted on it (connection refused, 401, 413...):
            # the attempt did not happen; the invoice stays pending for the next run.
            self.outbox.cancel_attempt(entry, "not sent")
            raise
        entry = self.outbox.settle(
            entry,
            TransmissionState.SENT,
            flow_id=deposit.flow_id,
            details={"syntaxeFlux": deposit.syntax, "dateDepot": deposit.deposit_date},
        )
        return stored, entry

    def _file_name(self, stored: StoredInvoice) -> str:
        name = Path(stored.name).name or f"facture-{stored.id}"
        return name[-100:]

    def _complete(self, stored: StoredInvoice, entry: Entry, *, wait: bool) -> SubmitResult:
        """From ``sent``: wait for integration, then find the invoice id and its history."""
        assert entry.flow_id is not None
        if wait:
            report = self.client.wait_flow(entry.flow_id)
        else:
            report = self.client.flow_report(entry.flow_id)
        if not report.terminal:
            if not report.known:
                self.outbox.audit_call(
                    {
                        "operation": "consulterCRDetaille",
                        "outcome": "unknown flow state",
                        "state": report.state,
                    },
                    invoice_id=stored.id,
                )
            return self._result(stored, entry, status=report.state)
        return self._settle_flow(stored, entry, report)

    def _settle_flow(self, stored: StoredInvoice, entry: Entry, report: FlowReport) -> SubmitResult:
        mine = report.findings(stored.number)
        ours_rejected = any(e.number in ("", stored.number) for e in report.invoice_errors)
        if report.state in FLOW_INTEGRATED and not (
            report.state == "IN_INTEGRE_PARTIEL" and ours_rejected
        ):
            found = self._find_on_platform(stored, flow_id=entry.flow_id)
            if found is None:
                # Integrated, but not searchable yet: stay "sent" and look again later.
                return self._result(stored, entry, status=report.state)
            entry = self.outbox.settle(
                entry,
                TransmissionState.INTEGRATED,
                remote_id=str(found.invoice_id),
                details={"flow_state": report.state},
            )
            history = self._refresh_history(stored.id, entry, found.invoice_id)
            return self._result(stored, entry, status=history.current or found.status)
        entry = self.outbox.settle(
            entry,
            TransmissionState.REJECTED,
            error=_findings_json(mine),
            details={"flow_state": report.state},
        )
        return self._result(stored, entry, status=report.state)

    def _find_on_platform(
        self, stored: StoredInvoice, *, flow_id: str | None = None
    ) -> InvoiceSummary | None:
        """The platform's invoice for ours: same number, and same supplier when it says."""
        page = self.client.search_supplier(
            flow_id=flow_id, number=None if flow_id else stored.number
        )
        for item in page.items:
            if item.number != stored.number:
                continue
            if (
                stored.seller_siret
                and item.supplier_code
                and item.supplier_code != stored.seller_siret
            ):
                continue
            return item
        return None

    def _reconcile(self, stored: StoredInvoice, entry: Entry, *, wait: bool) -> Entry:
        """Find out whether a deposit of unknown outcome reached the platform.

        Found by invoice number: it is integrated, whatever we believed.  Not found:
        either it never arrived or it is still being integrated (the search only sees
        integrated invoices), so it stays ``unknown`` until the grace period since the
        attempt has passed; only then may it be sent again.
        """
        if entry.state is TransmissionState.PENDING and entry.attempts > 0:
            entry = self.outbox.mark_interrupted(entry)
            if not entry.needs_reconcile:
                return entry
        attempted_at = datetime.fromisoformat(entry.updated_at).timestamp()
        deadline = attempted_at + self.config.reconcile_grace
        delay = min(self.config.poll_interval, 0.1)
        while True:
            found = self._find_on_platform(stored)
            if found is not None:
                entry = self.outbox.settle(
                    entry,
                    TransmissionState.INTEGRATED,
                    flow_id=found.flow_id or None,
                    remote_id=str(found.invoice_id),
                    details={"reconciled": "found"},
                )
                self._refresh_history(stored.id, entry, found.invoice_id)
                return entry
            now = self._clock()
            if now >= deadline:
                return self.outbox.reset_to_pending(entry, "not found on the platform")
            if not wait:
                return entry
            self._sleep(min(delay, max(0.0, deadline - now)))
            delay = min(self.config.poll_interval, delay * 2)

    def _refresh_history(self, invoice_id: int, entry: Entry | None, remote_id: int) -> History:
        history = self.client.history(remote_id)
        self._record_history(invoice_id, entry, history)
        return history

    def _record_history(self, invoice_id: int, entry: Entry | None, history: History) -> None:
        with self.store.write() as session:
            seen = {
                (e.status_code, (e.details or {}).get("at"))
                for e in repo.status_events(session, invoice_id)
                if e.source == NAME
            }
            tx = repo.get(session, entry.id) if entry is not None else None
            for step in history.entries:
                if (step.code, step.at) in seen:
                    continue
                repo.add_status_event(
                    session,
                    status_code=step.code,
                    source=NAME,
                    transmission=tx,
                    invoice_id=invoice_id,
                    at=parse_platform_time(step.at) or utcnow(),
                    details={
                        "at": step.at,
                        "comment": step.comment,
                        "remote_id": history.invoice_id,
                    },
                    actor=self.actor,
                )
                seen.add((step.code, step.at))

    def _result(
        self,
        stored: StoredInvoice,
        entry: Entry,
        *,
        status: str | None = None,
        already_sent: bool = False,
    ) -> SubmitResult:
        return SubmitResult(
            stored.id,
            stored.number,
            entry.state,
            entry.flow_id,
            entry.remote_id,
            status or self._last_status(stored.id),
            tuple(_findings_from(entry.last_error)),
            already_sent,
        )

    def _last_status(self, invoice_id: int) -> str | None:
        with self.store.read() as session:
            events = [e for e in repo.status_events(session, invoice_id) if e.source == NAME]
            return events[-1].status_code if events else None

    def unsent(self) -> list[int]:
        """``--all``: valid stored invoices not yet sent, or whose sending must resume.

        Left out: suspected duplicates, invoices that came from Chorus Pro, and invoices
        addressed to our own structure (``DEMAT_CHORUS_SIRET``): those we receive, we
        do not send.
        """
        with self.store.read() as session:
            from invoices.store.tables import Transmission

            done = {
                row.invoice_id: row
                for row in session.scalars(
                    select(Transmission).where(Transmission.connector == NAME)
                )
            }
            rows = session.scalars(
                select(Invoice)
                .where(Invoice.valid.is_(True), Invoice.duplicate_of.is_(None))
                .order_by(Invoice.id)
            )
            received = set(self._received_ids(session).values())
            out = []
            for row in rows:
                if row.id in received or (
                    self.config.siret
                    and row.id not in done
                    and row.buyer_siret == self.config.siret
                ):
                    continue
                tx = done.get(row.id)
                if tx is None or tx.state in ("pending", "unknown", "sent"):
                    out.append(row.id)
            return out

    def follow(self, invoice_id: int, *, refresh: bool = True) -> TransmissionStatus:
        stored = self.load(invoice_id)
        entry = self.outbox.find(invoice_id)
        if entry is None:
            raise InputError("chorus.no_transmission", file=f"{stored.name} (id {stored.id})")
        self._invoice_in_hand = invoice_id
        try:
            if refresh:
                if entry.needs_reconcile:
                    entry = self._reconcile(stored, entry, wait=False)
                if entry.state is TransmissionState.SENT:
                    self._complete(stored, entry, wait=False)
                    entry = self.outbox.find(invoice_id) or entry
                elif entry.state is TransmissionState.INTEGRATED and entry.remote_id:
                    self._refresh_history(invoice_id, entry, int(entry.remote_id))
        finally:
            self._invoice_in_hand = None
        return self.status_of(invoice_id, entry)

    def status_of(self, invoice_id: int, entry: Entry | None = None) -> TransmissionStatus:
        """What the store knows, without asking the platform."""
        stored = self.load(invoice_id)
        entry = entry or self.outbox.find(invoice_id)
        with self.store.read() as session:
            events = [e for e in repo.status_events(session, invoice_id) if e.source == NAME]
            history = tuple(
                StatusChange(
                    e.status_code,
                    (e.details or {}).get("at") or e.at.isoformat(),
                    (e.details or {}).get("comment") or "",
                )
                for e in events
            )
        return TransmissionStatus(
            invoice_id,
            stored.number,
            entry.state if entry else TransmissionState.PENDING,
            history[-1].status if history else None,
            entry.flow_id if entry else None,
            entry.remote_id if entry else None,
            history,
            tuple(_findings_from(entry.last_error if entry else None)),
        )

    def transmitted(self) -> list[int]:
        with self.store.read() as session:
            from invoices.store.tables import Transmission

            return list(
                session.scalars(
                    select(Transmission.invoice_id)
                    .where(Transmission.connector == NAME)
                    .order_by(Transmission.invoice_id)
                )
            )

    # ------------------------------------------------------------ recipient side

    def _received_ids(self, session: Any) -> dict[int, int]:
        """Invoice ids of the platform already stored -> local document id."""
        rows = session.execute(
            select(Document.id, Document.source).where(Document.source.like(SOURCE_PREFIX + "%"))
        )
        out: dict[int, int] = {}
        for doc_id, source in rows:
            tail = source[len(SOURCE_PREFIX) :]
            if tail.isdigit():
                out[int(tail)] = doc_id
        return out

    def fetch_received(
        self, *, per_page: int = 100, progress: Callable[[int, str], None] | None = None
    ) -> ReceiveResult:
        """Store every invoice addressed to our structure that is not stored yet.

        The cursor (deposit date reached, next page to read) is saved after each page,
        so a crash resumes where it stopped; invoices already stored are recognised by
        the platform's id and never downloaded twice.  Results are sorted by deposit
        date, oldest first, so new invoices land after the pages already read.
        """
        if not self.config.siret:
            raise SetupError("chorus.no_siret")
        ref = self.client.find_structure(self.config.siret)
        if ref is None:
            raise SetupError("chorus.own_structure_unknown", siret=self.config.siret)
        with self.store.read() as session:
            cursor = json.loads(repo.get_cursor(session, NAME, RECEIVED_CURSOR) or "{}")
            known = self._received_ids(session)
        since = cursor.get("since")
        page = int(cursor.get("page") or 1)
        criteria: dict[str, Any] = {"idDestinataire": ref.structure_id}
        if since:
            criteria["periodeDateDepotDu"] = since
        received: list[ReceivedInvoice] = []
        already = 0
        errors: list[str] = []
        newest = since
        count = 0
        for result in self.client.iter_recipient(start_page=page, per_page=per_page, **criteria):
            for item in result.items:
                count += 1
                if item.deposit_date and (newest is None or item.deposit_date[:10] > newest):
                    newest = item.deposit_date[:10]
                if item.invoice_id in known:
                    already += 1
                    continue
                if progress is not None:
                    progress(count, item.number)
                try:
                    got = self._receive_one(item)
                except InputError as exc:
                    errors.append(exc.message())
                    continue
                known[item.invoice_id] = got.document_id or 0
                received.append(got)
            # The next page to read: a crash resumes there, pages already stored stay done.
            self._save_cursor({"since": since, "page": max(1, result.paging.page) + 1})
        self._save_cursor({"since": newest, "page": 1})
        return ReceiveResult(tuple(received), already, tuple(errors))

    def _save_cursor(self, value: dict[str, Any]) -> None:
        with self.store.write() as session:
            repo.set_cursor(
                session, NAME, RECEIVED_CURSOR, json.dumps(value, sort_keys=True), actor=self.actor
            )

    def _receive_one(self, item: InvoiceSummary) -> ReceivedInvoice:
        from invoices.pipeline import ingest

        data, name = self.original_file(item.invoice_id)
        inbox = data_dir() / "chorus-inbox" / str(item.invoice_id)
        inbox.mkdir(parents=True, exist_ok=True)
        path = inbox / _safe_name(name, item)
        path.write_bytes(data)
        try:
            outcomes = list(
                ingest(
                    [path],
                    store=self.store,
                    chorus=False,
                    actor=self.actor,
                    source=f"{SOURCE_PREFIX}{item.invoice_id}",
                )
            )
        finally:
            shutil.rmtree(inbox, ignore_errors=True)
        outcome = outcomes[0]
        document_id = outcome.document_id
        if document_id is not None:
            with self.store.write() as session:
                if session.get(Invoice, document_id) is not None:
                    repo.add_status_event(
                        session,
                        status_code=item.status or "MISE_A_DISPOSITION",
                        source=NAME,
                        invoice_id=document_id,
                        at=parse_platform_time(item.status_at or item.deposit_date) or utcnow(),
                        details={"at": item.status_at, "remote_id": item.invoice_id, "comment": ""},
                        actor=self.actor,
                    )
        return ReceivedInvoice(
            str(item.invoice_id),
            item.number,
            item.supplier_name or item.supplier_code,
            item.status,
            document_id,
            outcome.valid,
        )

    def original_file(self, invoice_id: int) -> tuple[bytes, str]:
        """The file the supplier deposited: the invoice attached to the pivot (type 01)."""
        pivot = self.client.download([invoice_id], "PIVOT")
        try:
            root = parse_xml(pivot, f"Chorus Pro {invoice_id} PIVOT").getroot()
        except InputError:
            root = None
        if root is not None:
            for pj in root.iter("{*}PJ"):
                kind = (pj.findtext("{*}TypePJ") or "").strip()
                content = (pj.findtext("{*}Contenu") or "").strip()
                if kind == "01" and content:
                    name = (pj.findtext("{*}NomPJ") or "").strip() or f"facture-{invoice_id}"
                    try:
                        return base64.b64decode(content, validate=False), name
                    except ValueError:
                        break
        # No original attached to the pivot: the PDF as deposited (Factur-X) is the file.
        return self.client.download([invoice_id], "PDF"), f"facture-{invoice_id}.pdf"

    def remote_id_of(self, document_id: int) -> str:
        with self.store.read() as session:
            doc = session.get(Document, document_id)
            if doc is None or not (doc.source or "").startswith(SOURCE_PREFIX):
                raise InputError("chorus.not_received", file=str(document_id))
            return doc.source[len(SOURCE_PREFIX) :]

    def set_status(
        self, document_id: int, status: str, *, motif: str | None = None, mandate: str | None = None
    ) -> StatusDecision:
        """``demat set-status``: our decision on a received invoice, by local id."""
        remote = self.remote_id_of(document_id)
        decision = self.push_status(
            remote, status, motif=motif, mandate=mandate, file=str(document_id)
        )
        with self.store.write() as session:
            if session.get(Invoice, document_id) is not None:
                repo.add_status_event(
                    session,
                    status_code=decision.status,
                    source=NAME,
                    invoice_id=document_id,
                    details={
                        "at": decision.date,
                        "comment": motif or "",
                        "mandate": mandate,
                        "remote_id": remote,
                        "set_by": "us",
                    },
                    actor=self.actor,
                )
                repo.set_invoice_status(
                    session,
                    document_id,
                    decision.status,
                    actor=self.actor,
                    details={"connector": NAME},
                )
        return decision

    def push_status(
        self,
        remote_id: str,
        status: str,
        *,
        motif: str | None = None,
        mandate: str | None = None,
        file: str | None = None,
    ) -> StatusDecision:
        where = file or remote_id
        status = status.strip().upper()
        motif = (motif or "").strip() or None
        if status not in RECIPIENT_STATUSES:
            raise InputError(
                "chorus.status_unknown",
                file=where,
                status=status,
                allowed=", ".join(RECIPIENT_STATUSES),
            )
        if status in MOTIF_REQUIRED and not motif:
            raise InputError("chorus.motif_required", file=where, status=status)
        if motif and len(motif) > MOTIF_MAX:
            raise InputError("chorus.motif_too_long", file=where, size=len(motif), limit=MOTIF_MAX)
        if mandate and status != MANDATE_WITH:
            raise InputError("chorus.mandate_only_mandatee", file=where)
        ident = int(remote_id)
        current = self.client.history(ident).current
        allowed = self.client.possible_statuses(current) if current else []
        if status not in allowed:
            raise InputError(
                "chorus.transition_illegal",
                file=where,
                current=current or "-",
                status=status,
                allowed=", ".join(allowed) or "-",
            )
        try:
            done = self.client.process_received(ident, status, motif=motif, mandate=mandate)
        except ChorusBusinessError as exc:
            if exc.code == ILLEGAL_TRANSITION:
                raise InputError(
                    "chorus.transition_illegal",
                    file=where,
                    current=current or "-",
                    status=status,
                    allowed=", ".join(allowed) or "-",
                ) from None
            raise
        except ChorusOutcomeUnknown:
            # A status change is checked, not re-sent: did it happen?
            now = self.client.history(ident)
            if now.current != status:
                raise
            return StatusDecision(
                remote_id, now.number, status, now.entries[-1].at if now.entries else ""
            )
        return StatusDecision(remote_id, done.number, done.status or status, done.date)


def _safe_name(name: str, item: InvoiceSummary) -> str:
    base = Path(name.replace("\\", "/")).name
    cleaned = "".join(c for c in base if c.isalnum() or c in "-_.")[:100]
    return cleaned or f"facture-{item.invoice_id}"


def _findings_json(findings: Iterable[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False)


def _findings_from(text: str | None) -> list[Finding]:
    """Findings saved in ``last_error`` (JSON), or a plain error message as one finding."""
    if not text:
        return []
    try:
        items = json.loads(text)
    except ValueError:
        items = None
    if not isinstance(items, list):
        return [Finding(Layer.CHORUS, "CPP-TRANSMISSION", Severity.INFORMATION, text)]
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append(
                Finding(
                    Layer.CHORUS,
                    str(item.get("rule")),
                    Severity(item.get("severity", "fatal")),
                    str(item.get("message")),
                    item.get("location"),
                    tuple(item.get("terms") or ()),
                )
            )
    return out
