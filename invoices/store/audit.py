"""The tamper-evident audit trail ("piste d'audit fiable").

Each record carries a sequence number, a UTC timestamp, the actor, the action, the
object acted on, details as canonical JSON, the hash of the previous record, and
its own hash: SHA-256 over the canonical JSON of all of those.  Editing, deleting,
reordering or inserting a record behind the library's back breaks a link that
:func:`verify` finds and names.  A single ``audit_head`` row names the newest
record, so deleting the newest records is caught too; an export carries the head
so it can be checked years later without the database.

Records are appended by :func:`append` inside the caller's transaction, i.e. in
the same commit as the change they describe: there is never a change without its
record nor a record without its change.

Locking, so that concurrent writers never fork the chain (two records with the
same predecessor):

* PostgreSQL: :func:`append` reads the head row with ``SELECT ... FOR UPDATE``.
  A second writer blocks there until the first commits, then (READ COMMITTED)
  reads the new head.  The lock is held to the end of the transaction, which is
  what makes "read head, insert record, move head" atomic.
* SQLite: every write transaction of the store starts with ``BEGIN IMMEDIATE``
  (see :mod:`invoices.store.db`), which takes the database write lock before the
  head is read; ``FOR UPDATE`` does not exist there and is not needed.

What a hash chain cannot do alone: someone with write access who recomputes every
hash after a change, and rewrites the head, makes a consistent new chain.  Keeping
exports (or just the head hash that ``audit verify`` prints) elsewhere anchors the
chain: a later head that does not extend the anchored one is then caught.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from invoices.store.tables import AuditHead, AuditRecord

GENESIS = "0" * 64
EXPORT_FORMAT = "mairie-demat-audit-export"
EXPORT_VERSION = 1
#: The fields covered by a record's hash, in the order they are shown.
FIELDS = (
    "seq",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "invoice_id",
    "details",
    "prev_hash",
)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return format_at(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable in an audit record: {type(value).__name__}")


def canonical_json(value: Any) -> str:
    """One text per value: sorted keys, no spaces, UTF-8 kept, no float surprises."""
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_default,
    )


def format_at(moment: datetime) -> str:
    """Fixed-width UTC text, so that text order is time order (``--since`` uses it)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def record_hash(fields: dict[str, Any]) -> str:
    payload = {name: fields[name] for name in FIELDS}
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def default_actor() -> str:
    """Who acts: ``DEMAT_ACTOR`` (a batch names itself), else user@host."""
    override = os.environ.get("DEMAT_ACTOR")
    if override:
        return override
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    return f"{user}@{socket.gethostname()}"


class Action(StrEnum):
    """The actions the project records; connectors add theirs as plain strings."""

    DOCUMENT_RECEIVED = "document.received"
    DOCUMENT_REFUSED = "document.refused"
    DOCUMENT_VALIDATED = "document.validated"
    INVOICE_STORED = "invoice.stored"
    TRANSMISSION_CREATED = "transmission.created"
    TRANSMISSION_UPDATED = "transmission.updated"
    STATUS_RECEIVED = "status.received"
    INVOICE_STATUS = "invoice.status"
    CURSOR_SET = "cursor.set"
    AUDIT_EXPORTED = "audit.exported"


def _lock_head(session: Session) -> AuditHead:
    """The chain head, locked for the rest of the caller's transaction.

    Read once per transaction (kept in ``session.info`` against that transaction):
    once locked it cannot move under us, so further appends need not re-read it.
    """
    transaction = session.get_transaction()
    cached: tuple[object, AuditHead] | None = session.info.get(_HEAD_KEY)
    if cached is not None and cached[0] is transaction:
        return cached[1]
    stmt = select(AuditHead).where(AuditHead.id == 1)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    head = session.scalars(stmt.execution_options(populate_existing=True)).one_or_none()
    if head is None:  # the migration creates it; a missing head is damage, not a start
        raise RuntimeError("audit_head row is missing: run `demat audit verify`")
    session.info[_HEAD_KEY] = (transaction, head)
    return head


_HEAD_KEY = "demat_audit_head"


