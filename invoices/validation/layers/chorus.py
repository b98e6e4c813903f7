"""The Chorus Pro layer: the platform's deposit rules, on our model of the invoice.

The model is only trustworthy for a schema-valid document, so a fatal syntax
finding stops this layer (an information finding says so) rather than letting it
judge values the reader may have misplaced.
"""

from __future__ import annotations

from invoices.validation import rules
from invoices.validation.layers import Context, finding
from invoices.validation.report import Layer, Severity


class ChorusLayer:
    layers = (Layer.CHORUS,)

    def start(self, ctx: Context) -> None:
        """Nothing runs in the background: the rules need the model, built meanwhile."""

    def finish(self, ctx: Context) -> None:
        report = ctx.report
        if any(f.fatal and f.layer is Layer.SYNTAX for f in report.findings):
            report.findings.append(
                finding(
                    Layer.CHORUS, rules.NOT_RUN, "validate.chorus_not_run", Severity.INFORMATION
                )
            )
            return
        doc = ctx.invoice_document()
        if doc is None:
            return  # the model crashed: the whole report becomes the reading failure
        if doc.invoice is None:
            report.findings.append(
                finding(Layer.CHORUS, rules.NOT_RUN, "validate.chorus_no_model", Severity.FATAL)
            )
            return
        from invoices.validation.chorus import RULE_CRASHED, check

        found = check(doc, ctx.structures)
        report.findings.extend(found)
        if any(f.rule == RULE_CRASHED for f in found):
            report.could_not_check(Layer.CHORUS)  # a rule of ours failed: no verdict
            return
        report.layers_run.append(Layer.CHORUS)
