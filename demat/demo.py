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

from invoices.errors import DematError, InputError, SetupError
from invoices.i18n import t, without_file

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
    files = [
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.suffix not in NOT_SAMPLES
        and not any(part.startswith((".", "__")) for part in p.relative_to(directory).parts)
    ]
    return sorted(files, key=lambda p: (_is_broken(p, directory), p.relative_to(directory)))


def _is_broken(path: Path, directory: Path) -> bool:
    return path.relative_to(directory).parts[0] == BROKEN_DIR


def _first_problem(report: Any) -> str:
    for finding in report.findings:
        if finding.fatal:
            return f"{finding.rule}: {finding.message}"
    return t("demo.invalid")


def check_sample(path: Path, directory: Path) -> DemoRow:
    """Read and validate one file; every failure becomes the row's result."""
    from invoices.reading import read_document
    from invoices.validation.run import RULE_ARTEFACT_MISSING, check_document

    shown = path.relative_to(directory).as_posix()
    broken = _is_broken(path, directory)
    try:
        doc = read_document(path, name=shown)
    except DematError as exc:
        return DemoRow(
            file=shown, result=without_file(exc.message(), shown), expected_broken=broken
        )
    invoice = doc.invoice
    row: dict[str, Any] = {
        "file": shown,
        "syntax": str(doc.detection.syntax),
        "profile": str(doc.detection.profile),
        "expected_broken": broken,
    }
    if invoice is not None:
        payable = invoice.totals.payable
        row.update(
            number=invoice.number,
            seller=invoice.seller.name or "",
            buyer=invoice.buyer.name or "",
            total=f"{payable} {invoice.currency or ''}".strip() if payable is not None else "",
        )
    try:
        report = check_document(doc)
    except Exception as exc:  # a validation bug shows as a wrong row, never a traceback
        return DemoRow(
            result=t("demo.check_crashed", reason=f"{type(exc).__name__}: {exc}"),
            crashed=True,
            **row,
        )
    if any(f.rule == RULE_ARTEFACT_MISSING for f in report.findings):
        return DemoRow(result=t("demo.not_checked"), unchecked=True, **row)
    valid = report.valid
    return DemoRow(valid=valid, result=t("demo.valid") if valid else _first_problem(report), **row)


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


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: Sequence[DemoRow], *, result_width: int = 70) -> str:
    """The rows as a fixed-width text table, headers and outcome words translated."""
    headers = [
        t(f"demo.col_{name}")
        for name in ("file", "syntax", "profile", "number", "seller", "total", "result")
    ]
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
        body.append(
            [
                row.file,
                row.syntax,
                row.profile,
                row.number,
                _clip(row.seller, 28),
                row.total,
                _clip(result, result_width),
            ]
        )
    widths = [max(len(line[i]) for line in [headers, *body]) for i in range(len(headers))]
    right = {5}  # the total
    lines = []
    for index, line in enumerate([headers, *body]):
        cells = [
            cell.rjust(w) if i in right and index else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
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
    line = t(
        key,
        total=len(rows),
        good=good,
        valid=sum(1 for r in checked if r.valid and not r.expected_broken),
        broken=broken,
        rejected=sum(1 for r in checked if r.expected_broken and not r.valid),
        surprises=surprises,
    )
    unchecked = [r.file for r in rows if r.unchecked]
    if unchecked:
        line += "\n" + t("demo.summary_unchecked", count=len(unchecked), files=", ".join(unchecked))
    return line


# ------------------------------------------------------------------ the whole pipeline

#: Emulator settings of the demo: a frozen clock the demo moves itself, integration on
#: the first poll, routing and availability when the clock is moved (each step shows).
EMULATOR_SETTINGS: dict[str, Any] = {
    "clock_scale": 0,
    "delays": {"reception": 0, "integration": 0, "routing": 60, "availability": 120},
}
#: Client settings for a loopback emulator: short polls, short waits.
CLIENT_SETTINGS = {
    "DEMAT_CHORUS_POLL_INTERVAL": "0.05",
    "DEMAT_CHORUS_POLL_TIMEOUT": "20",
    "DEMAT_CHORUS_TIMEOUT": "10",
    "DEMAT_CHORUS_RECONCILE_GRACE": "30",
}
#: How many invoices other suppliers "deposit" for the commune in step 4.
RECEIVED_COUNT = 3
#: Status every invoice sent in step 3 must reach.
AVAILABLE = "MISE_A_DISPOSITION"
DB_FILE = "demat.sqlite3"

Echo = Callable[[str], None]
Note = Callable[[str], None]


@dataclass(slots=True)
class DemoOutcome:
    """What the whole demo found: the table rows and the surprises of every step."""

    rows: list[DemoRow]
    surprises: list[str]
    db_url: str
    kept: Path | None

    @property
    def ok(self) -> bool:
        return not self.surprises and all(row.as_expected for row in self.rows)


def missing_cen_artefacts() -> list[str]:
    """The CEN artefacts (stand-alone CII) that are not installed, as the catalogue says."""
    from invoices import artefacts as catalogue

    return [
        key
        for key, artefact in catalogue.ARTEFACTS.items()
        if artefact.origin == "cen" and catalogue.status(key) == "missing"
    ]


def ensure_cen_artefacts(echo: Echo, *, mirror: str | None = None) -> bool:
    """Fetch the official CEN archives when they are missing; False when still missing.

    A failure is an announced notice, never a stop: only the samples that need these
    artefacts are affected, and the rest of the demo still has much to show.
    """
    missing = missing_cen_artefacts()
    if not missing:
        return True
    from demat.artefacts_fetch import fetch
    from schemas.catalogue import cen_urls

    echo(t("demo.artefacts_missing", names=", ".join(missing)))
    try:
        done = fetch(cen_urls(mirror))
    except SetupError as exc:
        echo(t("demo.artefacts_notice", reason=exc.message()))
        return False
    echo(t("demo.artefacts_fetched", count=done.files, path=str(done.target)))
    return True


def _heading(echo: Echo, number: int, key: str, **params: Any) -> None:
    if number > 1:
        echo("")
    echo(t("demo.step", number=number, total=5, title=t(key, **params)))
    echo("")


def _prepare_keep(keep: str | Path) -> Path:
    """A folder for a store that must start empty: never mix the demo with other data."""
    folder = Path(keep)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SetupError("demo.keep_not_empty", file=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SetupError(
            "demo.keep_unusable", file=str(folder), reason=exc.strerror or type(exc).__name__
        ) from None
    return folder


def run_pipeline(
    directory: str | Path | None = None,
    *,
    echo: Echo,
    note: Note | None = None,
    keep: str | Path | None = None,
    mirror: str | None = None,
) -> DemoOutcome:
    """Run the five steps, writing what happens through ``echo`` as it goes.

    ``note`` gets short progress texts (the CLI shows them on a terminal only).
    Raises :class:`SetupError` for what stops the demo entirely (no samples, the
    ``--keep`` folder unusable, the database or the emulator failing to start).
    """
    import tempfile
    from contextlib import ExitStack

    folder = samples_dir(directory)
    target = _prepare_keep(keep) if keep is not None else None
    check_note = None if note is None else (lambda p: note(t("demo.checking", file=p.name)))
    rows = list(run_demo(folder, progress=check_note))
    if note is not None:
        note("")
    if any(row.unchecked for row in rows):
        # Only when a sample needs them: a folder without stand-alone CII never fetches.
        if ensure_cen_artefacts(echo, mirror=mirror):
            rows = [
                check_sample(folder / row.file, folder) if row.unchecked else row for row in rows
            ]
        echo("")

    _heading(echo, 1, "demo.step_check")
    echo(format_table(rows))
    echo("")
    echo(summary(rows))

    surprises: list[str] = []
    with ExitStack() as stack:
        if target is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="demat-demo-")))
        else:
            work = target.resolve()
        from invoices.store import open_store

        db_url = f"sqlite:///{work / DB_FILE}"
        store = stack.enter_context(open_store(db_url, documents=work / "documents"))

        _heading(echo, 2, "demo.step_store", url=db_url)
        stored = _ingest_step(rows, folder, store, echo, note, surprises)

        from emulators.chorus import Emulator

        emulator = stack.enter_context(Emulator.start(port=0, config=EMULATOR_SETTINGS))
        connector = stack.enter_context(_connector(store, emulator, work))
        _heading(echo, 3, "demo.step_send", url=emulator.base_url)
        _send_step(stored, connector, emulator, echo, note, surprises)

        _heading(echo, 4, "demo.step_receive", siret=connector.config.siret)
        _receive_step(connector, emulator, echo, surprises)

        _heading(echo, 5, "demo.step_audit")
        _audit_step(store, echo, surprises)

    outcome = DemoOutcome(rows, surprises, db_url, target)
    echo("")
    bad = len(surprises) + sum(1 for r in rows if not r.as_expected)
    echo(t("demo.done_ok") if outcome.ok else t("demo.done_surprises", count=bad))
    unchecked = [r.file for r in rows if r.unchecked]
    if unchecked:
        echo(t("demo.done_unchecked", count=len(unchecked), files=", ".join(unchecked)))
    if target is not None:
        echo(t("demo.kept", path=str(target), url=db_url))
    return outcome


