"""Closing the loop: a received invoice whose mandat Hélios accepted is set ``MANDATEE``
on Chorus Pro with the mandat number, once and only once.

Opt-in: ``[helios] chorus_mandatee = true`` in ``config.toml`` or
``DEMAT_HELIOS_CHORUS_MANDATEE=1`` (the demo turns it on).  It runs after a refresh of
the PES files (``demat pes status --refresh``) and in the follow step of ``demat run``.

Exactly once is the protocol of :mod:`invoices.store.mandatee`: the intent and the
attempt commit before ``traiter/recue`` is called; the outcome commits after.  A
request whose outcome is unknown (timeout, crash between the two) is never sent
again as such: the invoice's status is read back from the platform
(``consulter/historique``) and only a platform that shows no ``MANDATEE`` lets the
request go again.  A request refused before it left (the platform unreachable, a
transition it does not allow from the invoice's current status) leaves nothing to
reconcile.  The payment guard still holds: a held invoice is never set MANDATEE.
Hélios's refusals are reported with its message; those invoices stay where they were.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from connectors.chorus.connector import ChorusConnector
from connectors.chorus.errors import ChorusBusinessError, ChorusError, ChorusOutcomeUnknown
from invoices.errors import InputError, SetupError
from invoices.guard import HeldInvoice, refuse_if_held
from invoices.paths import config_dir
from invoices.store import mandatee, utcnow

Due = mandatee.Due
MandateeState = mandatee.MandateeState

ENV = "DEMAT_HELIOS_CHORUS_MANDATEE"
SETTING = "chorus_mandatee"
_TRUE = {"1", "true", "yes", "on", "oui"}
_FALSE = {"0", "false", "no", "off", "non", ""}


def enabled(environ: Mapping[str, str] | None = None, path: Path | None = None) -> bool:
    """Whether the loop is on: the environment first, else ``[helios]`` of ``config.toml``."""
    env = os.environ if environ is None else environ
    raw = env.get(ENV)
    if raw is not None:
        value = raw.strip().lower()
        if value not in _TRUE | _FALSE:
            raise SetupError("mandatee.setting_bad", name=ENV, value=raw)
        return value in _TRUE
    source = path or config_dir() / "config.toml"
    try:
        with source.open("rb") as handle:
            table = tomllib.load(handle).get("helios", {})
    except FileNotFoundError:
        return False
    except (OSError, tomllib.TOMLDecodeError):
        raise SetupError("mandatee.setting_bad", name=f"{source} [helios]", value="?") from None
    setting = table.get(SETTING, False) if isinstance(table, dict) else False
    if not isinstance(setting, bool):
        raise SetupError("mandatee.setting_bad", name=f"[helios] {SETTING}", value=str(setting))
    return setting


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one invoice.  ``result``: ``done`` (set now), ``reconciled``
    (the platform already had it), ``unknown`` (to be read back next time), ``refused``
    (the platform said no), ``held`` (the guard holds it), ``unavailable`` (not reached:
    nothing left), ``helios_ko`` (Hélios refused the mandat or its PJ)."""

    invoice_id: int
    number: str
    mandat: str
    result: str
    message: str = ""

    @property
    def needs_a_person(self) -> bool:
        return self.result in ("refused", "held", "helios_ko", "unknown")


def push_mandatee(connector: ChorusConnector) -> list[Outcome]:
    """Set MANDATEE for every due invoice; reconcile open requests first."""
    store = connector.store
    with store.read() as session:
        items = mandatee.due(session)
        told = mandatee.refused_by_helios(session)
    out = [_one(connector, item) for item in items]
    out += [Outcome(r.invoice_id, r.number, r.mandat, "helios_ko", r.message) for r in told]
    return out


