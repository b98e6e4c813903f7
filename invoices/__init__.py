"""mairie-demat: the electronic invoices of French public bodies.

The library entry points are :func:`read` (any supported file -> the EN 16931
model) and :func:`validate` (any supported file -> a :class:`Report`).  Their
implementations are imported on first call so that ``import invoices`` stays
cheap for the command line and for software that only wants the model.
"""

from __future__ import annotations

import os
from importlib import metadata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from invoices.model import Invoice
    from invoices.validation.report import Report
    from invoices.validation.structures import Structures

try:
    __version__ = metadata.version("mairie-demat")
except metadata.PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__", "read", "validate"]

#: What the entry points accept: a file path, or the bytes of a document.
Source = str | os.PathLike[str] | bytes


def read(source: Source, name: str | None = None) -> Invoice:
    """The invoice in ``source`` (Factur-X/ZUGFeRD PDF, CII, UBL invoice or credit note).

    ``name`` is what messages call the document (default: the path, or
    ``<bytes>``).  Raises :class:`invoices.errors.InputError`, naming the file and
    the reason, for anything that is not a readable invoice; it never returns a
    partial model.
    """
    from invoices.reading import read as _read

    return _read(source, name)


def validate(
    source: Source,
    *,
    fr: bool = False,
    chorus: bool = False,
    structures: Structures | None = None,
    name: str | None = None,
) -> Report:
    """The official verdict on ``source``: XSD, EN 16931 and Factur-X schematron.

    ``fr`` adds the French rules (BR-FR), ``chorus`` the Chorus Pro deposit rules
    (``structures``: the recipients' requirements).  Never raises for a bad
    document: unreadable input is a fatal finding.  ``Report.verdict`` is
    ``"not-checked"`` when a layer could not reach its verdict (engine failure,
    missing artefact): such a document is neither valid nor invalid.
    """
    from invoices.validation.run import validate as _validate

    return _validate(source, fr=fr, chorus=chorus, structures=structures, name=name)