def _ingest_step(
    rows: Sequence[DemoRow],
    folder: Path,
    store: Any,
    echo: Echo,
    note: Note | None,
    surprises: list[str],
) -> dict[int, DemoRow]:
    """Step 2: every checked sample through ``invoices.pipeline.ingest``.

    Returns the stored, valid invoices (document id -> row).  A sample not checked
    for want of an artefact is left out: ingest would rightly stop on it (exit 2).
    """
    import dataclasses

    from invoices.pipeline import OutcomeKind, ingest

    todo = [r for r in rows if not r.unchecked]
    for row in rows:
        if row.unchecked:
            echo(t("demo.not_stored", file=row.file))
    paths = [folder / row.file for row in todo]
    progress = (
        None
        if note is None
        else (lambda count, _file: note(t("demo.storing", file=todo[count - 1].file)))
    )
    stored: dict[int, DemoRow] = {}
    outcomes = ingest(paths, store=store, source="demo", progress=progress)
    for row, outcome in zip(todo, outcomes, strict=True):
        if outcome.kind is OutcomeKind.REJECTED:  # the line names the file once
            line = t(
                "store.outcome_rejected",
                file=row.file,
                id=outcome.document_id or "-",
                reason=outcome.reason() or "",
            )
        else:
            line = dataclasses.replace(outcome, file=row.file).message().rstrip()
        if outcome.refused != row.expected_broken:
            line = f"{line}  {t('demo.unexpected_crash')}"
            surprises.append(row.file)
        echo(line)
        if outcome.valid and not outcome.refused and outcome.document_id is not None:
            stored[outcome.document_id] = row
    if note is not None:
        note("")
    return stored


