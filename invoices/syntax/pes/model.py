"""A PES_Aller dépense file as plain values: what the element table writes.

Amounts are :class:`~decimal.Decimal`; the bordereau totals are computed from the
lines, never typed twice, so a file cannot disagree with itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from invoices.syntax.pes import names


@dataclass(frozen=True, slots=True)
class Header:
    """``Enveloppe`` and ``EnTetePES``: who sends, for which budget."""

    file_name: str  # NomFic
    created: date  # DteStr
    id_post: str
    id_coll: str  # SIRET of the budget
    cod_col: str
    cod_bud: str
    libelle_col_bud: str | None
    sigle: str  # Emetteur/Sigle
    software: str  # Emetteur/Adresse: software name and version


@dataclass(frozen=True, slots=True)
class Tiers:
    """The creditor of a mandat line: the invoice's seller."""

    name: str
    siret: str | None = None
    address_line: str | None = None
    postcode: str | None = None
    city: str | None = None
    iban: str | None = None
    bic: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """``LigneDePiece``: one imputation of a mandat."""

    number: int  # IdLigne
    nature: str  # compte
    amount_ht: Decimal
    amount_tva: Decimal
    invoice_number: str | None = None  # Facture (20 characters in 5.30)
    fonction: str | None = None
    operation: str | None = None
    label: str | None = None  # LibVir1
    tiers: Tiers | None = None

    @property
    def mod_regl(self) -> str | None:
        """Transfer when the seller gave a bank account, else left to the accountant."""
        return "03" if self.tiers is not None and self.tiers.iban else None


@dataclass(frozen=True, slots=True)
class Mandat:
    """``Piece``: a payment order; its PJRef name the invoices it pays."""

    number: int  # IdPce
    lines: tuple[Line, ...]
    objet: str | None = None
    due_date: date | None = None
    pj_refs: tuple[PjRef, ...] = ()
    typ_pce: str = names.TYP_PCE  # mandat ordinaire

    @property
    def nat_pce(self) -> str:
        """Investissement (02) when every line is imputed on a class 2 account, else
        fonctionnement (01): the triplets 01 01 01 / 01 01 02 of an ordinary mandat."""
        investment = all(ln.nature.startswith(names.CLASSE_INVESTISSEMENT) for ln in self.lines)
        return names.NAT_PCE_INVESTISSEMENT if self.lines and investment else names.NAT_PCE


@dataclass(frozen=True, slots=True)
class PjRef:
    id_unique: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Bordereau:
    exercice: int
    number: int  # IdBord
    issued: date
    mandats: tuple[Mandat, ...]
    typ_bord: str = names.TYP_BORD  # bordereau ordinaire

    @property
    def total_ht(self) -> Decimal:
        return sum((ln.amount_ht for m in self.mandats for ln in m.lines), Decimal("0"))

    @property
    def total_tva(self) -> Decimal:
        return sum((ln.amount_tva for m in self.mandats for ln in m.lines), Decimal("0"))


@dataclass(frozen=True, slots=True)
class RefCompta:
    """Where a PJ sent without its mandat belongs (PJ-only files)."""

    exercice: int
    mandat: int
    line: int | None = None
    domaine: str = "01"
    type_objet: str = "01"


@dataclass(frozen=True, slots=True)
class Attachment:
    """``PJ``: the original invoice file, as received."""

    id_unique: str
    content: bytes
    mime_type: str
    name: str  # NomPJ, with its extension
    description: str
    type_pj: str = "003"
    ref_compta: tuple[RefCompta, ...] = ()


@dataclass(frozen=True, slots=True)
class PesFile:
    header: Header
    bordereaux: tuple[Bordereau, ...] = ()
    attachments: tuple[Attachment, ...] = field(default=())
