"""Real processes: SIGKILL in the middle of an ingest, two ingests at once, the corpus."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from invoices.pipeline import OutcomeKind, ingest
from invoices.store import Store, audit
from invoices.store.tables import AuditRecord, Document

ROOT = Path(__file__).resolve().parents[2]
Writer = Callable[..., list[Path]]


def _demat(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "import sys; from demat.cli import main; main()", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1", DEMAT_DOCUMENTS=str(tmp_path / "documents"))
    env.pop("DEMAT_DB", None)
    return env


def _documents(store: Store) -> list[str]:
    with store.read() as session:
        return list(session.scalars(select(Document.original_name).order_by(Document.id)))


def test_sigkill_mid_ingest_then_rerun_completes(
    db_url: str, tmp_path: Path, write_folder: Writer
) -> None:
    from invoices.store import open_store

    folder = tmp_path / "inbox"
    paths = write_folder(folder, 40)
    proc = _demat("ingest", str(folder), "--db", db_url, env=_env(tmp_path))
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        if line.startswith("new"):
            seen += 1
        if seen == 12:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"

    with open_store(db_url, documents=tmp_path / "documents") as store:
        with store.read() as session:
            verdict = audit.verify(session)
            stored = session.scalar(select(func.count()).select_from(Document))
        assert verdict.ok, verdict
        assert 12 <= stored < 40

        outcomes = list(ingest([folder], store=store))
        kinds = [o.kind for o in outcomes]
        assert kinds.count(OutcomeKind.KNOWN) == stored
        assert kinds.count(OutcomeKind.NEW) == 40 - stored
        assert _documents(store) == [str(p) for p in paths]  # none lost, none twice
        with store.read() as session:
            assert audit.verify(session).ok
            for doc_id in range(1, 41):
                actions = [r["action"] for r in audit.history(session, invoice_id=doc_id)]
                assert actions == ["document.received", "document.validated", "invoice.stored"], (
                    doc_id
                )
        # no blob half-written: every stored document's bytes check out
        with store.read() as session:
            for sha in session.scalars(select(Document.sha256)):
                store.blobs.get(session, sha)
        assert not list((tmp_path / "documents").rglob(".tmp-*"))


def test_two_processes_ingesting_at_once_make_one_chain(
    db_url: str, tmp_path: Path, write_folder: Writer
) -> None:
    from invoices.store import open_store

    write_folder(tmp_path / "a", 25, prefix="A")
    write_folder(tmp_path / "b", 25, prefix="B")
    write_folder(tmp_path / "both", 10, prefix="S")  # both processes race for these
    env = _env(tmp_path)
    with open_store(db_url, documents=tmp_path / "documents"):
        pass  # the schema exists before the race: the race is about the chain
    procs = [
        _demat("ingest", str(tmp_path / name), str(tmp_path / "both"), "--db", db_url, env=env)
        for name in ("a", "b")
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    with open_store(db_url, documents=tmp_path / "documents") as store:
        with store.read() as session:
            verdict = audit.verify(session)
            records = session.scalar(select(func.count()).select_from(AuditRecord))
        assert verdict.ok, verdict
        assert records == 60 * 3
        names = _documents(store)
        assert len(names) == 60  # the shared files stored once, by whichever came first
        assert sum("/a/" in n for n in names) == sum("/b/" in n for n in names) == 25
        assert sum("/both/" in n for n in names) == 10


def test_two_processes_creating_a_fresh_database_at_once(
    db_url: str, tmp_path: Path, write_folder: Writer
) -> None:
    write_folder(tmp_path / "a", 3, prefix="A")
    write_folder(tmp_path / "b", 3, prefix="B")
    env = _env(tmp_path)
    procs = [_demat("ingest", str(tmp_path / name), "--db", db_url, env=env) for name in ("a", "b")]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode in (0, 1), err
    proc = _demat("audit", "verify", "--db", db_url, env=env)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "18 record(s)" in out


@pytest.mark.slow
def test_the_whole_corpus_ingests_and_a_second_run_stores_nothing(
    store: Store, corpus: Path
) -> None:
    files = [p for p in corpus.rglob("*") if p.is_file()]
    outcomes = list(ingest([corpus], store=store))
    assert len(outcomes) == len(files)
    assert all(o.document_id is not None or o.kind is OutcomeKind.REJECTED for o in outcomes)
    unrecorded = [o for o in outcomes if o.document_id is None]
    assert not unrecorded, unrecorded[:3]
    with store.read() as session:
        assert audit.verify(session).ok
        head = audit.verify(session).head_seq
    again = list(ingest([corpus], store=store))
    assert {o.kind for o in again} == {OutcomeKind.KNOWN}
    assert [o.document_id for o in again] == [o.document_id for o in outcomes]
    with store.read() as session:
        assert audit.verify(session).head_seq == head
