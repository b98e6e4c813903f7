"""Step 3 of the demo: what ``demat send --all`` would send, deposited, followed, shown.

The connector is the real one, talking HTTP to the emulator on loopback; only its
configuration differs from the clerk's (:func:`demo_connector`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from demat.demo.check import DemoRow
from demat.demo.settings import AVAILABLE, CLIENT_SETTINGS, Echo, Note
from demat.views import demo as view
from demat.views.demo import SentRow
from invoices.errors import DematError, InputError
from invoices.i18n import t

if TYPE_CHECKING:
    from connectors.base import SubmitResult
    from connectors.chorus.connector import ChorusConnector
    from emulators.chorus import Emulator
    from invoices.store import Store


def demo_connector(store: Store, emulator: Emulator, work: Path) -> ChorusConnector:
    """A connector configured from the emulator's settings, never from the clerk's.

    The configuration goes through the same loader as ``demat send`` (checks
    included), fed with the emulator's values instead of ``os.environ``, and a
    configuration file that does not exist instead of the clerk's own.
    """
    from connectors.chorus.config import load_config
    from connectors.chorus.connector import ChorusConnector

    config = load_config({**emulator.env(), **CLIENT_SETTINGS}, path=work / "no-chorus-config.toml")
    return ChorusConnector(store, config=config)


def send_step(
    stored: dict[int, DemoRow],
    connector: ChorusConnector,
    emulator: Emulator,
    echo: Echo,
    note: Note | None,
    surprises: list[str],
) -> None:
    """Send every invoice not addressed to the commune, move the platform clock, and
    show each one's status: anything short of :data:`AVAILABLE` is a surprise."""
    to_send = connector.unsent()
    for doc_id, row in stored.items():
        if doc_id not in to_send:
            echo(t("demo.not_sent_own", file=row.file, number=row.number))
    errors: dict[int, str] = {}

    def on_error(invoice_id: int, exc: DematError) -> None:
        errors[invoice_id] = exc.message()

    def progress(_count: int, ident: str) -> None:
        if note is not None:
            note(t("demo.sending", number=stored[int(ident)].number))

    results = {
        r.invoice_id: r
        for r in connector.submit_many(to_send, on_error=on_error, progress=progress)
    }
    if note is not None:
        note("")
    # The platform routes the invoices on its own clock: move it past every pending step.
    emulator.process()
    rows: list[SentRow] = []
    for invoice_id in to_send:
        row = stored[invoice_id]
        result = results.get(invoice_id)
        if invoice_id in errors or result is None:
            sent = SentRow(row.number, row.buyer, "", "", errors.get(invoice_id, ""), True)
        else:
            sent = _followed(connector, row, result)
        if sent.unexpected:
            surprises.append(row.file)
        rows.append(sent)
    echo(view.send_table(rows))
    echo("")
    done = sum(1 for sent in rows if not sent.unexpected)
    echo(t("demo.sent_summary", sent=done, total=len(to_send), status=AVAILABLE))


def _followed(connector: ChorusConnector, row: DemoRow, result: SubmitResult) -> SentRow:
    """What the platform says now of an invoice it was given."""
    status = None
    problems = [f"{f.rule}: {f.message}" for f in result.findings if f.fatal]
    if result.flow_id is not None:  # deposited
        try:
            status = connector.follow(result.invoice_id)
        except InputError as exc:
            problems.append(exc.message())
        else:
            problems = [f"{f.rule}: {f.message}" for f in status.findings if f.fatal]
    history = " → ".join(step.status for step in status.history) if status else ""
    shown = (status.status if status else None) or str(result.state)
    unexpected = shown != AVAILABLE
    if unexpected:
        history = " ".join([history, *problems]).strip()
    return SentRow(row.number, row.buyer, result.flow_id or "", shown, history, unexpected)
