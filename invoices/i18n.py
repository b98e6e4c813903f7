"""The one translation function for everything a user sees.

Catalogues live in ``invoices/messages/<area>.py``: each module holds a ``MESSAGES``
dict mapping a dotted key (``"read.doctype_refused"``) to a ``(french, english)``
pair of ``str.format`` templates.  One module per area lets the parts of the
project grow their messages without touching each other's files, while the
lookup stays in one place.

French is the users' language; English must always exist.  The language is taken
from ``--lang`` (via :func:`set_language`), else from the POSIX locale variables:
French when the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set starts with
``fr``, English otherwise.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Mapping
from functools import cache
from typing import Any

LANGUAGES = ("fr", "en")
_chosen: str | None = None


def set_language(lang: str | None) -> None:
    """Force the language (``"fr"`` or ``"en"``); ``None`` goes back to the locale."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    _chosen = lang


def language() -> str:
    if _chosen:
        return _chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


@cache
def catalogue() -> Mapping[str, tuple[str, str]]:
    """All messages of all areas, loaded once."""
    from invoices import messages

    merged: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(messages.__path__):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        for key, pair in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} defined twice")
            merged[key] = pair
    return merged


def t(key: str, /, lang: str | None = None, **params: Any) -> str:
    """Translate ``key`` into the current language and fill in ``params``.

    An unknown key is a programming error, but a user must never get a traceback
    for it: the key and its parameters are shown instead (a test checks that every
    key used in the code exists in both languages).
    """
    pair = catalogue().get(key)
    if pair is None:
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{key}({shown})" if shown else key
    template = pair[0] if (lang or language()) == "fr" else pair[1]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def word(kind: str, value: str | None, lang: str | None = None) -> str:
    """A machine value (``kind`` ``"status"``, ``"state"``, ``"event"``, ``"layer"``...)
    in words: ``word("status", "received")`` is « reçue ».  A value without a word of
    its own (a platform code such as ``DEPOSEE``, a new event) is shown as it is,
    ``None`` as a dash."""
    if value is None or value == "":
        return "-"
    key = f"word.{kind}.{value}"
    return t(key, lang=lang) if key in catalogue() else str(value)


#: The system's reasons for a failed file operation, by ``errno`` name.
_OS_REASONS = (
    "ENOENT",
    "EACCES",
    "EPERM",
    "EISDIR",
    "ENOTDIR",
    "ENOSPC",
    "EROFS",
    "EEXIST",
)


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in our words (the system's own text is English
    whatever the locale); an unusual error keeps the system's text."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return t(f"core.os_{name.lower()}")
    return exc.strerror or type(exc).__name__


def without_file(message: str, file: str) -> str:
    """``message`` without its leading ``"<file>: "`` (French: ``"<file> : "``).

    Error messages name their file, as they must when shown alone; a line or a
    table that already shows the file drops it rather than say it twice.
    """
    for prefix in (f"{file}: ", f"{file} : "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


class HelpText(str):
    """A translated text that remembers its key, to be translated again when shown.

    Click builds help texts when ``cli.py`` is imported, before ``--lang`` is parsed;
    the CLI translates them again just before printing help, so
    ``demat --lang fr validate --help`` is in French whatever ``LANG`` says.  Click
    copies option help into plain strings, so the key is also found from the text.
    """

    key: str
    _keys: dict[str, str] = {}  # noqa: RUF012 (a registry shared by all instances)

    def __new__(cls, key: str) -> HelpText:
        text = super().__new__(cls, t(key))
        text.key = key
        cls._keys[str(text)] = key
        return text

    @classmethod
    def again(cls, text: str | None) -> str | None:
        """``text`` in the current language, if it is a help text we translated."""
        key = cls._keys.get(text.strip()) if text else None
        return HelpText(key) if key else text


def help_text(key: str) -> HelpText:
    """:func:`t` for command-line help texts (see :class:`HelpText`)."""
    return HelpText(key)
