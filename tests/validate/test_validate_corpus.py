"""Our verdicts against the official ones, file by file, over the whole shared corpus.

For every file of ``shared/corpus`` (VERDICTS.tsv): our ``valid`` equals ``verdict``;
our fatal rule ids of the official schematron layers equal ``fatal_rule_ids``; the last
XSD error reads exactly as ``xsd_error``; the artefacts chosen are the ``artefacts``
column; with ``fr=True`` our BR-FR fatal rule ids equal ``brfr_fatal_rule_ids``; a
Saxon error inside an official stylesheet (``error`` column) is our fatal technical
finding.  And every split CEN rule test (MANIFEST ``expected_rules``) fires exactly its
rule.  The corpus is validated twice (without and with BR-FR) with two warm workers,
once per session.

Documented differences (artefact, not engine): see :data:`KNOWN_DIFFERENCES`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from invoices.validation.plan import plan_for
from invoices.validation.report import Layer, Report
from invoices.validation.rules import TECHNICAL_PREFIX
from invoices.validation.run import validate_many

#: (path, rule) pairs where an ``expected_rules`` entry of MANIFEST is not fired by the
#: official artefacts, with the reason.  The reference verdict agrees with us on each.
KNOWN_DIFFERENCES = {
    (
        "facturx-cas-limites/cas/DATA-001/factur-x.xml",
        "CII-DT-097",
    ): "CII-DT-097 is a rule of the CEN CII schematron; a Factur-X BASIC file is checked "
    "with the Factur-X BASIC schematron, which does not contain it (the reference "
    "verdict reports it missing too: expected_rules_check=missing:CII-DT-097)",
    (
        "facturx-cas-limites/cas/DATA-001/facture.pdf",
        "CII-DT-097",
    ): "same file embedded in a Factur-X PDF: same artefact difference",
}

OFFICIAL = {Layer.EN16931, Layer.PROFILE}


def _ids(column: str) -> set[str]:
    return {item for item in column.split(",") if item}


def _official_fatal(report: Report, layers: set[Layer]) -> set[str]:
    return {
        f.rule
        for f in report.findings
        if f.fatal and f.layer in layers and not f.rule.startswith(TECHNICAL_PREFIX)
    }


@dataclass(frozen=True)
class Result:
    row: dict[str, str]
    plain: Report
    fr: Report


@pytest.fixture(scope="module")
def results(
    corpus: Path, verdicts: list[dict[str, str]], cen_dir: Path
) -> Iterator[dict[str, Result]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("DEMAT_ARTEFACTS_DIR", str(cen_dir))
    from schemas.catalogue import forget_verified

    forget_verified()
    try:
        paths = [corpus / row["path"] for row in verdicts]
        plain = list(validate_many(paths, jobs=2))
        with_fr = list(validate_many(paths, jobs=2, fr=True))
    finally:
        mp.undo()
        forget_verified()
    yield {
        row["path"]: Result(row, p, f) for row, p, f in zip(verdicts, plain, with_fr, strict=True)
    }


def _report_mismatches(mismatches: list[str], total: int, what: str) -> None:
    assert not mismatches, f"{len(mismatches)}/{total} files disagree on {what}:\n" + "\n".join(
        mismatches[:40]
    )


def test_every_file_gets_the_official_verdict(results: dict[str, Result]) -> None:
    bad = [
        f"{path}: ours {'valid' if r.plain.valid else 'invalid'}, official "
        f"{r.row['verdict']}; {[f.rule for f in r.plain.findings if f.fatal][:8]}"
        for path, r in results.items()
        if ("valid" if r.plain.valid else "invalid") != r.row["verdict"]
    ]
    _report_mismatches(bad, len(results), "the verdict")


def test_every_file_fires_the_official_fatal_rules(results: dict[str, Result]) -> None:
    bad = []
    for path, r in results.items():
        ours, theirs = _official_fatal(r.plain, OFFICIAL), _ids(r.row["fatal_rule_ids"])
        if ours != theirs:
            bad.append(
                f"{path}: only ours {sorted(ours - theirs)}, only official {sorted(theirs - ours)}"
            )
    _report_mismatches(bad, len(results), "the fatal rule ids")


def test_every_file_gets_the_official_warnings(results: dict[str, Result]) -> None:
    bad = []
    for path, r in results.items():
        ours = {f.rule for f in r.plain.findings if f.severity == "warning" and f.layer in OFFICIAL}
        if ours != _ids(r.row["warning_rule_ids"]):
            bad.append(f"{path}: {sorted(ours ^ _ids(r.row['warning_rule_ids']))}")
    _report_mismatches(bad, len(results), "the warning rule ids")


def test_xsd_errors_read_as_the_official_ones(results: dict[str, Result]) -> None:
    bad = []
    for path, r in results.items():
        messages = [f.message for f in r.plain.findings if f.rule == "XSD"]
        expected = r.row["xsd_error"]
        if expected:
            # The reference kept the last error of libxml2's log, cut at 200 characters.
            if not messages or not messages[-1].startswith(expected):
                bad.append(f"{path}: {messages[-1:]} != {expected!r}")
        elif messages:
            bad.append(f"{path}: unexpected XSD errors {messages[:2]}")
        if r.row["xsd_ok"] == "true" and Layer.SYNTAX not in r.plain.layers_run:
            bad.append(f"{path}: the XSD did not run")
    _report_mismatches(bad, len(results), "the XSD errors")


def test_brfr_findings_are_the_official_ones(results: dict[str, Result]) -> None:
    bad = []
    for path, r in results.items():
        ours = _official_fatal(r.fr, {Layer.FR})
        theirs = _ids(r.row["brfr_fatal_rule_ids"])
        if ours != theirs:
            bad.append(
                f"{path}: only ours {sorted(ours - theirs)}, only official {sorted(theirs - ours)}"
            )
        # Adding BR-FR never changes what the official layers say.
        if _official_fatal(r.fr, OFFICIAL) != _official_fatal(r.plain, OFFICIAL):
            bad.append(f"{path}: official layers differ when BR-FR is added")
    _report_mismatches(bad, len(results), "the BR-FR rule ids")


def test_engine_errors_inside_official_stylesheets_are_fatal(results: dict[str, Result]) -> None:
    """XPTY0004/FORG0001 raised by official stylesheets: a fatal technical finding."""
    checked = 0
    for path, r in results.items():
        error = r.row["error"]
        for part, report, layer in (
            ("schematron:", r.plain, Layer.EN16931),
            ("brfr:", r.fr, Layer.FR),
        ):
            if part in error:
                checked += 1
                technical = [
                    f
                    for f in report.findings
                    if f.rule == "DEMAT-ENGINE-ERROR" and f.layer is layer
                ]
                assert technical and technical[0].fatal, path
                assert re.search(r"\b(XPTY0004|FORG0001)\b", technical[0].message), technical[
                    0
                ].message
                assert not report.valid
    assert checked >= 5  # line-total-4-decimals, Extended_fremdwaehrung, xml_issue_206...


def test_artefacts_are_the_ones_the_reference_used(results: dict[str, Result]) -> None:
    bad = []
    for path, r in results.items():
        if not r.row["artefacts"]:
            continue
        plan = plan_for(r.plain.syntax or "", r.plain.profile)
        label = plan.label if plan else ""
        if label != r.row["artefacts"]:
            bad.append(f"{path}: {label} != {r.row['artefacts']}")
        elif plan is not None:
            used = {k for k in (plan.xsd, plan.schematron) if k}
            assert used <= set(r.plain.artefacts), path
    _report_mismatches(bad, len(results), "the artefacts")


def test_every_report_names_its_artefact_versions(results: dict[str, Result]) -> None:
    for r in results.values():
        assert r.plain.artefacts["factur-x"] == "7.8"
        assert r.plain.artefacts["saxonche"]


def _expected_rules(text: str) -> list[tuple[str, str, int]]:
    """``success:BR-12`` -> must not fire; ``error:BR-12`` / ``BR-S-08 (deux fois)`` -> fires."""
    result = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        times = 2 if "(deux fois)" in item else 1
        item = item.replace("(deux fois)", "").strip()
        kind, _, rule = item.rpartition(":")
        result.append((kind or "error", rule, times))
    return result


def test_split_cen_rule_tests_fire_exactly_their_rule(
    results: dict[str, Result], manifest: dict[str, dict[str, str]]
) -> None:
    checked = 0
    bad = []
    for path, row in manifest.items():
        if not row["expected_rules"]:
            continue
        report = results[path].fr
        fired = [f.rule for f in report.findings if f.fatal]
        for kind, rule, times in _expected_rules(row["expected_rules"]):
            checked += 1
            if (path, rule) in KNOWN_DIFFERENCES:
                assert rule not in fired, f"{path}: {rule} now fires; update KNOWN_DIFFERENCES"
                continue
            if kind == "success" and rule in fired:
                bad.append(f"{path}: {rule} fires on its success case")
            elif kind == "error" and fired.count(rule) < times:
                bad.append(f"{path}: {rule} fires {fired.count(rule)} time(s), expected {times}")
    assert checked >= 98
    _report_mismatches(bad, checked, "the expected rules")
