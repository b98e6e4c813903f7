"""PesFile -> the bytes of a PES_Aller, declared and encoded ISO-8859-1 as S²LOW requires.

The shared builder writes UTF-8; the tree is serialised again in ISO-8859-1, where
lxml writes any character outside Latin-1 as a character reference, so the file
stays exactly what the model says whatever the supplier's name holds.
"""

from __future__ import annotations

from lxml import etree

from invoices.syntax.builder import Builder
from invoices.syntax.pes.elements import NSMAP, PES_ALLER
from invoices.syntax.pes.model import PesFile
from invoices.syntax.pes.names import ENCODING

_BUILDER = Builder(NSMAP)


def write_pes(pes: PesFile) -> bytes:
    utf8 = _BUILDER.build(PES_ALLER, pes)
    root = etree.fromstring(utf8, etree.XMLParser(huge_tree=True))
    data: bytes = etree.tostring(root, xml_declaration=True, encoding=ENCODING, pretty_print=True)
    return data