def _one(connector: ChorusConnector, item: Due) -> Outcome:
    store = connector.store
    with store.read() as session:
        try:
            refuse_if_held(session, item.invoice_id, mandatee.STATUS)
        except HeldInvoice as exc:
            return Outcome(item.invoice_id, item.number, item.mandat, "held", exc.message())
    with connector.about(item.invoice_id):
        if item.needs_reconcile:
            reconciled = _reconcile(connector, item)
            if reconciled is not None:
                return reconciled
        with store.write() as session:
            item, owned = mandatee.claim(session, item, actor=connector.outbox.actor)
        if not owned:  # another process holds it: the next pass reads it back
            return Outcome(item.invoice_id, item.number, item.mandat, "unknown")
        return _send(connector, item)


def _settle(
    connector: ChorusConnector,
    item: Due,
    state: MandateeState,
    *,
    error: str | None = None,
    at: str = "",
    reconciled: bool = False,
) -> None:
    assert item.row_id is not None
    actor = connector.outbox.actor
    with connector.store.write() as session:
        mandatee.settle(
            session, item.row_id, state, error=error, at=at, reconciled=reconciled, actor=actor
        )


def _send(connector: ChorusConnector, item: Due) -> Outcome:
    assert item.row_id is not None
    result = Outcome(item.invoice_id, item.number, item.mandat, "done")
    try:
        decision = connector.push_status(item.remote_id, mandatee.STATUS, mandate=item.mandat)
    except ChorusOutcomeUnknown as exc:
        _settle(connector, item, MandateeState.UNKNOWN, error=exc.message())
        return _with(result, "unknown", exc.message())
    except ChorusBusinessError as exc:
        _settle(connector, item, MandateeState.REFUSED, error=exc.label)
        return _with(result, "refused", exc.message())
    except InputError as exc:  # checked before any write: nothing left
        if _current(connector, item) == mandatee.STATUS:  # set by hand meanwhile
            _settle(connector, item, MandateeState.DONE, reconciled=True)
            return _with(result, "reconciled")
        _settle(connector, item, MandateeState.REFUSED, error=exc.message())
        return _with(result, "refused", exc.message())
    except ChorusError as exc:  # unreachable, refused as a whole: not processed
        with connector.store.write() as session:
            mandatee.release(session, item.row_id, exc.message(), actor=connector.outbox.actor)
        return _with(result, "unavailable", exc.message())
    _settle(connector, item, MandateeState.DONE, at=decision.date)
    return result


def _with(outcome: Outcome, result: str, message: str = "") -> Outcome:
    return Outcome(outcome.invoice_id, outcome.number, outcome.mandat, result, message)


def _current(connector: ChorusConnector, item: Due) -> str | None:
    """The invoice's current status on the platform; None when it cannot be read."""
    try:
        return connector.client.history(int(item.remote_id)).current
    except ChorusError:
        return None


def _reconcile(connector: ChorusConnector, item: Due) -> Outcome | None:
    """A request may have left: read the platform's status.  MANDATEE there settles it
    (never sent twice); anything else, once the reconciliation grace period
    (``DEMAT_CHORUS_RECONCILE_GRACE``) has passed since the attempt, proves it did not
    take effect and lets it go again (None); no answer, or a request perhaps still in
    flight, leaves it unknown for the next pass."""
    assert item.row_id is not None
    current = _current(connector, item)
    if current is None:
        return Outcome(item.invoice_id, item.number, item.mandat, "unknown")
    if current == mandatee.STATUS:
        _settle(connector, item, MandateeState.DONE, reconciled=True)
        return Outcome(item.invoice_id, item.number, item.mandat, "reconciled")
    attempted = item.updated_at or utcnow()
    if utcnow() < attempted + timedelta(seconds=connector.config.reconcile_grace):
        # A request may still be on its way: wait for it rather than send a second one.
        return Outcome(item.invoice_id, item.number, item.mandat, "unknown")
    with connector.store.write() as session:
        reason = f"platform status {current}"
        mandatee.release(session, item.row_id, reason, actor=connector.outbox.actor)
    return None
