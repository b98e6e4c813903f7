"""Alembic environment of the mairie-demat store.

Migrations run on the connection that :func:`invoices.store.db.upgrade` hands over
(inside its locked transaction), never on a URL read from an ini file: the
package carries no alembic.ini, and the store decides where the database is.

The next migration: a new ``versions/NNNN_what.py`` from ``script.py.mako`` with
``down_revision`` set to the current head, and ``tables.py`` changed in step
(``tests/store/test_store_schema.py`` fails while the two disagree).  Migrations
only add or transform: ten years of audit records must survive every upgrade.
"""

from __future__ import annotations

from alembic import context

from invoices.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the mairie-demat migrations run through invoices.store.db.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
