"""Validation as an ordered set of layers, each returning uniform findings.

``invoices.validate(path_or_bytes)`` runs them (see :mod:`invoices.validation.run`).
"""

from invoices.validation.report import Finding, Layer, Report, Severity

__all__ = ["Finding", "Layer", "Report", "Severity"]
