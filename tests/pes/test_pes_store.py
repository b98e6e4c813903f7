"""IdUnique is unique forever in the database itself (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from invoices.pipeline.ingest import ingest
from invoices.store import open_store
from invoices.store.tables import PesAttachment, PesFileRow, utcnow

SAMPLE = "samples/cii-en16931.xml"


def _file(name: str) -> PesFileRow:
    return PesFileRow(
        name=name, kind="aller", id_coll="21750011500019", cod_col="123", created_at=utcnow()
    )


def _pj(id_unique: str, invoice: int, file: int) -> PesAttachment:
    return PesAttachment(
        id_unique=id_unique,
        id_coll="21750011500019",
        invoice_id=invoice,
        pes_file_id=file,
        document_sha256="0" * 64,
        name="f.xml",
        media_type="application/xml",
        created_at=utcnow(),
    )


def test_id_unique_is_a_database_constraint(db_url, tmp_path):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / SAMPLE
    with open_store(db_url, documents=tmp_path / "docs") as store:
        [outcome] = list(ingest([sample], store=store, validate=False))
        invoice = outcome.document_id
        assert invoice is not None
        with store.write() as session:
            first, second = _file("A.xml"), _file("B.xml")
            session.add_all([first, second])
            session.flush()
            session.add(_pj("X2026D1", invoice, first.id))
        with pytest.raises(IntegrityError), store.write() as session:
            # another file, another exercice: still the same IdUnique, refused by the database
            session.add(_pj("X2026D1", invoice, second.id))
            session.flush()
        with pytest.raises(IntegrityError), store.write() as session:
            session.add(_file("A.xml"))  # a NomFic is used once
            session.flush()
        with store.read() as session:
            assert session.query(PesAttachment).count() == 1
