"""What every report format shows the same way: order of layers, labels, counts.

Keeping it in one place makes the text, HTML and JUnit reports agree on what a
"layer with findings" is and on the words used for severities and layers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from invoices.i18n import language, t
from invoices.terms import describe, terms_in
from invoices.validation.report import Finding, Layer, Report, Severity, Verdict

LAYER_KEYS = {
    Layer.SAFETY: "validate_out.layer_safety",
    Layer.SYNTAX: "validate_out.layer_syntax",
    Layer.EN16931: "validate_out.layer_en16931",
    Layer.PROFILE: "validate_out.layer_profile",
    Layer.FR: "validate_out.layer_fr",
    Layer.CHORUS: "validate_out.layer_chorus",
    Layer.HELIOS: "pes.layer_helios",
}
SEVERITY_KEYS = {
    Severity.FATAL: "validate_out.severity_fatal",
    Severity.WARNING: "validate_out.severity_warning",
    Severity.INFORMATION: "validate_out.severity_information",
}
_SEVERITY_ORDER = {Severity.FATAL: 0, Severity.WARNING: 1, Severity.INFORMATION: 2}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Control characters shown as ``\\xNN``.

    Messages and file names come from documents, which are untrusted: an escape
    sequence in an invoice must not drive the clerk's terminal or break a report.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def colon() -> str:
    """``": "``, or ``" : "`` in French, whose typography puts a space before the colon."""
    return " : " if language() == "fr" else ": "


def labelled(key: str, value: str) -> str:
    """``"Location: /x/y"`` in the current language."""
    return f"{t(key)}{colon()}{value}"


def layer_label(layer: Layer) -> str:
    return t(LAYER_KEYS[layer]) if layer in LAYER_KEYS else str(layer)


def severity_label(severity: Severity) -> str:
    return t(SEVERITY_KEYS[severity]) if severity in SEVERITY_KEYS else str(severity)


_VERDICT_KEYS = {
    Verdict.VALID: "validate_out.valid",
    Verdict.INVALID: "validate_out.invalid",
    Verdict.NOT_CHECKED: "validate_out.not_checked",
}


def verdict_label(report: Report) -> str:
    return t(_VERDICT_KEYS[report.verdict])


def finding_terms(finding: Finding) -> list[str]:
    """The terms a finding touches, each with its plain name."""
    terms = list(finding.terms) or terms_in(finding.message)
    return [describe(term) for term in terms]


@dataclass(frozen=True, slots=True)
class LayerSection:
    layer: Layer
    ran: bool
    findings: list[Finding]


def sections(report: Report) -> list[LayerSection]:
    """The layers that ran or said something, in running order, findings worst first.

    A layer that did not run but left a finding (an artefact missing, an engine that
    crashed) is shown: that is exactly what a reader must see.
    """
    by_layer: dict[Layer, list[Finding]] = {}
    for finding in report.findings:
        by_layer.setdefault(finding.layer, []).append(finding)
    shown = [layer for layer in Layer if layer in by_layer or layer in report.layers_run]
    return [
        LayerSection(
            layer,
            layer in report.layers_run,
            sorted(by_layer.get(layer, []), key=lambda f: _SEVERITY_ORDER.get(f.severity, 3)),
        )
        for layer in shown
    ]


def counts(findings: Sequence[Finding]) -> Counter[Severity]:
    return Counter(f.severity for f in findings)


def summary(reports: Sequence[Report]) -> str:
    total = Counter(f.severity for r in reports for f in r.findings)
    verdicts = Counter(r.verdict for r in reports)
    return t(
        "validate_out.summary_unchecked"
        if verdicts[Verdict.NOT_CHECKED]
        else "validate_out.summary",
        total=len(reports),
        valid=verdicts[Verdict.VALID],
        invalid=verdicts[Verdict.INVALID],
        unchecked=verdicts[Verdict.NOT_CHECKED],
        fatal=total[Severity.FATAL],
        warning=total[Severity.WARNING],
    )
