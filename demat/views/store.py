"""What the clerk sees of the store: ingest lines and list lines (one document's page
is :mod:`demat.views.show`, the audit trail :mod:`demat.views.audit`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from demat.views.table import clip, table
from invoices.i18n import t, word

if TYPE_CHECKING:
    from invoices.pipeline import Outcome, OutcomeKind
    from invoices.store import records


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
            _status_cell(item),
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


def _status_cell(item: records.ListItem) -> str:
    """The status, with what the honest-duplicates rule links to it: the invoice it may
    duplicate (and "invalid" too when it is both), the one it corrects, its corrections."""
    cell = word("status", item.status)
    if item.duplicate_of is not None:
        cell = t("duplicates.duplicate_of", status=cell, id=item.duplicate_of)
        if item.valid is False:
            cell = t("duplicates.status_and_invalid", status=cell)
    if item.correction_of is not None:
        cell = t("duplicates.corrects", status=cell, id=item.correction_of)
    if item.corrected_by:
        ids = ", #".join(str(i) for i in item.corrected_by)
        cell = t("duplicates.corrected_by", status=cell, ids=ids)
    return cell


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
