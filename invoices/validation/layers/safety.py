"""The safety layer: what reading the document found (size, DOCTYPE, PDF sanity).

Reading runs before any layer (it is what gives the XML the others check), so
this executor only files what reading reported, records that the layer ran, and
names the versions of the engine and artefacts the verdict will rest on.
"""

from __future__ import annotations

from collections.abc import Iterable

from invoices.validation.layers import Context, artefacts
from invoices.validation.report import Finding, Layer, Report


class SafetyLayer:
    layers = (Layer.SAFETY,)

    def __init__(self, early: Iterable[Finding] = ()) -> None:
        self.early = list(early)

    def start(self, ctx: Context) -> None:
        self.record(ctx.report)

    def record(self, report: Report) -> None:
        report.findings.extend(self.early)
        report.layers_run.append(Layer.SAFETY)
        artefacts.note_versions(report)

    def finish(self, ctx: Context) -> None:
        """Nothing left: reading is over before the layers start."""
