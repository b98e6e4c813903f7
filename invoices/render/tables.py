"""The tables of the readable view: invoice lines (item details, allowances and
charges of the line, price per base quantity), document allowances and charges, the
VAT breakdown.  Numeric columns are flagged so both drawings right-align them."""

from __future__ import annotations

from invoices.display import money, number
from invoices.i18n import t
from invoices.model import AllowanceCharge, Invoice, Line
from invoices.render import codes
from invoices.render.parts import Table, identifier, percent, period


def _allowance_detail(ac: AllowanceCharge, charge: bool, cur: str | None, lang: str) -> str:
    kind = t("render.charge" if charge else "render.allowance", lang=lang)
    amount = money(ac.amount if charge else -ac.amount, cur, lang)
    reason = ac.reason or (codes.word("reason", ac.reason_code, lang) if ac.reason_code else "")
    if not reason:
        return f"{kind} ({amount})"
    return t("render.allowance_line", lang=lang, kind=kind, reason=reason, amount=amount)


def _price(line: Line, cur: str | None, lang: str) -> str:
    price = line.price
    if price is None or price.net is None:
        return ""
    shown = money(price.net, cur, lang)
    base = price.base_quantity
    if base is not None and base != 1:
        unit = codes.unit(price.base_quantity_unit or line.unit, lang)
        shown = t(
            "render.price_per", lang=lang, price=shown, quantity=number(base, lang), unit=unit
        )
    if price.gross is not None and price.discount:
        gross = t(
            "render.price_gross",
            lang=lang,
            gross=money(price.gross, cur, lang),
            discount=money(price.discount, cur, lang),
        )
        shown = f"{shown}\n{gross}"
    return shown


def _line_vat(line: Line, lang: str) -> str:
    vat = line.vat
    if vat is None:
        return ""
    rate = percent(vat.rate, lang)
    if vat.category in (None, "", "S"):
        return rate
    category = codes.word("vat", vat.category, lang)
    return f"{rate}\n{category}" if rate else category


def _item(line: Line, cur: str | None, lang: str) -> str:
    item = line.item
    details: list[str] = [item.name if item and item.name else ""]
    if item is not None:
        if item.description:
            details.append(item.description)
        pairs = [
            ("render.item_seller_id", item.seller_id),
            ("render.item_buyer_id", item.buyer_id),
            ("render.item_standard_id", identifier(item.standard_id, lang)),
            ("render.item_origin", codes.country(item.origin_country, lang)),
        ]
        details += [t(key, lang=lang, id=value, country=value) for key, value in pairs if value]
        details += [
            f"{a.name} : {a.value}" if lang == "fr" else f"{a.name}: {a.value}"
            for a in item.attributes
        ]
    if line.note:
        details.append(line.note)
    shown_period = period(line.period, lang)
    if shown_period:
        details.append(t("render.line_period", lang=lang, period=shown_period))
    if line.order_line_ref:
        details.append(t("render.line_order_ref", lang=lang, ref=line.order_line_ref))
    if line.accounting_ref:
        details.append(t("render.line_accounting", lang=lang, ref=line.accounting_ref))
    details += [_allowance_detail(ac, False, cur, lang) for ac in line.allowances]
    details += [_allowance_detail(ac, True, cur, lang) for ac in line.charges]
    return "\n".join(details)


def lines(invoice: Invoice, lang: str) -> Table:
    cur = invoice.currency
    headers = tuple(
        t(f"render.col_{name}", lang=lang)
        for name in ("id", "item", "quantity", "unit", "price", "vat", "net")
    )
    rows = tuple(
        (
            line.id,
            _item(line, cur, lang),
            number(line.quantity, lang),
            codes.unit(line.unit, lang),
            _price(line, cur, lang),
            _line_vat(line, lang),
            money(line.net_amount, cur, lang),
        )
        for line in invoice.lines
    )
    caption = t("render.lines_caption", lang=lang, count=number(len(rows), lang))
    return Table(caption, headers, (False, False, True, False, True, True, True), rows)


def allowances(invoice: Invoice, lang: str) -> Table | None:
    cur = invoice.currency
    rows = []
    for charge, group in ((False, invoice.allowances), (True, invoice.charges)):
        for ac in group:
            rows.append(
                (
                    t("render.charge" if charge else "render.allowance", lang=lang),
                    ac.reason
                    or (codes.word("reason", ac.reason_code, lang) if ac.reason_code else ""),
                    money(ac.base_amount, cur, lang),
                    percent(ac.percentage, lang),
                    money(ac.amount if charge else -ac.amount, cur, lang),
                    "\n".join(
                        x
                        for x in (
                            percent(ac.vat_rate, lang),
                            codes.word("vat", ac.vat_category, lang),
                        )
                        if x
                    ),
                )
            )
    if not rows:
        return None
    headers = tuple(
        t(f"render.col_{name}", lang=lang)
        for name in ("kind", "reason", "base", "percentage", "amount", "vat")
    )
    return Table("", headers, (False, False, True, True, True, True), tuple(rows))


def vat(invoice: Invoice, lang: str) -> Table:
    cur = invoice.currency
    rows = tuple(
        (
            t(
                "render.category",
                lang=lang,
                word=codes.word("vat", row.category, lang),
                code=row.category,
            )
            if row.category
            else "",
            percent(row.rate, lang),
            money(row.taxable_amount, cur, lang),
            money(row.tax_amount, cur, lang),
            "\n".join(x for x in (row.exemption_reason, row.exemption_code) if x),
        )
        for row in invoice.vat_breakdown
    )
    headers = tuple(
        t(f"render.col_{name}", lang=lang)
        for name in ("category", "rate", "taxable", "tax", "exemption")
    )
    return Table("", headers, (False, True, True, True, False), rows)
