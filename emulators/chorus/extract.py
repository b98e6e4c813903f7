"""What the platform reads from a deposited flow: each invoice's routing and control data.

Chorus Pro integrates a flow by reading, for every invoice ("demande de paiement") in
it, the parties, the routing references (service code, legal commitment), the dates and
the totals.  This module expands ``zip`` / ``tar.gz`` batches and reads each member as
the declared ``syntaxeFlux`` says (UBL 2.1, CII D16B, Factur-X PDF) with the emulator's
own reading (:mod:`.reading`, over the XPath tables of :mod:`.xpaths`), never with the
project's readers; the checks the platform applies live in :mod:`.integration`.
"""

from __future__ import annotations

import io
import tarfile
import zipfile

from emulators.chorus import platform
from emulators.chorus.demand import ContainerError, Demand, Line, VatLine
from emulators.chorus.reading import read_invoice

__all__ = ["ContainerError", "Demand", "Line", "VatLine", "read_flow", "read_member"]

#: ``syntaxeFlux`` values the emulator integrates, and the container each expects.
SUPPORTED = platform.CONTAINERS
#: Batches: at most this many members and this many bytes once expanded.
MAX_MEMBERS = platform.MAX_BATCH_MEMBERS
MAX_EXPANDED = platform.MAX_BATCH_EXPANDED_BYTES


def read_member(data: bytes, member: str, syntaxe: str) -> Demand:
    """One invoice file of a flow, read as the declared syntax (or ContainerError)."""
    kind = SUPPORTED.get(syntaxe)
    if kind is None:
        raise ContainerError(
            "SYNTAXE_NON_TRAITEE", f"La syntaxe {syntaxe} n'est pas intégrée par cet émulateur."
        )
    return read_invoice(data, member, kind, syntaxe)


def _members(data: bytes, name: str) -> list[tuple[str, bytes]]:
    """The files of a batch (zip or tar.gz), or the single file itself."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = [i for i in archive.infolist() if not i.is_dir()]
                _check_batch(len(infos), sum(i.file_size for i in infos), name)
                return [(i.filename, archive.read(i)) for i in infos]
        except (zipfile.BadZipFile, OSError) as exc:
            raise ContainerError(
                "ARCHIVE_INVALIDE", f"{name} : archive zip illisible ({exc})."
            ) from None
    if data.startswith(b"\x1f\x8b"):
        try:
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
                members = [m for m in archive.getmembers() if m.isfile()]
                _check_batch(len(members), sum(m.size for m in members), name)
                found = []
                for member in members:
                    handle = archive.extractfile(member)
                    if handle is not None:
                        found.append((member.name, handle.read()))
                return found
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise ContainerError(
                "ARCHIVE_INVALIDE", f"{name} : archive tar.gz illisible ({exc})."
            ) from None
    return [(name, data)]


def _check_batch(count: int, size: int, name: str) -> None:
    if count == 0:
        raise ContainerError("ARCHIVE_VIDE", f"{name} : l'archive ne contient aucune facture.")
    if count > MAX_MEMBERS or size > MAX_EXPANDED:
        raise ContainerError(
            "ARCHIVE_TROP_GRANDE",
            f"{name} : {count} fichiers, {size} octets une fois décompressés "
            f"(au plus {MAX_MEMBERS} fichiers et {MAX_EXPANDED} octets).",
        )


def read_flow(data: bytes, name: str, syntaxe: str) -> list[Demand | ContainerError]:
    """Every invoice of a flow; a member that cannot be read is its ContainerError.

    Raises ContainerError when the flow as a whole is unreadable (bad archive).
    """
    found: list[Demand | ContainerError] = []
    for member, content in _members(data, name):
        try:
            found.append(read_member(content, member, syntaxe))
        except ContainerError as exc:
            found.append(exc)
        except Exception as exc:  # a reading bug must not stop the platform: say it, go on
            found.append(
                ContainerError(
                    "ERREUR_LECTURE",
                    f"{member} : lecture impossible ({type(exc).__name__}: {exc}).",
                )
            )
    return found
