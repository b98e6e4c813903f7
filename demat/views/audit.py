"""What the clerk sees of the audit trail: ``demat audit log`` and the chain verdicts.

The trail itself is machine-shaped (UTC timestamps, event names such as
``document.received``, details as JSON); a clerk reads it as a history: the date in
her time zone, the event in words, who did it, the invoice by its number rather
than a database id, and the details as a few labelled words.  ``--json`` keeps the
raw record, which is what an auditor or a script wants.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from demat.views.table import clip, table
from invoices.display import moment
from invoices.i18n import catalogue, t, word

if TYPE_CHECKING:
    from invoices.store import audit

#: Detail fields whose values are machine words, and the kind of word.
_WORD_KINDS = {
    "status": "status",
    "status_code": "status",
    "state": "state",
    "verdict": "verdict",
    "profile": "profile",
}

_COLUMNS = (
    ("store.col_seq", True),
    ("audit_view.col_at", False),
    ("store.col_event", False),
    ("store.col_actor", False),
    ("store.col_object", False),
    ("store.col_details", False),
)


def when(value: str) -> datetime | None:
    """An audit timestamp (ISO, UTC) as a datetime; None when it does not parse."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _yes_no(value: bool) -> str:
    return t("core.yes") if value else t("core.no")


def _value(key: str, value: Any) -> str | None:
    if value is None or value == "" or isinstance(value, dict):
        return None if not isinstance(value, dict) else t("audit_view.count", count=len(value))
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, list):
        if not value:
            return None
        kind = _WORD_KINDS.get(key)
        if kind and len(value) == 2:  # a change recorded as [before, after]
            return t("audit_view.change", before=word(kind, value[0]), after=word(kind, value[1]))
        if all(isinstance(v, str | int) for v in value) and len(value) <= 3:
            return ", ".join(str(v) for v in value)
        return t("audit_view.count", count=len(value))
    kind = _WORD_KINDS.get(key)
    if kind:
        return word(kind, str(value))
    if key == "reason" and f"guard.reason.{value}" in catalogue():
        return t(f"guard.reason.{value}")  # why an invoice was held, in words
    if key == "at" and isinstance(value, str):
        parsed = when(value)
        return moment(parsed) if parsed else value
    return str(value)


def details_text(raw: str | Mapping[str, Any]) -> str:
    """An audit record's details in words: a status change as « avant → après », then
    the fields a person can read, labelled; technical fields (hashes, keys, ids of
    rows) are left to ``--json``."""
    if isinstance(raw, str):
        try:
            details = json.loads(raw)
        except ValueError:
            return ""
    else:
        details = raw
    if not isinstance(details, Mapping):
        return ""
    known = catalogue()
    shown: list[str] = []
    before, after = details.get("from"), details.get("to")
    if before and after:
        shown.append(
            t("audit_view.change", before=word("status", before), after=word("status", after))
        )
    elif before:
        shown.append(t("audit_view.before", before=word("status", before)))
    elif after:
        shown.append(t("audit_view.after", after=word("status", after)))
    for key, value in details.items():
        if key in ("from", "to") or f"audit_view.key.{key}" not in known:
            continue
        text = _value(key, value)
        if text:
            shown.append(f"{t(f'audit_view.key.{key}')} {text}")
    return " ; ".join(shown)


def _object(rec: Mapping[str, Any], numbers: Mapping[int, str]) -> str:
    kind, object_id = rec.get("object_type"), rec.get("object_id")
    invoice_id = rec.get("invoice_id")
    number = numbers.get(invoice_id) if isinstance(invoice_id, int) else None
    if kind in ("invoice", "document") and number:
        return t("audit_view.invoice", number=number)
    shown = f"{word('object', kind)} {object_id}" if kind else "-"
    if number:
        shown += f" ({t('audit_view.invoice', number=number)})"
    return shown


def audit_table(records: Iterable[Mapping[str, Any]], numbers: Mapping[int, str]) -> str:
    """``demat audit log``: a header, one row per record, oldest first.

    ``numbers``: invoice id -> invoice number, for the records whose invoice is known."""
    body = []
    for rec in records:
        at = when(str(rec["at"]))
        body.append(
            [
                str(rec["seq"]),
                moment(at) if at else str(rec["at"]),
                clip(word("event", rec["action"]), 40),
                clip(str(rec["actor"]), 24),
                clip(_object(rec, numbers), 40),
                clip(details_text(rec["details"]), 70),
            ]
        )
    if not body:
        return ""
    headers = [t(key) for key, _ in _COLUMNS]
    return table(headers, body, right={i for i, (_, right) in enumerate(_COLUMNS) if right})


def audit_json(rec: Mapping[str, Any]) -> str:
    return json.dumps({**rec, "details": json.loads(rec["details"])}, ensure_ascii=False)


def audit_exported(verdict: audit.Verdict, file: str) -> str:
    return t(
        "store.audit_exported",
        count=verdict.count,
        file=file,
        seq=verdict.head_seq,
        hash=verdict.head_hash,
    )


def verdict_text(verdict: audit.Verdict) -> str:
    """The chain is intact (with its head), or where and how it breaks."""
    if verdict.problem is None:
        return t(
            "store.audit_ok", count=verdict.count, seq=verdict.head_seq, hash=verdict.head_hash
        )
    problem = t(f"store.audit_problem_{verdict.problem.value.replace('-', '_')}")
    return t(
        "store.audit_broken",
        seq="-" if verdict.seq is None else verdict.seq,
        problem=problem,
        detail=verdict.detail,
        count=verdict.count,
    )
