"""``demat demo``: the whole pipeline on the samples the project ships, end to end.

The demo is what a newcomer runs first, right after ``pip install -e .``.  It shows
on real files what the project does, one step after the other:

1. read and check every sample (syntax, profile, the invoice, the official
   validation), broken ones included: a clear rejection is part of the show;
2. ingest them into a *fresh* store in a temporary folder (never the clerk's real
   database; ``--keep DIR`` keeps it for ``demat list --db ...``);
3. start the Chorus Pro emulator in-process on loopback, send every valid invoice
   through the real connector, move the emulator clock until they are made
   available to their recipient, and show their status history;
4. play the recipient: invoices addressed to the commune are received into the
   store, one is declared "service done", one rejected with a motif;
5. verify the tamper-evident audit chain of everything above.

On a fresh machine the official CEN artefacts for stand-alone CII may be missing;
the demo tries to fetch them, and without network says once how to install them,
shows the affected samples as "not checked" and runs the rest.

It is a thin orchestration over library calls (readers, validation, the pipeline,
the connector, the emulator, the audit chain): each step can only show what the
library really does, and any surprise makes the exit code 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from invoices.errors import DematError, SetupError
from invoices.i18n import t

#: The samples folder of a source checkout (``samples/`` beside the package).
REPO_SAMPLES = Path(__file__).resolve().parents[1] / "samples"
#: Files of the samples folder that are not invoices.
NOT_SAMPLES = {".py", ".md", ".txt", ".pyc"}
#: Sub-folder of the samples whose files are broken on purpose.
BROKEN_DIR = "broken"


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


def samples_dir(directory: str | Path | None = None) -> Path:
    """The samples folder to show, or a :class:`SetupError` saying why there is none."""
    if directory is not None:
        path = Path(directory)
        if not path.is_dir():
            raise SetupError("demo.no_samples", file=str(path))
        return path
    # The repository's folder is recognised by its generator script, so an unrelated
    # "samples" folder beside an installed copy is never taken for it.
    if not (REPO_SAMPLES / "make_samples.py").is_file():
        raise SetupError("demo.no_samples", file=str(REPO_SAMPLES))
    return REPO_SAMPLES


def sample_files(directory: Path) -> list[Path]:
    """Every invoice-like file under ``directory``, good ones first, in name order."""
    files = [p for p in directory.rglob("*") if p.is_file() and p.suffix not in NOT_SAMPLES
             and not any(part.startswith((".", "__")) for part in p.relative_to(directory).parts)]
    return sorted(files, key=lambda p: (_is_broken(p, directory), p.relative_to(directory)))


def _is_broken(path: Path, directory: Path) -> bool:
    return path.relative_to(directory).parts[0] == BROKEN_DIR


def _without_file(message: str, shown: str) -> str:
    """The table already names the file: drop it from the front of the message."""
    for prefix in (f"{shown}: ", f"{shown} : "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def _first_problem(report: Any) -> str:
    for finding in report.findings:
        if finding.fatal:
            return f"{finding.rule}: {finding.message}"
    return t("demo.invalid")


def check_sample(path: Path, directory: Path) -> DemoRow:
    """Read and validate one file; every failure becomes the row's result."""
    from invoices.read import read_document
    from invoices.validate.run import RULE_ARTEFACT_MISSING, check_document

    shown = path.relative_to(directory).as_posix()
    broken = _is_broken(path, directory)
    try:
        doc = read_document(path, name=shown)
    except DematError as exc:
        return DemoRow(file=shown, result=_without_file(exc.message(), shown),
                       expected_broken=broken)
    invoice = doc.invoice
    row: dict[str, Any] = {
        "file": shown,
        "syntax": str(doc.detection.syntax),
        "profile": str(doc.detection.profile),
        "expected_broken": broken,
    }
    if invoice is not None:
        payable = invoice.totals.payable
        row.update(number=invoice.number, seller=invoice.seller.name or "",
                   buyer=invoice.buyer.name or "",
                   total=f"{payable} {invoice.currency or ''}".strip()
                   if payable is not None else "")
    try:
        report = check_document(doc)
    except Exception as exc:  # a validation bug shows as a wrong row, never a traceback
        return DemoRow(result=t("demo.check_crashed", reason=f"{type(exc).__name__}: {exc}"),
                       crashed=True, **row)
    if any(f.rule == RULE_ARTEFACT_MISSING for f in report.findings):
        return DemoRow(result=t("demo.not_checked"), unchecked=True, **row)
    valid = report.valid
    return DemoRow(valid=valid, result=t("demo.valid") if valid else _first_problem(report),
                   **row)


def run_demo(directory: str | Path | None = None,
             progress: Callable[[Path], None] | None = None) -> Iterator[DemoRow]:
    """Check every sample, in order; ``progress`` is told of each file before it starts."""
    folder = samples_dir(directory)
    files = sample_files(folder)
    if not files:
        raise SetupError("demo.empty", file=str(folder))
    for path in files:
        if progress is not None:
            progress(path)
        yield check_sample(path, folder)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: Sequence[DemoRow], *, result_width: int = 70) -> str:
    """The rows as a fixed-width text table, headers and outcome words translated."""
    headers = [t(f"demo.col_{name}") for name in
               ("file", "syntax", "profile", "number", "seller", "total", "result")]
    body = []
    for row in rows:
        if row.crashed:
            mark = t("demo.unexpected_crash")
        elif row.unchecked:
            mark = ""
        elif row.expected_broken:
            mark = t("demo.expected_broken") if row.as_expected else t("demo.unexpected_valid")
        else:
            mark = "" if row.as_expected else t("demo.unexpected_invalid")
        result = f"{mark} {row.result}".strip() if mark else row.result
        body.append([row.file, row.syntax, row.profile, row.number, _clip(row.seller, 28),
                     row.total, _clip(result, result_width)])
    widths = [max(len(line[i]) for line in [headers, *body]) for i in range(len(headers))]
    right = {5}  # the total
    lines = []
    for index, line in enumerate([headers, *body]):
        cells = [cell.rjust(w) if i in right and index else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(line, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary(rows: Sequence[DemoRow]) -> str:
    """One line; samples not checked (artefacts missing) are counted out and named."""
    checked = [r for r in rows if not r.unchecked]
    good = sum(1 for r in checked if not r.expected_broken)
    broken = len(checked) - good
    surprises = sum(1 for r in rows if not r.as_expected)
    key = "demo.summary_ok" if not surprises else "demo.summary_surprises"
    line = t(key, total=len(rows), good=good,
             valid=sum(1 for r in checked if r.valid and not r.expected_broken),
             broken=broken,
             rejected=sum(1 for r in checked if r.expected_broken and not r.valid),
             surprises=surprises)
    unchecked = [r.file for r in rows if r.unchecked]
    if unchecked:
        line += "\n" + t("demo.summary_unchecked", count=len(unchecked),
                         files=", ".join(unchecked))
    return line
