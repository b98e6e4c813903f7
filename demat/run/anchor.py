"""Anchoring the audit chain outside the database.

A hash chain alone cannot show that its newest records were deleted when the head
row is rewritten too.  So each run writes the chain head it leaves (seq, hash) in
its report (text, JSON, HTML) and appends it to an anchors file kept *outside* the
database (``run-anchors.jsonl`` in the data directory by default, ``[run] anchors``
to put it elsewhere, ideally on another machine); before its steps, the next run
checks that the chain still verifies and still holds the last anchored record with
the same hash, and says so in its report.  A mismatch does not stop the night's
work (invoices must still flow) but makes the run exit 2 with the record named.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from invoices.errors import SetupError
from invoices.i18n import t
from invoices.store import Store, audit
from invoices.store.tables import AuditRecord


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str


def last_anchor(path: Path, database: str) -> Anchor | None:
    """The newest anchor recorded for ``database`` (the URL without its password)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SetupError("run.anchor_unreadable", file=str(path), reason=exc.strerror) from None
    for line in reversed(lines):
        item = _line(line)
        if (
            isinstance(item, dict)
            and item.get("database") == database
            and isinstance(item.get("seq"), int)
        ):
            return Anchor(item["seq"], str(item.get("hash")))
    return None


def check(store: Store, path: Path) -> tuple[str, bool]:
    """The report's line about the chain, and whether it is intact up to the anchor."""
    anchor = last_anchor(path, store.display_url)
    with store.read() as session:
        verdict = audit.verify(session)
        if not verdict.ok:
            return t("run.chain_broken", seq=verdict.seq or "-"), False
        if anchor is None:
            return t("run.chain_no_anchor", file=str(path)), True
        found = session.scalars(
            select(AuditRecord.hash).where(AuditRecord.seq == anchor.seq)
        ).first()
    if found != anchor.hash:
        return t("run.chain_anchor_lost", seq=anchor.seq, file=str(path)), False
    return t("run.chain_anchored", seq=anchor.seq), True


def record(path: Path, database: str, anchor: Anchor) -> None:
    """Append the run's anchor (one JSON line; the file is only ever appended to)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = {
        "database": database,
        "seq": anchor.seq,
        "hash": anchor.hash,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")


def anchors_in(path: Path) -> list[Anchor]:
    """The anchors a file holds, whatever it is: this module's anchors file (one per
    line), a run's JSON report (its ``anchor``), or an audit export (every record and
    the trailer's head).  An unreadable or foreign file is an environment error."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SetupError("run.anchor_unreadable", file=str(path), reason=exc.strerror) from None
    found: list[Anchor] = []
    try:
        whole = json.loads(text)
    except ValueError:
        whole = None
    items = [whole] if isinstance(whole, dict) else [_line(x) for x in text.splitlines()]
    for item in items:
        if not isinstance(item, dict):
            continue
        pair = item.get("anchor") or item.get("record") or item.get("head") or item
        if isinstance(pair, dict) and isinstance(pair.get("seq"), int) and pair.get("hash"):
            found.append(Anchor(pair["seq"], str(pair["hash"])))
    if not found:
        raise SetupError("run.anchor_unreadable", file=str(path), reason=t("run.anchor_none"))
    return found


def _line(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def first_broken(store: Store, anchors: list[Anchor]) -> Anchor | None:
    """The first anchored record (by seq) the database no longer holds as anchored."""
    with store.read() as session:
        for anchor in sorted(set(anchors), key=lambda a: a.seq):
            stored = session.scalars(
                select(AuditRecord.hash).where(AuditRecord.seq == anchor.seq)
            ).first()
            if stored != anchor.hash:
                return anchor
    return None
