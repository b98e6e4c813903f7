"""Model -> XML -> ``invoices.read`` gives back the same model (what the syntax can carry)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from write_helpers import assert_subset

from invoices.facturx.profiles import PROFILES, SPECIFICATION_IDS
from invoices.model import Invoice, Item, Line, LineVat, Price
from invoices.reading import read
from invoices.syntax import Profile
from invoices.write import to_cii, to_ubl
from invoices.write.totals import complete


@pytest.mark.parametrize("profile", [Profile.EN16931, Profile.EXTENDED], ids=str)
def test_cii_round_trip_is_exact(full: Invoice, profile: Profile) -> None:
    got = read(to_cii(full, profile))
    assert got == dataclasses.replace(full, specification_id=SPECIFICATION_IDS[profile])


@pytest.mark.parametrize("profile", PROFILES, ids=str)
def test_cii_every_profile_reads_back_what_it_carries(full: Invoice, profile: Profile) -> None:
    written = dataclasses.replace(full, specification_id=SPECIFICATION_IDS[profile])
    got = read(to_cii(full, profile))
    assert_subset(got, written)
    # What every profile carries, MINIMUM included.
    for name in (
        "number",
        "issue_date",
        "type_code",
        "currency",
        "buyer_reference",
        "purchase_order",
        "specification_id",
    ):
        assert getattr(got, name) == getattr(written, name), name
    assert got.seller.name == full.seller.name
    assert got.seller.legal_id == full.seller.legal_id
    assert got.buyer.legal_id == full.buyer.legal_id
    for name in ("tax_exclusive", "vat_total", "tax_inclusive", "payable"):
        assert getattr(got.totals, name) == getattr(full.totals, name), name
    if profile is not Profile.MINIMUM:
        assert got.vat_breakdown == full.vat_breakdown
        assert got.totals == full.totals


def _ubl_expected(invoice: Invoice) -> Invoice:
    """What UBL can carry of the invoice: the differences are the syntax's, documented."""
    return dataclasses.replace(
        invoice,
        specification_id="urn:cen.eu:en16931:2017",
        # UBL-SR-16: one buyer identifier only.
        buyer=dataclasses.replace(invoice.buyer, identifiers=invoice.buyer.identifiers[:1]),
    )


def test_ubl_invoice_round_trip(full: Invoice) -> None:
    assert read(to_ubl(full)) == _ubl_expected(full)


def test_ubl_credit_note_round_trip(full_credit_note: Invoice) -> None:
    got = read(to_ubl(full_credit_note))
    assert got.is_credit_note
    assert got == _ubl_expected(full_credit_note)


# ------------------------------------------------------------------ generated invoices

_money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
_quantity = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("9999"), places=3)
_rate = st.sampled_from([Decimal("20.00"), Decimal("10.00"), Decimal("5.50"), Decimal("2.10")])
_text = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def _lines(draw: st.DrawFn) -> tuple[Line, ...]:
    count = draw(st.integers(min_value=1, max_value=6))
    return tuple(
        Line(
            id=str(i + 1),
            quantity=draw(_quantity),
            unit="C62",
            price=Price(net=draw(_money)),
            vat=LineVat("S", draw(_rate)),
            item=Item(name=draw(_text)),
        )
        for i in range(count)
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_lines(), number=_text)
def test_generated_invoices_round_trip_through_both_syntaxes(
    sparse: Invoice, lines: tuple[Line, ...], number: str
) -> None:
    invoice = complete(dataclasses.replace(sparse, number=number, lines=lines))
    for xml, spec in (
        (to_cii(invoice), SPECIFICATION_IDS[Profile.EN16931]),
        (to_ubl(invoice), "urn:cen.eu:en16931:2017"),
    ):
        assert read(xml) == dataclasses.replace(invoice, specification_id=spec)
