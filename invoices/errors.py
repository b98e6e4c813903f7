"""The project's exceptions: each one carries a translatable message and the file.

A user must see "which file, what is wrong" and never a traceback; the CLI maps
:class:`InputError` to a rejected document (exit 1) and :class:`SetupError` to a
usage or environment problem (exit 2).
"""

from __future__ import annotations

from typing import Any

from invoices.i18n import t


class DematError(Exception):
    """Base: a message key of the catalogue, its parameters, and the file concerned."""

    def __init__(self, key: str, /, file: str | None = None, **params: Any) -> None:
        self.key = key
        self.file = file
        self.params = params
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang=lang, file=self.file or "-", **self.params)

    def __str__(self) -> str:
        return self.message()


class InputError(DematError):
    """The document itself is unusable (malformed, hostile, unknown syntax...)."""


class SetupError(DematError):
    """The environment is wrong (missing artefact, unreachable database...)."""
