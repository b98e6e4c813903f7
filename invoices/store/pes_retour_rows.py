"""The ``pes_retours`` table (stream: TdT PES_Retour, migration 0007), imported at the
end of :mod:`invoices.store.tables` so that its metadata holds it.

One row per PES_Retour fetched from the TdT: ``remote_id`` is the TdT's id and is
unique, so that a retour fetched again (the run died before marking it read) can
never be stored twice.  The bytes are in the blob store under ``sha256``.
``read_at`` is when the TdT was told it was read (``None``: not yet, the next
``pes retours`` tells it).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from invoices.store.tables import Base


class PesRetourRow(Base):
    __tablename__ = "pes_retours"
    __table_args__ = (UniqueConstraint("remote_id", name="uq_pes_retours_remote_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    remote_id: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(Text)
    remote_date: Mapped[str | None] = mapped_column(String(40))
    #: Root element: PES_Retour, PES_NonAcquit, PES_ACQUIT_RETOUR... (never guessed at).
    kind: Mapped[str] = mapped_column(String(40))
    nom_fic: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    fetched_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
