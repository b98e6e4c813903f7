"""Every corpus file gives a model or a clear error, and detection agrees with the
official verdicts on syntax and profile."""

from __future__ import annotations

from pathlib import Path

from invoices.errors import InputError
from invoices.reading import read_document
from invoices.syntax import Syntax
from invoices.syntax.detect import detect

#: VERDICTS says ``other`` for what the official validators do not validate: a
#: ZUGFeRD 1 XML, a PDF without invoice XML, an XML that is not an invoice.  Our
#: names for those; an InputError (not XML at all) is also "other".
_OTHER = {Syntax.ZUGFERD1.value, Syntax.PDF.value, Syntax.UNKNOWN.value}


def test_every_manifest_file_reads_or_fails_clearly(
    corpus: Path, manifest: list[dict[str, str]]
) -> None:
    assert len(manifest) > 400
    outcomes = {"model": 0, "unstructured": 0, "error": 0}
    for row in manifest:
        path = corpus / row["path"]
        try:
            result = read_document(path)
        except InputError as exc:
            message = exc.message()
            assert str(path) in message, message
            assert "Traceback" not in message
            outcomes["error"] += 1
            continue
        assert result.name == str(path)
        assert len(result.sha256) == 64
        if result.structured:
            assert result.invoice is not None and result.tree is not None
            assert result.detection.xml is not None
            outcomes["model"] += 1
        else:
            assert result.detection.syntax is Syntax.PDF and result.invoice is None
            outcomes["unstructured"] += 1
    # The corpus is overwhelmingly readable: a regression that turns good files into
    # errors must fail here, not hide behind "a clear error is fine".
    assert outcomes["model"] >= 390, outcomes
    assert outcomes["unstructured"] >= 2, outcomes


def test_detection_agrees_with_verdicts(corpus: Path, verdicts: list[dict[str, str]]) -> None:
    mismatches = []
    for row in verdicts:
        expected_syntax, expected_profile = row["syntax"], row["profile"]
        data = (corpus / row["path"]).read_bytes()
        try:
            detection = detect(data, row["path"])
        except InputError as exc:
            if expected_syntax != "other":
                mismatches.append(f"{row['path']}: error {exc.message()}")
            continue
        syntax, profile = detection.syntax.value, detection.profile.value
        ok = syntax in _OTHER if expected_syntax == "other" else syntax == expected_syntax
        if expected_profile:
            ok = ok and profile == expected_profile
        if not ok:
            mismatches.append(
                f"{row['path']}: {syntax}/{profile}, verdict {expected_syntax}/{expected_profile}"
            )
    assert not mismatches, "\n".join(mismatches)


def test_pdf_detection_reports_attachment_and_xmp(corpus: Path) -> None:
    path = corpus / "akretion-facturx/tests/fixtures/pdf/invoice_EN16931.pdf"
    detection = detect(path.read_bytes(), str(path))
    assert detection.syntax is Syntax.FACTURX_PDF
    assert detection.embedded_name == "factur-x.xml"
    assert detection.af_relationship == "Source"
    assert detection.xmp_profile == "EN 16931"
    assert detection.specification_id == "urn:cen.eu:en16931:2017"
    assert detection.xml is not None and b"CrossIndustryInvoice" in detection.xml
