"""Stored invoices + mandate rows -> a :class:`PesFile` (pure: no database here).

The amounts of a mandat come from its invoice (HT = BT-109, TVA = BT-110) unless
the mandate file gives them; when a mandat has several lines, every line must say
its amounts and they must add up to the invoice's totals, or the mandat's last row
is refused with the difference.  The PJ is the original file as received.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from invoices.i18n import t
from invoices.model import Invoice
from invoices.syntax.pes.mandates import Problem, Row
from invoices.syntax.pes.model import (
    Attachment,
    Bordereau,
    Header,
    Line,
    Mandat,
    PesFile,
    PjRef,
    RefCompta,
    Tiers,
)

_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}")
_BIC = re.compile(r"[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?")
_EXTENSION = re.compile(r".+\.[A-Za-z0-9]{2,4}")
_EXTENSIONS = {"application/pdf": ".pdf", "application/xml": ".xml", "text/xml": ".xml"}
ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Source:
    """One stored invoice: its model and the original file as received."""

    invoice_id: int
    invoice: Invoice
    content: bytes
    file_name: str
    media_type: str
    siret: str | None = None


@dataclass(frozen=True, slots=True)
class Planned:
    """One mandat to write: its rows, its invoice, its amounts per line, its IdUnique."""

    rows: tuple[Row, ...]
    source: Source
    amounts: tuple[tuple[Decimal, Decimal], ...]
    id_unique: str

    @property
    def first(self) -> Row:
        return self.rows[0]


def totals(source: Source) -> tuple[Decimal, Decimal]:
    money = source.invoice.totals
    return money.tax_exclusive or ZERO, money.vat_total or ZERO


def amounts(rows: Sequence[Row], source: Source) -> tuple[tuple[Decimal, Decimal], ...] | Problem:
    """The (HT, TVA) of each line of one mandat, or the problem that refuses it."""
    ht, tva = totals(source)
    if ht < 0 or tva < 0:
        return Problem(
            rows[0].line, "invoice", "pes.row_negative", {"number": source.invoice.number}
        )
    if len(rows) == 1:
        row = rows[0]
        return (
            (
                ht if row.amount_ht is None else row.amount_ht,
                tva if row.amount_tva is None else row.amount_tva,
            ),
        )
    for row in rows:
        for column, value in (("montant_ht", row.amount_ht), ("montant_tva", row.amount_tva)):
            if value is None:
                return Problem(row.line, column, "pes.row_amounts_needed", {"mandat": row.mandat})
    given = tuple((r.amount_ht or ZERO, r.amount_tva or ZERO) for r in rows)
    last = rows[-1].line
    for column, index, expected in (("montant_ht", 0, ht), ("montant_tva", 1, tva)):
        total = sum((pair[index] for pair in given), ZERO)
        if total != expected:
            params = {"expected": expected, "total": total, "difference": total - expected}
            return Problem(last, column, "pes.row_sum_mismatch", params)
    return given


def _clean(value: str | None) -> str | None:
    return "".join(value.split()).upper() if value else None


def tiers(source: Source) -> Tiers:
    seller = source.invoice.seller
    address = seller.address
    transfer = (
        source.invoice.payment.credit_transfers[0]
        if (source.invoice.payment and source.invoice.payment.credit_transfers)
        else None
    )
    iban = _clean(transfer.account_id) if transfer else None
    bic = _clean(transfer.bank_id) if transfer else None
    iban = iban if iban and _IBAN.fullmatch(iban) else None
    return Tiers(
        name=seller.name or seller.trading_name or source.invoice.number,
        siret=source.siret,
        address_line=address.line1 if address else None,
        postcode=address.postcode if address else None,
        city=address.city if address else None,
        iban=iban,
        bic=bic if iban and bic and _BIC.fullmatch(bic) else None,
    )


def pj_name(source: Source) -> str:
    """``NomPJ`` must end with an extension of 2 to 4 letters or digits."""
    name = source.file_name.replace("\\", "/").rsplit("/", 1)[-1] or "facture"
    if not _EXTENSION.fullmatch(name):
        name += _EXTENSIONS.get(source.media_type, ".bin")
    if len(name) > 100:
        stem, _, extension = name.rpartition(".")
        name = f"{stem[: 99 - len(extension)]}.{extension}"
    return name


def attachment(plan: Planned, *, ref_compta: bool) -> Attachment:
    invoice = plan.source.invoice
    seller = invoice.seller.name or "-"
    # Attached to the whole mandat (no ComplementIdentifiant: visible on all its lines).
    refs: tuple[RefCompta, ...] = ()
    if ref_compta:
        refs = (RefCompta(exercice=plan.first.exercice, mandat=plan.first.mandat),)
    return Attachment(
        id_unique=plan.id_unique,
        content=plan.source.content,
        mime_type=plan.source.media_type,
        name=pj_name(plan.source),
        description=t("pes.pj_description", lang="fr", number=invoice.number, seller=seller),
        ref_compta=refs,
    )


def _mandat(plan: Planned) -> Mandat:
    invoice = plan.source.invoice
    party = tiers(plan.source)
    objet = plan.first.objet or t(
        "pes.mandat_object", lang="fr", number=invoice.number, seller=party.name
    )
    lines = tuple(
        Line(
            number=row.ligne,
            nature=row.nature,
            amount_ht=ht,
            amount_tva=tva,
            invoice_number=invoice.number,
            fonction=row.fonction,
            operation=row.operation,
            label=t("pes.line_label", lang="fr", number=invoice.number),
            tiers=party,
        )
        for row, (ht, tva) in zip(plan.rows, plan.amounts, strict=True)
    )
    ref = PjRef(plan.id_unique, pj_name(plan.source))
    return Mandat(plan.first.mandat, lines, objet, invoice.due_date, (ref,))


def compose(header: Header, plans: Sequence[Planned], *, pj_only: bool, today: date) -> PesFile:
    """The file: bordereaux and mandats in number order, one PJ per invoice."""
    attachments = tuple(attachment(p, ref_compta=pj_only) for p in plans)
    if pj_only:
        return PesFile(header, (), attachments)
    by_bordereau: dict[tuple[int, int], list[Planned]] = {}
    for plan in plans:
        by_bordereau.setdefault((plan.first.exercice, plan.first.bordereau), []).append(plan)
    bordereaux = tuple(
        Bordereau(
            exercice=exercice,
            number=number,
            issued=today,
            mandats=tuple(_mandat(p) for p in sorted(group, key=lambda p: p.first.mandat)),
        )
        for (exercice, number), group in sorted(by_bordereau.items())
    )
    return PesFile(header, bordereaux, attachments)
