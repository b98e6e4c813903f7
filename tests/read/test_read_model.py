"""What the readers put in the model: types, groups, credit notes, attachments."""

from __future__ import annotations

import dataclasses
import typing
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import invoices
from invoices.errors import InputError
from invoices.model import Identifier, Invoice, term_of, to_terms
from invoices.reading import read, read_document
from invoices.syntax import Profile, Syntax
from invoices.syntax.cii import paths as cii_paths
from invoices.syntax.engine import Group
from invoices.syntax.specification import profile_of
from invoices.syntax.ubl import paths as ubl_paths

DATA = Path(__file__).resolve().parent / "data"
UBL_CREDIT_NOTE = (DATA / "avoir-ubl.xml").read_bytes()


def test_cii_terms_and_types(cii_sample: bytes) -> None:
    result = read_document(cii_sample, name="sample.xml")
    assert result.name == "sample.xml"
    assert (result.detection.syntax, result.detection.profile) == (Syntax.CII, Profile.EN16931)
    inv = result.invoice
    assert inv is not None
    assert inv.number == "FA-2026-0042"
    assert inv.issue_date == date(2026, 1, 15) and inv.due_date == date(2026, 2, 14)
    assert inv.buyer_reference == "MAIRIE-FIN" and inv.purchase_order == "EJ-2026-000123"
    assert inv.seller.legal_id == Identifier("40212345900016", "0009")
    assert inv.seller.siret == "40212345900016" and inv.seller.siren == "402123459"
    assert inv.seller.vat_id == "FR13402123459"
    assert inv.buyer.siret == "21750011500019"
    assert inv.notes[0].text == "Indemnité forfaitaire 40 EUR"
    assert inv.notes[0].subject_code == "PMT"
    assert inv.totals.payable == Decimal("102.00") and isinstance(inv.totals.payable, Decimal)
    assert inv.totals.vat_total == Decimal("17.00") and inv.totals.vat_total_accounting is None
    assert inv.vat_breakdown[0].rate == Decimal("20.00")
    assert inv.payment is not None
    assert inv.payment.credit_transfers[0].account_id == "FR7630006000011234567890189"
    line = inv.lines[0]
    assert (line.quantity, line.unit, line.net_amount) == (Decimal(20), "C62", Decimal("85.00"))
    assert [a.amount for a in line.allowances] == [Decimal("10.00")]
    assert [c.reason for c in line.charges] == ["Emballage"]
    assert line.price is not None and (line.price.gross, line.price.discount) == (
        Decimal("5.00"),
        Decimal("0.50"),
    )
    assert line.item is not None and line.item.attributes[0].value == "80 g"
    attachment = inv.attachments[0]
    assert attachment.content == b"Bonjour !"
    assert (attachment.mime_code, attachment.filename) == ("text/plain", "bl.txt")
    terms = to_terms(inv)
    assert terms["BG-4"]["BT-30"] == {"id": "40212345900016", "scheme": "0009"}
    assert terms["BG-22"]["BT-115"] == "102.00"
    assert terms["BG-25"][0]["BG-27"][0]["BT-136"] == "10.00"


def test_ubl_credit_note() -> None:
    result = read_document(UBL_CREDIT_NOTE)
    assert result.detection.syntax is Syntax.UBL_CREDITNOTE
    assert result.detection.profile is Profile.PEPPOL
    inv = result.invoice
    assert inv is not None and inv.is_credit_note
    assert inv.type_code == "381" and inv.due_date == date(2026, 3, 1)
    assert inv.preceding_invoices[0].number == "FA-2026-0042"
    assert inv.preceding_invoices[0].issue_date == date(2026, 1, 15)
    assert inv.notes[0].subject_code == "AAI" and inv.notes[0].text == "Retour de marchandise"
    assert inv.totals.vat_total == Decimal("20.00")
    assert inv.totals.vat_total_accounting == Decimal("21.70")
    assert inv.lines[0].quantity == Decimal(4) and inv.lines[0].unit == "HUR"
    assert inv.seller.siret == "51234567900025"