def append(
    session: Session,
    action: str,
    *,
    actor: str | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    invoice_id: int | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditRecord:
    """Append one record in the caller's transaction (which commits it with its change)."""
    head = _lock_head(session)
    fields: dict[str, Any] = {
        "seq": head.seq + 1,
        "at": format_at(at or datetime.now(UTC)),
        "actor": actor or default_actor(),
        "action": str(action),
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "invoice_id": invoice_id,
        "details": canonical_json(details or {}),
        "prev_hash": head.hash,
    }
    fields["hash"] = record_hash(fields)
    record = AuditRecord(**fields)
    session.add(record)
    head.seq = record.seq
    head.hash = record.hash
    # No flush here: the row goes with the next one (seq is its key, set already);
    # a group of documents then inserts its records in one statement.
    return record


def as_dict(record: AuditRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in (*FIELDS, "hash")}


# ------------------------------------------------------------------ verification


class Problem(StrEnum):
    EDITED = "edited"  # content does not match its own hash
    BROKEN_LINK = "broken-link"  # prev_hash is not the previous record's hash
    GAP = "gap"  # a sequence number is missing (deleted record)
    OUT_OF_ORDER = "out-of-order"  # a sequence number repeats or goes back
    HEAD_MISMATCH = "head-mismatch"  # the chain does not end where the head says
    BAD_EXPORT = "bad-export"  # an export line that is not a record


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result of walking a chain: ``ok``, or the first broken link."""

    count: int
    head_seq: int
    head_hash: str
    problem: Problem | None = None
    #: The sequence number of the record where the chain breaks (or the line, for exports).
    seq: int | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_chain(records: Iterable[dict[str, Any]], head: tuple[int, str] | None) -> Verdict:
    """Walk records in storage order; stop at the first broken link.

    Each record is checked three ways: its sequence number follows the previous one
    (a gap is a deletion, a repeat or step back a reordering or insertion), its
    ``prev_hash`` is the previous record's hash (an insertion or deletion with the
    numbers redone), and its own hash matches its content (an edit).
    """
    expected_seq = 1
    prev_hash = GENESIS
    count = 0
    for rec in records:
        seq = rec.get("seq")
        if not isinstance(seq, int):
            return Verdict(
                count, expected_seq - 1, prev_hash, Problem.BAD_EXPORT, None, f"seq={seq!r}"
            )
        if seq != expected_seq:
            problem = Problem.GAP if seq > expected_seq else Problem.OUT_OF_ORDER
            return Verdict(
                count, expected_seq - 1, prev_hash, problem, seq, f"expected {expected_seq}"
            )
        try:
            own = record_hash(rec)
        except (KeyError, TypeError, ValueError) as exc:
            return Verdict(count, expected_seq - 1, prev_hash, Problem.BAD_EXPORT, seq, str(exc))
        if own != rec.get("hash"):
            return Verdict(
                count,
                expected_seq - 1,
                prev_hash,
                Problem.EDITED,
                seq,
                f"hash {rec.get('hash')!s:.16} != {own:.16}",
            )
        if rec.get("prev_hash") != prev_hash:
            return Verdict(
                count,
                expected_seq - 1,
                prev_hash,
                Problem.BROKEN_LINK,
                seq,
                f"prev_hash {rec.get('prev_hash')!s:.16} != {prev_hash:.16}",
            )
        count += 1
        prev_hash = own
        expected_seq += 1
    last_seq = expected_seq - 1
    if head is not None and (head[0] != last_seq or head[1] != prev_hash):
        return Verdict(
            count,
            last_seq,
            prev_hash,
            Problem.HEAD_MISMATCH,
            head[0],
            f"head {head[0]} {head[1]:.16}, chain ends at {last_seq} {prev_hash:.16}",
        )
    return Verdict(count, last_seq, prev_hash)


def _stored_records(session: Session) -> Iterator[dict[str, Any]]:
    # In seq order.  A reordering done by renumbering rows is still caught: seq is
    # inside each record's hash, and each record names its predecessor's hash.
    stmt = select(AuditRecord).order_by(AuditRecord.seq).execution_options(yield_per=1000)
    for record in session.scalars(stmt):
        yield as_dict(record)
        session.expunge(record)


def verify(session: Session) -> Verdict:
    """Walk the stored chain and compare its end with the head row."""
    head = session.scalars(select(AuditHead).where(AuditHead.id == 1)).one_or_none()
    head_pair = (head.seq, head.hash) if head is not None else (-1, "")
    return check_chain(_stored_records(session), head_pair)


# ------------------------------------------------------------------ export


def write_export(session: Session, out: IO[str], *, database: str) -> Verdict:
    """Write every record as JSON lines, then a trailer with the chain head.

    The first line says what the file is; the last names the head (seq + hash) so
    that a truncated file is caught.  The records are those visible to the caller's
    transaction, which holds the write lock: the export is one consistent cut.
    """
    header = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": format_at(datetime.now(UTC)),
        "database": database,
    }
    out.write(canonical_json(header) + "\n")
    count = 0
    prev = GENESIS
    last_seq = 0
    for rec in _stored_records(session):
        out.write(canonical_json({"record": rec}) + "\n")
        count += 1
        prev = rec["hash"]
        last_seq = rec["seq"]
    out.write(canonical_json({"head": {"seq": last_seq, "hash": prev}, "count": count}) + "\n")
    return Verdict(count, last_seq, prev)


def verify_export(lines: Iterable[str]) -> Verdict:
    """Check an export file on its own: header, every record, and the trailer head."""
    it = iter(lines)
    try:
        header = json.loads(next(it))
    except (StopIteration, json.JSONDecodeError):
        return Verdict(0, 0, GENESIS, Problem.BAD_EXPORT, None, "line 1: header")
    if not isinstance(header, dict) or header.get("format") != EXPORT_FORMAT:
        return Verdict(0, 0, GENESIS, Problem.BAD_EXPORT, None, "line 1: header")
    trailer: dict[str, Any] | None = None
    state = {"line": 1}

    def records() -> Iterator[dict[str, Any]]:
        nonlocal trailer
        for line in it:
            state["line"] += 1
            if not line.strip():
                continue
            if trailer is not None:
                raise _ExportError(f"line {state['line']}: data after the chain head")
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise _ExportError(f"line {state['line']}: {exc.msg}") from exc
            if isinstance(item, dict) and isinstance(item.get("record"), dict):
                yield item["record"]
            elif isinstance(item, dict) and isinstance(item.get("head"), dict):
                trailer = item
            else:
                raise _ExportError(f"line {state['line']}: not a record")

    try:
        verdict = check_chain(records(), None)
        if verdict.ok:
            for _ in records():  # drain: something after a broken chain is irrelevant
                pass
    except _ExportError as exc:
        return Verdict(0, 0, GENESIS, Problem.BAD_EXPORT, None, str(exc))
    if not verdict.ok:
        return verdict
    if trailer is None:
        return Verdict(
            verdict.count,
            verdict.head_seq,
            verdict.head_hash,
            Problem.BAD_EXPORT,
            None,
            "no chain head (truncated file)",
        )
    head = trailer["head"]
    if (
        head.get("seq") != verdict.head_seq
        or head.get("hash") != verdict.head_hash
        or trailer.get("count") != verdict.count
    ):
        return Verdict(
            verdict.count,
            verdict.head_seq,
            verdict.head_hash,
            Problem.HEAD_MISMATCH,
            head.get("seq"),
            f"head {head.get('seq')} {head.get('hash')!s:.16}, chain ends at "
            f"{verdict.head_seq} {verdict.head_hash:.16}",
        )
    return verdict


class _ExportError(Exception):
    pass


def history(
    session: Session, *, invoice_id: int | None = None, since: datetime | None = None
) -> Iterator[dict[str, Any]]:
    """Records in chain order, optionally those of one invoice / from a moment on."""
    stmt = select(AuditRecord).order_by(AuditRecord.seq)
    if invoice_id is not None:
        stmt = stmt.where(AuditRecord.invoice_id == invoice_id)
    if since is not None:
        stmt = stmt.where(AuditRecord.at >= format_at(since))
    for record in session.scalars(stmt.execution_options(yield_per=1000)):
        yield as_dict(record)
        session.expunge(record)
