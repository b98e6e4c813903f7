"""Schema, migrations, connection settings and the document store."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from invoices.store import Store, open_store
from invoices.store.blobs import BlobCorrupted, DatabaseBlobs, DirectoryBlobs, sha256_hex
from invoices.store.tables import Base


def test_migrations_match_the_models(store: Store) -> None:
    """The ORM classes and the shipped migrations describe the same schema."""
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_migrations_are_shipped_in_the_package() -> None:
    from importlib import resources

    root = resources.files("invoices.store") / "migrations"
    names = {p.name for p in root.iterdir()}
    assert {"env.py", "script.py.mako", "versions"} <= names
    assert any(
        p.name.endswith(".py") and p.name[0].isdigit() for p in (root / "versions").iterdir()
    )


def test_sqlite_settings(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'x.sqlite3'}") as store, store.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
    # the documents directory sits beside the database file
    assert store.blobs.describe() == str(tmp_path / "documents")


def test_env_variable_chooses_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMAT_DB", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    with open_store() as store:
        assert store.url.endswith("env.sqlite3")
    assert (tmp_path / "env.sqlite3").is_file()


def test_foreign_keys_are_enforced(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    from invoices.store.tables import ValidationReport, utcnow

    with pytest.raises(IntegrityError), store.write() as session:
        session.add(
            ValidationReport(
                document_id=12345,
                created_at=utcnow(),
                valid=True,
                layers_run=[],
                artefacts={},
                options={},
            )
        )
        session.flush()


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=2048))
def test_directory_blobs_round_trip(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    blobs = DirectoryBlobs(tmp_path_factory.mktemp("blobs"))
    digest = sha256_hex(data)
    assert blobs.put(None, digest, data) is True  # type: ignore[arg-type]
    assert blobs.put(None, digest, data) is False  # type: ignore[arg-type]
    assert blobs.get(None, digest) == data  # type: ignore[arg-type]
    path = blobs.path(digest)
    assert not stat.S_IMODE(path.stat().st_mode) & 0o222  # kept read-only
    assert list(path.parent.iterdir()) == [path]  # no temp file left behind


def test_a_changed_stored_file_is_detected(tmp_path: Path) -> None:
    blobs = DirectoryBlobs(tmp_path)
    digest = sha256_hex(b"original")
    blobs.put(None, digest, b"original")  # type: ignore[arg-type]
    path = blobs.path(digest)
    os.chmod(path, 0o644)
    path.write_bytes(b"forged!!")
    with pytest.raises(BlobCorrupted) as caught:
        blobs.get(None, digest)  # type: ignore[arg-type]
    assert digest in caught.value.message()


def test_blobs_in_the_database(db_url: str, tmp_path: Path) -> None:
    with open_store(db_url, documents="database") as store:
        assert isinstance(store.blobs, DatabaseBlobs)
        digest = sha256_hex(b"bytes")
        with store.write() as session:
            assert store.blobs.put(session, digest, b"bytes") is True
            assert store.blobs.put(session, digest, b"bytes") is False
        with store.read() as session:
            assert store.blobs.get(session, digest) == b"bytes"
            assert store.blobs.exists(session, digest)
        with pytest.raises(ValueError), store.read() as session:
            store.blobs.get(session, "../../etc/passwd")
