"""The report a clerk can open in a browser or mail to a supplier: one HTML file.

Self-contained on purpose: inline CSS, no script, no font, no image, no link to
anything outside the file, so it reads the same offline, in a webmail or years
later in an archive.  Every piece of text from a document (file names, official
messages, locations) is escaped: an invoice is untrusted input and must not be able
to inject markup into the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from invoices import __version__
from invoices.i18n import language, t
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

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em;
color:#1b1b1b;background:#fff;line-height:1.4}
h1{font-size:1.5em;margin-bottom:.2em}
h2{font-size:1.15em;margin:1.6em 0 .3em;word-break:break-all}
h3{font-size:1em;margin:1em 0 .3em}
.summary{padding:.6em 1em;background:#f3f4f6;border-radius:6px}
.facts{color:#555;font-size:.9em;word-break:break-all}
.badge{display:inline-block;padding:.1em .6em;border-radius:1em;font-weight:bold;
font-size:.85em;color:#fff}
.valid{background:#18753c}.invalid{background:#ce0500}.not-checked{background:#b34000}
.fatal{background:#ce0500}.warning{background:#b34000}.information{background:#0063cb}
table{border-collapse:collapse;width:100%;margin:.3em 0 1em}
th,td{border:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f6f6f6}
td.loc{font-family:ui-monospace,Consolas,monospace;font-size:.8em;word-break:break-all}
.plain{color:#444;font-style:italic}
.terms{font-size:.9em}
.ok{color:#18753c}
footer{margin-top:2em;color:#777;font-size:.85em}
"""


def _e(text: object) -> str:
    return escape(printable(str(text)), quote=True)


def _finding_row(finding: Finding) -> str:
    terms = "<br>".join(_e(term) for term in finding_terms(finding))
    plain = explain(finding)
    message = _e(finding.message)
    if plain:
        message += f'<div class="plain">{_e(labelled("validate_out.explanation", plain))}</div>'
    return (
        f'<tr><td><span class="badge {_e(finding.severity)}">'
        f"{_e(severity_label(finding.severity))}</span></td>"
        f"<td>{_e(finding.rule)}</td><td>{message}</td>"
        f'<td class="terms">{terms}</td><td class="loc">{_e(finding.location or "")}</td></tr>'
    )


def _facts(report: Report) -> str:
    unknown = t("validate_out.unknown")
    return t(
        "validate_out.facts",
        syntax=report.syntax or unknown,
        profile=report.profile or unknown,
        sha256=report.sha256 or unknown,
    )


def _report(report: Report) -> str:
    state = str(report.verdict)
    parts = [
        f'<section><h2><span class="badge {state}">{_e(verdict_label(report))}</span> '
        f"{_e(report.file)}</h2>",
        f'<p class="facts">{_e(_facts(report))}</p>',
    ]
    if not report.layers_run:
        parts.append(
            f'<p><span class="badge invalid">{_e(t("validate_out.no_layer_ran"))}</span></p>'
        )
    header = "".join(
        f"<th>{_e(t(key))}</th>"
        for key in (
            "validate_out.severity",
            "validate_out.rule",
            "validate_out.message",
            "validate_out.terms",
            "validate_out.location",
        )
    )
    for section in sections(report):
        c = counts(section.findings)
        title = f"{_e(layer_label(section.layer))}"
        if not section.findings:
            parts.append(
                f'<h3>{title} — <span class="ok">{_e(t("validate_out.layer_ok"))}</span></h3>'
            )
            continue
        state_text = t(
            "validate_out.layer_counts",
            fatal=c[Severity.FATAL],
            warning=c[Severity.WARNING],
            information=c[Severity.INFORMATION],
        )
        parts.append(f"<h3>{title} — {_e(state_text)}</h3>")
        rows = "".join(_finding_row(f) for f in section.findings)
        parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>")
    if report.artefacts:
        listed = ", ".join(
            f"{name} {version}" for name, version in sorted(report.artefacts.items())
        )
        parts.append(f'<p class="facts">{_e(labelled("validate_out.artefacts", listed))}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def render(reports: Sequence[Report]) -> str:
    title = _e(t("validate_out.title"))
    body = "\n".join(_report(report) for report in reports)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(language())}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<h1>{title}</h1>\n<p class="summary">{_e(summary(reports))}</p>\n'
        f"{body}\n"
        f"<footer>{_e(t('validate_out.generated', version=__version__))}</footer>\n"
        "</body>\n</html>\n"
    )