def _connector(store: Any, emulator: Any, work: Path) -> Any:
    """A connector configured from the emulator's settings, never from the clerk's.

    The configuration goes through the same loader as ``demat send`` (checks
    included), fed with the emulator's values instead of ``os.environ``, and a
    configuration file that does not exist instead of the clerk's own.
    """
    from connectors.chorus.config import load_config
    from connectors.chorus.connector import ChorusConnector

    config = load_config({**emulator.env(), **CLIENT_SETTINGS}, path=work / "no-chorus-config.toml")
    return ChorusConnector(store, config=config)


def _send_step(
    stored: dict[int, DemoRow],
    connector: Any,
    emulator: Any,
    echo: Echo,
    note: Note | None,
    surprises: list[str],
) -> None:
    """Step 3: what ``demat send --all`` would send, deposited, followed, shown."""
    to_send = connector.unsent()
    for doc_id, row in stored.items():
        if doc_id not in to_send:
            echo(t("demo.not_sent_own", file=row.file, number=row.number))
    errors: dict[int, str] = {}

    def on_error(invoice_id: int, exc: DematError) -> None:
        errors[invoice_id] = exc.message()

    progress = (
        None
        if note is None
        else (lambda _count, ident: note(t("demo.sending", number=stored[int(ident)].number)))
    )
    results = {
        r.invoice_id: r
        for r in connector.submit_many(to_send, on_error=on_error, progress=progress)
    }
    if note is not None:
        note("")
    # The platform routes the invoices on its own clock: move it past every pending step.
    emulator.process()
    headers = [
        t(f"demo.col_{name}")
        for name in ("number", "recipient", "flow", "platform_status", "history")
    ]
    body: list[list[str]] = []
    for invoice_id in to_send:
        row = stored[invoice_id]
        result = results.get(invoice_id)
        if invoice_id in errors or result is None:
            body.append(
                [
                    row.number,
                    _clip(row.buyer, 40),
                    "",
                    t("demo.unexpected_crash"),
                    errors.get(invoice_id, ""),
                ]
            )
            surprises.append(row.file)
            continue
        status = None
        problems = [f"{f.rule}: {f.message}" for f in result.findings if f.fatal]
        if result.flow_id is not None:  # deposited: what the platform says now
            try:
                status = connector.follow(invoice_id)
            except InputError as exc:
                problems.append(exc.message())
            else:
                problems = [f"{f.rule}: {f.message}" for f in status.findings if f.fatal]
        history = " → ".join(step.status for step in status.history) if status else ""
        shown = (status.status if status else None) or str(result.state)
        if shown != AVAILABLE:
            shown = f"{shown} {t('demo.unexpected_crash')}"
            history = " ".join([history, *problems]).strip()
            surprises.append(row.file)
        body.append(
            [row.number, _clip(row.buyer, 40), result.flow_id or "", shown, _clip(history, 160)]
        )
    echo(_table(headers, body) if body else t("demo.nothing_to_send"))
    echo("")
    sent = sum(1 for line in body if line[3] == AVAILABLE)
    echo(t("demo.sent_summary", sent=sent, total=len(to_send), status=AVAILABLE))


