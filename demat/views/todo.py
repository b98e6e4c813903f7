"""``demat todo`` on a terminal: one row per thing to do, under a header.

The deadline is shown twice on purpose: as a date (what goes in a diary) and as
the time left (« J-5 », « dépassé de 3 jours »), which is what makes the oldest
ones stand out on a long list.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from demat.views.table import clip, table
from invoices.display import day, money
from invoices.i18n import t, word
from invoices.store.deadlines import Kind, TodoItem

_COLUMNS = (
    "what",
    "due",
    "left",
    "number",
    "party",
    "amount",
    "status",
    "received",
    "note",
)
_AMOUNT = _COLUMNS.index("amount")


def time_left(item: TodoItem, today: date) -> str:
    """« J-5 », « aujourd'hui », « dépassé de 3 jour(s) »; empty without a deadline."""
    if item.deadline is None:
        return ""
    left = item.deadline.days_left(today)
    if left > 0:
        return t("todo.days_left", days=left)
    if left == 0:
        return t("todo.today")
    return t("todo.overdue", days=-left)


def _note(item: TodoItem) -> str:
    if item.kind is Kind.CORRECT:
        return clip(item.reason or "", 50)
    if item.kind is Kind.HELD:
        return t("todo.held_note")
    if item.kind is Kind.CHECK:
        if item.duplicate_of is not None:
            return t("todo.duplicate_note", id=item.duplicate_of)
        return t(f"todo.check_note_{item.status}", id=item.invoice_id)
    if item.deadline is not None and item.deadline.suspended_now:
        return t("todo.suspended_note")
    if item.deadline is not None and item.deadline.start_from == "received":
        return t("todo.from_receipt")
    return ""


def _status(item: TodoItem) -> str:
    if item.kind is Kind.CORRECT:
        return word("state", item.status)
    return word("status", item.status)


def todo_text(items: Sequence[TodoItem], today: date, days: int) -> str:
    if not items:
        return t("todo.empty")
    body = [
        [
            t(f"todo.kind_{item.kind.value}"),
            day(item.deadline.due) if item.deadline else "",
            time_left(item, today),
            clip(item.number or "-", 24),
            clip(item.party or "-", 30),
            money(item.total, item.currency or "EUR") if item.total is not None else "",
            clip(_status(item), 24),
            day(item.received_at),
            _note(item),
        ]
        for item in items
    ]
    headers = [t(f"todo.col_{name}") for name in _COLUMNS]
    shown = table(headers, body, right={_AMOUNT})
    return shown + "\n\n" + t("todo.footer", count=len(items), days=days)


def todo_json(items: Sequence[TodoItem], today: date, days: int) -> str:
    return json.dumps(
        {
            "today": today.isoformat(),
            "payment_days": days,
            "items": [item.to_json(today) for item in items],
        },
        ensure_ascii=False,
        indent=1,
    )
