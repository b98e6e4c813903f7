"""Validation as an ordered set of layers, each returning uniform findings.

``invoices.validate(path_or_bytes)`` is the short form; this package is the whole
interface for software that validates in bulk or has read the document itself.
The runners are imported on first use: the report types alone are cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from invoices.validation import rules
from invoices.validation.report import Finding, Layer, Report, Severity, Verdict

if TYPE_CHECKING:
    from invoices.validation.chorus import RULE_NOT_CHECKED as CHORUS_NOT_CHECKED
    from invoices.validation.chorus import check as check_chorus
    from invoices.validation.run import check_document, validate, validate_many
    from invoices.validation.structures import (
        PUBLIC_INVOICES_SERVICE,
        Service,
        Structure,
        Structures,
        configured,
    )

__all__ = [
    "CHORUS_NOT_CHECKED",
    "PUBLIC_INVOICES_SERVICE",
    "Finding",
    "Layer",
    "Report",
    "Service",
    "Severity",
    "Structure",
    "Structures",
    "Verdict",
    "check_chorus",
    "check_document",
    "configured",
    "rules",
    "validate",
    "validate_many",
]

_LAZY = {
    "check_document": "invoices.validation.run",
    "validate": "invoices.validation.run",
    "validate_many": "invoices.validation.run",
    "Structures": "invoices.validation.structures",
    "configured": "invoices.validation.structures",
    # The Chorus Pro connector: the recipient directory and the Chorus rules alone.
    "PUBLIC_INVOICES_SERVICE": "invoices.validation.structures",
    "Service": "invoices.validation.structures",
    "Structure": "invoices.validation.structures",
    "check_chorus": "invoices.validation.chorus:check",
    "CHORUS_NOT_CHECKED": "invoices.validation.chorus:RULE_NOT_CHECKED",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    module, _, attribute = module.partition(":")  # "module:attribute" for a renamed export
    return getattr(importlib.import_module(module), attribute or name)
