"""The emulator's state: transactions, what was received, its clock and its rules.

Import refusals are those S²LOW answers ``KO`` with a message; an accepted file
becomes a transaction at status 1 (posted) that the clock moves through 2
(waiting to be sent), 3 (transmitted) and 4 (acknowledged, the acquit built then),
or 6 (refused, PES_NonAcquit) when the file fails the PES_Aller schema.  A file
posted with ``must_signed`` waits at 13 (waiting to be signed) until someone signs
it on the TdT's web pages (:meth:`World.sign`, or the emulator's control call);
its clock starts then.
Hélios's seeded rules make an element KO: a PJ whose ``IdUnique`` was already
received (in an earlier file or seeded), a PJ whose decoded content is empty, a
bordereau whose totals do not match the lines of its mandats (the PES_Aller 5.30
has no amount on the ``Piece`` itself: a mandat's amount is its lines, checked
against what the bordereau declares; every mandat of it is then refused), and
every bordereau and PJ of a file whose ``IdPost`` is not a known poste comptable.
Once a file is acknowledged, Hélios leaves a ``PES_Retour`` of its accepted
mandats, listed by the TdT until the client marks it read.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from emulators.tdt.acquit import Verdict, build_acquit, build_non_acquit
from emulators.tdt.aller import Aller, Bordereau, declared_encoding, read_aller
from emulators.tdt.retour import Retour, build_retour

MB = 1024 * 1024
#: Seconds of emulator clock between two statuses.
STEP = 60.0
STATUS_FLOW = (1, 2, 3, 4)
#: Waiting to be signed on the TdT (``must_signed``).
TO_SIGN = 13


@dataclass
class Config:
    max_size: int = 128 * MB
    #: Emulator seconds per real second (0: the clock moves only when told).
    clock_scale: float = 0.0
    step: float = STEP
    known_id_posts: frozenset[str] | None = None
    login: str | None = None
    password: str | None = None
    #: ``PES_Aller.xsd`` of the 5.30 bundle: a file it refuses gets status 6
    #: (PES_NonAcquit) instead of an acquit.  ``None``: not checked.
    aller_schema: Path | None = None


@dataclass
class Transaction:
    id: int
    name: str
    sha1: str
    data: bytes
    aller: Aller
    posted_at: float
    status: int = 1
    acquit: bytes | None = None
    message: str = ""
    must_sign: bool = False


@dataclass
class World:
    config: Config = field(default_factory=Config)
    transactions: dict[int, Transaction] = field(default_factory=dict)
    #: IdUniques Hélios already holds (seeded, or received in earlier files).
    received: set[str] = field(default_factory=set)
    lock: threading.RLock = field(default_factory=threading.RLock)
    offset: float = 0.0
    schema: etree.XMLSchema | None = None
    started: float = field(default_factory=time.monotonic)
    #: PES_Retour left for the commune, by id (listed while unread).
    retours: dict[int, Retour] = field(default_factory=dict)

    # clock -------------------------------------------------------------

    def now(self) -> float:
        return self.offset + (time.monotonic() - self.started) * self.config.clock_scale

    def _today(self) -> date:
        return (datetime.now(UTC) + timedelta(seconds=self.now())).date()

    def advance(self, seconds: float) -> None:
        with self.lock:
            self.offset += seconds
            self.tick()

    def tick(self) -> None:
        for tx in self.transactions.values():
            if tx.status not in STATUS_FLOW:
                continue
            steps = int((self.now() - tx.posted_at) // self.config.step)
            status = STATUS_FLOW[min(steps, len(STATUS_FLOW) - 1)]
            if status == 4 and tx.acquit is None:
                refused = self._schema_error(tx.data)
                if refused is not None:
                    tx.status, tx.message = 6, f"PES_NonAcquit : {refused}"
                    tx.acquit = build_non_acquit(tx.aller, self._today(), refused)
                    continue
                tx.acquit = self._acquit(tx)
            tx.status = max(tx.status, status)

    def _schema_error(self, data: bytes) -> str | None:
        """Hélios's schema check: the first error, or ``None`` when valid or unchecked."""
        if self.config.aller_schema is None:
            return None
        if self.schema is None:
            self.schema = etree.XMLSchema(etree.parse(str(self.config.aller_schema)))
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        if self.schema.validate(etree.fromstring(data, parser)):
            return None
        error = self.schema.error_log.last_error
        return f"ligne {error.line} : {error.message}" if error else "schéma"

    # import ------------------------------------------------------------

    def refusal(self, data: bytes | None) -> str | None:
        """S²LOW's message when it refuses the file at import (``None``: accepted)."""
        if data is None:
            return "Le paramètre enveloppe est absent : aucun fichier reçu"
        if len(data) > self.config.max_size:
            limit = self.config.max_size // MB
            return f"Le fichier dépasse la taille maximale autorisée ({limit} Mo)"
        if not data:
            return "Le fichier est vide (0 octet)"
        sha1 = hashlib.sha1(data).hexdigest()
        if any(tx.sha1 == sha1 for tx in self.transactions.values()):
            return "doublon détecté"
        if declared_encoding(data) != "ISO-8859-1":
            return "Le fichier n'est pas encodé en ISO-8859-1"
        try:
            aller = read_aller(data)
        except etree.XMLSyntaxError:
            return "Le fichier n'est pas un document XML bien formé"
        if not aller.bordereaux and not aller.attachments:
            return "Le fichier PES est vide : ni bordereau ni pièce justificative"
        if len(aller.cod_col) > 3:
            return "CodCol trop long : 3 caractères au plus"
        if len(aller.id_coll) > 14:
            return "IdColl trop long : 14 caractères au plus"
        for tx in self.transactions.values():
            if tx.aller.nom_fic == aller.nom_fic and tx.aller.cod_col == aller.cod_col:
                return (
                    f"Le nom de fichier {aller.nom_fic} a déjà été utilisé "
                    f"pour la collectivité {aller.cod_col}"
                )
        return None

    def duplicate_of(self, data: bytes) -> int | None:
        sha1 = hashlib.sha1(data).hexdigest()
        return next((t.id for t in self.transactions.values() if t.sha1 == sha1), None)

    def accept(self, data: bytes, *, must_sign: bool = False) -> Transaction:
        aller = read_aller(data)
        tx_id = max(self.transactions, default=1000) + 1
        tx = Transaction(tx_id, aller.nom_fic, hashlib.sha1(data).hexdigest(), data, aller, 0.0)
        tx.posted_at = self.now()
        if must_sign:
            tx.status, tx.must_sign = TO_SIGN, True
        self.transactions[tx_id] = tx
        return tx

    def sign(self, tx_id: int) -> bool:
        """A person signs the file on the TdT: it leaves status 13 and its clock starts."""
        with self.lock:
            tx = self.transactions.get(tx_id)
            if tx is None or tx.status != TO_SIGN:
                return False
            tx.status, tx.posted_at = 1, self.now()
            self.tick()
            return True

    # PES_Retour ----------------------------------------------------------

    def add_retour(self, name: str, data: bytes, day: date | None = None) -> Retour:
        """Leave a PES_Retour for the commune (Hélios does after an acquit; tests may too)."""
        with self.lock:
            retour_id = max(self.retours, default=5000) + 1
            today = day or (datetime.now(UTC) + timedelta(seconds=self.now())).date()
            retour = Retour(retour_id, name, today, data)
            self.retours[retour_id] = retour
            return retour

    def unread(self) -> list[Retour]:
        return [r for r in self.retours.values() if not r.read]

    def id_coll(self) -> str:
        return next((t.aller.id_coll for t in self.transactions.values()), "")

    # Hélios ------------------------------------------------------------

    def _acquit(self, tx: Transaction) -> bytes:
        aller = tx.aller
        known = self.config.known_id_posts
        if known is not None and aller.id_post not in known:
            everything: Verdict | None = Verdict(
                "ERREUR_CODIQUE", f"Poste comptable {aller.id_post} inconnu"
            )
        else:
            everything = None
        bordereaux = {(b.exercice, b.number): everything or _totals(b) for b in aller.bordereaux}
        attachments: dict[str, Verdict | None] = {}
        for pj in aller.attachments:
            verdict = everything
            if verdict is None and pj.id_unique in self.received:
                verdict = Verdict("ERREUR_DOUBLON_PJ", f"IdUnique {pj.id_unique} déjà reçu")
            elif verdict is None and pj.size <= 0:
                verdict = Verdict("ERREUR_PJ", f"Pièce justificative {pj.id_unique} vide")
            attachments[pj.id_unique] = verdict
        self.received.update(p.id_unique for p in aller.attachments)
        day = (datetime.now(UTC) + timedelta(seconds=self.now())).date()
        accepted = {f"{e}/{n}" for (e, n), verdict in bordereaux.items() if verdict is None}
        name = f"PESRETOUR_{aller.id_coll}_{tx.id}.xml"
        retour = build_retour(aller, name, day, accepted)
        if retour is not None:
            self.add_retour(name, retour, day)
        return build_acquit(aller, day, bordereaux, attachments)


def _decimal(value: str) -> Decimal:
    try:
        return Decimal(value or "0")
    except InvalidOperation:
        return Decimal("NaN")


def _totals(bordereau: Bordereau) -> Verdict | None:
    """KO when the bordereau's totals are not the sum of its mandats' lines."""
    lines = [line for piece in bordereau.pieces for line in piece.lines]
    for declared, values, what in (
        (bordereau.total_ht, [ln.amount_ht for ln in lines], "HT"),
        (bordereau.total_tva, [ln.amount_tva for ln in lines], "TVA"),
    ):
        total = sum((_decimal(v) for v in values), Decimal(0))
        if _decimal(declared) != total:
            mandats = ", ".join(p.number for p in bordereau.pieces)
            return Verdict(
                "ERREUR_AUTRE",
                f"Montant {what} du bordereau {bordereau.number} ({declared or '0'}) différent "
                f"de la somme des lignes de ses mandats {mandats} ({total})",
            )
    return None
