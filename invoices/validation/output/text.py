"""The report for people at a terminal: one block per file, grouped by layer.

Each finding shows its severity, rule and location, the official message, the BT
terms it touches with their plain names, and a plain-words explanation of the rule
family.  Colours only when asked (the CLI asks when standard output is a terminal),
so that cron mails and redirected files stay clean.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from invoices.i18n import t, word
from invoices.validation.output.common import (
    counts,
    finding_terms,
    labelled,
    layer_label,
    printable,
    sections,
    severity_label,
    summary,
    verdict_label,
)
from invoices.validation.output.explain import explain
from invoices.validation.report import Finding, Report, Severity

_COLOURS = {Severity.FATAL: "red", Severity.WARNING: "yellow", Severity.INFORMATION: "cyan"}


def _style(text: str, color: bool, **style: object) -> str:
    return click.style(text, **style) if color else text  # type: ignore[arg-type]


def _finding(finding: Finding, color: bool) -> list[str]:
    head = f"    {severity_label(finding.severity)}  {printable(finding.rule)}"
    lines = [_style(head, color, fg=_COLOURS.get(finding.severity), bold=finding.fatal)]
    lines.append(f"      {printable(finding.message)}")
    if finding.location:
        lines.append(_label_line("validate_out.location", printable(finding.location)))
    terms = finding_terms(finding)
    if terms:
        lines.append(_label_line("validate_out.terms", "; ".join(terms)))
    plain = explain(finding)
    if plain:
        lines.append(_label_line("validate_out.explanation", plain))
    return lines


def _label_line(key: str, value: str) -> str:
    return "      " + labelled(key, value)


def _report(report: Report, color: bool) -> list[str]:
    verdict = verdict_label(report)
    verdict = _style(
        verdict,
        color,
        fg={"valid": "green", "invalid": "red"}.get(str(report.verdict), "yellow"),
        bold=True,
    )
    lines = [t("validate_out.file_line", file=printable(report.file), verdict=verdict)]
    unknown = t("validate_out.unknown")
    lines.append(
        "  "
        + t(
            "validate_out.facts",
            syntax=report.syntax or unknown,
            profile=word("profile", report.profile) if report.profile else unknown,
            sha256=report.sha256 or unknown,
        )
    )
    if not report.layers_run:
        lines.append("  " + _style(t("validate_out.no_layer_ran"), color, fg="red"))
    for section in sections(report):
        c = counts(section.findings)
        state = (
            t(
                "validate_out.layer_counts",
                fatal=c[Severity.FATAL],
                warning=c[Severity.WARNING],
                information=c[Severity.INFORMATION],
            )
            if section.findings
            else t("validate_out.layer_ok")
        )
        lines.append(f"  {layer_label(section.layer)} — {state}")
        for finding in section.findings:
            lines.extend(_finding(finding, color))
    if report.artefacts:
        listed = ", ".join(
            f"{name} {version}" for name, version in sorted(report.artefacts.items())
        )
        lines.append("  " + labelled("validate_out.artefacts", listed))
    return lines


def render(reports: Sequence[Report], *, color: bool = False) -> str:
    blocks = ["\n".join(_report(report, color)) for report in reports]
    blocks.append(summary(reports))
    return "\n\n".join(blocks) + "\n"
