"""Fetching the PES_Retour Hélios leaves on the TdT, each stored exactly once.

For every retour the TdT lists as unread: download it, commit it to the store
(row, blob, audit record), and only then tell the TdT it was read.  A run that
dies between the commit and that call finds it listed again next time, sees it
is already stored and only marks it read; one that dies before the commit
downloads it again.  Nothing is lost and nothing is stored twice (the store's
unique ``remote_id`` backs this up if two runs race).  A download that is not
well-formed XML (cut short) is neither stored nor marked read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError

from connectors.tdt.client import RetourRef
from connectors.tdt.connector import TdtConnector
from connectors.tdt.errors import TdtUnavailable
from invoices.errors import InputError
from invoices.store import pes_retours

LABEL = "PES_Retour"


@dataclass(frozen=True)
class Problem:
    """A retour that could not be fetched or marked read this time (it stays listed)."""

    remote_id: str
    name: str
    reason: str


@dataclass
class Fetched:
    fetched: list[pes_retours.RetourView] = field(default_factory=list)
    #: Stored by an earlier run that could not mark them read: marked now.
    already: list[pes_retours.RetourView] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _store(connector: TdtConnector, ref: RetourRef, data: bytes) -> pes_retours.RetourView:
    store = connector.store
    try:
        with store.write() as session:
            return pes_retours.save(
                session, store, ref.id, ref.name, ref.date, data, actor=connector.outbox.actor
            )
    except IntegrityError:  # another run stored it first
        with store.read() as session:
            found = pes_retours.by_remote_id(session, ref.id)
        if found is None:
            raise
        return found


def _seen_read(connector: TdtConnector, listed: set[str]) -> None:
    """A stored retour the TdT no longer lists was marked read there by a run that died
    before recording it: record it now (the TdT lists only unread ones)."""
    store = connector.store
    with store.read() as session:
        pending = [v.remote_id for v in pes_retours.listing(session) if not v.read]
    for remote_id in pending:
        if remote_id not in listed:
            with store.write() as session:
                pes_retours.mark_read(
                    session, remote_id, actor=connector.outbox.actor, seen_read=True
                )


def fetch_retours(connector: TdtConnector) -> Fetched:
    """Every unread PES_Retour into the store (:class:`SetupError` when the TdT cannot
    be reached or refuses the list)."""
    result = Fetched()
    store = connector.store
    with connector.client(LABEL) as client:
        listed = client.retours()
        _seen_read(connector, {ref.id for ref in listed})
        for ref in listed:
            with store.read() as session:
                known = pes_retours.by_remote_id(session, ref.id)
            if known is None:
                try:
                    data = client.retour(ref.id)
                    view = _store(connector, ref, data)
                except (TdtUnavailable, InputError) as exc:
                    result.problems.append(Problem(ref.id, ref.name, exc.message()))
                    continue
                result.fetched.append(view)
            else:
                result.already.append(known)
            try:
                answer = client.mark_read(ref.id)
            except TdtUnavailable as exc:
                result.problems.append(Problem(ref.id, ref.name, exc.message()))
                continue
            if not answer.ok:
                result.problems.append(Problem(ref.id, ref.name, answer.message or "KO"))
                continue
            with store.write() as session:
                pes_retours.mark_read(session, ref.id, actor=connector.outbox.actor)
    return result
