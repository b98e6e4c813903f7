"""What every operation handler shares: the call, the answers, and the request readers.

Each handler receives the world (locked and ticked by the server), the technical account
that authenticated, and the JSON body; it returns the HTTP status and the JSON answer.
Business errors are HTTP 200 with a non-zero ``codeRetour`` (quirk 1 of API.md 8.9).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from emulators.chorus import codes, platform
from emulators.chorus.clock import PARIS
from emulators.chorus.entities import Account, Invoice, Structure
from emulators.chorus.world import World

SYNTAXES = platform.SYNTAXES
MAX_PAGE = 10000


class Answer(Exception):
    """Stop a handler with this answer (used for business errors and HTTP refusals)."""

    def __init__(self, status: int, body: Mapping[str, Any]) -> None:
        super().__init__(status)
        self.status = status
        self.body = dict(body)


@dataclass
class Call:
    world: World
    account: Account
    body: dict[str, Any]
    now: datetime


Handler = Callable[[Call], tuple[int, dict[str, Any]]]


def business(code: int, **params: object) -> Answer:
    return Answer(200, codes.answer(code, **params))


def ok(**fields: Any) -> tuple[int, dict[str, Any]]:
    return 200, {**codes.answer(codes.OK), **fields}


def int_param(call: Call, name: str, *, required: bool = True) -> int | None:
    value = call.body.get(name)
    if value is None or value == "":
        if required:
            raise business(codes.INVALID_PARAMETER, field=name)
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise business(codes.INVALID_PARAMETER, field=name) from None


def str_param(call: Call, name: str, *, required: bool = True) -> str | None:
    value = call.body.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise business(codes.INVALID_PARAMETER, field=name)
        return None
    if not isinstance(value, str):
        raise business(codes.INVALID_PARAMETER, field=name)
    return value


def unattached(call: Call, structure: Structure) -> Answer:
    if call.world.config.unattached == "403":
        return Answer(
            403,
            {
                "error": "forbidden",
                "error_description": f"structure {structure.siret} not attached",
            },
        )
    return business(codes.UNATTACHED, structure=structure.siret)


def paginate(
    items: list[Any],
    paging: Mapping[str, Any] | None,
    default_size: int,
    *,
    cap: int | None = None,
) -> tuple[list[Any], dict[str, int]]:
    """One page of ``items``; the list is first cut at ``nbResultatsMaximum`` and at the
    platform's own ``cap``, and ``total`` counts what was kept (the cut is silent)."""
    paging = paging if isinstance(paging, Mapping) else {}
    try:
        page = max(int(paging.get("pageResultatDemandee") or 1), 1)
        size = int(paging.get("nbResultatsParPage") or default_size)
        maximum = int(paging.get("nbResultatsMaximum") or 0)
    except (TypeError, ValueError):
        raise Answer(200, codes.answer(codes.INVALID_PARAMETER, field="pagination")) from None
    size = min(max(size, 1), MAX_PAGE)
    limits = [n for n in (maximum, cap) if n and n > 0]
    if limits:
        items = items[: min(limits)]
    total = len(items)
    pages = max(math.ceil(total / size), 1) if total else 0
    chunk = items[(page - 1) * size : page * size]
    return chunk, {"pageCourante": page, "pages": pages, "nbResultatsParPage": size, "total": total}


def sort_invoices(items: list[Invoice], paging: Mapping[str, Any] | None) -> list[Invoice]:
    paging = paging if isinstance(paging, Mapping) else {}
    column = paging.get("triColonne") or "IdFacture"
    keys: dict[str, Callable[[Invoice], Any]] = {
        "IdFacture": lambda i: i.id,
        "NumeroFacture": lambda i: i.number,
        "DateDepot": lambda i: (i.deposited_at, i.id),
        "DateFacture": lambda i: (i.issue_date or date.min, i.id),
        "DateHeureEtatCourant": lambda i: (i.status_at, i.id),
        "MontantTTC": lambda i: (i.total_ttc or 0, i.id),
        "CodeFournisseur": lambda i: (i.supplier.siret, i.id),
        "Fournisseur": lambda i: (i.supplier.designation, i.id),
        "DesignationFournisseur": lambda i: (i.supplier.designation, i.id),
        "Statut": lambda i: (i.status, i.id),
    }
    key = keys.get(column, keys["IdFacture"])
    return sorted(items, key=key, reverse=paging.get("triSens") == "Descendant")


def search_bound(value: Any, *, end: bool) -> datetime | None:
    """A search bound: ``YYYY-MM-DD`` (whole day) or an ISO date-time."""
    if not value:
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            moment = datetime.fromisoformat(text + ("T23:59:59.999" if end else "T00:00:00"))
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise business(codes.INVALID_PARAMETER, field=str(value)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=PARIS)


def within(moment: datetime | None, low: datetime | None, high: datetime | None) -> bool:
    if low is None and high is None:
        return True
    if moment is None:
        return False
    return (low is None or moment >= low) and (high is None or moment <= high)


def status_filter(value: Any) -> set[str] | None:
    """``statutCourant``: an array in the Swagger, one string in the AIFE example: accept both."""
    if not value:
        return None
    return {value} if isinstance(value, str) else {str(v) for v in value}


def find_invoice(call: Call, field: str) -> Invoice:
    ident = int_param(call, field)
    invoice = call.world.invoices.get(ident or 0)
    if invoice is None:
        raise business(codes.UNKNOWN_INVOICE)
    return invoice


def check_supplier(call: Call, invoice: Invoice) -> None:
    if not call.account.may(invoice.supplier.siret, "FOURNISSEUR"):
        raise unattached(call, invoice.supplier)


def check_recipient(call: Call, invoice: Invoice) -> None:
    if not call.account.may(invoice.recipient.siret, "DESTINATAIRE"):
        raise unattached(call, invoice.recipient)
    if invoice.status in call.world.lifecycle.hidden_from_recipient:
        raise business(codes.UNKNOWN_INVOICE)
