"""Validate documents: read once, choose the layers, run them in order, gather one Report.

A document's syntax and profile choose its :class:`~.plan.Plan` (which official
artefacts), and the plan its ordered layer executors (:mod:`.layers`): safety,
syntax (XSD), en16931 and profile (the official schematron), fr (BR-FR, opt-in),
chorus (Chorus Pro rules, opt-in).  Design decisions a reader of a report should know:

* The official schematrons run on every well-formed document, schema-valid or not,
  as the official validators do (the reference verdicts list schematron rules for
  schema-invalid files): the clerk sees every problem at once.
* Nothing is skipped silently: a missing or tampered artefact, an engine failure,
  a bug of ours each become a fatal finding, and the layer is recorded as not
  checked: the report's verdict is then "not checked", never "invalid".
* Nothing raises for a bad document: unreadable input becomes a fatal safety finding.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from invoices.errors import DematError
from invoices.i18n import t
from invoices.reading import ReadResult
from invoices.validation import rules
from invoices.validation.engine import DEFAULT_TIMEOUT, POOL, Engine, Lender
from invoices.validation.layers import Context, LayerExecutor, finding, run_plan
from invoices.validation.layers.artefacts import note_versions
from invoices.validation.layers.chorus import ChorusLayer
from invoices.validation.layers.safety import SafetyLayer
from invoices.validation.layers.schematron import SchematronLayers
from invoices.validation.layers.xsd import XsdLayer
from invoices.validation.plan import Plan, plan_for
from invoices.validation.report import Finding, InvoiceFacts, Layer, Report, Severity
from invoices.validation.structures import Structures, configured

Source = str | os.PathLike[str] | bytes


def executors(
    plan: Plan, *, fr: bool, chorus: bool, early: Iterable[Finding] = ()
) -> list[LayerExecutor]:
    """The ordered layers that check a document of this plan."""
    layers: list[LayerExecutor] = [SafetyLayer(early)]
    if plan.xsd is not None:
        layers.append(XsdLayer(plan.xsd))
    layers.append(SchematronLayers(plan, fr=fr))
    if chorus:
        layers.append(ChorusLayer())
    return layers


def validate(
    source: Source,
    *,
    fr: bool = False,
    chorus: bool = False,
    structures: Structures | None = None,
    name: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Report:
    """Validate one document (path or bytes); never raises for a bad document.

    With ``chorus`` and no ``structures``, the configured ones are used
    (:func:`~.structures.configured`); a broken structures file raises ``SetupError``.
    """
    if chorus and structures is None:
        structures = configured()
    lender = Lender(POOL, 1, timeout)
    try:
        return _validate(
            source, fr=fr, chorus=chorus, structures=structures, name=name, engine=lender
        )
    finally:
        lender.close()


def validate_many(
    sources: Iterable[Source],
    *,
    jobs: int = 1,
    fr: bool = False,
    chorus: bool = False,
    structures: Structures | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Report]:
    """Validate many documents with ``jobs`` warm workers; reports come in input order.

    Three threads per worker: while a worker runs the stylesheets of one document,
    the next one already waits in it (see :data:`~.engine.PIPELINE_DEPTH`) and a
    third thread reads the one after, so the workers never wait for us (measured:
    a worker is busy 97% of a batch).  At most ``4 * jobs`` documents are in flight,
    so a long generator of paths is consumed as the work proceeds, not all at once.
    The threads share compiled schemas safely (see :mod:`.layers.xsd`).
    """
    if chorus and structures is None:
        structures = configured()
    jobs = max(1, int(jobs))
    lender = Lender(POOL, jobs, timeout)

    def one(source: Source) -> Report:
        return _validate(
            source, fr=fr, chorus=chorus, structures=structures, name=None, engine=lender
        )

    try:
        with ThreadPoolExecutor(max_workers=3 * jobs, thread_name_prefix="demat-validate") as pool:
            pending: deque[Future[Report]] = deque()
            for source in sources:
                pending.append(pool.submit(one, source))
                if len(pending) >= 4 * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        lender.close()


def check_document(
    doc: ReadResult,
    *,
    fr: bool = False,
    chorus: bool = False,
    structures: Structures | None = None,
    engine: Engine | Lender | None = None,
    early: Iterable[Finding] = (),
) -> Report:
    """Run the layers on a document already read (with its model); never raises.

    For callers that have read the document themselves (the ingest pipeline), so a
    file is read once.  ``engine``: a warm engine, or a lender of engines; by
    default one of the process-wide pool.  ``structures`` as for :func:`validate`.
    """
    if chorus and structures is None:
        structures = configured()
    if engine is not None:
        return _check(
            doc, fr=fr, chorus=chorus, structures=structures, engine=engine, early=early, model=None
        )
    lender = Lender(POOL, 1)
    try:
        return _check(
            doc, fr=fr, chorus=chorus, structures=structures, engine=lender, early=early, model=None
        )
    finally:
        lender.close()


class _PendingModel:
    """The model of a document scanned without it, built while the worker runs the
    stylesheets (the official layers only need the XML; only the Chorus layer and the
    model warning need the model)."""

    def __init__(self, doc: ReadResult) -> None:
        self.doc = doc
        self.done = False
        self.error: DematError | None = None
        self.crash: Exception | None = None

    def build(self) -> ReadResult | None:
        if not self.done:
            self.done = True
            from invoices.reading import with_model

            try:
                self.doc = with_model(self.doc)
            except DematError as exc:
                self.error = exc
            except Exception as exc:  # a reader bug must not take a batch down
                self.crash = exc
        return None if self.crash is not None else self.doc


def _validate(
    source: Source,
    *,
    fr: bool,
    chorus: bool,
    structures: Structures | None,
    name: str | None,
    engine: Engine | Lender,
) -> Report:
    from invoices.reading import scan_document

    shown = _display_name(source, name)
    try:
        doc = scan_document(source, name=name)
    except DematError as exc:
        return _unreadable(source, shown, exc.message())
    except Exception as exc:  # a reader bug must not take a batch down
        return _unreadable(source, shown, _read_crashed(shown, exc), crashed=True)
    model = _PendingModel(doc)
    report = _check(
        doc, fr=fr, chorus=chorus, structures=structures, engine=engine, early=(), model=model
    )
    model.build()  # already done, unless no layer gave it the time to
    report.invoice = InvoiceFacts.of(model.doc.invoice) if model.crash is None else None
    if model.crash is not None:
        return _unreadable(source, shown, _read_crashed(shown, model.crash), crashed=True)
    if model.error is not None:
        detection = doc.detection
        if (
            detection.xml is None
            or doc.tree is None
            or plan_for(detection.syntax, detection.profile) is None
        ):
            return _unreadable(source, shown, model.error.message())
        # The official layers need the XML only: they ran; the model error is a warning.
        report.findings.insert(
            0,
            Finding(
                layer=Layer.SAFETY,
                rule=rules.MODEL,
                severity=Severity.WARNING,
                message=model.error.message(),
            ),
        )
    return report


def _check(
    doc: ReadResult,
    *,
    fr: bool,
    chorus: bool,
    structures: Structures | None,
    engine: Engine | Lender,
    early: Iterable[Finding],
    model: _PendingModel | None,
) -> Report:
    detection = doc.detection
    report = Report(
        file=doc.name,
        sha256=doc.sha256,
        syntax=str(detection.syntax),
        profile=str(detection.profile),
        invoice=InvoiceFacts.of(doc.invoice),
    )
    plan = plan_for(detection.syntax, detection.profile)
    if plan is None or detection.xml is None:
        _read_only(report, early)
        report.findings.append(
            finding(
                Layer.SYNTAX,
                rules.NO_INVOICE,
                "validate.no_invoice",
                file=doc.name,
                syntax=str(detection.syntax),
            )
        )
        return report
    tree = doc.tree
    if tree is None:
        from invoices import xmlsafe

        try:
            tree = xmlsafe.parse(detection.xml, doc.name)
        except DematError as exc:
            _read_only(report, early)
            report.findings.append(
                Finding(
                    layer=Layer.SYNTAX,
                    rule=rules.UNREADABLE,
                    severity=Severity.FATAL,
                    message=exc.message(),
                )
            )
            return report
    ctx = Context(
        doc=doc,
        tree=tree,
        report=report,
        engine=engine,
        fr=fr,
        structures=structures,
        model=model.build if model is not None else None,
    )
    run_plan(executors(plan, fr=fr, chorus=chorus, early=early), ctx)
    return report


def _read_only(report: Report, early: Iterable[Finding]) -> None:
    """Only the safety layer can speak of a document without invoice XML."""
    SafetyLayer(early).record(report)


def _display_name(source: Source, name: str | None) -> str:
    if name:
        return name
    return "<bytes>" if isinstance(source, bytes) else os.fspath(source)


def _read_crashed(shown: str, exc: Exception) -> str:
    return t("validate.read_crashed", file=shown, reason=f"{type(exc).__name__}: {exc}")


def _unreadable(source: Source, shown: str, message: str, *, crashed: bool = False) -> Report:
    """The report on a document that could not be read.  ``crashed``: our reader
    failed, which says nothing of the document: not checked, never invalid."""
    report = Report(file=shown, sha256=_sha256_of(source))
    report.findings.append(
        Finding(layer=Layer.SAFETY, rule=rules.UNREADABLE, severity=Severity.FATAL, message=message)
    )
    if crashed:
        report.could_not_check(Layer.SAFETY)
    note_versions(report)
    return report


def _sha256_of(source: Source) -> str:
    """The hash of an input we could not read, when it can be had cheaply ("" otherwise)."""
    from invoices.reading import MAX_FILE_BYTES

    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    try:
        path = Path(source)
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
