"""A document is read once: one hash, one media-type verdict, one parse, no PDF library
for XML."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from invoices.reading import read_document, scan_document
from invoices.syntax.detect import media_type

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.parametrize(
    "name", ["ubl-invoice.xml", "cii-en16931.xml", "facturx-basic.pdf", "ubl-credit-note.xml"]
)
def test_the_media_type_is_the_detections_verdict(name: str) -> None:
    data = (SAMPLES / name).read_bytes()
    result = read_document(data, name)
    assert result.media_type == media_type(data)
    assert result.media_type == ("application/pdf" if name.endswith(".pdf") else "application/xml")
    assert result.sha256 == hashlib.sha256(data).hexdigest()


def test_media_type_follows_the_detections_rules() -> None:
    assert media_type("<?xml version='1.0'?><a/>".encode("utf-16")) == "application/xml"
    assert media_type(b"\n  <Invoice/>") == "application/xml"
    assert media_type(b"\r\n%PDF-1.7 ...") == "application/pdf"  # header within 1024 bytes
    assert media_type(b"PK\x03\x04 a zip") == "application/octet-stream"


def test_a_digest_the_caller_has_is_not_computed_again() -> None:
    data = (SAMPLES / "ubl-invoice.xml").read_bytes()
    given = hashlib.sha256(data).hexdigest()
    assert scan_document(data, "x.xml", sha256=given).sha256 is given
    assert read_document(data, "x.xml", sha256=given).sha256 is given


def test_reading_xml_does_not_load_the_pdf_library() -> None:
    code = (
        "import sys, invoices.reading as r;"
        f"r.read({str(SAMPLES / 'ubl-invoice.xml')!r});"
        "print('pypdf' in sys.modules, end='');"
        f"r.read({str(SAMPLES / 'facturx-basic.pdf')!r});"
        "print('pypdf' in sys.modules, end='')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out == "FalseTrue"
