"""Validation as an ordered set of layers; see ``docs`` in the architecture."""

from invoices.validate.report import Finding, Layer, Report, Severity

__all__ = ["Finding", "Layer", "Report", "Severity"]
