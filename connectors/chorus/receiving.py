"""One received invoice, brought in whole: its file, the pivot, its attachments, its history.

The pivot is downloaded **with the supporting attachments**
(``avecPiecesJointesComplementaires``); the supplier's own file inside it (``TypePJ``
01) is ingested from memory like any file (read once, validated, stored, audited),
and the pivot and each attachment are kept by their hash and linked to the document
(:mod:`invoices.store.attachments`).  The platform's history then becomes status
events at the platform's dates (:mod:`connectors.chorus.steps`).

An invoice already stored is not downloaded again; only its new history steps are
recorded, and its files are fetched if an earlier run stored the invoice without them
(a crash in between, or a version of ours that kept none).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.base import ReceivedInvoice
from connectors.chorus.calls_recipient import download_pivot, history_steps
from connectors.chorus.context import ChorusContext
from connectors.chorus.models import InvoiceSummary
from connectors.chorus.pivot import PivotContent, read_pivot, safe_name
from connectors.chorus.steps import record_steps
from invoices.pipeline import ingest_bytes
from invoices.store import Document, attachments

SOURCE_PREFIX = "chorus:"


def source_of(remote_id: int) -> str:
    return f"{SOURCE_PREFIX}{remote_id}"


def receive_new(ctx: ChorusContext, item: InvoiceSummary) -> ReceivedInvoice:
    """Download, ingest and link everything of an invoice we do not have yet."""
    pivot = download_pivot(ctx.client, item.invoice_id)
    content = read_pivot(pivot, item.invoice_id)
    if content.original is not None:
        data, name = content.original.data, content.original.name
    else:
        # No original attached to the pivot: the PDF as deposited (Factur-X) is the file.
        data = ctx.client.download([item.invoice_id], "PDF")
        name = f"facture-{item.invoice_id}.pdf"
    outcome = ingest_bytes(
        data,
        safe_name(name, f"facture-{item.invoice_id}"),
        store=ctx.store,
        chorus=False,
        actor=ctx.actor,
        source=source_of(item.invoice_id),
    )
    document_id = outcome.document_id
    if document_id is not None:
        keep_files(ctx, document_id, item.invoice_id, pivot, content)
        refresh_history(ctx, document_id, item.invoice_id)
    return ReceivedInvoice(
        str(item.invoice_id),
        item.number,
        item.supplier_name or item.supplier_code,
        item.status,
        document_id,
        outcome.valid,
    )


#: Steps after which the supplier may have joined new documents: the pivot is read again.
NEW_DOCUMENTS = frozenset({"COMPLETEE"})


def refresh_known(ctx: ChorusContext, document_id: int, remote_id: int) -> list[str]:
    """An invoice we have, seen again because its status moved: its new steps, and its
    files when it has none yet or when the supplier completed it (new attachments)."""
    added = refresh_history(ctx, document_id, remote_id)
    if NEW_DOCUMENTS.intersection(added) or not has_pivot(ctx, document_id):
        pivot = download_pivot(ctx.client, remote_id)
        keep_files(ctx, document_id, remote_id, pivot, read_pivot(pivot, remote_id))
    return added


def refresh_history(ctx: ChorusContext, document_id: int, remote_id: int) -> list[str]:
    """Record the steps of the platform's history not recorded yet; their statuses."""
    _current, steps = history_steps(ctx.client, remote_id)
    return record_steps(ctx, document_id, remote_id, steps)


def has_pivot(ctx: ChorusContext, document_id: int) -> bool:
    with ctx.store.read() as session:
        return any(
            f.kind == attachments.FileKind.PIVOT for f in attachments.files_of(session, document_id)
        )


def keep_files(
    ctx: ChorusContext, document_id: int, remote_id: int, pivot: bytes, content: PivotContent
) -> None:
    """The pivot and each supporting document, stored by hash and linked, in one transaction."""
    source = source_of(remote_id)
    with ctx.store.write() as session:
        attachments.add_file(
            ctx.store,
            session,
            document_id,
            attachments.FileKind.PIVOT,
            f"chorus-{remote_id}-pivot.xml",
            "application/xml",
            pivot,
            source=source,
            actor=ctx.actor,
        )
        for extra in content.attachments:
            attachments.add_file(
                ctx.store,
                session,
                document_id,
                attachments.FileKind.ATTACHMENT,
                extra.name,
                extra.media_type,
                extra.data,
                source=source,
                actor=ctx.actor,
            )


def received_ids(session: Session) -> dict[int, int]:
    """Invoice ids of the platform already stored -> local document id."""
    rows = session.execute(
        select(Document.id, Document.source).where(Document.source.like(SOURCE_PREFIX + "%"))
    )
    out: dict[int, int] = {}
    for doc_id, source in rows:
        tail = (source or "")[len(SOURCE_PREFIX) :]
        if tail.isdigit():
            out[int(tail)] = doc_id
    return out
