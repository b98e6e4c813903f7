"""The totals helper keeps the EN 16931 equalities for any invoice (property tests)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from invoices.model import AllowanceCharge, Invoice, Item, Line, LineVat, Price, VatBreakdown
from invoices.write.totals import cents, complete, line_net_amount

CENT = Decimal("0.01")
_money = st.decimals(min_value=Decimal("0"), max_value=Decimal("50000"), places=2)
_price = st.decimals(min_value=Decimal("0"), max_value=Decimal("5000"), places=4)
_quantity = st.decimals(min_value=Decimal("-50"), max_value=Decimal("500"), places=3)
_vat = st.sampled_from(
    [
        ("S", Decimal("20.00")),
        ("S", Decimal("5.50")),
        ("S", Decimal("10")),
        ("Z", Decimal("0")),
        ("E", Decimal("0")),
        ("AE", Decimal("0")),
    ]
)


@st.composite
def _allowance_charge(draw: st.DrawFn, *, line: bool = False) -> AllowanceCharge:
    category, rate = draw(_vat)
    if line:
        return AllowanceCharge(amount=draw(_money), reason="r")
    return AllowanceCharge(amount=draw(_money), vat_category=category, vat_rate=rate, reason="r")


@st.composite
def _line(draw: st.DrawFn, number: int) -> Line:
    category, rate = draw(_vat)
    return Line(
        id=str(number),
        quantity=draw(_quantity),
        unit="C62",
        price=Price(
            net=draw(_price),
            base_quantity=draw(st.sampled_from([None, Decimal(1), Decimal(10), Decimal("0.5")])),
        ),
        vat=LineVat(category, rate),
        item=Item(name="x"),
        allowances=tuple(draw(st.lists(_allowance_charge(line=True), max_size=2))),
        charges=tuple(draw(st.lists(_allowance_charge(line=True), max_size=2))),
    )


@st.composite
def invoices(draw: st.DrawFn) -> Invoice:
    count = draw(st.integers(min_value=1, max_value=8))
    return Invoice(
        number="T-1",
        currency="EUR",
        lines=tuple(draw(_line(i + 1)) for i in range(count)),
        allowances=tuple(draw(st.lists(_allowance_charge(), max_size=3))),
        charges=tuple(draw(st.lists(_allowance_charge(), max_size=3))),
    )


def _two_decimals(value: Decimal | None) -> bool:
    return value is None or value == value.quantize(CENT)


@settings(max_examples=100, deadline=None)
@given(
    invoice=invoices(),
    prepaid=st.none() | _money,
    rounding=st.none()
    | st.decimals(min_value=Decimal("-0.99"), max_value=Decimal("0.99"), places=2),
)
def test_completed_invoice_keeps_every_equality(
    invoice: Invoice, prepaid: Decimal | None, rounding: Decimal | None
) -> None:
    done = complete(invoice, prepaid=prepaid, rounding=rounding)
    t = done.totals
    zero = Decimal(0)
    # BR-CO-10, BR-CO-11, BR-CO-12
    assert t.line_total == sum((line.net_amount for line in done.lines), zero)
    assert (t.allowance_total or zero) == sum((a.amount for a in done.allowances), zero)
    assert (t.charge_total or zero) == sum((c.amount for c in done.charges), zero)
    # BR-CO-13
    assert t.tax_exclusive == t.line_total - (t.allowance_total or zero) + (t.charge_total or zero)
    # BR-CO-14, BR-CO-17
    assert t.vat_total == sum((row.tax_amount for row in done.vat_breakdown), zero)
    for row in done.vat_breakdown:
        assert row.tax_amount == cents(row.taxable_amount * (row.rate or zero) / 100)
    # BR-CO-15, BR-CO-16
    assert t.tax_inclusive == t.tax_exclusive + t.vat_total
    assert t.payable == t.tax_inclusive - (t.prepaid or zero) + (t.rounding or zero)
    # BR-S-08 and siblings: each breakdown base is its lines - allowances + charges.
    bases: dict[tuple[str, Decimal], Decimal] = defaultdict(lambda: zero)
    for line in done.lines:
        bases[(line.vat.category, line.vat.rate.normalize())] += line.net_amount
    for a in done.allowances:
        bases[(a.vat_category, a.vat_rate.normalize())] -= a.amount
    for c in done.charges:
        bases[(c.vat_category, c.vat_rate.normalize())] += c.amount
    assert {(r.category, r.rate.normalize()): r.taxable_amount for r in done.vat_breakdown} == dict(
        bases
    )
    # BR-DEC: every document amount has at most two decimals.
    for value in (
        *[getattr(t, f) for f in t.__slots__],
        *(line.net_amount for line in done.lines),
        *(r.taxable_amount for r in done.vat_breakdown),
        *(r.tax_amount for r in done.vat_breakdown),
    ):
        assert _two_decimals(value)


@settings(max_examples=40, deadline=None)
@given(invoice=invoices())
def test_complete_is_idempotent(invoice: Invoice) -> None:
    once = complete(invoice)
    assert complete(once) == once


def test_line_amount_uses_base_quantity_and_line_allowances() -> None:
    line = Line(
        id="1",
        quantity=Decimal("3"),
        price=Price(net=Decimal("12.50"), base_quantity=Decimal("10")),
        allowances=(AllowanceCharge(amount=Decimal("0.25")),),
        charges=(AllowanceCharge(amount=Decimal("1")),),
    )
    assert line_net_amount(line) == Decimal("4.50")  # 3 x 12.50 / 10 = 3.75 - 0.25 + 1


def test_line_amount_rounds_half_up() -> None:
    line = Line(id="1", quantity=Decimal("1"), price=Price(net=Decimal("0.125")))
    assert line_net_amount(line) == Decimal("0.13")


def test_exemption_reasons_are_kept() -> None:
    invoice = Invoice(
        lines=(
            Line(
                id="1",
                quantity=Decimal(1),
                price=Price(net=Decimal(100)),
                vat=LineVat("E", Decimal(0)),
            ),
        ),
        vat_breakdown=(
            VatBreakdown(category="E", rate=Decimal("0.00"), exemption_reason="Article 261"),
        ),
    )
    (row,) = complete(invoice).vat_breakdown
    assert row.exemption_reason == "Article 261" and row.taxable_amount == Decimal("100.00")


def test_a_line_without_price_needs_its_amount() -> None:
    with pytest.raises(ValueError, match="line '7'"):
        line_net_amount(Line(id="7"))
    assert line_net_amount(Line(id="8", net_amount=Decimal("12.345"))) == Decimal("12.35")
