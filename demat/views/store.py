"""What the clerk sees of the store: ingest lines, list lines, audit lines and verdicts
(one document's page is :mod:`demat.views.show`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from demat.views.table import clip, table
from invoices.i18n import t, word

if TYPE_CHECKING:
    from invoices.pipeline import Outcome, OutcomeKind
    from invoices.store import audit, records


def _dash(value: Any) -> Any:
    return "-" if value is None or value == "" else value


def _yes_no(value: bool | None) -> str:
    return {True: t("core.yes"), False: t("core.no"), None: "?"}[value]


def outcome_line(outcome: Outcome, *, as_json: bool = False) -> str:
    """One ingested file: a sentence for the clerk, or one JSON object per line."""
    if as_json:
        return json.dumps(outcome.to_json(), ensure_ascii=False)
    return outcome.message().rstrip()


def ingest_summary(counts: Mapping[OutcomeKind, int], kinds: Iterable[OutcomeKind]) -> str:
    """The closing count of ``demat ingest``, one figure per kind of outcome."""
    per_kind: dict[str, Any] = {kind.value: counts.get(kind, 0) for kind in kinds}
    return t("store.summary", total=sum(counts.values()), **per_kind)


def list_text(items: Iterable[records.ListItem]) -> str:
    """``demat list``: one row per document under a header; the amount right-aligned."""
    body = [
        [
            str(item.id),
            word("status", item.status),
            _yes_no(item.valid),
            _dash(item.number),
            clip(_dash(item.seller), 30),
            _dash(item.seller_siret),
            _dash(item.issue_date),
            _dash(item.total),
            item.currency or "",
            item.name,
        ]
        for item in items
    ]
    if not body:
        return t("store.list_empty")
    headers = [t(f"store.col_{name}") for name in _LIST_COLUMNS]
    return table(headers, body, right={0, 7})


_LIST_COLUMNS = (
    "id",
    "status",
    "valid",
    "number",
    "seller",
    "siret",
    "date",
    "amount",
    "currency",
    "file",
)


def list_json(items: Iterable[records.ListItem]) -> str:
    return json.dumps([item.to_json() for item in items], ensure_ascii=False, indent=1)


#: Detail fields whose values are machine words, and the kind of word.
_DETAIL_WORDS = {
    "from": "status",
    "to": "status",
    "status": "status",
    "state": "state",
    "verdict": "verdict",
}


def _details(raw: str) -> str:
    """An audit record's details on one line, machine values in words."""
    try:
        details = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(details, dict):
        return str(details)
    shown = []
    for key, value in details.items():
        if isinstance(value, dict | list):
            continue  # nested records: in ``--json`` and ``demat show --json``
        kind = _DETAIL_WORDS.get(key)
        if isinstance(value, bool):
            text = _yes_no(value)
        elif kind and value is not None:
            text = word(kind, str(value))
        else:
            text = str(_dash(value))
        shown.append(f"{key}={text}")
    return ", ".join(shown)


def _audit_row(rec: Mapping[str, Any]) -> list[str]:
    kind = rec["object_type"]
    obj = f"{word('object', kind)} {rec['object_id']}" if kind else "-"
    return [
        str(rec["seq"]),
        str(rec["at"])[:19].replace("T", " "),
        clip(str(rec["actor"]), 24),
        word("event", rec["action"]),
        obj,
        clip(_details(rec["details"]), 60),
    ]


def audit_table(records: Iterable[Mapping[str, Any]]) -> str:
    """``demat audit log`` (and the history of ``demat show``): a header, one row each."""
    body = [_audit_row(rec) for rec in records]
    if not body:
        return ""
    headers = [t(f"store.col_{name}") for name in _AUDIT_COLUMNS]
    return table(headers, body, right={0})


_AUDIT_COLUMNS = ("seq", "at", "actor", "event", "object", "details")


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
        seq=_dash(verdict.seq),
        problem=problem,
        detail=verdict.detail,
        count=verdict.count,
    )
