"""The database tables, as SQLAlchemy 2.x typed ORM classes.

The schema itself is created and changed ONLY by the Alembic migrations shipped in
``invoices/store/migrations``: these classes describe it for queries and must match
the latest migration (a test compares them).  Money is kept as exact decimal text
(:class:`DecimalText`) because SQLite has no exact decimal type and a clerk's
total must come back to the cent; timestamps always come back timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal stored as its exact text: no float ever touches an amount."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, whatever the database keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class DocumentStatus(StrEnum):
    STORED = "stored"  # read; an invoice row exists
    REFUSED = "refused"  # received and kept as evidence, but not a usable invoice


class InvoiceStatus(StrEnum):
    """Where an invoice stands.  The connectors move it on (sent, integrated...)."""

    RECEIVED = "received"  # stored and valid
    INVALID = "invalid"  # stored, validation found fatal errors
    UNVALIDATED = "unvalidated"  # stored, validation could not run
    SUSPECTED_DUPLICATE = "suspected-duplicate"  # same seller + number + year as another
    HELD = "held"  # payee account not confirmed for its seller: not to be paid (invoices.guard)


class TransmissionState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    INTEGRATED = "integrated"
    REJECTED = "rejected"
    UNKNOWN = "unknown"  # a send whose outcome we did not get (crash, timeout): ask, never resend


class Base(DeclarativeBase):
    type_annotation_map: dict[Any, Any] = {  # noqa: RUF012 - SQLAlchemy's class-level map
        datetime: UTCDateTime,
        Decimal: DecimalText,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Document(Base):
    """Every file received, usable or not: a clerk must see that it came and why it was
    refused.  The bytes themselves live in the blob store, addressed by ``sha256``."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("sha256", name="uq_documents_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    original_name: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    syntax: Mapped[str | None] = mapped_column(String(40))
    profile: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[datetime]
    source: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    #: Why it was refused: ``{"key": message key, "params": {...}}`` so it can be shown
    #: in the reader's language years later.
    rejection: Mapped[dict[str, Any] | None]

    invoice: Mapped[Invoice | None] = relationship(back_populates="document")


class DocumentBlob(Base):
    """The original bytes, when the store is configured to keep them in the database."""

    __tablename__ = "document_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Invoice(Base):
    """The key BT fields of a stored invoice, for search.  Its ``id`` IS the document id
    (one document holds at most one invoice), so a clerk has one number per file."""

    __tablename__ = "invoices"
    __table_args__ = (Index("ix_invoices_dup_key", "seller_id", "number", "year"),)

    id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    seller_siret: Mapped[str | None] = mapped_column(String(20), index=True)
    buyer_siret: Mapped[str | None] = mapped_column(String(20), index=True)
    #: The seller identifier used to spot duplicates: SIRET, else legal id, VAT id, name.
    seller_id: Mapped[str | None] = mapped_column(String(200))
    seller_name: Mapped[str | None] = mapped_column(Text)
    buyer_name: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str] = mapped_column(String(200))
    issue_date: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer)
    type_code: Mapped[str | None] = mapped_column(String(10))
    currency: Mapped[str | None] = mapped_column(String(3))
    tax_exclusive: Mapped[Decimal | None]
    vat_total: Mapped[Decimal | None]
    tax_inclusive: Mapped[Decimal | None]
    payable: Mapped[Decimal | None]
    service_code: Mapped[str | None] = mapped_column(String(200))  # BT-10
    engagement: Mapped[str | None] = mapped_column(String(200))  # BT-13
    valid: Mapped[bool | None] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(40), index=True)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))

    document: Mapped[Document] = relationship(back_populates="invoice")


