"""Factur-X PDFs: PDF/A-3 with the CII embedded as factur-x.xml, readable pages, reproducible."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal

import facturx
import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from invoices.errors import InputError
from invoices.facturx.profiles import PROFILES
from invoices.model import Invoice, Item, Line, LineVat, Price
from invoices.reading import read_document
from invoices.syntax import Profile, Syntax
from invoices.write import render_pdf, to_cii, to_facturx_pdf
from invoices.write.totals import complete


def _resolve(obj: object) -> object:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


@pytest.fixture(scope="module")
def pdf(full: Invoice) -> bytes:
    return to_facturx_pdf(full, Profile.EN16931)


def test_embeds_the_cii_as_factur_x_xml(full: Invoice, pdf: bytes) -> None:
    name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=True)
    assert name == "factur-x.xml"
    assert xml == to_cii(full, Profile.EN16931)
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    (spec,) = [_resolve(f) for f in _resolve(catalog["/AF"])]
    assert spec["/F"] == "factur-x.xml" and spec["/AFRelationship"] == "/Data"


def test_declares_pdf_a3_and_the_profile_in_xmp(pdf: bytes) -> None:
    xmp = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert b"<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>" in xmp
    assert b"<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>" in xmp
    # Fixed clock: the issue date, never the time of generation.
    assert b"2026-04-02T12:00:00+00:00" in xmp


def test_pdf_a_prerequisites_fonts_embedded_and_output_intent(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    (intent,) = [_resolve(i) for i in reader.trailer["/Root"]["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    for page in reader.pages:
        for font in _resolve(page["/Resources"])["/Font"].values():
            font = _resolve(font)
            descendant = _resolve(font["/DescendantFonts"][0])
            assert "/FontFile2" in _resolve(descendant["/FontDescriptor"]), font["/BaseFont"]


def test_visible_page_tells_the_same_invoice(full: Invoice, pdf: bytes) -> None:
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert full.number in text
    assert "MAIRIE-FIN" in text and "EJ-2026-000123" in text  # Chorus Pro references
    assert "51234567900025" in text  # seller SIRET
    payable = f"{full.totals.payable:,.2f}".replace(",", "\u202f").replace(".", ",")
    assert payable in text


@pytest.mark.parametrize("profile", PROFILES, ids=str)
def test_every_profile_gives_a_factur_x_pdf_the_reader_recognises(
    sparse: Invoice, profile: Profile
) -> None:
    doc = read_document(to_facturx_pdf(sparse, profile), name="x.pdf")
    assert doc.detection.syntax is Syntax.FACTURX_PDF
    assert doc.detection.profile is profile
    assert doc.detection.embedded_name == "factur-x.xml"
    assert doc.invoice is not None and doc.invoice.number == sparse.number


def test_same_invoice_same_bytes(full: Invoice, pdf: bytes) -> None:
    assert to_facturx_pdf(full, Profile.EN16931) == pdf


def test_long_invoices_flow_over_pages(sparse: Invoice) -> None:
    lines = tuple(
        Line(
            id=str(i),
            quantity=Decimal(i),
            unit="C62",
            price=Price(net=Decimal("1.5")),
            vat=LineVat("S", Decimal(20)),
            item=Item(name=f"Article numéro {i} " * 3),
        )
        for i in range(1, 81)
    )
    invoice = complete(dataclasses.replace(sparse, lines=lines))
    reader = PdfReader(io.BytesIO(render_pdf(invoice)))
    assert len(reader.pages) > 1
    assert "80" in reader.pages[-1].extract_text()


def test_credit_note_title(full_credit_note: Invoice) -> None:
    text = PdfReader(io.BytesIO(render_pdf(full_credit_note))).pages[0].extract_text()
    assert f"Avoir n° {full_credit_note.number}" in text


def test_an_invoice_the_xsd_refuses_is_a_clear_error(sparse: Invoice) -> None:
    untyped = dataclasses.replace(sparse, type_code=None)  # ram:TypeCode is mandatory
    with pytest.raises(InputError) as caught:
        to_facturx_pdf(untyped, Profile.EN16931)
    assert caught.value.message().startswith("S-1: the document produced is not valid")
