"""Check stored invoices again: those whose check could not run, or those named.

An engine crash, a timeout, a bug of ours leaves an invoice ``unvalidated``: no
verdict, so nobody tells the supplier it is invalid.  It is checked again by the
next ingest of the same bytes, or by ``demat revalidate`` (for instance after the
artefacts were repaired): the original bytes come back from the store, are read and
validated with the options of their last check, and the new report and its audit
record are committed together with the invoice's new status.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import select

from invoices.errors import DematError
from invoices.pipeline.outcome import Outcome, OutcomeKind
from invoices.pipeline.record import (
    Checked,
    Options,
    Refusal,
    check,
    note,
    read_for_store,
    record_check,
    verdict_outcome,
)
from invoices.store import InvoiceStatus, Store, audit, records
from invoices.store.tables import Invoice


class UnknownInvoice(DematError):
    """A document id that names no stored invoice (exit 2 in the command line)."""

    def __init__(self, document_id: int) -> None:
        super().__init__("store.revalidate_unknown", id=document_id)


def awaiting(store: Store) -> list[int]:
    """The invoices stored without a verdict, oldest first."""
    with store.read() as session:
        rows = session.scalars(
            select(Invoice.id)
            .where(Invoice.status == str(InvoiceStatus.UNVALIDATED))
            .order_by(Invoice.id)
        )
        return list(rows)


def revalidate(
    store: Store,
    document_ids: Iterable[int] | None = None,
    *,
    actor: str | None = None,
) -> Iterator[Outcome]:
    """Check again the invoices named (default: every one awaiting a verdict).

    Raises :class:`UnknownInvoice` for an id that names no stored invoice, before
    anything is checked; a :class:`~invoices.errors.SetupError` for an environment
    problem, as ingest does.
    """
    ids = awaiting(store) if document_ids is None else list(document_ids)
    with store.read() as session:
        for document_id in ids:
            if session.get(Invoice, document_id) is None:
                raise UnknownInvoice(document_id)
    who = actor or audit.default_actor()
    for document_id in ids:
        with store.read() as session:
            row = session.get(Invoice, document_id)
            assert row is not None
            doc = row.document
            data = store.blobs.get(session, doc.sha256)
            name, digest = doc.original_name, doc.sha256
        yield recheck_known(store, document_id, data, name, digest, Options(actor=who))


def recheck_known(
    store: Store, document_id: int, data: bytes, name: str, digest: str, opts: Options
) -> Outcome:
    """Read and validate a stored invoice's bytes again and record the verdict.

    The options of its last check (BR-FR, Chorus Pro rules) are kept unless the
    caller asks for more.
    """
    with store.read() as session:
        last = records.latest_report(session, document_id)
        if last is not None:
            opts.fr = opts.fr or bool(last.options.get("fr"))
            opts.chorus = opts.chorus or bool(last.options.get("chorus"))
    read = read_for_store(data, name, digest)
    checked = (
        Checked(crash={"reason": read.key, "where": "-"})
        if isinstance(read, Refusal)
        else check(read, opts)
    )
    with store.write() as session:
        row = session.get(Invoice, document_id)
        assert row is not None
        record_check(session, row.document, checked, opts, again=True)
        before = row.status
        records.set_verdict(row, checked.valid)
        if row.status != before:
            note(
                session,
                audit.Action.INVOICE_STATUS,
                opts,
                "invoice",
                row.id,
                {
                    "from": before,
                    "to": row.status,
                    "valid": row.valid,
                    "reason": "revalidated",
                },
            )
        return verdict_outcome(name, OutcomeKind.KNOWN, row, checked, opts)
