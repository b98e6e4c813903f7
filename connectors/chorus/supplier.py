"""Supplier side: a stored, valid invoice deposited once with ``deposer/flux``.

The recipient is checked first against the platform's directory (known and active,
service code / engagement number where required) unless the stored validation report
already did; then the attempt is claimed in the outbox, the flow deposited, and
followed to a terminal state.  A deposit whose answer was lost is ``unknown`` and is
looked for on the platform (by invoice number) before anything is sent again: the
platform has no idempotency key (API.md 5.6), so this search is the only safe way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from connectors.base import SubmitResult, TransmissionState
from connectors.chorus.client import syntax_flux
from connectors.chorus.context import NAME, ChorusContext
from connectors.chorus.errors import ChorusBusinessError, ChorusError, ChorusOutcomeUnknown
from connectors.chorus.following import Following, findings_json
from connectors.chorus.issuing import Issuing
from connectors.chorus.stored import Original, StoredInvoice, load, original
from connectors.outbox import Entry
from invoices.errors import DematError, InputError, SetupError
from invoices.pipeline import PLAIN_PDF
from invoices.reading import read_document
from invoices.store import Invoice, Transmission
from invoices.syntax import Syntax
from invoices.validation import Finding, check_chorus

#: A deposit done, waiting for its flow to be followed.
Deposited = tuple[StoredInvoice, Entry]


class Supplier:
    """Deposits, exactly once, and the reconciliation of deposits of unknown outcome."""

    def __init__(self, ctx: ChorusContext, following: Following, *, precheck: bool) -> None:
        self.ctx = ctx
        self.following = following
        self.precheck = precheck
        self.issuing = Issuing(ctx, following)

    def check(self, stored: StoredInvoice, original: Original) -> list[Finding]:
        """The Chorus Pro rules, with the recipient's requirements read from the platform.

        The stored report's Chorus findings are the answer when it judged the recipient
        (ingest with structures); otherwise the document is read, once, and checked.
        """
        if original.chorus is not None:
            return list(original.chorus)
        document = read_document(original.data, name=stored.name)
        structures = self.ctx.directory.structures([stored.buyer_siret or ""])
        return check_chorus(document, structures)

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
        to_follow: list[Deposited] = []
        for count, invoice_id in enumerate(invoice_ids, start=1):
            if progress is not None:
                progress(count, str(invoice_id))
            try:
                with self.ctx.about(invoice_id):
                    outcome = self._deposit_one(invoice_id, dry_run=dry_run)
            except SetupError:
                raise
            except DematError as exc:  # this document, not the environment
                if on_error is None:
                    raise
                on_error(invoice_id, exc)
                continue
            if isinstance(outcome, SubmitResult):
                results[invoice_id] = outcome
                if on_result is not None:
                    on_result(outcome)
            else:
                to_follow.append(outcome)
        for stored, entry in to_follow:
            with self.ctx.about(stored.id):
                result = self.following.complete(stored, entry, wait=True)
            results[stored.id] = result
            if on_result is not None:
                on_result(result)
        return [results[i] for i in invoice_ids if i in results]

    def _deposit_one(self, invoice_id: int, *, dry_run: bool) -> SubmitResult | Deposited:
        stored = load(self.ctx.store, invoice_id)
        outbox, result = self.ctx.outbox, self.following.result
        entry = outbox.find(invoice_id)
        if entry is not None and not dry_run:
            if entry.needs_reconcile:
                entry = self.reconcile(stored, entry, wait=True)
            if entry.state is TransmissionState.SENT:
                return stored, entry
            if entry.state is not TransmissionState.PENDING or entry.attempts > 0:
                return result(stored, entry, already_sent=True)
        if stored.valid is not True:
            raise InputError("chorus.not_valid", file=f"{stored.name} (id {stored.id})")
        if stored.syntax == PLAIN_PDF:
            # A plain PDF with entered data: deposer/pdf + soumettre, synchronous.
            if dry_run:
                return SubmitResult(stored.id, stored.number, TransmissionState.PENDING)
            return self.issuing.deposit_pdf(stored)
        syntax = syntax_flux(Syntax(stored.syntax or "unknown"), stored.name)
        content = original(self.ctx.store, invoice_id)
        findings = self.check(stored, content) if self.precheck else []
        fatal = [f for f in findings if f.fatal]
        if dry_run or fatal:
            if fatal and not dry_run:
                outbox.audit_call(
                    {
                        "operation": "precheck",
                        "outcome": "refused",
                        "rules": sorted({f.rule for f in fatal}),
                    },
                    invoice_id=stored.id,
                )
            state = TransmissionState.REJECTED if fatal else TransmissionState.PENDING
            return SubmitResult(stored.id, stored.number, state, findings=tuple(findings))
        entry, owned = outbox.claim(invoice_id, "deposer/flux")
        if not owned:
            # Another process took the attempt meanwhile: report, never send a second time.
            if entry.state is TransmissionState.SENT:
                return stored, entry
            return result(stored, entry, already_sent=True)
        try:
            deposit = self.ctx.client.deposit(content.data, _file_name(stored), syntax)
        except ChorusOutcomeUnknown as exc:
            entry = outbox.settle(entry, TransmissionState.UNKNOWN, error=exc.message("en"))
            return result(stored, entry)
        except ChorusBusinessError as exc:
            entry = outbox.settle(
                entry, TransmissionState.REJECTED, error=findings_json(exc.findings)
            )
            return result(stored, entry)
        except (ChorusError, InputError):
            # Refused before the platform acted on it (connection refused, 401, 413...):
            # the attempt did not happen; the invoice stays pending for the next run.
            outbox.cancel_attempt(entry, "not sent")
            raise
        entry = outbox.settle(
            entry,
            TransmissionState.SENT,
            flow_id=deposit.flow_id,
            details={"syntaxeFlux": deposit.syntax, "dateDepot": deposit.deposit_date},
        )
        return stored, entry

    def reconcile(self, stored: StoredInvoice, entry: Entry, *, wait: bool) -> Entry:
        """Find out whether a deposit of unknown outcome reached the platform.

        Found by invoice number: it is integrated, whatever we believed.  Not found:
        either it never arrived or it is still being integrated (the search only sees
        integrated invoices), so it stays ``unknown`` until the grace period since the
        attempt has passed; only then may it be sent again.
        """
        outbox, config = self.ctx.outbox, self.ctx.config
        if entry.state is TransmissionState.PENDING and entry.attempts > 0:
            entry = outbox.mark_interrupted(entry)
            if not entry.needs_reconcile:
                return entry
        attempted_at = datetime.fromisoformat(entry.updated_at).timestamp()
        deadline = attempted_at + config.reconcile_grace
        delay = min(config.poll_interval, 0.1)
        while True:
            found = self.following.find_on_platform(stored)
            if found is not None:
                entry = outbox.settle(
                    entry,
                    TransmissionState.INTEGRATED,
                    flow_id=found.flow_id or None,
                    remote_id=str(found.invoice_id),
                    details={"reconciled": "found"},
                )
                self.following.refresh_history(stored.id, entry, found.invoice_id)
                return entry
            now = self.ctx.clock()
            if now >= deadline:
                return outbox.reset_to_pending(entry, "not found on the platform")
            if not wait:
                return entry
            self.ctx.sleep(min(delay, max(0.0, deadline - now)))
            delay = min(config.poll_interval, delay * 2)

    def unsent(self, received: set[int]) -> list[int]:
        """``--all``: valid stored invoices not yet sent, or whose sending must resume.

        Left out: suspected duplicates, invoices that came from Chorus Pro
        (``received``), and invoices addressed to our own structure
        (``DEMAT_CHORUS_SIRET``): those we receive, we do not send.
        """
        own = self.ctx.config.siret
        with self.ctx.store.read() as session:
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
            out = []
            for row in rows:
                if row.id in received or (own and row.id not in done and row.buyer_siret == own):
                    continue
                tx = done.get(row.id)
                if tx is None or tx.state in _TO_RESUME:
                    out.append(row.id)
            return out


#: Transmission states whose sending a new run takes up again.
_TO_RESUME = frozenset(
    str(s) for s in (TransmissionState.PENDING, TransmissionState.UNKNOWN, TransmissionState.SENT)
)


def _file_name(stored: StoredInvoice) -> str:
    name = Path(stored.name).name or f"facture-{stored.id}"
    return name[-100:]