def _receive_step(connector: Any, emulator: Any, echo: Echo, surprises: list[str]) -> None:
    """Step 4: other suppliers invoice the commune; we receive and decide."""
    from emulators.chorus.bulk import add_received

    siret = connector.config.siret
    world = emulator.world
    with world.lock:
        world.tick()
        made = add_received(world, count=RECEIVED_COUNT, recipient=siret, prefix="DEMO")
    echo(
        t(
            "demo.deposited_for_us",
            count=len(made),
            numbers=", ".join(invoice.number for invoice in made),
        )
    )
    result = connector.fetch_received()
    for item in result.received:
        key = "demo.received_line" if item.valid else "demo.received_invalid"
        echo(
            t(
                key,
                number=item.number,
                supplier=item.supplier,
                status=item.status,
                id=item.document_id if item.document_id is not None else "-",
            )
        )
        if not item.valid:
            surprises.append(item.number)
    for error in result.errors:
        echo(f"{error}  {t('demo.unexpected_crash')}")
        surprises.append(error)
    if len(result.received) != len(made):
        echo(t("demo.received_count", got=len(result.received), expected=len(made)))
        surprises.append("receive")
    stored = [(item, item.document_id) for item in result.received if item.document_id is not None]
    decisions = (("SERVICE_FAIT", None), ("REJETEE", t("demo.reject_motif")))
    for (item, document_id), (status, motif) in zip(stored, decisions, strict=False):
        try:
            done = connector.set_status(document_id, status, motif=motif)
        except InputError as exc:
            echo(f"{exc.message()}  {t('demo.unexpected_crash')}")
            surprises.append(item.number)
            continue
        echo(
            t(
                "demo.decided",
                number=done.number,
                status=done.status,
                motif=f" ({motif})" if motif else "",
            )
        )
        if done.status != status:
            surprises.append(item.number)


def _audit_step(store: Any, echo: Echo, surprises: list[str]) -> None:
    """Step 5: walk the whole chain, as ``demat audit verify`` does."""
    from invoices.store import audit

    with store.read() as session:
        verdict = audit.verify(session)
    if verdict.ok:
        echo(t("demo.audit_ok", count=verdict.count, seq=verdict.head_seq, hash=verdict.head_hash))
    else:
        echo(
            t(
                "demo.audit_broken",
                problem=str(verdict.problem),
                seq=verdict.seq or "-",
                detail=verdict.detail,
            )
        )
        surprises.append("audit")


def _table(headers: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    widths = [max(len(line[i]) for line in [headers, *body]) for i in range(len(headers))]
    lines = []
    for index, line in enumerate([headers, *body]):
        lines.append(
            "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        )
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
