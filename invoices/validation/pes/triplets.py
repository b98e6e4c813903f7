"""TypBord / TypPce / NatPce: the triplets of a dépense, as far as the 5.30 annotations
state them.

Hélios takes a mandat only on a known (TypBord, TypPce, NatPce) triplet; the full
grid is an annex of the DGFiP specification that the XSD bundle does not carry.
What the annotations of ``CommunDepense.xsd``, ``Class_MandatAller.xsd`` and
``Class_LigneMandatAller.xsd`` do state is checked here, each rule with the
annotation it comes from:

* ``TypBord`` 04 "ne fonctionne pas en PES Aller : rejet du bordereau";
* the correcting mandats (``TypPce`` 02) are named in exactly three triplets:
  02 02 06 (annulation-réduction), 02 02 10 (annulation du mandat de
  rattachement), both in an annulation bordereau (``TypBord`` 02), and 01 02 09
  (annulant un titre), in an ordinary one; an annulation bordereau holds nothing else;
* 02 02 06, 01 02 09, 01 13 01 and 02 02 10 need on each line a complete
  ``RattachPiece`` with ``NatPceOrig`` 01 (mandat) or 02 (titre); a mandat émis
  après paiement (``TypPce`` 05) one with 03, 01 07 01 one with 04, and a
  ``RattachPiece`` of 01 01 01 must say 05; ``IdLigneOrig`` is at least 1 with
  ``NatPceOrig`` 01, 02 and 05 and absent or 0 with 03 and 04; ``ExerRat`` is the
  file's exercice for 02 02 06 and an earlier one for 01 02 09.

On the recette side (``Class_BordereauRecetteAller.xsd``, ``Class_TitreAller.xsd``),
whose code lists also carry values kept for returns: ``TypBord`` other than 01, 02,
03 and 06, and ``TypPce`` 08 and 13, are refused.

Two more are inferred from the code lists rather than stated, so they are
warnings: the natures of a correction (06, 09, 10) on a piece that is not a
correcting mandat, and an ordre de paiement (``TypPce`` 11) outside a bordereau
of ordres de paiement (``TypBord`` 03) or the reverse.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from invoices.validation.pes.rules import Breach

#: TypPce of a correcting mandat, and the triplets the annotations name for it.
CORRECTIF = "02"
CORRECTIF_TRIPLETS = frozenset({("02", "06"), ("02", "10"), ("01", "09")})
#: TypBord of an annulation/réduction bordereau and what it may hold (TypPce, NatPce).
ANNULATION = "02"
ANNULATION_PIECES = frozenset({("02", "06"), ("02", "10")})
#: Natures that only a correction carries (Annulation-Réduction, Annulant un titre,
#: Annulation du mandat de rattachement).
CORRECTION_NATURES = frozenset({"06", "09", "10"})
#: TypBord "ordres de paiement" and TypPce "ordre de paiement".
ORDRES, ORDRE = "03", "11"
#: Triplet -> the NatPceOrig its lines' RattachPiece must have, and whether the block
#: is required (Class_LigneMandatAller.xsd, annotation of NatPceOrig).
RATTACH: dict[tuple[str, str, str], tuple[frozenset[str], bool]] = {
    ("02", "02", "06"): (frozenset({"01", "02"}), True),
    ("01", "02", "09"): (frozenset({"01", "02"}), True),
    ("01", "13", "01"): (frozenset({"01", "02"}), True),
    ("02", "02", "10"): (frozenset({"01", "02"}), True),
    ("01", "07", "01"): (frozenset({"04"}), False),
    ("01", "01", "01"): (frozenset({"05"}), False),
}
#: TypPce 05 (émis après paiement): NatPceOrig 03 whatever the bordereau and nature.
APRES_PAIEMENT = "05"
WITH_LINE = frozenset({"01", "02", "05"})
WITHOUT_LINE = frozenset({"03", "04"})
#: Recette: the TypBord a PES_Aller may carry, and the TypPce refused in it.
RECETTE_TYPBORD = frozenset({"01", "02", "03", "06"})
RECETTE_REFUSED_TYPPCE = frozenset({"08", "13"})


def _v(element: etree._Element | None, path: str) -> str | None:
    found = None if element is None else element.find(path)
    value = None if found is None else found.get("V")
    return value.strip() if value is not None else None


def _where(element: etree._Element) -> str:
    return str(element.getroottree().getpath(element))


def _triplet_breaches(piece: etree._Element, bord: str, pce: str, nat: str) -> Iterator[Breach]:
    params: dict[str, object] = {"typbord": bord, "typpce": pce, "natpce": nat}
    where = _where(piece)
    if pce == CORRECTIF and (bord, nat) not in CORRECTIF_TRIPLETS:
        yield Breach("HELIOS-TRIPLET-CORRECTIF", "pes.rule_triplet_correctif", where, params)
    elif bord == ANNULATION and (pce, nat) not in ANNULATION_PIECES:
        yield Breach("HELIOS-TRIPLET-ANNULATION", "pes.rule_triplet_annulation", where, params)
    if pce != CORRECTIF and nat in CORRECTION_NATURES:
        yield Breach("HELIOS-TRIPLET-NATURE", "pes.rule_triplet_nature", where, params, True)
    if (bord == ORDRES) != (pce == ORDRE):
        yield Breach("HELIOS-TRIPLET-ORDRE", "pes.rule_triplet_ordre", where, params, True)


def _rattach_breaches(
    piece: etree._Element, exer: str | None, triplet: tuple[str, str, str]
) -> Iterator[Breach]:
    allowed, required = RATTACH.get(triplet, (frozenset(), False))
    if triplet[1] == APRES_PAIEMENT:
        allowed = frozenset({"03"})
    params: dict[str, object] = {"triplet": " ".join(triplet)}
    for bloc in piece.iterfind("LigneDePiece/BlocLignePiece"):
        block = bloc.find("RattachPiece")
        line = _v(bloc, "InfoLignePce/IdLigne") or "-"
        if block is None:
            if required:
                yield Breach(
                    "HELIOS-RATTACH-MISSING",
                    "pes.rule_rattach_missing",
                    _where(bloc),
                    {**params, "line": line, "allowed": ", ".join(sorted(allowed))},
                )
            continue
        where = _where(block)
        origin = _v(block, "NatPceOrig") or "-"
        if allowed and origin not in allowed:
            found = {**params, "line": line, "value": origin, "allowed": ", ".join(sorted(allowed))}
            yield Breach("HELIOS-RATTACH-NATURE", "pes.rule_rattach_nature", where, found)
        id_line = _v(block, "IdLigneOrig")
        number = int(id_line) if id_line and id_line.isdigit() else 0
        if (origin in WITH_LINE and number < 1) or (origin in WITHOUT_LINE and number != 0):
            found = {"line": line, "value": origin, "id": id_line or "-"}
            yield Breach("HELIOS-RATTACH-LINE", "pes.rule_rattach_line", where, found)
        year = _v(block, "ExerRat")
        if exer and year and exer.isdigit() and year.isdigit():
            same = triplet == ("02", "02", "06")
            if (same and year != exer) or (triplet == ("01", "02", "09") and year >= exer):
                found = {**params, "line": line, "year": year, "exercice": exer}
                key = "pes.rule_exerrat_same" if same else "pes.rule_exerrat_earlier"
                yield Breach("HELIOS-RATTACH-EXERCICE", key, where, found)


def check_triplets(root: etree._Element) -> Iterator[Breach]:
    """Every breach of the triplet rules in the dépense of a PES_Aller."""
    for bordereau in root.iterfind("PES_DepenseAller/Bordereau"):
        bloc = bordereau.find("BlocBordereau")
        bord = _v(bloc, "TypBord") or ""
        exer = _v(bloc, "Exer")
        if bord == "04":
            yield Breach("HELIOS-TYPBORD-04", "pes.rule_typbord_04", _where(bordereau), {})
            continue
        for piece in bordereau.iterfind("Piece"):
            info = piece.find("BlocPiece/InfoPce")
            pce, nat = _v(info, "TypPce") or "", _v(info, "NatPce") or ""
            yield from _triplet_breaches(piece, bord, pce, nat)
            yield from _rattach_breaches(piece, exer, (bord, pce, nat))


def check_recette(root: etree._Element) -> Iterator[Breach]:
    """The TypBord and TypPce values a recette bordereau may not carry in a PES_Aller."""
    for bordereau in root.iterfind("PES_RecetteAller/Bordereau"):
        bord = _v(bordereau.find("BlocBordereau"), "TypBord") or ""
        if bord not in RECETTE_TYPBORD:
            params: dict[str, object] = {"typbord": bord or "-"}
            yield Breach(
                "HELIOS-RECETTE-TYPBORD", "pes.rule_recette_typbord", _where(bordereau), params
            )
            continue
        for piece in bordereau.iterfind("Piece"):
            pce = _v(piece.find("BlocPiece"), "TypPce") or ""
            if pce in RECETTE_REFUSED_TYPPCE:
                yield Breach(
                    "HELIOS-RECETTE-TYPPCE",
                    "pes.rule_recette_typpce",
                    _where(piece),
                    {"typpce": pce},
                )
