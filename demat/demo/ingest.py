"""Step 2 of the demo: every checked sample through ``invoices.pipeline.ingest``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from demat.demo.check import DemoRow
from demat.demo.settings import Echo, Note
from demat.views import demo as view
from invoices.i18n import t

if TYPE_CHECKING:
    from invoices.store import Store


def ingest_step(
    rows: Sequence[DemoRow],
    folder: Path,
    store: Store,
    echo: Echo,
    note: Note | None,
    surprises: list[str],
) -> dict[int, DemoRow]:
    """Store every checked sample; returns the stored, valid invoices (document id -> row).

    A sample not checked for want of an artefact is left out: ingest would rightly
    stop on it (exit 2).  A broken sample that is stored, or a good one refused, is a
    surprise.
    """
    from invoices.pipeline import ingest

    todo = [r for r in rows if not r.unchecked]
    for row in rows:
        if row.unchecked:
            echo(t("demo.not_stored", file=row.file))
    paths = [folder / row.file for row in todo]

    def progress(count: int, _file: str) -> None:
        if note is not None:
            note(t("demo.storing", file=todo[count - 1].file))

    stored: dict[int, DemoRow] = {}
    outcomes = ingest(paths, store=store, source="demo", progress=progress)
    for row, outcome in zip(todo, outcomes, strict=True):
        surprise = outcome.refused != row.expected_broken
        if surprise:
            surprises.append(row.file)
        echo(view.stored_line(outcome, row.file, surprise=surprise))
        if outcome.valid and not outcome.refused and outcome.document_id is not None:
            stored[outcome.document_id] = row
    if note is not None:
        note("")
    return stored