def test_pdf_gives_the_same_invoice_as_its_xml(cii_sample: bytes, make_pdf) -> None:
    pdf = make_pdf([("factur-x.xml", zlib.compress(cii_sample), "/Filter /FlateDecode")])
    result = read_document(pdf, name="facture.pdf")
    assert result.detection.syntax is Syntax.FACTURX_PDF
    assert result.detection.af_relationship == "Data"
    assert result.detection.xml == cii_sample
    assert result.invoice == read(cii_sample)


def test_xmp_profile_used_when_xml_names_none(cii_sample: bytes, make_pdf) -> None:
    xml = cii_sample.replace(b"<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", b"<ram:ID></ram:ID>")
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#" '
        b'fx:ConformanceLevel="BASIC WL" fx:DocumentFileName="factur-x.xml"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    result = read_document(make_pdf([("factur-x.xml", xml, "")], xmp=xmp))
    assert result.detection.xmp_profile == "BASIC WL"
    assert result.detection.profile is Profile.BASIC_WL


def test_package_level_read_accepts_paths(tmp_path: Path, cii_sample: bytes) -> None:
    path = tmp_path / "facture.xml"
    path.write_bytes(cii_sample)
    assert invoices.read(path).number == "FA-2026-0042"
    assert read(str(path)).number == "FA-2026-0042"


@pytest.mark.parametrize(
    ("syntax", "bt24", "profile"),
    [
        (Syntax.CII, "urn:factur-x.eu:1p0:minimum", Profile.MINIMUM),
        (Syntax.CII, "urn:factur-x.eu:1p0:basicwl", Profile.BASIC_WL),
        (Syntax.CII, "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", Profile.BASIC),
        (Syntax.CII, "urn:cen.eu:en16931:2017", Profile.EN16931),
        (
            Syntax.CII,
            "urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended",
            Profile.EXTENDED,
        ),
        (
            Syntax.UBL_INVOICE,
            "urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr",
            Profile.EXTENDED_CTC_FR,
        ),
        (
            Syntax.CII,
            "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
            Profile.XRECHNUNG,
        ),
        (
            Syntax.UBL_INVOICE,
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
            Profile.PEPPOL,
        ),
        (
            Syntax.ZUGFERD1,
            "urn:ferd:CrossIndustryDocument:invoice:1p0:comfort",
            Profile.ZUGFERD1_COMFORT,
        ),
        (Syntax.CII, "urn:ferd:CrossIndustryDocument:invoice:1p0:comfort", Profile.UNKNOWN),
        (Syntax.CII, "urn:factur-x.eu:2p0:ultimate", Profile.UNKNOWN),
        (Syntax.CII, None, Profile.UNKNOWN),
    ],
)
def test_profile_from_bt24(syntax: Syntax, bt24: str | None, profile: Profile) -> None:
    assert profile_of(syntax, bt24) is profile


def test_bad_amount_names_the_term(cii_sample: bytes) -> None:
    bad = cii_sample.replace(b"<ram:DuePayableAmount>102.00", b"<ram:DuePayableAmount>102,00")
    with pytest.raises(InputError) as caught:
        read(bad, name="f.xml")
    assert caught.value.message() == "f.xml: BT-115: '102,00' is not a decimal number"


def test_exponent_is_not_a_decimal(cii_sample: bytes) -> None:
    bad = cii_sample.replace(
        b"<ram:RateApplicablePercent>20.00</ram:RateApplicablePercent></ram:A",
        b"<ram:RateApplicablePercent>2E1</ram:RateApplicablePercent></ram:A",
    )
    with pytest.raises(InputError, match="BT-119: '2E1' is not a decimal number"):
        read(bad)


def test_impossible_date_names_the_term(cii_sample: bytes) -> None:
    bad = cii_sample.replace(b">20260115<", b">20260230<")
    expected = r"BT-2: cannot read date '20260230' \(no such day in the calendar"
    with pytest.raises(InputError, match=expected):
        read(bad)


def test_bad_attachment_encoding(cii_sample: bytes) -> None:
    bad = cii_sample.replace(b">Qm9uam91ciAh<", b">not base64!<")
    with pytest.raises(InputError, match="BT-125: attachment content is badly encoded"):
        read(bad)


