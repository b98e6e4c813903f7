"""Connecting to the database and bringing its schema up to date.

One URL decides everything (``--db`` or ``DEMAT_DB``); without it the store is an
SQLite file in the user's data directory, so a clerk needs no server.  PostgreSQL
(``postgresql+psycopg://...``) runs the very same code in production.

SQLite is opened in WAL mode (readers never block the writer), with foreign keys
enforced, ``synchronous=FULL`` (an audit trail must survive a power cut, not only
a crash) and a busy timeout so that a second process waits instead of failing.
Every SQLite transaction of a writer starts with ``BEGIN IMMEDIATE``: it takes the
database's write lock up front, which is what keeps two processes from reading the
same audit chain head and forking it (a deferred transaction would read, then fail
with SQLITE_BUSY when upgrading to write, without waiting).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from invoices.errors import SetupError
from invoices.paths import data_dir

#: Execution option naming a read-only use of the engine (plain ``BEGIN`` on SQLite).
READ_ONLY = "demat_read_only"
#: Seconds a writer waits for another one before giving up.
BUSY_TIMEOUT = 60
#: PostgreSQL advisory lock key taken while migrating ("demat" in ASCII).
MIGRATION_LOCK = 0x64656D6174


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'demat.sqlite3'}"


def resolve_url(url: str | None = None) -> str:
    """The URL given, else ``DEMAT_DB``, else the SQLite file in the data directory."""
    return url or os.environ.get("DEMAT_DB") or default_url()


def sqlite_path(url: str) -> Path | None:
    """The database file of an SQLite URL (None for other databases or in-memory)."""
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the project's connection settings."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise SetupError("store.bad_url", url=url, reason=str(exc)) from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise SetupError("store.unsupported_db", url=parsed.render_as_string(), backend=backend)
    try:
        if backend == "sqlite":
            path = sqlite_path(url)
            if path is not None:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise SetupError("store.db_unreachable", url=url, reason=str(exc)) from exc
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})
            _configure_sqlite(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise SetupError(
            "store.unsupported_db", url=parsed.render_as_string(), backend=backend
        ) from exc
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: object, _record: object) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (the pysqlite
        # driver would otherwise begin lazily, deferred, on the first write).
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _alembic_config(connection: Connection) -> object:
    from alembic.config import Config

    config = Config()
    location = resources.files("invoices.store") / "migrations"
    config.set_main_option("script_location", str(location))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(resources.files("invoices.store") / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Bring the schema to the latest migration; returns (before, after) revisions.

    Two processes opening a fresh database at once must not both create the tables:
    the migration runs inside one transaction that holds SQLite's write lock
    (``BEGIN IMMEDIATE``) or a PostgreSQL advisory lock, and re-reads the revision
    once it holds the lock.  DDL is transactional on both, so a crash mid-migration
    leaves the previous schema.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    try:
        head = head_revision()
        before = current_revision(engine)
        if before == head:
            return before, head
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            before = MigrationContext.configure(conn).get_current_revision()
            if before != head:
                command.upgrade(_alembic_config(conn), "head")  # type: ignore[arg-type]
        return before, head
    except DBAPIError as exc:
        raise SetupError(
            "store.db_unreachable",
            url=engine.url.render_as_string(),
            reason=str(exc.orig).strip().splitlines()[0],
        ) from exc
