"""The ``PES_ACQUIT`` Hélios answers: one element per bordereau and one per PJ.

Built to be valid against ``PES_V2_Acquit_Autonome_V2.xsd``: the envelope and
header of the file received, then ``ACQUIT`` with its ``ElementACQUIT``s, each KO
one carrying its anomaly (code from the ``TNumAnoAck`` list and label).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree

from emulators.tdt.aller import Aller

NS = "http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour/v2"


@dataclass(frozen=True)
class Verdict:
    """KO anomaly for an element (``None``: accepted)."""

    code: str
    label: str


def _add(parent: etree._Element, tag: str, value: str) -> etree._Element:
    return etree.SubElement(parent, tag, V=value)


def _element(parent: etree._Element, domaine: str, verdict: Verdict | None, **ids: str) -> None:
    element = etree.SubElement(parent, "ElementACQUIT")
    _add(element, "DomaineAck", domaine)
    _add(element, "EtatAck", "0" if verdict else "1")
    for tag, value in ids.items():
        _add(element, tag, value)
    if verdict is not None:
        error = etree.SubElement(element, "Erreur")
        _add(error, "NumAnoAck", verdict.code)
        _add(error, "LibelleAnoAck", verdict.label[:500])


def build_acquit(
    aller: Aller,
    today: date,
    bordereaux: dict[tuple[str, str], Verdict | None],
    attachments: dict[str, Verdict | None],
) -> bytes:
    root = etree.Element(etree.QName(NS, "PES_ACQUIT"), nsmap={"n": NS})
    envelope = etree.SubElement(root, "Enveloppe")
    params = etree.SubElement(envelope, "Parametres")
    _add(params, "Version", "2")
    _add(params, "TypFic", "PESALR2")
    _add(params, "NomFic", aller.nom_fic)
    sender = etree.SubElement(envelope, "Emetteur")
    _add(sender, "Sigle", "HELIOS")
    _add(sender, "Adresse", "DGFIP")
    receiver = etree.SubElement(envelope, "Recepteur")
    _add(receiver, "Sigle", "TDT")
    header = etree.SubElement(root, "EnTetePES")
    _add(header, "DteStr", today.isoformat())
    _add(header, "IdPost", aller.id_post)
    _add(header, "IdColl", aller.id_coll)
    _add(header, "CodCol", aller.cod_col)
    _add(header, "CodBud", aller.cod_bud)
    if aller.libelle:
        _add(header, "LibelleColBud", aller.libelle)
    acquit = etree.SubElement(root, "ACQUIT")
    _add(etree.SubElement(acquit, "EnTeteAcquit"), "IdVer", "2")
    for (exercice, number), verdict in bordereaux.items():
        _element(acquit, "5", verdict, NumBord=number, ExerciceBord=exercice)
    for id_unique, verdict in attachments.items():
        _element(acquit, "4", verdict, IdUnique=id_unique)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="ISO-8859-1"))


def build_non_acquit(aller: Aller, today: date, message: str) -> bytes:
    """What Hélios answers a file it cannot take at all (status 6).  The bundle has no
    schema for it: the emulator writes the envelope of the file refused and the reason,
    which is as much as a client may rely on."""
    root = etree.Element("PES_NonAcquit")
    envelope = etree.SubElement(root, "Enveloppe")
    params = etree.SubElement(envelope, "Parametres")
    _add(params, "Version", "2")
    _add(params, "NomFic", aller.nom_fic)
    header = etree.SubElement(root, "EnTetePES")
    _add(header, "DteStr", today.isoformat())
    _add(header, "IdPost", aller.id_post)
    _add(header, "IdColl", aller.id_coll)
    error = etree.SubElement(root, "Erreur")
    _add(error, "NumAnoAck", "ERREUR_SCHEMA_INCOMPLET")
    _add(error, "LibelleAnoAck", message[:500])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="ISO-8859-1"))
