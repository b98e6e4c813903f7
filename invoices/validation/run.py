"""Validate documents: read once, choose the layers, run them in order, gather one Report.

Layers, in order: safety (reading: size, DOCTYPE, PDF sanity), syntax (XSD), en16931
and profile (the official schematron), fr (BR-FR, opt-in), chorus (Chorus Pro rules,
opt-in).  Design decisions a reader of a report should know:

* The official schematrons run on every well-formed document, schema-valid or not,
  as the official validators do (the reference verdicts list schematron rules for
  schema-invalid files): the clerk sees every problem at once.  The Chorus Pro layer
  reads our model of the invoice, which is only trustworthy for a schema-valid
  document, so a fatal syntax finding stops it (and a finding says so).
* Nothing is skipped silently: a missing or tampered artefact, an engine error, a
  timeout, a killed worker each become a fatal finding, and the document is not
  valid; a layer that has no official artefact (ZUGFeRD 1.0 schematron) says so.
* Nothing raises for a bad document: unreadable input becomes a fatal safety finding.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lxml import etree

from invoices import artefacts as catalogue
from invoices.errors import DematError
from invoices.i18n import t
from invoices.validation import svrl, xsd
from invoices.validation.engine import DEFAULT_TIMEOUT, POOL, Engine, Lender, Outcome
from invoices.validation.plan import Plan, plan_for
from invoices.validation.report import Finding, Layer, Report, Severity

Source = str | os.PathLike[str] | bytes

#: Rule ids of our own technical findings (official rules keep their official ids).
RULE_UNREADABLE = "DEMAT-UNREADABLE"
RULE_NO_INVOICE = "DEMAT-NO-INVOICE"
RULE_MODEL = "DEMAT-MODEL"
RULE_ARTEFACT_MISSING = "DEMAT-ARTEFACT-MISSING"
RULE_ARTEFACT_TAMPERED = "DEMAT-ARTEFACT-TAMPERED"
RULE_FACTURX_VERSION = "DEMAT-FACTURX-VERSION"
RULE_NO_SCHEMATRON = "DEMAT-NO-SCHEMATRON"
RULE_NOT_RUN = "DEMAT-NOT-RUN"
RULE_LAYER_ERROR = "DEMAT-LAYER-ERROR"
TECHNICAL_PREFIX = "DEMAT-"


def _finding(
    where: Layer, rule: str, key: str, severity: Severity = Severity.FATAL, /, **params: Any
) -> Finding:
    return Finding(layer=where, rule=rule, severity=severity, message=t(key, **params))


def _display_name(source: Source, name: str | None) -> str:
    if name:
        return name
    return "<bytes>" if isinstance(source, bytes) else os.fspath(source)


class _PendingModel:
    """The model of a document scanned without it, built while the worker runs the
    stylesheets (the official layers only need the XML; only the Chorus layer and the
    model warning need the model)."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.done = False
        self.error: DematError | None = None
        self.crash: Exception | None = None

    def build(self) -> None:
        if self.done:
            return
        self.done = True
        from invoices.reading import with_model

        try:
            self.doc = with_model(self.doc)
        except DematError as exc:
            self.error = exc
        except Exception as exc:  # a reader bug must not take a batch down
            self.crash = exc


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


def validate(
    source: Source,
    *,
    fr: bool = False,
    chorus: bool = False,
    structures: Any | None = None,
    name: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Report:
    """Validate one document (path or bytes); never raises for a bad document."""
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
    structures: Any | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Report]:
    """Validate many documents with ``jobs`` warm workers; reports come in input order.

    Three threads per worker: while a worker runs the stylesheets of one document,
    the next one already waits in it (see :data:`~.engine.PIPELINE_DEPTH`) and a
    third thread reads the one after, so the workers never wait for us (measured:
    a worker is busy 97% of a batch).  At most ``4 * jobs`` documents are in flight,
    so a long generator of paths is consumed as the work proceeds, not all at once.
    """
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


def _validate(
    source: Source,
    *,
    fr: bool,
    chorus: bool,
    structures: Any | None,
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
        return _unreadable(source, shown, _read_crashed(shown, exc))
    model = _PendingModel(doc)
    report = _check(
        doc, fr=fr, chorus=chorus, structures=structures, engine=engine, early=(), model=model
    )
    model.build()  # already done, unless no layer gave it the time to
    if model.crash is not None:
        return _unreadable(source, shown, _read_crashed(shown, model.crash))
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
                rule=RULE_MODEL,
                severity=Severity.WARNING,
                message=model.error.message(),
            ),
        )
    return report


def _read_crashed(shown: str, exc: Exception) -> str:
    return t("validate.read_crashed", file=shown, reason=f"{type(exc).__name__}: {exc}")


def _unreadable(source: Source, shown: str, message: str) -> Report:
    report = Report(file=shown, sha256=_sha256_of(source))
    report.findings.append(
        Finding(layer=Layer.SAFETY, rule=RULE_UNREADABLE, severity=Severity.FATAL, message=message)
    )
    _note_versions(report)
    return report


