"""Validation as an ordered set of layers, each returning uniform findings.

``invoices.validate(path_or_bytes)`` runs them (see :mod:`invoices.validate.run`);
the subpackage is callable so that spelling works even after a submodule such as
:mod:`invoices.validate.report` was imported.
"""

from typing import Any

from invoices.callable_module import make_callable
from invoices.validate.report import Finding, Layer, Report, Severity

__all__ = ["Finding", "Layer", "Report", "Severity"]


def _validate_function() -> Any:
    from invoices.validate.run import validate

    return validate


make_callable(__name__, _validate_function)
