"""Held invoices (the bank-detail guard, issue #11) in the run's report, listed first.

An invoice whose payee account is not confirmed for its seller is stored ``held``:
nobody may pay it until a person confirms the IBAN.  Whatever step brought it in
(``receive`` from Chorus Pro, the inbox, an earlier night), every run lists each held
invoice in "needs a person" -- first, being the one mistake that costs money -- until
it is released; a hold already reported by the previous run is "still waiting", as
for any other item, so it does not turn a clean night into exit 1 again.
"""

from __future__ import annotations

from sqlalchemy import select

from demat.run.report import Attention, RunReport
from invoices.i18n import t
from invoices.store import InvoiceStatus, Store
from invoices.store.tables import Invoice

STEP = "guard"
KIND = "held"


def add_held(store: Store, report: RunReport) -> None:
    """Each held invoice as an item of the report, ahead of every other item."""
    with store.read() as session:
        rows = session.execute(
            select(Invoice.id, Invoice.number, Invoice.seller_name)
            .where(Invoice.status == str(InvoiceStatus.HELD))
            .order_by(Invoice.id)
        ).all()
    held = [
        Attention(
            f"held:{row.id}",
            STEP,
            KIND,
            f"{row.number or row.id} ({row.seller_name or '-'})",
            t("run.held_reason", id=row.id),
        )
        for row in rows
    ]
    keys = {a.key for a in held}
    report.attention = held + [a for a in report.attention if a.key not in keys]
