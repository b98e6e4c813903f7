"""Shared steps of the TdT tests: the CLI, building a PES from the seeded store,
and adding arbitrary bytes to the store as a PES file (to provoke the refusals)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from demat.cli import main

ROOT = Path(__file__).resolve().parents[2]
MANDATS = ROOT / "samples" / "pes" / "mandats.csv"


def demat(*args: str) -> Result:
    return CliRunner().invoke(main, ["--lang", "en", *args], catch_exceptions=False)


def build(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    result = demat("pes", "build", "--mandats", str(MANDATS), "--out", str(out))
    assert result.exit_code == 0, result.output
    [path] = sorted(out.glob("PESALR2_*.xml"))
    return path


def status_json() -> list[dict[str, Any]]:
    result = demat("pes", "status", "--json")
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.output)
    return data


def store_raw_file(url: str, name: str, content: bytes) -> None:
    """A PES file row with these bytes, hung on the first stored invoice (for refusals)."""
    from sqlalchemy import select

    from invoices.store import Invoice, PesAttachment, PesFileRow, open_store, utcnow

    with open_store(url) as store, store.write() as session:
        digest = hashlib.sha256(content).hexdigest()
        invoice = session.scalars(select(Invoice.id).order_by(Invoice.id)).first()
        assert invoice is not None
        row = PesFileRow(
            name=name,
            kind="aller",
            sha256=digest,
            size=len(content),
            id_coll="21750011500019",
            cod_col="123",
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()
        store.blobs.put(session, digest, content)
        session.add(
            PesAttachment(
                id_unique=f"RAW{row.id:010d}",
                id_coll="21750011500019",
                invoice_id=invoice,
                pes_file_id=row.id,
                document_sha256=digest,
                name=name,
                media_type="application/xml",
                created_at=utcnow(),
            )
        )
