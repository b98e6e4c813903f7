"""Value sources shared by the element trees of the syntaxes (CII, UBL).

A spec element reads its value through a source (see :mod:`invoices.syntax.builder`);
the few that are not plain attribute paths live here, named for what they give.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from invoices.model import AllowanceCharge, CreditTransfer, PaymentInstructions
from invoices.syntax.builder import Context


class Flagged(NamedTuple):
    """An allowance or a charge, with the indicator both syntaxes write in front of it."""

    charge: bool
    ac: AllowanceCharge


def allowances_and_charges(obj: Any, _ctx: Context) -> Iterator[Flagged]:
    """The allowances then the charges of an invoice or a line, as one list."""
    yield from (Flagged(False, ac) for ac in obj.allowances)
    yield from (Flagged(True, ac) for ac in obj.charges)


def const(text: str) -> Any:
    """A source that always gives ``text`` (for attributes such as ``schemeID="VA"``)."""
    return lambda _item, _ctx: text


def currency(_item: Any, ctx: Context) -> str | None:
    """BT-5, the invoice currency, which every amount's ``currencyID`` repeats."""
    code: str | None = ctx.invoice.currency
    return code


class MeansView(NamedTuple):
    """One payment means element: both syntaxes repeat it once per credit transfer (BG-17)."""

    payment: PaymentInstructions
    transfer: CreditTransfer | None
    #: The card (BG-18) and the debited account (BT-91) are written once, on the first.
    first: bool


def payment_means(invoice: Any, _ctx: Context) -> list[MeansView]:
    payment = invoice.payment
    if payment is None:
        return []
    transfers: tuple[CreditTransfer | None, ...] = payment.credit_transfers or (None,)
    return [MeansView(payment, transfer, index == 0) for index, transfer in enumerate(transfers)]


_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")


def is_iban(account: str) -> bool:
    """BT-84 is an IBAN for SEPA transfers, else a proprietary account id."""
    return _IBAN.fullmatch(account.replace(" ", "").upper()) is not None


def iban(transfer: CreditTransfer, _ctx: Context) -> str | None:
    return transfer.account_id if is_iban(transfer.account_id) else None


def proprietary_account(transfer: CreditTransfer, _ctx: Context) -> str | None:
    return None if is_iban(transfer.account_id) else transfer.account_id
