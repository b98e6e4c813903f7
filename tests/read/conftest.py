"""Fixtures of the readers' tests: the corpus manifest and the official verdicts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="session")
def manifest(corpus: Path) -> list[dict[str, str]]:
    """Every row of ``corpus/MANIFEST.tsv``."""
    return _rows(corpus / "MANIFEST.tsv")


@pytest.fixture(scope="session")
def verdicts(corpus: Path) -> list[dict[str, str]]:
    """Every row of ``corpus/VERDICTS.tsv`` (syntax/profile as the official tools saw them)."""
    return _rows(corpus / "VERDICTS.tsv")


def build_pdf(attachments: list[tuple[str, bytes, str]], xmp: bytes | None = None) -> bytes:
    """A small, well-formed PDF whose attachments are given as raw streams.

    ``attachments`` holds ``(name, stream bytes as stored, extra stream dictionary
    entries)``: the caller decides the filter and the declared sizes, which is what
    hostile-input tests need (pypdf's writer always stores honest streams).
    """
    objects: list[bytes] = []
    names = []
    specs = []
    first_attachment = 4
    for index, (name, _raw, _extra) in enumerate(attachments):
        spec_id = first_attachment + 2 * index
        names.append(f"({name}) {spec_id} 0 R")
        specs.append(f"{spec_id} 0 R")
    xmp_id = first_attachment + 2 * len(attachments)
    metadata = f" /Metadata {xmp_id} 0 R" if xmp is not None else ""
    objects.append(
        f"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [{' '.join(names)}]"
        f" >> >> /AF [{' '.join(specs)}]{metadata} >>".encode()
    )
    objects.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    for index, (name, raw, extra) in enumerate(attachments):
        stream_id = first_attachment + 2 * index + 1
        objects.append(
            f"<< /Type /Filespec /F ({name}) /UF ({name}) /AFRelationship /Data"
            f" /EF << /F {stream_id} 0 R >> >>".encode()
        )
        objects.append(
            f"<< /Type /EmbeddedFile /Subtype /text#2Fxml {extra} /Length {len(raw)} >>".encode()
            + b"\nstream\n"
            + raw
            + b"\nendstream"
        )
    if xmp is not None:
        objects.append(
            f"<< /Type /Metadata /Subtype /XML /Length {len(xmp)} >>".encode()
            + b"\nstream\n"
            + xmp
            + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


@pytest.fixture(scope="session")
def make_pdf():
    return build_pdf


@pytest.fixture(scope="session")
def cii_sample() -> bytes:
    """A small Factur-X EN16931 invoice to the commune, with the terms the tests look at."""
    return (DATA / "facture-cii-en16931.xml").read_bytes()
