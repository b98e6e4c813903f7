"""The files inside a Chorus Pro ``PIVOT`` (``CPPFacturePivot``): the invoice, its attachments.

Each ``PJ`` of the pivot carries a name, a type (``01`` the invoice as the supplier
deposited it, ``02`` a supporting document), a media type and the bytes in base64.
The XML is read with the project's safe parser (no DOCTYPE, no entity, no network):
a pivot is platform data, but still data from outside.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from invoices import xmlsafe
from invoices.errors import InputError

INVOICE = "01"
SUPPORTING = "02"


@dataclass(frozen=True)
class PivotFile:
    name: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class PivotContent:
    """What a pivot holds: the deposited invoice (when attached) and the other documents."""

    original: PivotFile | None = None
    attachments: tuple[PivotFile, ...] = field(default_factory=tuple)


def safe_name(name: str, fallback: str) -> str:
    """A file name fit for a disk: its last part, plain characters, at most 100 of them."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = "".join(c for c in base if c.isalnum() or c in "-_.")[:100].lstrip(".")
    return cleaned or fallback


def read_pivot(data: bytes, invoice_id: int) -> PivotContent:
    """The files of a pivot; an unreadable pivot holds none (the caller falls back)."""
    try:
        root = xmlsafe.parse(data, f"Chorus Pro {invoice_id} PIVOT").getroot()
    except InputError:
        return PivotContent()
    original: PivotFile | None = None
    others: list[PivotFile] = []
    for index, pj in enumerate(root.iter("{*}PJ"), 1):
        kind = (pj.findtext("{*}TypePJ") or "").strip()
        content = (pj.findtext("{*}Contenu") or "").strip()
        if not content:
            continue
        try:
            raw = base64.b64decode(content, validate=False)
        except (binascii.Error, ValueError):
            continue
        fallback = f"facture-{invoice_id}" if kind == INVOICE else f"pj-{invoice_id}-{index}"
        found = PivotFile(
            safe_name((pj.findtext("{*}NomPJ") or "").strip(), fallback),
            (pj.findtext("{*}MimeTypePJ") or "").strip() or "application/octet-stream",
            raw,
        )
        if kind == INVOICE and original is None:
            original = found
        else:
            others.append(found)
    return PivotContent(original, tuple(others))
