"""Date formats of the invoice syntaxes.

CII writes dates as ``<udt:DateTimeString format="102">20260115</...>`` (UNTDID
2379 code 102 = CCYYMMDD, the only one EN 16931 allows); UBL writes ISO 8601
``2026-01-15``.  A date we cannot read raises ``ValueError`` with the reason,
which the engine turns into an error naming the business term.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_CCYYMMDD = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?")


def _text(item: Any) -> str:
    text = item if isinstance(item, str) else item.text
    return (text or "").strip()


def _make(y: str, m: str, d: str) -> date:
    return date(int(y), int(m), int(d))


def cii_date(item: Any) -> date | None:
    """A CII ``DateTimeString`` / ``DateString`` element (or its text)."""
    text = _text(item)
    if not text:
        return None
    fmt = None if isinstance(item, str) else item.get("format")
    if fmt not in (None, "102"):
        raise ValueError(f"date format {fmt!r} is not supported (EN 16931 requires 102)")
    match = _CCYYMMDD.fullmatch(text)
    if match is None:
        # Some producers write an ISO date in a CII file; read it rather than lose it.
        match = _ISO.fullmatch(text)
    if match is None:
        raise ValueError("expected CCYYMMDD (format 102)")
    return _make(*match.groups())


def iso_date(item: Any) -> date | None:
    """A UBL ``xs:date`` (``2026-01-15``, optionally with a time zone)."""
    text = _text(item)
    if not text:
        return None
    match = _ISO.fullmatch(text)
    if match is None:
        raise ValueError("expected YYYY-MM-DD")
    return _make(*match.groups())
