"""The commune as a supplier beyond flows: plain PDFs, completing, recycling, the platform view.

* A plain PDF (stored with its entered data, :func:`invoices.pipeline.store_entered`)
  is sent with ``deposer/pdf`` + ``soumettre`` under the outbox's rules: the attempt is
  claimed (intent recorded) before ``soumettre``, the one call that creates an invoice;
  a lost answer leaves the transmission ``unknown``, reconciled by invoice number
  (:meth:`connectors.chorus.supplier.Supplier.reconcile`) before anything is re-sent.
  ``deposer/pdf`` before the claim only uploads a file no invoice names yet.
* ``completer`` (a ``SUSPENDUE`` invoice) and ``recycler`` (an ``A_RECYCLER`` one) read
  the platform's current status first and act only from the status the action applies
  to: an action whose answer was lost moved the invoice on, so asking again finds it
  done instead of doing it twice.  Each records an intent and an outcome in the audit
  trail, and the platform's new history steps as status events.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from connectors.base import SubmitResult, TransmissionState
from connectors.chorus import calls_supplier as calls
from connectors.chorus.context import ChorusContext
from connectors.chorus.errors import ChorusBusinessError, ChorusError, ChorusOutcomeUnknown
from connectors.chorus.following import Following, findings_json
from connectors.chorus.stored import StoredInvoice, original
from connectors.outbox import Entry
from invoices.errors import InputError
from invoices.pipeline import EnteredInvoice
from invoices.store import Invoice

#: The status each supplier action applies to, and the one it leads to.
ACTIONS = {"complete": ("SUSPENDUE", "COMPLETEE"), "recycle": ("A_RECYCLER", "DEPOSEE")}


@dataclass(frozen=True)
class ActionResult:
    """What a ``completer`` / ``recycler`` did: done now, found already done, or refused."""

    invoice_id: int
    remote_id: int
    action: str
    outcome: str  # done | already-done | refused | unknown
    status: str  # the platform's status after it
    detail: str = ""


class Issuing:
    """Plain-PDF deposits and the supplier actions on invoices we issued."""

    def __init__(self, ctx: ChorusContext, following: Following) -> None:
        self.ctx = ctx
        self.following = following

    # ------------------------------------------------------------ plain PDF

    def deposit_pdf(self, stored: StoredInvoice) -> SubmitResult:
        """``deposer/pdf`` + ``soumettre`` of a stored plain PDF, once (see module doc)."""
        outbox, result = self.ctx.outbox, self.following.result
        entered = self._entered(stored.id)
        own = self.ctx.config.siret or stored.seller_siret or ""
        supplier = self.ctx.client.find_structure(own)
        if supplier is None:
            raise InputError("supplier_ops.unknown_supplier", siret=own)
        content = original(self.ctx.store, stored.id)
        name = _file_name(stored)
        piece = calls.deposit_pdf(self.ctx.client, content.data, name)
        body = calls.submit_body(entered, piece, supplier.structure_id, name)
        entry, owned = outbox.claim(stored.id, "soumettre")
        if not owned:
            return result(stored, entry, already_sent=True)
        try:
            submitted = calls.submit(self.ctx.client, body)
        except ChorusOutcomeUnknown as exc:
            entry = outbox.settle(entry, TransmissionState.UNKNOWN, error=exc.message("en"))
            return result(stored, entry)
        except ChorusBusinessError as exc:
            entry = outbox.settle(
                entry, TransmissionState.REJECTED, error=findings_json(exc.findings)
            )
            return result(stored, entry)
        except (ChorusError, InputError):
            outbox.cancel_attempt(entry, "not sent")
            raise
        entry = outbox.settle(
            entry,
            TransmissionState.INTEGRATED,
            remote_id=str(submitted.invoice_id),
            details={"modeDepot": "DEPOT_PDF_API", "dateDepot": submitted.deposit_date},
        )
        self.following.refresh_history(stored.id, entry, submitted.invoice_id)
        return result(stored, entry)

    def _entered(self, invoice_id: int) -> EnteredInvoice:
        with self.ctx.store.read() as session:
            row = session.get(Invoice, invoice_id)
            if row is None:
                raise InputError("chorus.not_found", file=str(invoice_id))
            return EnteredInvoice.of_row(row)

    # ------------------------------------------------------------ actions

    def complete(
        self, stored: StoredInvoice, comment: str | None, files: Sequence[Path] = ()
    ) -> ActionResult:
        """``completer`` a ``SUSPENDUE`` invoice with a comment and supporting files."""
        remote = self._remote_id(stored)
        done = self._already(stored, remote, "complete")
        if done is not None:
            return done
        pieces = []
        for path in files:
            try:
                data = path.read_bytes()
            except OSError:
                raise InputError("supplier_ops.missing_file", file=str(path)) from None
            mime = "application/pdf" if data.startswith(b"%PDF-") else "application/octet-stream"
            pieces.append((calls.add_file(self.ctx.client, data, path.name, mime), path.name))
        details: dict[str, object] = {"comment": comment, "files": [p.name for p in files]}

        def send() -> str:
            return calls.complete(self.ctx.client, remote, comment, pieces)

        return self._act(stored, remote, "complete", details, send)

    def recycle(
        self,
        stored: StoredInvoice,
        *,
        service_code: str | None,
        recipient: str | None = None,
        engagement: str | None = None,
        comment: str | None = None,
    ) -> ActionResult:
        """``recycler`` an ``A_RECYCLER`` invoice to another service / structure / EJ."""
        if not (service_code or recipient or engagement):
            raise InputError("supplier_ops.recycle_needs_target")
        remote = self._remote_id(stored)
        done = self._already(stored, remote, "recycle")
        if done is not None:
            return done
        details: dict[str, object] = {
            "service_code": service_code,
            "recipient": recipient,
            "engagement": engagement,
            "comment": comment,
        }

        def send() -> str:
            return calls.recycle(
                self.ctx.client,
                remote,
                service_code=service_code,
                recipient=recipient,
                engagement=engagement,
                comment=comment,
            )

        return self._act(stored, remote, "recycle", details, send)

    def consult(self, stored: StoredInvoice) -> calls.PlatformView:
        """``consulter/fournisseur`` of an invoice we issued (a read, audited as a call)."""
        return calls.consult(self.ctx.client, self._remote_id(stored))

    def _remote_id(self, stored: StoredInvoice) -> int:
        entry: Entry | None = self.ctx.outbox.find(stored.id)
        if entry is None or not entry.remote_id or not entry.remote_id.isdigit():
            raise InputError("supplier_ops.not_on_platform", file=f"{stored.name} (id {stored.id})")
        return int(entry.remote_id)

    def _already(self, stored: StoredInvoice, remote: int, action: str) -> ActionResult | None:
        """Read the platform first: ``None`` when the action applies now, else why not.

        Done already: the invoice reached the action's target after its last stay in
        the status the action applies to (an earlier answer was lost, or another
        person did it on the portal).
        """
        entry = self.ctx.outbox.find(stored.id)
        current = self.following.refresh_history(stored.id, entry, remote)
        source, target = ACTIONS[action]
        if current.current == source:
            return None
        codes = [e.code for e in current.entries]
        last = max((i for i, code in enumerate(codes) if code == source), default=None)
        done = last is not None and target in codes[last + 1 :]
        outcome = "already-done" if done else "refused"
        self.ctx.outbox.audit_call(
            {"operation": ACTION_OPERATION[action], "outcome": outcome, "status": current.current},
            invoice_id=stored.id,
        )
        return ActionResult(stored.id, remote, action, outcome, current.current)

    def _act(
        self,
        stored: StoredInvoice,
        remote: int,
        action: str,
        details: dict[str, object],
        send: Callable[[], str],
    ) -> ActionResult:
        """Intent recorded, the write sent once, its outcome recorded, the history kept."""
        operation = ACTION_OPERATION[action]
        audit = self.ctx.outbox.audit_call
        audit({"operation": operation, "outcome": "intent", **details}, invoice_id=stored.id)
        try:
            answer = send()
        except ChorusOutcomeUnknown:
            audit({"operation": operation, "outcome": "unknown"}, invoice_id=stored.id)
            return ActionResult(stored.id, remote, action, "unknown", "")
        except ChorusBusinessError as exc:
            audit(
                {"operation": operation, "outcome": "refused", "code": exc.code},
                invoice_id=stored.id,
            )
            return ActionResult(stored.id, remote, action, "refused", "", exc.label)
        entry = self.ctx.outbox.find(stored.id)
        history = self.following.refresh_history(stored.id, entry, remote)
        audit(
            {"operation": operation, "outcome": "done", "status": history.current},
            invoice_id=stored.id,
        )
        return ActionResult(stored.id, remote, action, "done", history.current, answer)


#: The platform operation of each action (for the audit trail).
ACTION_OPERATION = {"complete": "completer", "recycle": "recycler"}


def _file_name(stored: StoredInvoice) -> str:
    name = Path(stored.name).name or f"facture-{stored.id}.pdf"
    return name[-100:]