def check_document(
    doc: Any,
    *,
    fr: bool = False,
    chorus: bool = False,
    structures: Any | None = None,
    engine: Engine | Lender | None = None,
    early: Iterable[Finding] = (),
) -> Report:
    """Run the layers on a document already read (a ``ReadResult``); never raises.

    For callers that have read the document themselves (the ingest pipeline), so a
    file is read once.  ``engine``: a warm engine, or a lender of engines; by
    default one of the process-wide pool.
    """
    return _check(
        doc, fr=fr, chorus=chorus, structures=structures, engine=engine, early=early, model=None
    )


def _check(
    doc: Any,
    *,
    fr: bool,
    chorus: bool,
    structures: Any | None,
    engine: Engine | Lender | None,
    early: Iterable[Finding],
    model: _PendingModel | None,
) -> Report:
    if engine is None:
        lender = Lender(POOL, 1)
        try:
            return _check(
                doc,
                fr=fr,
                chorus=chorus,
                structures=structures,
                engine=lender,
                early=early,
                model=model,
            )
        finally:
            lender.close()
    detection = doc.detection
    report = Report(
        file=doc.name,
        sha256=doc.sha256,
        syntax=str(detection.syntax),
        profile=str(detection.profile),
    )
    report.findings.extend(early)
    report.layers_run.append(Layer.SAFETY)
    _note_versions(report)
    try:
        _run_layers(
            report, doc, fr=fr, chorus=chorus, structures=structures, engine=engine, model=model
        )
    except Exception as exc:  # our bug: say so in the report, never take the batch down
        report.findings.append(
            _finding(
                Layer.SYNTAX,
                RULE_LAYER_ERROR,
                "validate.layer_crashed",
                layer="-",
                reason=f"{type(exc).__name__}: {exc}",
            )
        )
    return report


def _run_layers(
    report: Report,
    doc: Any,
    *,
    fr: bool,
    chorus: bool,
    structures: Any | None,
    engine: Engine | Lender,
    model: _PendingModel | None,
) -> None:
    detection = doc.detection
    plan = plan_for(detection.syntax, detection.profile)
    if plan is None or detection.xml is None:
        report.findings.append(
            _finding(
                Layer.SYNTAX,
                RULE_NO_INVOICE,
                "validate.no_invoice",
                file=doc.name,
                syntax=str(detection.syntax),
            )
        )
        return
    tree = doc.tree
    if tree is None:
        from invoices import xmlsafe

        try:
            tree = xmlsafe.parse(detection.xml, doc.name)
        except DematError as exc:
            report.findings.append(
                Finding(
                    layer=Layer.SYNTAX,
                    rule=RULE_UNREADABLE,
                    severity=Severity.FATAL,
                    message=exc.message(),
                )
            )
            return
    _official_layers(
        report,
        plan,
        tree,
        fr=fr,
        engine=engine,
        meanwhile=model.build if model is not None else None,
    )
    if chorus:
        if model is not None:
            model.build()
            if model.crash is not None:
                return  # the whole report is replaced by the reading failure
            doc = model.doc
        _chorus_layer(report, doc, structures)


@functools.cache
def _saxonche_version() -> str:
    try:
        return importlib.metadata.version("saxonche")
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _note_versions(report: Report) -> None:
    installed = catalogue.facturx_installed_version()
    report.artefacts["factur-x"] = installed or "absent"
    report.artefacts["saxonche"] = _saxonche_version()
    if installed != catalogue.FACTURX_VERSION:
        report.findings.append(
            _finding(
                Layer.SYNTAX,
                RULE_FACTURX_VERSION,
                "validate.facturx_version",
                installed=installed or "-",
                pinned=catalogue.FACTURX_VERSION,
            )
        )


def _artefact(report: Report, key: str, layer: Layer, sink: list[Finding]) -> Path | None:
    """Locate and verify an artefact; a problem becomes the layer's fatal finding in ``sink``."""
    artefact = catalogue.ARTEFACTS[key]
    try:
        path = catalogue.locate(key)
    except catalogue.ArtefactMissing as exc:
        sink.append(
            _finding(
                layer,
                RULE_ARTEFACT_MISSING,
                "validate.artefact_missing",
                layer=str(layer),
                name=key,
                path=exc.path,
                fix=artefact.fix_command,
            )
        )
        return None
    except catalogue.ArtefactTampered as exc:
        sink.append(
            _finding(
                layer,
                RULE_ARTEFACT_TAMPERED,
                "validate.artefact_tampered",
                layer=str(layer),
                name=key,
                path=exc.path,
                fix=artefact.fix_command,
            )
        )
        return None
    report.artefacts[key] = artefact.version
    return path


