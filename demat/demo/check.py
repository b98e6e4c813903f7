"""Step 1 of the demo: read and check every sample, one row per file.

Every failure becomes the row's result, never a stop: a clear rejection is part of
the show, and a crash of the check (a bug, not a verdict) is a row that says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from demat.demo.samples import is_broken, sample_files, samples_dir
from invoices.errors import DematError, SetupError
from invoices.i18n import t, without_file

if TYPE_CHECKING:
    from invoices.validation import Report


@dataclass(frozen=True, slots=True)
class DemoRow:
    """One sample as the demo saw it."""

    file: str  # relative to the samples folder, with "/" separators
    syntax: str = ""
    profile: str = ""
    number: str = ""
    seller: str = ""
    total: str = ""  # BT-115 amount due, with its currency
    valid: bool = False
    #: "valid", or the first blocking problem (rule id and message).
    result: str = ""
    #: Files under ``broken/`` are meant to be rejected.
    expected_broken: bool = False
    #: The check itself failed (a bug, not a verdict): never what anyone expects.
    crashed: bool = False
    buyer: str = ""
    #: Not checked for want of an official artefact (a fresh machine without network):
    #: not a surprise, but listed in the summary and kept out of the later steps.
    unchecked: bool = False

    @property
    def as_expected(self) -> bool:
        if self.unchecked:
            return not self.crashed
        return not self.crashed and self.valid != self.expected_broken


def _first_problem(report: Report) -> str:
    for finding in report.findings:
        if finding.fatal:
            return f"{finding.rule}: {finding.message}"
    return t("demo.invalid")


def check_sample(path: Path, directory: Path) -> DemoRow:
    """Read and validate one file; every failure becomes the row's result."""
    from invoices.reading import read_document
    from invoices.validation import check_document, rules

    shown = path.relative_to(directory).as_posix()
    row = DemoRow(file=shown, expected_broken=is_broken(path, directory))
    try:
        doc = read_document(path, name=shown)
    except DematError as exc:
        return replace(row, result=without_file(exc.message(), shown))
    row = replace(row, syntax=str(doc.detection.syntax), profile=str(doc.detection.profile))
    invoice = doc.invoice
    if invoice is not None:
        payable = invoice.totals.payable
        row = replace(
            row,
            number=invoice.number,
            seller=invoice.seller.name or "",
            buyer=invoice.buyer.name or "",
            total=f"{payable} {invoice.currency or ''}".strip() if payable is not None else "",
        )
    try:
        report = check_document(doc)
    except Exception as exc:  # a validation bug shows as a wrong row, never a traceback
        reason = f"{type(exc).__name__}: {exc}"
        return replace(row, result=t("demo.check_crashed", reason=reason), crashed=True)
    if any(f.rule == rules.ARTEFACT_MISSING for f in report.findings):
        return replace(row, result=t("demo.not_checked"), unchecked=True)
    valid = report.valid
    return replace(row, valid=valid, result=t("demo.valid") if valid else _first_problem(report))


def run_demo(
    directory: str | Path | None = None, progress: Callable[[Path], None] | None = None
) -> Iterator[DemoRow]:
    """Check every sample, in order; ``progress`` is told of each file before it starts."""
    folder = samples_dir(directory)
    files = sample_files(folder)
    if not files:
        raise SetupError("demo.empty", file=str(folder))
    for path in files:
        if progress is not None:
            progress(path)
        yield check_sample(path, folder)
