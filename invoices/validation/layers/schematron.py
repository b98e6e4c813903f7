"""The official schematron layers: en16931 and profile (one stylesheet), fr (BR-FR).

The stylesheets of one document travel to one Saxon worker in one request, sent in
``start`` so that the worker runs them while the caller checks the XSD and builds
the model.  An engine failure is sorted by its cause: a dynamic error raised by
the document's own data (the official validators fail on it too) is a fatal
finding of the document; a timeout, a crash, a worker that would not start or a
compile error means the layer did not reach its verdict.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from invoices.errors import DematError
from invoices.validation import rules
from invoices.validation.engine import Failure, Outcome
from invoices.validation.layers import Context, artefacts, finding, svrl
from invoices.validation.plan import Plan
from invoices.validation.report import Finding, Layer, Report, Severity
from schemas import catalogue


@dataclasses.dataclass(frozen=True, slots=True)
class _Job:
    layer: Layer
    key: str
    path: Path


class SchematronLayers:
    """en16931 (+ profile for Factur-X) and, when asked, fr: one run of the worker."""

    def __init__(self, plan: Plan, *, fr: bool) -> None:
        self.plan = plan
        self.fr = fr
        served = [Layer.EN16931, Layer.PROFILE] if plan.facturx else [Layer.EN16931]
        self.layers: tuple[Layer, ...] = (*served, *([Layer.FR] if fr else []))
        self._jobs: list[_Job] = []
        self._notes: list[Finding] = []
        self._outcomes: Callable[[], list[Outcome]] | None = None
        self._lease = contextlib.ExitStack()

    def start(self, ctx: Context) -> None:
        report = ctx.report
        self._want(report, Layer.EN16931, self.plan.schematron, "validate.no_schematron")
        if self.fr:
            self._want(report, Layer.FR, self.plan.brfr, "validate.no_brfr")
        if not self._jobs:
            return
        ctx.stack.enter_context(self._lease)  # released early by finish, or on a crash
        xml_text = etree.tostring(ctx.tree, encoding="unicode")
        stylesheets = [(job.path, catalogue.priming_document(job.key)) for job in self._jobs]
        worker = self._lease.enter_context(ctx.engine.lease())
        self._outcomes = self._lease.enter_context(worker.running(stylesheets, xml_text))

    def _want(self, report: Report, layer: Layer, key: str | None, absent: str) -> None:
        if key is None:  # no official schematron exists for this syntax: say so
            self._notes.append(
                finding(
                    layer,
                    rules.NO_SCHEMATRON,
                    absent,
                    Severity.INFORMATION,
                    syntax=report.syntax or "-",
                )
            )
            return
        path = artefacts.locate(report, key, layer, self._notes)
        if path is not None:
            self._jobs.append(_Job(layer, key, path))

    def finish(self, ctx: Context) -> None:
        results: list[Outcome] = []
        if self._outcomes is not None:
            with self._lease:
                ctx.meanwhile()
                results = self._outcomes()
        ctx.report.findings.extend(self._notes)
        for job, outcome in zip(self._jobs, results, strict=True):
            self._collect(ctx.report, job, outcome)

    def _collect(self, report: Report, job: _Job, outcome: Outcome) -> None:
        if not outcome.ok:
            self._failed(report, job, outcome)
            return
        assert outcome.svrl is not None
        try:
            found = svrl.findings(outcome.svrl, job.layer)
        except DematError as exc:
            self._failed(
                report,
                job,
                Outcome(failure=Failure.ENGINE_ERROR, code="SVRL", detail=exc.message()),
            )
            return
        if job.layer is Layer.EN16931 and self.plan.facturx:
            # One Factur-X stylesheet holds the EN 16931 rules the profile keeps and the
            # profile's own structural rules: each finding goes to the layer it belongs to.
            found = [
                dataclasses.replace(f, layer=Layer.PROFILE) if _profile_rule(f.rule) else f
                for f in found
            ]
            report.layers_run.extend((Layer.EN16931, Layer.PROFILE))
        else:
            report.layers_run.append(job.layer)
        report.findings.extend(found)

    def _failed(self, report: Report, job: _Job, outcome: Outcome) -> None:
        failure = outcome.failure or Failure.ENGINE_ERROR
        report.findings.append(
            finding(
                job.layer,
                f"{rules.TECHNICAL_PREFIX}{failure}",
                f"validate.{failure.lower().replace('-', '_')}",
                stylesheet=job.path.name,
                code=outcome.code or "-",
                detail=outcome.detail,
            )
        )
        if failure == Failure.ENGINE_ERROR and rules.caused_by_document(outcome.code):
            return  # the document's data broke the official rules: a verdict (invalid)
        served = (Layer.EN16931, Layer.PROFILE) if job.layer is Layer.EN16931 else (job.layer,)
        for layer in served:
            if layer in self.layers:
                report.could_not_check(layer)


def _profile_rule(rule: str) -> bool:
    return rule.startswith(("FX-SCH", "noid:"))
