"""The emulator's own reading of a ``PES_Aller``: only what S²LOW and Hélios check.

Element names are matched on their local name (the root is namespaced, the
children are not), and values are the ``V`` attributes, as in every PES file.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import re
import zlib
from dataclasses import dataclass

from lxml import etree

_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


@dataclass(frozen=True)
class Line:
    number: str
    amount_ht: str
    amount_tva: str


@dataclass(frozen=True)
class Piece:
    """A mandat: its number, its triplet's piece type and nature, its lines."""

    number: str
    typ_pce: str
    nat_pce: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Bordereau:
    exercice: str
    number: str
    mandats: tuple[str, ...]
    typ_bord: str = ""
    total_ht: str = ""
    total_tva: str = ""
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class Attachment:
    id_unique: str
    size: int


@dataclass(frozen=True)
class Aller:
    nom_fic: str
    id_post: str
    id_coll: str
    cod_col: str
    cod_bud: str
    libelle: str
    bordereaux: tuple[Bordereau, ...]
    attachments: tuple[Attachment, ...]


def declared_encoding(data: bytes) -> str | None:
    found = _ENCODING.match(data[:200])
    return found.group(1).decode("ascii").upper() if found else None


def _v(parent: etree._Element | None, path: str) -> str:
    if parent is None:
        return ""
    found = parent.find(path)
    return (found.get("V") or "").strip() if found is not None else ""


def _decoded_size(text: str) -> int:
    """The PJ's size once decoded (base64, gzip when it is); -1 when undecodable."""
    try:
        raw = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return -1
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):
            return -1
    return len(raw)


def _piece(piece: etree._Element) -> Piece:
    lines = tuple(
        Line(_v(info, "IdLigne"), _v(info, "MtHT"), _v(info, "MtTVA"))
        for info in piece.iterfind("LigneDePiece/BlocLignePiece/InfoLignePce")
    )
    info = piece.find("BlocPiece/InfoPce")
    return Piece(_v(info, "IdPce"), _v(info, "TypPce"), _v(info, "NatPce"), lines)


def read_aller(data: bytes) -> Aller:
    """Raises ``etree.XMLSyntaxError`` when the file is not well-formed XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(data, parser)
    header = root.find("EnTetePES")
    bordereaux = []
    for bord in root.iterfind("PES_DepenseAller/Bordereau"):
        block = bord.find("BlocBordereau")
        pieces = tuple(_piece(p) for p in bord.iterfind("Piece"))
        bordereaux.append(
            Bordereau(
                _v(block, "Exer"),
                _v(block, "IdBord"),
                tuple(p.number for p in pieces),
                typ_bord=_v(block, "TypBord"),
                total_ht=_v(block, "MtBordHT"),
                total_tva=_v(block, "MtBordTVA"),
                pieces=pieces,
            )
        )
    attachments = []
    for pj in root.iterfind("PES_PJ/PJ"):
        content = pj.find("Contenu/Fichier")
        size = _decoded_size(content.text or "") if content is not None else 0
        attachments.append(Attachment(_v(pj, "IdUnique"), size))
    return Aller(
        nom_fic=_v(root, "Enveloppe/Parametres/NomFic"),
        id_post=_v(header, "IdPost"),
        id_coll=_v(header, "IdColl"),
        cod_col=_v(header, "CodCol"),
        cod_bud=_v(header, "CodBud"),
        libelle=_v(header, "LibelleColBud"),
        bordereaux=tuple(bordereaux),
        attachments=tuple(attachments),
    )