class ValidationReport(Base):
    __tablename__ = "validation_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    created_at: Mapped[datetime]
    #: ``None`` when the check could not reach a verdict (``verdict`` "not-checked").
    valid: Mapped[bool | None] = mapped_column(Boolean)
    verdict: Mapped[str] = mapped_column(String(20), server_default="valid")
    syntax: Mapped[str | None] = mapped_column(String(40))
    profile: Mapped[str | None] = mapped_column(String(40))
    layers_run: Mapped[list[Any]]
    #: Official artefact name -> version, so a verdict can be explained years later.
    artefacts: Mapped[dict[str, Any]]
    options: Mapped[dict[str, Any]]

    findings: Mapped[list[FindingRow]] = relationship(
        back_populates="report", order_by="FindingRow.position"
    )


class FindingRow(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("validation_reports.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    layer: Mapped[str] = mapped_column(String(20))
    rule: Mapped[str] = mapped_column(String(200))
    severity: Mapped[str] = mapped_column(String(20))
    location: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    terms: Mapped[list[Any]]

    report: Mapped[ValidationReport] = relationship(back_populates="findings")


class Transmission(Base):
    """The connectors' outbox: one row per (invoice, connector) send, keyed by an
    idempotency key so that a re-run after a crash finds it instead of sending again."""

    __tablename__ = "transmissions"
    __table_args__ = (UniqueConstraint("idempotency_key", name="uq_transmissions_idempotency_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    connector: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20), index=True)
    remote_flow_number: Mapped[str | None] = mapped_column(String(200))
    remote_invoice_id: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class StatusEvent(Base):
    __tablename__ = "status_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transmission_id: Mapped[int | None] = mapped_column(ForeignKey("transmissions.id"), index=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    status_code: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(100))
    details: Mapped[dict[str, Any]]


class ConnectorCursor(Base):
    """A connector's persisted paging cursor (e.g. the last status date fetched)."""

    __tablename__ = "connector_cursors"
    __table_args__ = (UniqueConstraint("connector", "name", name="uq_connector_cursors"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    connector: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class AuditRecord(Base):
    """One link of the hash chain; see :mod:`invoices.store.audit`.

    ``at`` is kept as the exact ISO text that was hashed (not a DateTime) so that
    no database's rounding of timestamps can ever break a genuine chain.
    """

    __tablename__ = "audit_records"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(100))
    invoice_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The single row naming the last record of the chain.

    Writers lock it (``SELECT ... FOR UPDATE``) to serialize appends on PostgreSQL,
    and ``audit verify`` checks it so that deleting the newest records is detected.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class RunLock(Base):
    """The row that lets one nightly run at a time work on a database.

    A lock in the database rather than a file holds across machines sharing one
    PostgreSQL server; ``pid``, ``host`` and ``heartbeat_at`` let the next run
    prove a holder gone (dead on this host, or silent past a timeout) before it
    takes the lock over.
    """

    __tablename__ = "run_locks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    token: Mapped[str] = mapped_column(String(64))
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    started_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]


class PesFileRow(Base):
    """A PES file we built (``PES_Aller`` with its mandats, or PJ only); its bytes are
    in the blob store by ``sha256``.  ``name`` is the ``NomFic``: the TdT refuses a
    name already used, so it is unique here too."""

    __tablename__ = "pes_files"
    __table_args__ = (UniqueConstraint("name", name="uq_pes_files_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))  # "aller" or "pj-only"
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    id_coll: Mapped[str] = mapped_column(String(14))
    cod_col: Mapped[str] = mapped_column(String(3))
    correction: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class PesMandat(Base):
    """One mandat line block: which invoice a mandat pays, in which bordereau and file.

    ``replaced_by`` is set when a correction file mandates the invoice again, so
    "already mandated" looks at the current mandat only and the history stays."""

    __tablename__ = "pes_mandats"
    __table_args__ = (
        UniqueConstraint("pes_file_id", "exercice", "mandat", name="uq_pes_mandats_file_mandat"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pes_file_id: Mapped[int] = mapped_column(ForeignKey("pes_files.id"), index=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    exercice: Mapped[int] = mapped_column(Integer)
    bordereau: Mapped[int] = mapped_column(Integer)
    mandat: Mapped[int] = mapped_column(Integer)
    lines: Mapped[int] = mapped_column(Integer)
    amount_ht: Mapped[Decimal]
    amount_tva: Mapped[Decimal]
    #: Hélios's answer once acknowledged (``ok`` / ``ko``), ``None`` before.
    state: Mapped[str | None] = mapped_column(String(20))
    replaced_by: Mapped[int | None] = mapped_column(ForeignKey("pes_files.id"))
    created_at: Mapped[datetime]


class PesAttachment(Base):
    """A PJ: the original invoice file sent to Hélios under an ``IdUnique``.

    ``id_unique`` is unique in the whole database, forever (Hélios refuses a value
    it has already received from the commune, whatever the exercice, budget or
    file): the constraint, not the allocating code, is what guarantees it."""

    __tablename__ = "pes_attachments"
    __table_args__ = (UniqueConstraint("id_unique", name="uq_pes_attachments_id_unique"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id_unique: Mapped[str] = mapped_column(String(50))
    id_coll: Mapped[str] = mapped_column(String(14))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    pes_file_id: Mapped[int] = mapped_column(ForeignKey("pes_files.id"), index=True)
    pes_mandat_id: Mapped[int | None] = mapped_column(ForeignKey("pes_mandats.id"))
    document_sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100))
    media_type: Mapped[str] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime]


# ---------------------------------------------------------------- receiving (stream: Chorus Pro
# receiving, migration 0006): the files that came with a received invoice besides itself.


class ReceivedFile(Base):
    """A file that came with a received document: the platform's pivot, a supporting
    attachment.  The bytes are in the blob store under ``sha256`` like any original;
    the document's own file is its ``documents`` row (see :mod:`invoices.store.attachments`)."""

    __tablename__ = "received_files"
    __table_args__ = (
        UniqueConstraint("document_id", "kind", "name", "sha256", name="uq_received_files"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime]


# ---------------------------------------------------------------- MANDATEE loop (stream: Hélios
# acquit -> Chorus Pro MANDATEE, migration 0008): the status set once per received invoice.


class MandateeRow(Base):
    """The intent to set a received Chorus Pro invoice ``MANDATEE`` once Hélios accepted
    the mandat that pays it, written before the call; one per invoice, ever.

    ``state``: ``pending`` (intent recorded; ``attempts`` > 0 means a request may have
    left), ``done``, ``unknown`` (to be read back from the platform, never re-sent
    blindly) or ``refused`` (the platform said no: ``last_error`` is its message)."""

    __tablename__ = "chorus_mandatee"
    __table_args__ = (UniqueConstraint("invoice_id", name="uq_chorus_mandatee_invoice"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    pes_mandat_id: Mapped[int] = mapped_column(ForeignKey("pes_mandats.id"))
    remote_id: Mapped[str] = mapped_column(String(40))
    mandat_number: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


# ---------------------------------------------------------------- PES_Retour (stream: TdT
# PES_Retour, migration 0007): the files Hélios leaves on the TdT, fetched by ``demat pes
# retours`` (see :mod:`invoices.store.pes_retours`).


class PesRetourRow(Base):
    """One PES_Retour fetched from the TdT.  ``remote_id`` is the TdT's id and is unique,
    so that a retour fetched again (the run died before marking it read) is never stored
    twice; the bytes are in the blob store under ``sha256``; ``read_at`` is when the TdT
    was told it was read (``None``: not yet, the next ``pes retours`` tells it)."""

    __tablename__ = "pes_retours"
    __table_args__ = (UniqueConstraint("remote_id", name="uq_pes_retours_remote_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    remote_id: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(Text)
    remote_date: Mapped[str | None] = mapped_column(String(40))
    #: Root element: PES_Retour, PES_NonAcquit, PES_ACQUIT_RETOUR... (never guessed at).
    kind: Mapped[str] = mapped_column(String(40))
    nom_fic: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    fetched_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
