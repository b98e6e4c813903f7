"""The library's two entry points, as accounting software calls them."""

from __future__ import annotations

from pathlib import Path

import invoices

# Importing submodules first must not shadow the package-level functions.
import invoices.reading.summary
import invoices.validation.report
from invoices.model import Invoice
from invoices.validation import Report

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_read_is_callable_from_the_package() -> None:
    invoice = invoices.read(SAMPLES / "ubl-invoice.xml")
    assert isinstance(invoice, Invoice)
    assert invoice.number == "FD-2026-0001"


def test_validate_is_callable_from_the_package(artefacts: Path) -> None:
    report = invoices.validate((SAMPLES / "ubl-invoice.xml").read_bytes())
    assert isinstance(report, Report)
    assert report.valid
    broken = invoices.validate(SAMPLES / "broken" / "br-co-15-totals.xml")
    assert not broken.valid
    assert "BR-CO-15" in broken.fatal_rules()


def test_entry_points_have_real_signatures_and_docstrings() -> None:
    import inspect

    read = inspect.signature(invoices.read)
    assert list(read.parameters) == ["source", "name"]
    validate = inspect.signature(invoices.validate)
    assert {"source", "fr", "chorus", "structures", "name"} <= set(validate.parameters)
    assert validate.parameters["fr"].kind is inspect.Parameter.KEYWORD_ONLY
    assert "verdict" in (invoices.validate.__doc__ or "")
    assert "InputError" in (invoices.read.__doc__ or "")
