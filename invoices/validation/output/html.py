"""The report a clerk can open in a browser or mail to a supplier: one HTML file.

Self-contained on purpose: inline CSS, no script, no font, no image, no link to
anything outside the file (only anchors inside the page), so it reads the same
offline, in a webmail or years later in an archive.  Every piece of text from a
document (file names, official messages, locations) is escaped: an invoice is
untrusted input and must not be able to inject markup into the report.

The page opens on a summary table (one row per invoice: file, number, supplier,
date, total with VAT, verdict in words), each row linking to that invoice's
section.  A section gives the findings in the reader's words with the business
location; the official rule text and the XPath stay available, folded away in a
``<details>``, because they are the reference a supplier's developer needs but
a clerk does not.  Nothing is wider than the page: long names and paths wrap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from invoices import __version__
from invoices.display import day, money
from invoices.i18n import language, t
from invoices.validation.output import explain as _explain
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
from invoices.validation.report import Finding, Report, Severity, Verdict

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em auto;
padding:0 1em;max-width:72em;color:#1b1b1b;background:#fff;line-height:1.4;
overflow-wrap:anywhere}
h1{font-size:1.5em;margin-bottom:.2em}
h2{font-size:1.15em;margin:1.6em 0 .3em;overflow-wrap:anywhere}
h3{font-size:1em;margin:1em 0 .3em}
.summary{padding:.6em 1em;background:#f3f4f6;border-radius:6px}
.facts{color:#555;font-size:.9em;overflow-wrap:anywhere}
.badge{display:inline-block;padding:.1em .6em;border-radius:1em;font-weight:bold;
font-size:.85em;color:#fff}
.valid{background:#18753c}.invalid{background:#ce0500}.not-checked{background:#b34000}
.fatal{background:#ce0500}.warning{background:#b34000}.information{background:#0063cb}
table{border-collapse:collapse;width:100%;margin:.3em 0 1em;table-layout:fixed}
caption{text-align:left;color:#555;font-size:.85em;padding:.2em 0}
th,td{border:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
th{background:#f6f6f6}
td.amount{text-align:right;white-space:nowrap}
td.verdict-valid{color:#18753c;font-weight:bold}
td.verdict-invalid{color:#ce0500;font-weight:bold}
td.verdict-not-checked{color:#b34000;font-weight:bold}
ul.findings{list-style:none;padding:0;margin:.3em 0 1em}
li.finding{border:1px solid #ddd;border-radius:6px;padding:.5em .7em;margin:.4em 0}
.rule{font-weight:bold}
.where,.terms{font-size:.9em;color:#333}
details{margin-top:.3em;font-size:.85em;color:#444}
summary{cursor:pointer}
.xpath{font-family:ui-monospace,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere;
word-break:break-all}
.ok{color:#18753c}
footer{margin-top:2em;color:#777;font-size:.85em}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}}
"""

#: The verdict of a summary row, in words.
_VERDICT_WORDS = {
    Verdict.VALID: "validate_html.verdict_valid",
    Verdict.INVALID: "validate_html.verdict_invalid",
    Verdict.NOT_CHECKED: "validate_html.verdict_not_checked",
}


def _e(text: object) -> str:
    return escape(printable(str(text)), quote=True)


def _business_location(finding: Finding) -> str | None:
    """The location in business words, from :mod:`.explain` when it offers it.

    Guarded: the business paths are being written beside this module; until they
    land, the raw location is shown only folded away."""
    locate: Callable[[Finding, str | None], str | None] | None = getattr(
        _explain, "business_location", None
    )
    if not finding.location:
        return None
    if not _is_xpath(finding.location):
        return finding.location  # already words ("ligne 182, colonne 22")
    if locate is None:
        return None
    return locate(finding, language())


def _is_xpath(location: str) -> bool:
    return location.lstrip().startswith("/") or "namespace-uri" in location


def _anchor(index: int) -> str:
    return f"doc-{index + 1}"


