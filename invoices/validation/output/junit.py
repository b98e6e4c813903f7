"""The report for CI pipelines: JUnit XML, as GitLab, Jenkins and GitHub read it.

One ``testsuite`` per file, one ``testcase`` per layer that ran or reported; a layer
with fatal findings is a failed test case (one ``failure`` listing them all, which
every JUnit reader accepts), warnings and information go to ``system-out``.  A
document on which no layer could run gets a failed ``validation`` test case: a CI
job must never turn green on a document nobody checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from invoices.i18n import t
from invoices.validation.output.common import (
    finding_terms,
    labelled,
    layer_label,
    sections,
    severity_label,
)
from invoices.validation.output.explain import explain
from invoices.validation.report import Finding, Report


def _describe(finding: Finding) -> str:
    lines = [f"{severity_label(finding.severity)} {finding.rule}: {finding.message}"]
    if finding.location:
        lines.append("  " + labelled("validate_out.location", finding.location))
    terms = finding_terms(finding)
    if terms:
        lines.append("  " + labelled("validate_out.terms", "; ".join(terms)))
    plain = explain(finding)
    if plain:
        lines.append("  " + labelled("validate_out.explanation", plain))
    return "\n".join(lines)


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters; an official message might."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def _suite(report: Report) -> etree._Element:
    suite = etree.Element("testsuite", name=_clean(report.file))
    props = etree.SubElement(suite, "properties")
    facts = {
        "sha256": report.sha256,
        "syntax": report.syntax or "",
        "profile": report.profile or "",
        "valid": "true" if report.valid else "false",
        "verdict": str(report.verdict),
    }
    facts.update(
        {f"artefact:{name}": version for name, version in sorted(report.artefacts.items())}
    )
    for name, value in facts.items():
        etree.SubElement(props, "property", name=_clean(name), value=_clean(value))
    failures = 0
    cases = sections(report)
    if not report.layers_run:
        case = etree.SubElement(suite, "testcase", classname=_clean(report.file), name="validation")
        message = t("validate_out.no_layer_ran")
        etree.SubElement(case, "failure", message=message, type="not-run").text = message
        failures += 1
    for section in cases:
        case = etree.SubElement(
            suite,
            "testcase",
            classname=_clean(report.file),
            name=f"{section.layer}: {layer_label(section.layer)}",
        )
        fatal = [f for f in section.findings if f.fatal]
        other = [f for f in section.findings if not f.fatal]
        if fatal:
            failures += 1
            failure = etree.SubElement(
                case,
                "failure",
                type=fatal[0].rule,
                message=_clean(f"{len(fatal)} × {', '.join(dict.fromkeys(f.rule for f in fatal))}"),
            )
            failure.text = _clean("\n\n".join(_describe(f) for f in fatal))
        if other:
            etree.SubElement(case, "system-out").text = _clean(
                "\n\n".join(_describe(f) for f in other)
            )
    suite.set("tests", str(len(suite.findall("testcase"))))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite


def render(reports: Sequence[Report]) -> str:
    root = etree.Element("testsuites", name="demat validate")
    suites = [_suite(report) for report in reports]
    root.extend(suites)
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
    root.set("failures", str(sum(int(s.get("failures", "0")) for s in suites)))
    root.set("errors", "0")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")
