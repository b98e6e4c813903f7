"""The PES_Aller 5.30 structure of a dépense file, as data.

One :class:`~invoices.syntax.builder.El` tree in the XSD's element order (read it
against ``PES_Aller.xsd``, ``PES_DepenseAller.xsd``, ``Class_PJ.xsd``), walked by
the shared builder.  PES keeps almost every value in an attribute ``V`` of an
empty element (``<IdPce V="832"/>``): :func:`v` says that once.  Only the root is
namespace-qualified; every child is unqualified.
"""

from __future__ import annotations

import base64
import gzip
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from invoices.syntax import builder
from invoices.syntax.builder import El, Source
from invoices.syntax.pes import names
from invoices.syntax.pes.model import Tiers

#: The root declares the PES_Aller namespace under the prefix the samples use.
NSMAP = {"n": names.ALLER_NS}
#: Values the "Texte" base types of the XSD refuse (besides all-zero strings).
_REFUSED_TEXT = frozenset({"", " ", ".", "nc"})


def _value(source: Source, fmt: Callable[[Any], str | None]) -> Source:
    def resolve(item: Any, ctx: builder.Context) -> str | None:
        raw = builder.get(source, item, ctx)
        return None if raw is None or raw == "" else fmt(raw)

    return resolve


def _self(item: Any, _ctx: builder.Context) -> Any:
    return item


def v(tag: str, source: Source, fmt: Callable[[Any], str | None] = str) -> El:
    """``<tag V="value"/>``, absent when the value is."""
    return El(tag, at=_value(source, fmt), attrs={"V": _self}, always=True)


def fixed(tag: str, value: str) -> El:
    return v(tag, lambda _item, _ctx: value)


def text(size: int) -> Callable[[Any], str | None]:
    """A free text of the XSD's ``Base_TexteN``: one line, at most ``size`` characters."""

    def clip(value: Any) -> str | None:
        cleaned = " ".join(str(value).split())[:size].strip()
        if cleaned in _REFUSED_TEXT or set(cleaned) == {"0"}:
            return None
        return cleaned

    return clip


def amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def day(value: date) -> str:
    return value.isoformat()


def packed(content: bytes) -> str:
    """``Fichier``: gzip, then base64 (mtime 0: the same invoice gives the same file)."""
    return base64.b64encode(gzip.compress(content, mtime=0)).decode("ascii")


def _address(tiers: Tiers, _ctx: builder.Context) -> Tiers | None:
    """The address block needs a street, a French postcode and a town (all required)."""
    postcode = tiers.postcode or ""
    if tiers.address_line and tiers.city and re.fullmatch(r"[0-9]{1,5}", postcode):
        return tiers
    return None


def _account(tiers: Tiers, _ctx: builder.Context) -> Tiers | None:
    return tiers if tiers.iban else None


def _siret_kind(tiers: Tiers, _ctx: builder.Context) -> str | None:
    return names.NAT_ID_TIERS_SIRET if tiers.siret else None


_TIERS = El(
    "Tiers",
    at="tiers",
    children=(
        El(
            "InfoTiers",
            children=(
                v("IdTiers", "siret"),
                v("NatIdTiers", _siret_kind),
                fixed("CatTiers", names.CAT_TIERS),
                fixed("NatJur", names.NAT_JUR),
                v("Nom", "name", text(38)),
            ),
        ),
        El(
            "Adresse",
            at=_address,
            children=(
                fixed("TypAdr", "1"),
                v("Adr2", "address_line", text(38)),
                v("CP", "postcode"),
                v("Ville", "city", text(38)),
                fixed("CodRes", "0"),
            ),
        ),
        El(
            "CpteBancaire",
            at=_account,
            children=(
                v("BIC", "bic"),
                v("IBAN", "iban"),
                v("TitCpte", "name", text(32)),
            ),
        ),
    ),
)