def _official_layers(
    report: Report,
    plan: Plan,
    tree: etree._ElementTree,
    *,
    fr: bool,
    engine: Engine | Lender,
    meanwhile: Callable[[], None] | None,
) -> None:
    """Syntax, en16931/profile and fr layers: the official artefacts.

    The document goes to the XSLT worker first; the XSD (and ``meanwhile``: building
    the model) runs here while the worker runs the stylesheets, so a single validation
    costs the longer of the two, not their sum.
    """
    assert plan.xsd is not None
    syntax: list[Finding] = []
    xsd_path = _artefact(report, plan.xsd, Layer.SYNTAX, syntax)
    later: list[Finding] = []
    jobs = _schematron_jobs(report, plan, fr, later)
    if not jobs:
        _syntax_layer(report, tree, xsd_path, syntax)
        report.findings.extend(later)
        return
    xml_text = etree.tostring(tree, encoding="unicode")
    stylesheets = [(path, catalogue.priming_document(key)) for _, path, key in jobs]
    with engine.lease() as worker, worker.running(stylesheets, xml_text) as outcomes:
        _syntax_layer(report, tree, xsd_path, syntax)
        if meanwhile is not None:
            meanwhile()
        results = outcomes()
    report.findings.extend(later)
    for (layer, path, _), outcome in zip(jobs, results, strict=True):
        _collect(report, plan, layer, path, outcome)


def _syntax_layer(
    report: Report, tree: etree._ElementTree, path: Path | None, found: list[Finding]
) -> None:
    report.findings.extend(found)
    if path is None:
        return
    report.findings.extend(xsd.check(tree, path))
    report.layers_run.append(Layer.SYNTAX)


def _schematron_jobs(
    report: Report, plan: Plan, fr: bool, sink: list[Finding]
) -> list[tuple[Layer, Path, str]]:
    jobs: list[tuple[Layer, Path, str]] = []
    if plan.schematron is None:
        sink.append(
            _finding(
                Layer.EN16931,
                RULE_NO_SCHEMATRON,
                "validate.no_schematron",
                Severity.INFORMATION,
                syntax=report.syntax or "-",
            )
        )
    else:
        path = _artefact(report, plan.schematron, Layer.EN16931, sink)
        if path is not None:
            jobs.append((Layer.EN16931, path, plan.schematron))
    if fr:
        if plan.brfr is None:
            sink.append(
                _finding(
                    Layer.FR,
                    RULE_NO_SCHEMATRON,
                    "validate.no_brfr",
                    Severity.INFORMATION,
                    syntax=report.syntax or "-",
                )
            )
        else:
            path = _artefact(report, plan.brfr, Layer.FR, sink)
            if path is not None:
                jobs.append((Layer.FR, path, plan.brfr))
    return jobs


def _collect(report: Report, plan: Plan, layer: Layer, path: Path, outcome: Outcome) -> None:
    if not outcome.ok:
        rule = f"{TECHNICAL_PREFIX}{outcome.failure}"
        report.findings.append(
            _finding(
                layer,
                rule,
                f"validate.{(outcome.failure or '').lower().replace('-', '_')}",
                stylesheet=path.name,
                code=outcome.code or "-",
                detail=outcome.detail,
            )
        )
        return
    assert outcome.svrl is not None
    try:
        found = svrl.findings(outcome.svrl, layer)
    except DematError as exc:
        report.findings.append(
            _finding(
                layer,
                f"{TECHNICAL_PREFIX}ENGINE-ERROR",
                "validate.engine_error",
                stylesheet=path.name,
                code="SVRL",
                detail=exc.message(),
            )
        )
        return
    if layer is Layer.EN16931 and plan.facturx:
        # One Factur-X stylesheet holds the EN 16931 rules the profile keeps and the
        # profile's own structural rules: each finding goes to the layer it belongs to.
        found = [f if not _profile_rule(f.rule) else _relayer(f, Layer.PROFILE) for f in found]
        report.layers_run.append(Layer.EN16931)
        report.layers_run.append(Layer.PROFILE)
    else:
        report.layers_run.append(layer)
    report.findings.extend(found)


def _profile_rule(rule: str) -> bool:
    return rule.startswith(("FX-SCH", "noid:"))


def _relayer(finding: Finding, layer: Layer) -> Finding:
    return Finding(
        layer=layer,
        rule=finding.rule,
        severity=finding.severity,
        message=finding.message,
        location=finding.location,
        terms=finding.terms,
    )


def _chorus_layer(report: Report, doc: Any, structures: Any | None) -> None:
    if any(f.fatal and f.layer is Layer.SYNTAX for f in report.findings):
        report.findings.append(
            _finding(Layer.CHORUS, RULE_NOT_RUN, "validate.chorus_not_run", Severity.INFORMATION)
        )
        return
    if doc.invoice is None:
        report.findings.append(
            _finding(Layer.CHORUS, RULE_NOT_RUN, "validate.chorus_no_model", Severity.FATAL)
        )
        return
    from invoices.validation.chorus import check

    try:
        report.findings.extend(check(doc, structures))
    except Exception as exc:  # a rule bug: the layer did not run, the document is not valid
        report.findings.append(
            _finding(
                Layer.CHORUS,
                RULE_LAYER_ERROR,
                "validate.layer_crashed",
                layer=str(Layer.CHORUS),
                reason=f"{type(exc).__name__}: {exc}",
            )
        )
        return
    report.layers_run.append(Layer.CHORUS)
