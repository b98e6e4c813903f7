"""Hélios's answers, read element by element into the state of what we sent.

A ``PES_ACQUIT`` has one ``ElementACQUIT`` per bordereau (``DomaineAck`` 5, dépense)
and per PJ (``DomaineAck`` 4, by ``IdUnique``), each OK or KO with its anomalies; a
mandat may be named in a ``DetailPiece`` with its own errors.  Each state is read
from its own element only, so one PJ refused leaves its neighbours accepted.
``PES_NonAcquit`` and ``PES_ACQUIT_RETOUR`` are recognised and kept as they are:
no interpretation is guessed for messages we have no specification of.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lxml import etree

from invoices.errors import InputError
from invoices.xmlsafe import parse

DOMAINE_PJ = "4"
DOMAINE_DEPENSE = "5"


class AckKind(StrEnum):
    ACQUIT = "acquit"
    NON_ACQUIT = "non-acquit"
    ACQUIT_RETOUR = "acquit-retour"


class State(StrEnum):
    OK = "ok"
    KO = "ko"


@dataclass(frozen=True, slots=True)
class Anomaly:
    code: str | None
    label: str | None


@dataclass(frozen=True, slots=True)
class PieceAck:
    """A mandat (``DetailPiece``), with its own errors and those of its lines."""

    number: str
    errors: tuple[Anomaly, ...]
    lines: tuple[tuple[str, tuple[Anomaly, ...]], ...]

    @property
    def faulty(self) -> bool:
        return bool(self.errors) or any(errors for _n, errors in self.lines)


@dataclass(frozen=True, slots=True)
class ElementAck:
    domaine: str
    state: State
    bordereau: str | None
    exercice: str | None
    id_unique: str | None
    errors: tuple[Anomaly, ...]
    pieces: tuple[PieceAck, ...]


@dataclass(frozen=True, slots=True)
class Acquit:
    kind: AckKind
    file_name: str | None
    elements: tuple[ElementAck, ...] = ()

    def bordereau(self, exercice: int, number: int) -> ElementAck | None:
        for element in self.elements:
            if (
                element.domaine == DOMAINE_DEPENSE
                and element.bordereau == str(number)
                and element.exercice in (None, str(exercice))
            ):
                return element
        return None

    def bordereau_state(self, exercice: int, number: int) -> State | None:
        """OK/KO as Hélios said it; ``None`` when the acquit does not speak of it."""
        element = self.bordereau(exercice, number)
        return None if element is None else element.state

    def mandat_state(self, exercice: int, bordereau: int, mandat: int) -> State | None:
        """KO when its bordereau is refused or the mandat is named with errors."""
        element = self.bordereau(exercice, bordereau)
        if element is None:
            return None
        if element.state is State.KO:
            return State.KO
        named = [p for p in element.pieces if p.number.lstrip("0") == str(mandat)]
        return State.KO if any(p.faulty for p in named) else State.OK

    def mandat_errors(self, exercice: int, bordereau: int, mandat: int) -> tuple[Anomaly, ...]:
        element = self.bordereau(exercice, bordereau)
        if element is None:
            return ()
        found: list[Anomaly] = []
        for piece in element.pieces:
            if piece.number.lstrip("0") == str(mandat):
                found.extend(piece.errors)
                for _line, errors in piece.lines:
                    found.extend(errors)
        return tuple(found) if found or element.state is State.OK else element.errors

    def pj(self, id_unique: str) -> ElementAck | None:
        for element in self.elements:
            if element.domaine == DOMAINE_PJ and element.id_unique == id_unique:
                return element
        return None

    def pj_state(self, id_unique: str) -> State | None:
        element = self.pj(id_unique)
        return None if element is None else element.state

    def pj_states(self) -> dict[str, State]:
        return {
            e.id_unique: e.state
            for e in self.elements
            if e.domaine == DOMAINE_PJ and e.id_unique is not None
        }


_KINDS = {
    "PES_ACQUIT": AckKind.ACQUIT,
    "PES_NonAcquit": AckKind.NON_ACQUIT,
    "PES_ACQUIT_RETOUR": AckKind.ACQUIT_RETOUR,
}


def _v(parent: etree._Element, tag: str) -> str | None:
    found = parent.find(tag)
    if found is None:
        return None
    value = found.get("V")
    return value.strip() if value is not None else None


def _errors(parent: etree._Element) -> tuple[Anomaly, ...]:
    return tuple(
        Anomaly(_v(error, "NumAnoAck"), _v(error, "LibelleAnoAck"))
        for error in parent.findall("Erreur")
    )


def _piece(element: etree._Element) -> PieceAck:
    lines = tuple(
        (_v(line, "NumLigne") or "", _errors(line)) for line in element.findall("DetailLigne")
    )
    return PieceAck(_v(element, "NumPiece") or "", _errors(element), lines)


def _element(element: etree._Element, file: str) -> ElementAck:
    state = _v(element, "EtatAck")
    if state not in ("0", "1"):
        raise InputError("pes.acquit_bad_state", file=file, value=state or "-")
    return ElementAck(
        domaine=_v(element, "DomaineAck") or "",
        state=State.OK if state == "1" else State.KO,
        bordereau=_v(element, "NumBord"),
        exercice=_v(element, "ExerciceBord"),
        id_unique=_v(element, "IdUnique"),
        errors=_errors(element),
        pieces=tuple(_piece(p) for p in element.findall("DetailPiece")),
    )


def read_acquit(data: bytes, file: str = "-") -> Acquit:
    """The acknowledgement in ``data`` (:class:`InputError` when it is none of the three)."""
    root = parse(data, file).getroot()
    local = etree.QName(root).localname
    kind = _KINDS.get(local)
    if kind is None:
        raise InputError("pes.acquit_unknown_root", file=file, root=local)
    file_name = None
    names = root.find("Enveloppe/Parametres")
    if names is not None:
        file_name = _v(names, "NomFic")
    if kind is not AckKind.ACQUIT:
        return Acquit(kind, file_name)
    return Acquit(
        kind,
        file_name,
        tuple(_element(e, file) for e in root.iterfind("ACQUIT/ElementACQUIT")),
    )
