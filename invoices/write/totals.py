"""Compute the amounts of an invoice from its lines, so that they add up to the cent.

An invoice written by hand (a sample, a conversion, a credit note) states its
lines and document-level allowances/charges; every derived amount is computed
here once, with the EN 16931 equalities the official schematron enforces:

- BT-131 = quantity × net price / base quantity + line charges − line allowances
- BT-106 = Σ BT-131 (BR-CO-10); BT-107 = Σ BT-92; BT-108 = Σ BT-99
- BT-109 = BT-106 − BT-107 + BT-108 (BR-CO-13)
- BT-116 per category and rate = its lines − its allowances + its charges (BR-S-8...)
- BT-117 = BT-116 × BT-119 / 100, rounded to the cent; BT-110 = Σ BT-117 (BR-CO-14)
- BT-112 = BT-109 + BT-110 (BR-CO-15); BT-115 = BT-112 − BT-113 + BT-114 (BR-CO-16)

Rounding is half-up to the cent, line by line, as most invoicing software does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from invoices.model import AllowanceCharge, Invoice, Line, Totals, VatBreakdown

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _sum(values: Iterable[Decimal]) -> Decimal:
    return cents(sum(values, ZERO))


def line_net_amount(line: Line) -> Decimal:
    """BT-131 of a line from its quantity, net price and line allowances/charges."""
    if line.quantity is None or line.price is None or line.price.net is None:
        if line.net_amount is None:
            raise ValueError(f"line {line.id!r}: no quantity/net price and no net amount")
        return cents(line.net_amount)
    base = line.price.base_quantity or Decimal(1)
    gross = line.quantity * line.price.net / base
    return cents(
        cents(gross)
        + _sum(c.amount for c in line.charges)
        - _sum(a.amount for a in line.allowances)
    )


def _key(category: str | None, rate: Decimal | None) -> tuple[str, Decimal]:
    return (category or "", (rate or Decimal(0)).normalize())


def vat_breakdown(
    lines: Iterable[Line],
    allowances: Iterable[AllowanceCharge],
    charges: Iterable[AllowanceCharge],
    known: Iterable[VatBreakdown] = (),
) -> tuple[VatBreakdown, ...]:
    """BG-23, one row per (category, rate) in order of first use.

    Exemption reasons (BT-120/121) cannot be computed: they are taken from the
    rows of ``known`` with the same category and rate.
    """
    bases: dict[tuple[str, Decimal], Decimal] = {}
    rates: dict[tuple[str, Decimal], Decimal | None] = {}

    def add(category: str | None, rate: Decimal | None, value: Decimal) -> None:
        key = _key(category, rate)
        bases[key] = bases.get(key, ZERO) + value
        rates.setdefault(key, rate)

    for line in lines:
        vat = line.vat
        add(vat.category if vat else None, vat.rate if vat else None, line_net_amount(line))
    for allowance in allowances:
        add(allowance.vat_category, allowance.vat_rate, -cents(allowance.amount))
    for charge in charges:
        add(charge.vat_category, charge.vat_rate, cents(charge.amount))

    reasons = {_key(row.category, row.rate): row for row in known}
    rows = []
    for key, base in bases.items():
        rate = rates[key]
        old = reasons.get(key)
        rows.append(
            VatBreakdown(
                category=key[0],
                rate=rate,
                taxable_amount=cents(base),
                tax_amount=cents(base * (rate or ZERO) / HUNDRED),
                exemption_reason=old.exemption_reason if old else None,
                exemption_code=old.exemption_code if old else None,
            )
        )
    return tuple(rows)


def complete(
    invoice: Invoice, *, prepaid: Decimal | None = None, rounding: Decimal | None = None
) -> Invoice:
    """The invoice with BT-131 on every line, BG-23 and BG-22 computed.

    ``prepaid`` (BT-113) and ``rounding`` (BT-114) are the only totals that cannot
    be derived; when not given they are kept from the invoice.
    """
    lines = tuple(
        dataclasses.replace(line, net_amount=line_net_amount(line)) for line in invoice.lines
    )
    allowances = tuple(dataclasses.replace(a, amount=cents(a.amount)) for a in invoice.allowances)
    charges = tuple(dataclasses.replace(c, amount=cents(c.amount)) for c in invoice.charges)
    breakdown = vat_breakdown(lines, allowances, charges, invoice.vat_breakdown)

    line_total = _sum(line.net_amount or ZERO for line in lines)
    allowance_total = _sum(a.amount for a in allowances)
    charge_total = _sum(c.amount for c in charges)
    tax_exclusive = line_total - allowance_total + charge_total
    vat_total = _sum(row.tax_amount for row in breakdown)
    tax_inclusive = tax_exclusive + vat_total
    if prepaid is None:
        prepaid = invoice.totals.prepaid
    if rounding is None:
        rounding = invoice.totals.rounding
    payable = tax_inclusive - (prepaid or ZERO) + (rounding or ZERO)
    totals = Totals(
        line_total=line_total,
        allowance_total=allowance_total if allowances else None,
        charge_total=charge_total if charges else None,
        tax_exclusive=tax_exclusive,
        vat_total=vat_total,
        vat_total_accounting=invoice.totals.vat_total_accounting,
        tax_inclusive=tax_inclusive,
        prepaid=cents(prepaid) if prepaid is not None else None,
        rounding=cents(rounding) if rounding is not None else None,
        payable=cents(payable),
    )
    return dataclasses.replace(
        invoice,
        lines=lines,
        allowances=allowances,
        charges=charges,
        vat_breakdown=breakdown,
        totals=totals,
    )
