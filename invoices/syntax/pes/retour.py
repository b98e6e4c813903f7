"""What the TdT hands back besides acquits: ``PES_Retour`` and its neighbours, read
only as far as naming them.

Hélios's ``PES_Retour`` (``PES_DepenseRetour``: what the accountant did with each
piece), and the ``PES_NonAcquit`` / ``PES_ACQUIT_RETOUR`` messages, have no schema
in the 5.30 bundle: the file is kept as it came and we say what it is (its root,
its ``NomFic``, its ``TypFic``, how many bordereaux and pieces it names), never
what we would guess it means.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from invoices.errors import InputError

#: Roots recognised (anything else is kept and shown under its own root name).
KNOWN = frozenset({"PES_Retour", "PES_ACQUIT", "PES_NonAcquit", "PES_ACQUIT_RETOUR"})


@dataclass(frozen=True, slots=True)
class RetourInfo:
    kind: str
    nom_fic: str | None
    typ_fic: str | None
    bordereaux: int
    pieces: int

    @property
    def known(self) -> bool:
        return self.kind in KNOWN


def _v(root: etree._Element, path: str) -> str | None:
    found = root.find(path)
    value = None if found is None else found.get("V")
    return value.strip() if value else None


def read_retour(data: bytes, file: str) -> RetourInfo:
    """Name the file; :class:`InputError` when it is not well-formed XML (truncated)."""
    if not data.strip():
        raise InputError("xml.empty", file=file)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError("xml.malformed", file=file, reason=str(exc)) from None
    if root.getroottree().docinfo.doctype:
        raise InputError("xml.doctype_refused", file=file)
    bordereaux = root.findall("PES_DepenseRetour/Bordereau")
    return RetourInfo(
        kind=etree.QName(root).localname,
        nom_fic=_v(root, "Enveloppe/Parametres/NomFic"),
        typ_fic=_v(root, "Enveloppe/Parametres/TypFic"),
        bordereaux=len(bordereaux),
        pieces=sum(len(b.findall("Piece")) for b in bordereaux),
    )
