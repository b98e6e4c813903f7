"""Codes in words: a clerk reads « Facture », « Virement », « Taux normal ou réduit »,
never a bare ``380``, ``30`` or ``S``.

Each code list EN 16931 uses on the readable page has its words in
:mod:`invoices.messages.render_codes`; a code that has none (a rare unit, a new
payment means) is shown as ``code X``, never dropped: the page must say what the
invoice says.  Country names come from Babel's CLDR data in the reader's language.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

from invoices.display import LOCALES
from invoices.i18n import catalogue, t

#: The code lists of the page, by the kind used in the message keys.
KINDS = ("type", "means", "vat", "taxpoint", "note", "unit", "syntax", "reason")


def known(kind: str, code: str | None) -> bool:
    """Whether ``code`` of list ``kind`` has words of its own."""
    return bool(code) and f"render.code.{kind}.{code}" in catalogue()


def word(kind: str, code: str | None, lang: str) -> str:
    """The words for ``code`` of list ``kind``; ``code X`` when it has none, empty for
    no code."""
    if not code:
        return ""
    code = code.strip()
    if known(kind, code):
        return t(f"render.code.{kind}.{code}", lang=lang)
    return t("render.code.unknown", lang=lang, code=code)


def unit(code: str | None, lang: str) -> str:
    """A unit of measure (UN/ECE Rec. 20): its short word, or the code itself (a unit
    code reads better bare in a table cell than as ``code XYZ``)."""
    if not code:
        return ""
    return t(f"render.code.unit.{code}", lang=lang) if known("unit", code) else code


def document_kind(code: str | None, credit_note: bool, lang: str) -> str:
    """The title word of the document: « Facture », « Avoir »..."""
    if known("type", code):
        return word("type", code, lang)
    return t("render.code.type.381" if credit_note else "render.code.type.other", lang=lang)


@cache
def _territories(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(LOCALES.get(lang, LOCALES["en"])).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def country(code: str | None, lang: str) -> str:
    """``DE`` -> « Allemagne »; an unknown code is shown as written."""
    if not code:
        return ""
    return _territories(lang).get(code.strip().upper(), code)