def _summary_table(reports: Sequence[Report]) -> str:
    columns = (
        ("validate_out.file", "30%"),
        ("validate_html.number", "14%"),
        ("validate_html.supplier", "20%"),
        ("validate_html.issue_date", "10%"),
        ("validate_html.total", "13%"),
        ("validate_out.verdict", "13%"),
    )
    header = "".join(f'<th scope="col" style="width:{w}">{_e(t(k))}</th>' for k, w in columns)
    rows = []
    for index, report in enumerate(reports):
        facts = report.invoice
        state = str(report.verdict)
        total = money(facts.total, facts.currency or "EUR") if facts is not None else ""
        rows.append(
            f'<tr><td><a href="#{_anchor(index)}">{_e(report.file)}</a></td>'
            f"<td>{_e(facts.number or '') if facts else ''}</td>"
            f"<td>{_e(facts.seller or '') if facts else ''}</td>"
            f"<td>{_e(day(facts.issue_date)) if facts else ''}</td>"
            f'<td class="amount">{_e(total)}</td>'
            f'<td class="verdict-{state}">{_e(t(_VERDICT_WORDS[report.verdict]))}</td></tr>'
        )
    return (
        f'<section aria-labelledby="summary-title"><h2 id="summary-title">'
        f"{_e(t('validate_html.summary_title'))}</h2>"
        f"<table><caption>{_e(t('validate_html.caption'))}</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _finding(finding: Finding) -> str:
    plain = _explain.explain(finding, language())
    headline = plain or finding.message
    parts = [
        f'<li class="finding"><span class="badge {_e(finding.severity)}">'
        f"{_e(severity_label(finding.severity))}</span> "
        f'<span class="rule">{_e(finding.rule)}</span> — {_e(headline)}'
    ]
    where = _business_location(finding)
    if where:
        parts.append(f'<div class="where">{_e(labelled("validate_html.where", where))}</div>')
    terms = finding_terms(finding)
    if terms:
        shown = labelled("validate_out.terms", "; ".join(terms))
        parts.append(f'<div class="terms">{_e(shown)}</div>')
    folded = []
    if plain:
        folded.append(f"<p>{_e(labelled('validate_html.official_text', finding.message))}</p>")
    if finding.location and _is_xpath(finding.location):
        folded.append(
            f'<p>{_e(t("validate_html.xpath"))}</p><p class="xpath">{_e(finding.location)}</p>'
        )
    if folded:
        parts.append(
            f"<details><summary>{_e(t('validate_html.official'))}</summary>"
            + "".join(folded)
            + "</details>"
        )
    parts.append("</li>")
    return "".join(parts)


def _facts(report: Report) -> str:
    unknown = t("validate_out.unknown")
    return t(
        "validate_out.facts",
        syntax=report.syntax or unknown,
        profile=report.profile or unknown,
        sha256=report.sha256 or unknown,
    )


def _identity(report: Report) -> str:
    facts = report.invoice
    if facts is None:
        return ""
    shown = [
        labelled("validate_html.number", facts.number) if facts.number else "",
        labelled("validate_html.supplier", facts.seller) if facts.seller else "",
        labelled("validate_html.issue_date", day(facts.issue_date)) if facts.issue_date else "",
        labelled("validate_html.total", money(facts.total, facts.currency or "EUR"))
        if facts.total is not None
        else "",
    ]
    return f"<p>{' · '.join(_e(part) for part in shown if part)}</p>"


def _report(index: int, report: Report) -> str:
    state = str(report.verdict)
    parts = [
        f'<section id="{_anchor(index)}"><h2><span class="badge {state}">'
        f"{_e(verdict_label(report))}</span> {_e(report.file)}</h2>",
        _identity(report),
        f'<p class="facts">{_e(_facts(report))}</p>',
    ]
    if not report.layers_run:
        parts.append(
            f'<p><span class="badge invalid">{_e(t("validate_out.no_layer_ran"))}</span></p>'
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
        items = "".join(_finding(f) for f in section.findings)
        parts.append(f'<ul class="findings">{items}</ul>')
    if report.artefacts:
        listed = ", ".join(
            f"{name} {version}" for name, version in sorted(report.artefacts.items())
        )
        parts.append(f'<p class="facts">{_e(labelled("validate_out.artefacts", listed))}</p>')
    parts.append("</section>")
    return "\n".join(part for part in parts if part)


def render(reports: Sequence[Report]) -> str:
    title = _e(t("validate_out.title"))
    body = "\n".join(_report(index, report) for index, report in enumerate(reports))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(language())}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<h1>{title}</h1>\n<p class="summary">{_e(summary(reports))}</p>\n'
        f"{_summary_table(reports)}\n"
        f"<h2>{_e(t('validate_html.details_title'))}</h2>\n"
        f"{body}\n"
        f"<footer>{_e(t('validate_out.generated', version=__version__))}</footer>\n"
        "</body>\n</html>\n"
    )
