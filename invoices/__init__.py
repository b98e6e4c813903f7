"""mairie-demat: the electronic invoices of French public bodies.

The library entry points are :func:`read` (any supported file -> the EN 16931
model) and :func:`validate` (any supported file -> a :class:`Report`).  They are
imported lazily so that ``import invoices`` stays cheap for the CLI.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

try:
    __version__ = metadata.version("mairie-demat")
except metadata.PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__", "read", "validate"]


def read(source: Any) -> Any:
    """Read a file path or bytes into an :class:`invoices.model.Invoice`."""
    from invoices.read import read as _read

    return _read(source)


def validate(source: Any, **options: Any) -> Any:
    """Validate a file path or bytes; returns an :class:`invoices.validate.Report`."""
    from invoices.validate.run import validate as _validate

    return _validate(source, **options)
