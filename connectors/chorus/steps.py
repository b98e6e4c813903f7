"""A received invoice's platform history, kept as status events: each step once, at its date.

The payment deadline of a commune runs from dates the platform sets (made available,
suspended, completed): so every step of ``consulter/historique`` becomes one status
event whose ``at`` is **the platform's date of the step** (``histoStatutDatePassage``,
French local time, in UTC once stored), never the moment we happened to look.

A step is known by the platform's id (``histoStatutId``): a status reached twice (made
available again after a recycling) is two events, and a sync that sees the same step
again records nothing.  Events written before steps carried their id (by our own
decision, with the decision's date, or by an older receive) are matched once each by
status and date, so an upgrade does not record them a second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from connectors.chorus.calls_recipient import Step
from connectors.chorus.context import NAME, ChorusContext, parse_platform_time
from invoices.store import Invoice, transmissions, utcnow

#: Platform history dates have minute precision; other stamps of the same step fall within.
SAME_STEP = timedelta(seconds=60)


def record_steps(
    ctx: ChorusContext,
    invoice_id: int,
    remote_id: int,
    steps: Sequence[Step],
    *,
    decided: dict[str, Any] | None = None,
) -> list[str]:
    """Record the steps not recorded yet (in one transaction); the statuses recorded.

    ``decided``: the details of our own decision (``{"status": ..., "mandate": ...}``),
    added to the newest step of that status, which is the one we just caused.
    """
    with ctx.store.write() as session:
        if session.get(Invoice, invoice_id) is None:
            return []  # a refused document has no invoice to carry statuses
        return _record(ctx, session, invoice_id, remote_id, steps, decided)


def _record(
    ctx: ChorusContext,
    session: Session,
    invoice_id: int,
    remote_id: int,
    steps: Sequence[Step],
    decided: dict[str, Any] | None,
) -> list[str]:
    events = [e for e in transmissions.status_events(session, invoice_id) if e.source == NAME]
    known_ids = {(e.details or {}).get("step_id") for e in events} - {None}
    legacy = [e for e in events if (e.details or {}).get("step_id") is None]
    ours = None
    if decided is not None:
        mine = [s for s in steps if s.code == decided.get("status")]
        ours = mine[-1] if mine else None
    added: list[str] = []
    for step in steps:
        if step.step_id is not None and step.step_id in known_ids:
            continue
        at = parse_platform_time(step.at)
        match = next((e for e in legacy if _same(e.status_code, e.details or {}, step, at)), None)
        if match is not None:
            legacy.remove(match)
            continue
        details: dict[str, Any] = {
            "at": step.at,
            "comment": step.comment,
            "remote_id": remote_id,
            "step_id": step.step_id,
        }
        if step is ours and decided is not None:
            details.update({k: v for k, v in decided.items() if k != "status"}, set_by="us")
        transmissions.add_status_event(
            session,
            status_code=step.code,
            source=NAME,
            invoice_id=invoice_id,
            at=at or utcnow(),
            details=details,
            actor=ctx.actor,
        )
        if step.step_id is not None:
            known_ids.add(step.step_id)
        added.append(step.code)
    return added


def _same(code: str, details: dict[str, Any], step: Step, at: datetime | None) -> bool:
    """An event written without a step id that is this step (same status, same moment)."""
    if code != step.code:
        return False
    text = str(details.get("at") or "")
    if len(text) == 10:  # a decision's date (``dateTraitement``): the same day
        return step.at[:10] == text
    then = parse_platform_time(text)
    return then is not None and at is not None and abs(then - at) < SAME_STEP
