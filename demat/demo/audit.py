"""Step 5 of the demo: walk the whole audit chain, as ``demat audit verify`` does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from demat.demo.settings import Echo
from demat.views import demo as view

if TYPE_CHECKING:
    from invoices.store import Store


def audit_step(store: Store, echo: Echo, surprises: list[str]) -> None:
    """Every record written by the steps before must verify; a broken chain is a surprise."""
    from invoices.store import audit

    with store.read() as session:
        verdict = audit.verify(session)
    echo(view.audit_text(verdict))
    if not verdict.ok:
        surprises.append("audit")
