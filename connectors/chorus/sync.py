"""Which invoices to look at: every one whose status changed since the last sync, all pages.

``rechercher/recipiendaire`` is asked by **status-change date**
(``periodeDateHeureEtatCourantDu/Au``), as mature integrations do after missing
invoices with the deposit-date window: an invoice recycled, suspended, completed or
rejected on the platform after we received it comes back in the next sync.

The platform cuts a long list at ``nbResultatsMaximum`` (``limits.max_search_results``)
and says nothing: ``total`` is what it kept.  A window whose answer is full is
therefore split in two halves, again and again, until each window's list is whole;
then every page of it is read.  The list is sorted by deposit date (the Swagger's
``triColonne`` has no status-date column), so an invoice leaving the window while we
page would shift the pages: a change of ``total`` between pages reads the window again.

The cursor (``connector_cursors``, name ``received``) holds the windows still to read
and the next page of the first, saved after each page, so a crash resumes where it
stopped; when all are read, the lower bound moves to the newest status date seen
(less an overlap: a step stamped just before our search may be committed after it).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.chorus.calls_recipient import DEMAND_TYPES, platform_instant, search_window
from connectors.chorus.context import NAME, ChorusContext, parse_platform_time
from connectors.chorus.models import InvoiceSummary
from invoices.store import transmissions
from platforms.chorus import tables

CURSOR = "received"
#: The platform opened in 2017: the first sync starts there.
START = datetime(2017, 1, 1, tzinfo=UTC)
#: The upper bound is far ahead of our clock, the platform's may differ from ours.
AHEAD = timedelta(days=366)
OVERLAP = timedelta(minutes=10)
#: A window this narrow is not split further (its list is read as the platform gives it).
NARROWEST = timedelta(milliseconds=2)
RESTARTS = 3


@dataclass
class SyncOutcome:
    seen: int = 0
    windows: int = 0
    #: Windows still full at the narrowest width (some invoices may be beyond the cut).
    full: list[str] = field(default_factory=list)


def _instant(text: str) -> datetime:
    moment = parse_platform_time(text)
    if moment is None:
        raise ValueError(f"bad cursor instant {text!r}")
    return moment


class StatusSync:
    """Reads every status-change window to the end, handing each invoice to ``on_item``."""

    def __init__(
        self,
        ctx: ChorusContext,
        structure_id: int,
        on_item: Callable[[InvoiceSummary], None],
        *,
        per_page: int,
        maximum: int | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.ctx = ctx
        self.structure_id = structure_id
        self.on_item = on_item
        self.per_page = per_page
        self.maximum = maximum or tables.limits().max_search_results
        self.now = now

    # ------------------------------------------------------------ cursor

    def _load(self) -> dict[str, Any]:
        with self.ctx.store.read() as session:
            saved = transmissions.get_cursor(session, NAME, CURSOR)
        state: dict[str, Any] = json.loads(saved or "{}")
        if state.get("by") != "status":
            # No cursor, or one of the deposit-date sync: look at everything once.
            state = {"by": "status", "since": None, "pending": [], "page": 1}
        return state

    def _save(self, state: dict[str, Any]) -> None:
        with self.ctx.store.write() as session:
            transmissions.set_cursor(
                session, NAME, CURSOR, json.dumps(state, sort_keys=True), actor=self.ctx.actor
            )

    # ------------------------------------------------------------ reading

    def run(self) -> SyncOutcome:
        state = self._load()
        outcome = SyncOutcome()
        if not state["pending"]:
            low = _instant(state["since"]) if state.get("since") else START
            high = max(self.now(), low) + AHEAD
            state["pending"] = [
                [kind, platform_instant(low), platform_instant(high)] for kind in DEMAND_TYPES
            ]
            state["page"] = 1
            state["newest"] = state.get("since")
        while state["pending"]:
            self._window(state, outcome)
            outcome.windows += 1
        newest = state.get("newest")
        since = platform_instant(_instant(newest) - OVERLAP) if newest else state.get("since")
        self._save({"by": "status", "since": since, "pending": [], "page": 1})
        return outcome

    def _window(self, state: dict[str, Any], outcome: SyncOutcome) -> None:
        kind, low_text, high_text = state["pending"][0]
        low, high = _instant(low_text), _instant(high_text)
        page = int(state.get("page") or 1)
        first_total: int | None = None
        restarts = 0
        while True:
            result = search_window(
                self.ctx.client,
                structure_id=self.structure_id,
                demand_type=kind,
                low=low,
                high=high,
                page=page,
                per_page=self.per_page,
                maximum=self.maximum,
            )
            total = result.paging.total
            if page == 1 and total >= self.maximum:
                if high - low > NARROWEST:
                    middle = low + (high - low) / 2
                    state["pending"][0:1] = [
                        [kind, platform_instant(low), platform_instant(middle)],
                        [kind, platform_instant(middle + NARROWEST / 2), platform_instant(high)],
                    ]
                    state["page"] = 1
                    self._save(state)
                    return
                outcome.full.append(f"{kind} {low_text} {high_text}")
            if first_total is None:
                first_total = total
            elif total != first_total and restarts < RESTARTS:
                # The list moved under us (an invoice left or entered): read it again.
                restarts, page, first_total = restarts + 1, 1, None
                continue
            for item in result.items:
                outcome.seen += 1
                self.on_item(item)
                self._newest(state, item)
            if not result.items or result.paging.last:
                state["pending"].pop(0)
                state["page"] = 1
                self._save(state)
                return
            page += 1
            state["page"] = page
            self._save(state)

    @staticmethod
    def _newest(state: dict[str, Any], item: InvoiceSummary) -> None:
        moment = parse_platform_time(item.status_at)
        if moment is None:
            return
        newest = state.get("newest")
        if newest is None or moment > _instant(newest):
            state["newest"] = platform_instant(moment)
