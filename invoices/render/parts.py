"""The pieces of the readable view: labelled rows, party blocks, tables, totals, and
the small formatting helpers the builders of :mod:`.view` and :mod:`.tables` share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from invoices.display import day, number
from invoices.i18n import t
from invoices.model import Identifier, Period


@dataclass(frozen=True, slots=True)
class Row:
    """A labelled value (a reference, a date, a party's identifier)."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Block:
    """A party or the delivery: a heading and its rows."""

    heading: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with column headers; ``numeric`` columns are right-aligned.  The
    first line of a cell is its main text, the following ones its details."""

    caption: str
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Total:
    label: str
    value: str
    #: Total TTC and the amount due: the figures a clerk looks for first.
    strong: bool = False


def labelled(pairs: Iterable[tuple[str, str | None]], lang: str) -> tuple[Row, ...]:
    return tuple(Row(t(key, lang=lang), value) for key, value in pairs if value)


def identifier(ident: Identifier | None, lang: str) -> str | None:
    if ident is None or not ident.value:
        return None
    if ident.scheme:
        return t("render.scheme", lang=lang, value=ident.value, scheme=ident.scheme)
    return ident.value


def percent(rate: Decimal | None, lang: str) -> str:
    return "" if rate is None else t("render.percent", lang=lang, rate=number(rate, lang))


def period(value: Period | None, lang: str) -> str:
    if value is None or (value.start is None and value.end is None):
        return ""
    start, end = day(value.start, lang), day(value.end, lang)
    if start and end:
        return t("render.period_range", lang=lang, start=start, end=end)
    if start:
        return t("render.period_from", lang=lang, start=start)
    return t("render.period_to", lang=lang, end=end)
