"""The validation layers as executors: one protocol, one context, one runner.

Every layer (safety, syntax, en16931/profile, fr, chorus) is an object with two
steps.  ``start`` begins what can run in the background (the official stylesheets
go to a Saxon worker process); ``finish`` adds the layer's findings to the report.
The runner starts every layer of the plan, then finishes them in order, so the XSD
and the model are built while the worker runs the stylesheets: a validation costs
the longer of the two, not their sum.

The runner also owns the promise that a layer's own failure never passes for a
verdict: an exception escaping a layer becomes a fatal ``DEMAT-LAYER-ERROR`` filed
under that layer, and the layer is recorded as not checked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from lxml import etree

from invoices.i18n import t
from invoices.validation import rules
from invoices.validation.report import Finding, Layer, Report, Severity

if TYPE_CHECKING:
    from invoices.reading import ReadResult
    from invoices.validation.engine import Engine, Lender
    from invoices.validation.structures import Structures


@dataclass(slots=True)
class Context:
    """What the layers of one document share."""

    doc: ReadResult
    tree: etree._ElementTree
    report: Report
    engine: Engine | Lender
    fr: bool = False
    structures: Structures | None = None
    #: Builds the model while the worker is busy (``None``: the model is already there).
    model: Callable[[], ReadResult | None] | None = None
    #: Resources the layers hold until the document is done (a leased worker...).
    stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    def meanwhile(self) -> None:
        """Work to do while waiting for the worker: build the model if it is pending."""
        if self.model is not None:
            self.model()

    def invoice_document(self) -> ReadResult | None:
        """The document with its model, or ``None`` when the model could not be built."""
        if self.model is None:
            return self.doc
        return self.model()


class LayerExecutor(Protocol):
    """One validation layer (or, for one stylesheet run, the layers it serves)."""

    @property
    def layers(self) -> tuple[Layer, ...]:
        """The layers whose verdict this executor gives, the first being its own."""

    def start(self, ctx: Context) -> None: ...

    def finish(self, ctx: Context) -> None: ...


def finding(
    layer: Layer, rule: str, key: str, severity: Severity = Severity.FATAL, /, **params: Any
) -> Finding:
    """A finding of ours, its message from the catalogue."""
    return Finding(layer=layer, rule=rule, severity=severity, message=t(key, **params))


def run_plan(executors: Sequence[LayerExecutor], ctx: Context) -> None:
    """Start every layer, then finish them in order; never raises."""
    with ctx.stack:
        started: list[LayerExecutor] = []
        for executor in executors:
            if _guarded(executor, executor.start, ctx):
                started.append(executor)
        for executor in started:
            _guarded(executor, executor.finish, ctx)


def _guarded(executor: LayerExecutor, step: Callable[[Context], None], ctx: Context) -> bool:
    try:
        step(ctx)
    except Exception as exc:  # our bug: say so in the report, never take the batch down
        layer = executor.layers[0]
        ctx.report.findings.append(
            finding(
                layer,
                rules.LAYER_ERROR,
                "validate.layer_crashed",
                layer=str(layer),
                reason=f"{type(exc).__name__}: {exc}",
            )
        )
        for each in executor.layers:
            ctx.report.could_not_check(each)
        return False
    return True
