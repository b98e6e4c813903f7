"""The ``PES_Retour`` files Hélios leaves on the TdT, and the list S²LOW gives of them.

A ``PES_Retour`` (namespace ``…/pes_v2/Rev0/retour``) tells the ordonnateur what the
accountant did with its pieces.  The emulator writes a ``PES_DepenseRetour`` once a
file is acknowledged: one ``Bordereau`` per accepted bordereau and, in it, one
``Piece`` per mandat Hélios took in charge (``EtatPce`` 01) with its lines, in the
shape of S²LOW's own fixture (``TypFic`` ``PESRETOUR_DEP``, ``TypRestit``,
``NatInf`` 2: periodic detailed flow).  Tests and the demo may also leave any bytes
as a PES_Retour (``World.add_retour``) to see how a client copes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from lxml import etree

from emulators.tdt.aller import Aller

NS = "http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour"
#: EtatPce: the piece was taken in charge by the accountant.
TAKEN_IN_CHARGE = "01"


@dataclass
class Retour:
    id: int
    name: str
    date: date
    data: bytes
    read: bool = False


def _add(parent: etree._Element, tag: str, value: str) -> etree._Element:
    return etree.SubElement(parent, tag, V=value)


def build_retour(aller: Aller, name: str, today: date, accepted: set[str]) -> bytes | None:
    """The PES_DepenseRetour of the mandats of ``aller`` whose bordereau Hélios accepted
    (``accepted``: ``exercice/bordereau`` keys); ``None`` when there is none."""
    bordereaux = [b for b in aller.bordereaux if f"{b.exercice}/{b.number}" in accepted]
    if not bordereaux:
        return None
    root = etree.Element(etree.QName(NS, "PES_Retour"), nsmap={"n": NS})
    params = etree.SubElement(etree.SubElement(root, "Enveloppe"), "Parametres")
    _add(params, "Version", "2")
    _add(params, "TypFic", "PESRETOUR_DEP")
    _add(params, "NomFic", name)
    header = etree.SubElement(root, "EnTetePES")
    _add(header, "DteStr", today.isoformat())
    _add(header, "IdPost", aller.id_post)
    _add(header, "IdColl", aller.id_coll)
    _add(header, "CodColl", aller.cod_col)
    _add(header, "CodBud", aller.cod_bud)
    depense = etree.SubElement(root, "PES_DepenseRetour")
    head = etree.SubElement(depense, "EnTeteDepense")
    _add(head, "TypRestit", "AA")
    _add(head, "IdVer", "2")
    _add(head, "NatInf", "2")
    for bordereau in bordereaux:
        element = etree.SubElement(depense, "Bordereau")
        bloc = etree.SubElement(element, "BlocBordereau")
        _add(bloc, "Exer", bordereau.exercice)
        _add(bloc, "IdBord", bordereau.number)
        _add(bloc, "TypBord", bordereau.typ_bord or "01")
        for piece in bordereau.pieces:
            pce = etree.SubElement(element, "Piece")
            info = etree.SubElement(pce, "InfoPiece")
            _add(info, "IdPce", piece.number)
            _add(info, "TypPce", piece.typ_pce or "01")
            _add(info, "NatPce", piece.nat_pce or "01")
            _add(info, "DtePcePec", today.isoformat())
            _add(info, "EtatPce", TAKEN_IN_CHARGE)
            for line in piece.lines:
                bloc_line = etree.SubElement(
                    etree.SubElement(pce, "LigneDePiece"), "BlocLignePiece"
                )
                info_line = etree.SubElement(bloc_line, "InfoLignePiece")
                _add(info_line, "IdLigne", line.number)
                _add(info_line, "EtatLigPce", TAKEN_IN_CHARGE)
                _add(info_line, "MtHT", line.amount_ht or "0.00")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="ISO-8859-1"))


def list_xml(id_coll: str, asked: str, retours: list[Retour]) -> bytes:
    """``helios_get_list.php``: the unread PES_Retour (``resultat`` empty on success)."""
    items = "".join(
        f"<pes_retour><id>{r.id}</id><nom>{escape(r.name)}</nom>"
        f"<date>{r.date.isoformat()}</date></pes_retour>"
        for r in retours
    )
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        f"<liste><idColl>{escape(id_coll)}</idColl><resultat></resultat><message></message>"
        f"<dateDemande>{escape(asked)}</dateDemande>{items}</liste>\n"
    )
    return xml.encode("iso-8859-1", "xmlcharrefreplace")