def _unmapped(cls: type, table: dict, role: str | None, prefix: str = "") -> list[str]:
    """Model fields that have an EN 16931 term in ``role`` but no path in ``table``."""
    hints = typing.get_type_hints(cls)
    missing = []
    for f in dataclasses.fields(cls):
        spec = table.get(f.name)
        term = term_of(cls, f.name, role)
        if spec is None:
            if term is not None:
                missing.append(f"{prefix}{f.name} ({term})")
            continue
        if isinstance(spec, Group):
            child_role = f.metadata.get("role")
            child_role = role if child_role in (None, "*") else child_role
            kind = hints[f.name]
            kind = (typing.get_args(kind) or (kind,))[0]  # X, X | None or tuple[X, ...]
            missing += _unmapped(kind, spec.table, child_role, f"{prefix}{f.name}.")
    return missing


@pytest.mark.parametrize("table", [cii_paths.INVOICE, ubl_paths.INVOICE], ids=["cii", "ubl"])
def test_mapping_covers_the_whole_model(table: dict) -> None:
    """Every term of the model (BG-1..BG-32) has a path in CII and in UBL."""
    assert _unmapped(Invoice, table, None) == []


def test_cii_tax_point_code_is_untdid_2005(cii_sample: bytes) -> None:
    header_tax = b"<ram:BasisAmount>85.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>"
    assert cii_sample.count(header_tax) == 1
    xml = cii_sample.replace(
        header_tax, header_tax + b"<ram:DueDateTypeCode>72</ram:DueDateTypeCode>"
    )
    assert read(xml).tax_point_code == "432"


def test_zugferd1(corpus: Path) -> None:
    path = corpus / "akretion-facturx/tests/fixtures/xml/zugferd-comfort.xml"
    result = read_document(path)
    assert result.detection.syntax is Syntax.ZUGFERD1
    assert result.detection.profile is Profile.ZUGFERD1_COMFORT
    inv = result.invoice
    assert inv is not None
    assert (inv.number, inv.issue_date, inv.currency) == ("471102", date(2013, 3, 5), "EUR")
    assert inv.seller.name == "Lieferant GmbH" and inv.seller.vat_id == "DE123456789"
    assert inv.totals.payable == Decimal("529.87")
    assert [(v.rate, v.tax_amount) for v in inv.vat_breakdown] == [
        (Decimal("7.00"), Decimal("19.25")),
        (Decimal("19.00"), Decimal("37.62")),
    ]
    assert inv.notes[1].subject_code == "REG"


def test_fast_paths_read_exactly_what_xpath_reads(
    corpus: Path, manifest: list[dict[str, str]]
) -> None:
    """The engine walks plain paths itself instead of evaluating XPath (for speed);
    on the whole corpus that must change nothing."""
    from invoices.syntax.dates import cii_date, iso_date
    from invoices.syntax.engine import CompiledMapping

    reference = {
        Syntax.CII: CompiledMapping(
            Invoice,
            cii_paths.INVOICE,
            namespaces=cii_paths.NAMESPACES,
            dates=cii_date,
            variables=cii_paths.VARIABLES,
            fast=False,
        ),
        Syntax.UBL_INVOICE: CompiledMapping(
            Invoice,
            ubl_paths.INVOICE,
            namespaces=ubl_paths.NAMESPACES,
            dates=iso_date,
            variables=ubl_paths.VARIABLES,
            fast=False,
        ),
    }
    reference[Syntax.FACTURX_PDF] = reference[Syntax.CII]
    reference[Syntax.UBL_CREDITNOTE] = reference[Syntax.UBL_INVOICE]
    compared = 0
    for row in manifest:
        try:
            result = read_document(corpus / row["path"])
        except InputError:
            continue
        slow = reference.get(result.detection.syntax)
        if slow is None or result.tree is None:
            continue
        assert slow.build(result.tree.getroot(), row["path"]) == result.invoice, row["path"]
        compared += 1
    assert compared > 350
