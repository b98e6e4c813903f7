"""N warm workers give the verdicts one worker gives: the same outcome, status, validity
and reason for every file, in the same order, whatever finishes first."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from invoices.pipeline import ingest
from invoices.store import audit, open_store
from invoices.validation.engine import POOL

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _mixed_folder(folder: Path) -> int:
    """Every sample, valid or not (totals wrong, XSD error, hostile XML, corrupt PDF)."""
    folder.mkdir()
    files = [p for p in sorted(SAMPLES.rglob("*")) if p.suffix in (".xml", ".pdf")]
    files = [p for p in files if "pes" not in p.parts]
    for number, path in enumerate(files * 2):  # twice: the copies are "already known"
        shutil.copy(path, folder / f"{number:03d}-{path.name}")
    return len(files) * 2


def _verdicts(folder: Path, db: Path, jobs: int) -> list[tuple[Any, ...]]:
    with open_store(f"sqlite:///{db}", documents=db.with_suffix(".docs")) as store:
        rows = [
            (
                Path(o.file).name,
                o.kind,
                o.status,
                o.valid,
                o.reason_key,
                o.reason_params.get("first"),
                str(o.verdict),
            )
            for o in ingest([folder], store=store, jobs=jobs, source="test")
        ]
        with store.read() as session:
            assert audit.verify(session).ok
    return rows


def test_two_workers_give_the_verdicts_of_one(tmp_path: Path) -> None:
    count = _mixed_folder(tmp_path / "in")
    serial = _verdicts(tmp_path / "in", tmp_path / "one.sqlite3", jobs=1)
    parallel = _verdicts(tmp_path / "in", tmp_path / "two.sqlite3", jobs=2)
    assert len(serial) == count
    assert parallel == serial
    kinds = {row[1].value for row in serial}
    assert {"new", "known", "rejected"} <= kinds  # the folder did hold every case
    assert sum(engine.starts > 0 for engine in POOL.engines()) >= 2  # two did run