_LINE = El(
    "LigneDePiece",
    each="lines",
    children=(
        El(
            "BlocLignePiece",
            children=(
                El(
                    "InfoLignePce",
                    children=(
                        v("IdLigne", "number"),
                        v("Nature", "nature"),
                        v("Fonction", "fonction"),
                        v("Operation", "operation"),
                        v("Facture", "invoice_number", text(20)),
                        v("LibVir1", "label", text(70)),
                        v("ModRegl", "mod_regl"),
                        fixed("TVAIntraCom", "0"),
                        v("MtHT", "amount_ht", amount),
                        v("MtTVA", "amount_tva", amount),
                    ),
                ),
            ),
        ),
        _TIERS,
    ),
)

_MANDAT = El(
    "Piece",
    each="mandats",
    children=(
        El(
            "BlocPiece",
            children=(
                El(
                    "InfoPce",
                    children=(
                        v("IdPce", "number"),
                        v("TypPce", "typ_pce"),
                        v("NatPce", "nat_pce"),
                        v("Obj", "objet", text(100)),
                        v("DteEch", "due_date", day),
                        El(
                            "PJRef",
                            each="pj_refs",
                            children=(
                                fixed("Support", names.SUPPORT_ELECTRONIQUE),
                                v("IdUnique", "id_unique"),
                                v("NomPJ", "name", text(100)),
                                fixed("TypePJ", names.TYPE_PJ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        _LINE,
    ),
)

_BORDEREAU = El(
    "Bordereau",
    each="bordereaux",
    children=(
        El(
            "BlocBordereau",
            children=(
                v("Exer", "exercice"),
                v("IdBord", "number"),
                v("DteBordEm", "issued", day),
                v("TypBord", "typ_bord"),
                v("NbrPce", lambda b, _ctx: len(b.mandats)),
                v("MtBordHT", "total_ht", amount),
                v("MtBordTVA", "total_tva", amount),
            ),
        ),
        _MANDAT,
    ),
)

_PJ = El(
    "PJ",
    each="attachments",
    children=(
        El(
            "Contenu",
            children=(El("Fichier", value="content", fmt=packed, attrs={"MIMEType": "mime_type"}),),
        ),
        v("IdUnique", "id_unique"),
        v("NomPJ", "name", text(100)),
        v("TypePJ", "type_pj"),
        v("Description", "description", text(250)),
        El(
            "RefCompta",
            each="ref_compta",
            children=(
                v("Domaine", "domaine"),
                v("Exercice", "exercice"),
                v("TypeObjet", "type_objet"),
                v("Identifiant", "mandat"),
                v("ComplementIdentifiant", "line"),
            ),
        ),
    ),
)


def _if_any(source: str) -> Source:
    return lambda pes, _ctx: pes if getattr(pes, source) else None


PES_ALLER = El(
    "n:PES_Aller",
    children=(
        El(
            "Enveloppe",
            at="header",
            children=(
                El(
                    "Parametres",
                    children=(
                        fixed("Version", names.VERSION),
                        fixed("TypFic", names.TYP_FIC),
                        v("NomFic", "file_name", text(100)),
                    ),
                ),
                El(
                    "Emetteur",
                    children=(v("Sigle", "sigle", text(32)), v("Adresse", "software", text(38))),
                ),
            ),
        ),
        El(
            "EnTetePES",
            at="header",
            children=(
                v("DteStr", "created", day),
                v("IdPost", "id_post"),
                v("IdColl", "id_coll"),
                v("CodCol", "cod_col"),
                v("CodBud", "cod_bud"),
                v("LibelleColBud", "libelle_col_bud", text(38)),
            ),
        ),
        El(
            "PES_DepenseAller",
            at=_if_any("bordereaux"),
            children=(
                El(
                    "EnTeteDepense",
                    children=(
                        fixed("IdVer", names.DEPENSE_ID_VER),
                        fixed("InfoDematerialisee", "0"),
                    ),
                ),
                _BORDEREAU,
            ),
        ),
        El(
            "PES_PJ",
            at=_if_any("attachments"),
            children=(El("EnTetePES_PJ", children=(fixed("IdVer", names.PJ_ID_VER),)), _PJ),
        ),
    ),
)
