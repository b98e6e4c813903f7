"""How the commune's supplier actions read on a terminal (``complete``, ``recycle``,
``consult``).  Platform codes are shown as the platform sends them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from invoices.display import money
from invoices.i18n import t

if TYPE_CHECKING:
    from connectors.chorus.calls_supplier import PlatformView
    from connectors.chorus.issuing import ActionResult


def action_lines(result: ActionResult) -> list[str]:
    """One line: what the action did, and the platform's status after it."""
    return [
        t(
            f"supplier_ops.action_{result.outcome}",
            id=result.invoice_id,
            remote=result.remote_id,
            action=t(f"supplier_ops.word_{result.action}"),
            status=result.status or "-",
            detail=f"({result.detail})" if result.detail else "",
        ).rstrip()
    ]


def consult_lines(sheet: PlatformView) -> list[str]:
    """The platform's sheet of one invoice we issued, in a few lines."""
    lines = [
        t(
            "supplier_ops.consult_line",
            remote=sheet.invoice_id,
            number=sheet.number,
            status=sheet.status or "-",
        ),
        t(
            "supplier_ops.consult_recipient",
            recipient=sheet.recipient or "-",
            service=sheet.service_code or "-",
            engagement=sheet.engagement or "-",
        ),
    ]
    if sheet.total_ttc:
        lines.append(t("supplier_ops.consult_total", total=money(sheet.total_ttc)))
    comment = sheet.raw.get("commentaire")
    if isinstance(comment, str) and comment:
        lines.append(t("supplier_ops.consult_comment", comment=comment))
    return lines
