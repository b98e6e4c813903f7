"""The committed samples are what ``samples/make_samples.py`` produces, and show what they claim."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import ModuleType

import facturx
import pytest
from write_helpers import assert_subset

from invoices.errors import InputError
from invoices.facturx.profiles import SPECIFICATION_IDS
from invoices.reading import read, read_document
from invoices.syntax import Profile, Syntax

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
REGENERATE = "run `python samples/make_samples.py` and commit the result"


def _embedded(pdf: bytes) -> tuple[str, bytes]:
    name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=False)
    return name, xml


def test_every_sample_is_committed_and_up_to_date(built_samples: dict[str, bytes]) -> None:
    for name, data in built_samples.items():
        path = SAMPLES / name
        assert path.is_file(), f"{name} missing: {REGENERATE}"
        on_disk = path.read_bytes()
        if name.endswith(".xml"):
            assert on_disk == data, f"{name} is out of date: {REGENERATE}"
        elif name == "broken/corrupt.pdf":
            # A truncated PDF has no embedded XML to compare: it must stay truncated.
            assert on_disk.startswith(b"%PDF-") and b"%%EOF" not in on_disk[-1024:]
        else:
            assert _embedded(on_disk) == _embedded(data), f"{name} is out of date: {REGENERATE}"


def test_no_stray_files_in_samples(make_samples: ModuleType) -> None:
    """Every invoice file in samples/ comes from the script (nothing hand-made)."""
    known = set(make_samples.SAMPLES)
    present = {
        p.relative_to(SAMPLES).as_posix()
        for p in SAMPLES.rglob("*")
        if p.is_file() and p.suffix in {".xml", ".pdf"}
    }
    assert present == known


def test_pdf_generation_is_reproducible(
    make_samples: ModuleType, built_samples: dict[str, bytes]
) -> None:
    again = make_samples.SAMPLES["facturx-basic.pdf"]()
    assert again == built_samples["facturx-basic.pdf"]


def test_readme_describes_every_sample(make_samples: ModuleType) -> None:
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for name in make_samples.SAMPLES:
        assert f"`{name}`" in readme, name


@pytest.mark.parametrize(
    "name",
    [
        "ubl-invoice.xml",
        "ubl-credit-note.xml",
        "cii-en16931.xml",
        "chorus-service-engagement.xml",
        "facturx-minimum.pdf",
        "facturx-basicwl.pdf",
        "facturx-basic.pdf",
        "facturx-en16931.pdf",
        "facturx-extended.pdf",
    ],
)
def test_good_samples_read_back_as_their_model(make_samples: ModuleType, name: str) -> None:
    invoice, profile = make_samples.MODELS[name]
    doc = read_document(SAMPLES / name)
    assert doc.structured and doc.invoice is not None
    if name.startswith("ubl"):
        assert doc.detection.syntax in (Syntax.UBL_INVOICE, Syntax.UBL_CREDITNOTE)
        expected = dataclasses.replace(invoice, specification_id="urn:cen.eu:en16931:2017")
    else:
        assert doc.detection.profile is profile
        expected = dataclasses.replace(invoice, specification_id=SPECIFICATION_IDS[profile])
    if profile in (Profile.EN16931, Profile.EXTENDED):
        assert doc.invoice == expected
    else:  # lower profiles carry less (no lines below BASIC, no contacts below EN16931)
        assert_subset(doc.invoice, expected)
        assert doc.invoice.totals.payable == invoice.totals.payable
        assert (doc.invoice.lines == ()) == (profile is not Profile.BASIC)


def test_good_samples_are_valid_against_their_xsd(built_samples: dict[str, bytes]) -> None:
    for name, data in built_samples.items():
        if name.startswith("broken/"):
            continue
        if name.endswith(".pdf"):
            _, data = _embedded(data)
        assert facturx.xml_check_xsd(data), name


def test_amounts_add_up_in_every_good_sample(make_samples: ModuleType) -> None:
    zero = 0
    for name, (invoice, _) in make_samples.MODELS.items():
        t = invoice.totals
        assert t.line_total == sum(line.net_amount for line in invoice.lines), name
        assert t.tax_exclusive == t.line_total - (t.allowance_total or zero) + (
            t.charge_total or zero
        ), name
        assert t.vat_total == sum(row.tax_amount for row in invoice.vat_breakdown), name
        assert t.tax_inclusive == t.tax_exclusive + t.vat_total, name
        assert t.payable == t.tax_inclusive - (t.prepaid or zero) + (t.rounding or zero), name


def test_samples_are_addressed_to_the_seed_world(make_samples: ModuleType) -> None:
    sellers = {"40212345900016", "51234567900025", "80298765100014", "21750011500019"}
    buyers = {
        "21750011500019",
        "21690123100011",
        "21130055300016",
        "21330063500017",
        "21310555400017",
        "21440109300015",
    }
    numbers = set()
    for name, (invoice, _) in make_samples.MODELS.items():
        assert invoice.seller.legal_id.scheme == "0009" and invoice.seller.siret in sellers, name
        assert invoice.buyer.legal_id.scheme == "0009" and invoice.buyer.siret in buyers, name
        key = (invoice.seller.siret, invoice.issue_date.year, invoice.number)
        assert key not in numbers, f"{name}: invoice number reused"
        numbers.add(key)


def test_chorus_sample_has_service_code_and_engagement() -> None:
    invoice = read(SAMPLES / "chorus-service-engagement.xml")
    assert invoice.buyer.siret == "21440109300015"
    assert invoice.buyer_reference == "DEP-ACHATS"
    assert invoice.purchase_order == "EJ-2026-000123"


def test_credit_note_refers_to_its_invoice() -> None:
    credit = read(SAMPLES / "ubl-credit-note.xml")
    invoice = read(SAMPLES / "ubl-invoice.xml")
    assert credit.is_credit_note
    assert [p.number for p in credit.preceding_invoices] == [invoice.number]
    assert credit.preceding_invoices[0].issue_date == invoice.issue_date


def test_broken_xsd_sample_fails_only_its_xsd() -> None:
    data = (SAMPLES / "broken/xsd-error.xml").read_bytes()
    with pytest.raises(Exception, match="TypeCode"):
        facturx.xml_check_xsd(data, flavor="factur-x", level="en16931")


def test_broken_totals_sample_is_schema_valid_but_does_not_add_up() -> None:
    data = (SAMPLES / "broken/br-co-15-totals.xml").read_bytes()
    assert facturx.xml_check_xsd(data, flavor="factur-x", level="en16931")
    totals = read(data).totals
    assert totals.tax_inclusive != totals.tax_exclusive + totals.vat_total


@pytest.mark.parametrize("name", ["broken/xxe.xml", "broken/billion-laughs.xml"])
def test_hostile_samples_are_refused(name: str) -> None:
    data = (SAMPLES / name).read_bytes()
    assert b"<!DOCTYPE" in data and b"<!ENTITY" in data
    with pytest.raises(InputError, match="DOCTYPE"):
        read_document(SAMPLES / name)


def test_corrupt_pdf_is_refused_clearly() -> None:
    with pytest.raises(InputError, match=r"corrupt\.pdf"):
        read_document(SAMPLES / "broken/corrupt.pdf")
