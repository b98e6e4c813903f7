"""The rules of a PES_Aller that the 5.30 XSD cannot express, from its annotations.

Each rule reads the parsed tree and says what is wrong in the catalogue's words,
with the element's path: schema-valid is not Hélios-accepted (an empty ``Fichier``
or an ``IdUnique`` already received makes Hélios refuse the PJ; a second file with
the same ``NomFic`` is refused by the TdT).  What only the store knows (IdUniques
and file names already sent) comes in as :class:`History`.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lxml import etree

from invoices.syntax.pes import names


@dataclass(frozen=True, slots=True)
class Breach:
    rule: str
    key: str
    location: str
    params: dict[str, object]
    warning: bool = False


@dataclass(frozen=True, slots=True)
class History:
    """What this commune has already sent, as the store knows it.

    ``id_unique_elsewhere(id_unique, nom_fic)``: the IdUnique went out in another file;
    ``file_name_taken(nom_fic, sha256)``: another file already carried that NomFic.
    """

    id_unique_elsewhere: Callable[[str, str], bool]
    file_name_taken: Callable[[str, str], bool]


def _v(element: etree._Element | None, tag: str) -> str | None:
    found = None if element is None else element.find(tag)
    return None if found is None else found.get("V")


def _where(element: etree._Element) -> str:
    return str(element.getroottree().getpath(element))


def _pj_content(pj: etree._Element) -> Iterator[Breach]:
    fichier = pj.find("Contenu/Fichier")
    if fichier is None:
        return  # the XSD says so
    payload = "".join((fichier.text or "").split())
    if not payload:
        yield Breach("HELIOS-PJ-EMPTY", "pes.rule_pj_empty", _where(fichier), {})
        return
    try:
        gzip.decompress(base64.b64decode(payload, validate=True))
    except (binascii.Error, OSError, EOFError, zlib.error):
        yield Breach("HELIOS-PJ-UNREADABLE", "pes.rule_pj_unreadable", _where(fichier), {})


def _pj_rules(root: etree._Element, referenced: set[str]) -> Iterator[Breach]:
    pes_pj = root.find("PES_PJ")
    if pes_pj is None:
        return
    version = _v(pes_pj.find("EnTetePES_PJ"), "IdVer")
    if version is not None and version != names.PJ_ID_VER:
        where = _where(pes_pj) + "/EnTetePES_PJ/IdVer"
        yield Breach("HELIOS-PJ-IDVER", "pes.rule_pj_idver", where, {"value": version})
    seen: set[str] = set()
    for pj in pes_pj.iterfind("PJ"):
        yield from _pj_content(pj)
        id_unique = _v(pj, "IdUnique") or ""
        if id_unique in seen:
            yield Breach(
                "HELIOS-IDUNIQUE-TWICE", "pes.rule_idunique_twice", _where(pj), {"id": id_unique}
            )
        seen.add(id_unique)
        type_pj = _v(pj, "TypePJ")
        refs = pj.findall("RefCompta")
        for ref in refs:
            domaine = _v(ref, "Domaine") or ""
            allowed = names.DOMAINE_TYPES_PJ.get(domaine, frozenset())
            if type_pj is not None and type_pj not in allowed:
                params: dict[str, object] = {"domaine": domaine, "type": type_pj}
                yield Breach(
                    "HELIOS-DOMAINE-TYPEPJ", "pes.rule_domaine_typepj", _where(ref), params
                )
            if _v(ref, "Identifiant") is None:
                yield Breach("HELIOS-REFCOMPTA-ID", "pes.rule_refcompta_id", _where(ref), {})
        if not refs and id_unique not in referenced:
            yield Breach(
                "HELIOS-PJ-UNATTACHED", "pes.rule_pj_unattached", _where(pj), {"id": id_unique}
            )


def _pj_refs(root: etree._Element) -> Iterator[etree._Element]:
    yield from root.iterfind("PES_DepenseAller/Bordereau/Piece/BlocPiece/InfoPce/PJRef")
    yield from root.iterfind(
        "PES_DepenseAller/Bordereau/Piece/LigneDePiece/BlocLignePiece/InfoLignePce/PJRef"
    )


def _ref_rules(root: etree._Element, sent: set[str]) -> Iterator[Breach]:
    for ref in _pj_refs(root):
        id_unique = _v(ref, "IdUnique") or ""
        support = _v(ref, "Support")
        if support == names.SUPPORT_ELECTRONIQUE and id_unique not in sent:
            yield Breach(
                "HELIOS-PJREF-ELSEWHERE",
                "pes.rule_pjref_elsewhere",
                _where(ref),
                {"id": id_unique},
                warning=True,
            )
        elif support != names.SUPPORT_ELECTRONIQUE and id_unique in sent:
            params: dict[str, object] = {"id": id_unique, "support": support or "-"}
            yield Breach("HELIOS-PJREF-PAPER", "pes.rule_pjref_paper", _where(ref), params)


def _amount(value: str | None) -> Decimal:
    try:
        return Decimal(value or "0")
    except InvalidOperation:
        return Decimal(0)


def _bordereau_rules(root: etree._Element) -> Iterator[Breach]:
    """Warnings only: the annotations ask for them, but files Hélios and S²LOW take
    (their own fixtures) break them, so they never make a file invalid."""
    depense = root.find("PES_DepenseAller")
    if depense is None:
        return
    version = _v(depense.find("EnTeteDepense"), "IdVer")
    if version is not None and version != names.DEPENSE_ID_VER:
        where = _where(depense) + "/EnTeteDepense/IdVer"
        yield Breach(
            "HELIOS-DEPENSE-IDVER", "pes.rule_depense_idver", where, {"value": version}, True
        )
    for bordereau in depense.iterfind("Bordereau"):
        bloc = bordereau.find("BlocBordereau")
        pieces = bordereau.findall("Piece")
        declared = _v(bloc, "NbrPce")
        if declared is not None and declared.isdigit() and int(declared) != len(pieces):
            params: dict[str, object] = {"declared": declared, "count": len(pieces)}
            yield Breach("HELIOS-NBRPCE", "pes.rule_nbrpce", _where(bordereau), params, True)
        lines = [
            _amount(_v(line, "MtHT"))
            for line in bordereau.iterfind("Piece/LigneDePiece/BlocLignePiece/InfoLignePce")
        ]
        total = _amount(_v(bloc, "MtBordHT"))
        if bloc is not None and total != sum(lines, Decimal(0)):
            params = {"declared": str(total), "sum": str(sum(lines, Decimal(0)))}
            yield Breach("HELIOS-MTBORDHT", "pes.rule_mtbordht", _where(bordereau), params, True)


def check_aller(tree: etree._ElementTree, sha256: str, history: History | None) -> list[Breach]:
    """Every breach of the Hélios rules in a PES_Aller (the XSD is checked elsewhere)."""
    root = tree.getroot()
    sent = {_v(pj, "IdUnique") or "" for pj in root.iterfind("PES_PJ/PJ")}
    referenced = {_v(ref, "IdUnique") or "" for ref in _pj_refs(root)}
    breaches: list[Breach] = []
    if (
        root.find("PES_DepenseAller/Bordereau") is None
        and not sent
        and (root.find("PES_RecetteAller") is None and root.find("PES_Marche") is None)
    ):
        breaches.append(Breach("HELIOS-FLUX-EMPTY", "pes.rule_flux_empty", _where(root), {}))
    breaches.extend(_bordereau_rules(root))
    breaches.extend(_pj_rules(root, referenced))
    breaches.extend(_ref_rules(root, sent))
    if history is not None:
        file_name = _v(root.find("Enveloppe/Parametres"), "NomFic") or ""
        if file_name and history.file_name_taken(file_name, sha256):
            where = "/n:PES_Aller/Enveloppe/Parametres/NomFic"
            breaches.append(
                Breach("HELIOS-NOMFIC-REUSED", "pes.rule_nomfic", where, {"name": file_name})
            )
        for pj in root.iterfind("PES_PJ/PJ"):
            id_unique = _v(pj, "IdUnique") or ""
            if id_unique and history.id_unique_elsewhere(id_unique, file_name):
                breaches.append(
                    Breach(
                        "HELIOS-IDUNIQUE-SENT",
                        "pes.rule_idunique_sent",
                        _where(pj),
                        {"id": id_unique},
                    )
                )
    return breaches
