"""Documents committed in groups (:mod:`invoices.pipeline.flow`), each file still its own
unit of success or failure.

The bad document is made bad by the database itself: a trigger that refuses the row of
one invoice number (SQLite ``RAISE(ABORT)``, a PL/pgSQL exception), so its group's
transaction really fails in the middle, after its neighbours' rows were written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text

from invoices.pipeline import OutcomeKind, ingest
from invoices.pipeline.flow import STORE_FAILED
from invoices.store import Store, audit, db
from invoices.store.tables import AuditRecord, Document, Invoice

Writer = Callable[..., list[Path]]
BAD = "F-2026-00003"  # the third file: in the second group (1, then 2, then 4...)


def _refuse_number(store: Store, number: str) -> None:
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_one BEFORE INSERT ON invoices "
                    f"WHEN NEW.number = '{number}' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"
                )
            )
            return
        conn.execute(
            text(
                "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.number = '{number}' THEN RAISE EXCEPTION 'refused by the test trigger'; "
                "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
        )
        conn.execute(
            text(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON invoices "
                "FOR EACH ROW EXECUTE FUNCTION refuse_one()"
            )
        )


def _drop_refusal(store: Store) -> None:
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER refuse_one"))
        else:
            conn.execute(text("DROP TRIGGER refuse_one ON invoices"))


def _write_commits(store: Store) -> list[int]:
    """A counter of committed write transactions (read-only ones are not counted)."""
    seen: list[int] = []

    def on_commit(conn: Any) -> None:
        if not conn.get_execution_options().get(db.READ_ONLY):
            seen.append(1)

    event.listen(store.engine, "commit", on_commit)
    return seen


def test_a_bad_document_leaves_its_neighbours_stored(
    store: Store, tmp_path: Path, write_folder: Writer
) -> None:
    paths = write_folder(tmp_path / "in", 7)
    _refuse_number(store, BAD)
    outcomes = list(ingest([tmp_path / "in"], store=store, validate=False, jobs=2))

    assert [Path(o.file).name for o in outcomes] == [p.name for p in paths]  # in order
    bad = [o for o in outcomes if o.reason_key == STORE_FAILED]
    assert [Path(o.file).name for o in bad] == ["F-00003.xml"]
    assert bad[0].kind is OutcomeKind.REJECTED and bad[0].document_id is None
    assert "refused by the test trigger" in (bad[0].reason("en") or "")
    assert sum(o.kind is OutcomeKind.NEW for o in outcomes) == 6
    with store.read() as session:
        numbers = sorted(session.scalars(select(Invoice.number)).all())
        names = session.scalars(select(Document.original_name)).all()
        records = session.scalar(select(func.count()).select_from(AuditRecord))
        assert audit.verify(session).ok
    assert numbers == [f"F-2026-{i:05d}" for i in range(1, 8) if i != 3]
    assert not any("F-00003" in n for n in names)  # nothing half-kept of the bad one
    assert records == 6 * 3  # received, validated (not asked), stored: each once

    _drop_refusal(store)  # the next run stores it, and only it
    again = list(ingest([tmp_path / "in"], store=store, validate=False))
    assert [o.kind for o in again].count(OutcomeKind.NEW) == 1
    assert [o.kind for o in again].count(OutcomeKind.KNOWN) == 6
    with store.read() as session:
        assert audit.verify(session).ok


def test_documents_are_committed_together(
    store: Store, tmp_path: Path, write_folder: Writer
) -> None:
    write_folder(tmp_path / "in", 20)
    commits = _write_commits(store)
    outcomes = list(ingest([tmp_path / "in"], store=store, validate=False))
    assert [o.kind for o in outcomes] == [OutcomeKind.NEW] * 20
    # Groups of 1, 2, 4, 8, then the rest (5): far fewer commits than documents.
    assert 2 <= len(commits) <= 8, len(commits)
    with store.read() as session:
        assert audit.verify(session).ok


def test_two_copies_of_one_file_in_one_group_are_stored_once(
    store: Store, tmp_path: Path, cii: Callable[..., bytes]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = cii("SAME-1")
    for name in ("a.xml", "b.xml", "c.xml", "d.xml"):
        (folder / name).write_bytes(data)
    kinds = [o.kind for o in ingest([folder], store=store, validate=False)]
    assert kinds == [OutcomeKind.NEW, OutcomeKind.KNOWN, OutcomeKind.KNOWN, OutcomeKind.KNOWN]
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
