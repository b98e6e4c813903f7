"""A received invoice is kept whole: its original, the platform's pivot, its attachments.

Each file is stored by its hash and linked to the invoice (``files_of``), and
``demat export`` gives every one back, byte for byte.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
from chorus_helpers import COMMUNE, SwaggerChecked
from lxml import etree
from sqlalchemy import select

from connectors.chorus.connector import ChorusConnector
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from emulators.chorus.views import simple_pdf
from invoices.store import Document, audit
from invoices.store.attachments import files_of
from invoices.store.tables import AuditRecord

DELIVERY = simple_pdf(["Bon de livraison 2026-114", "Livré le 2 décembre"])
STATEMENT = "poste;quantité\nramettes;40\n".encode()


def _attach(emulator: Emulator, ident: int) -> None:
    answer = httpx.post(
        f"{emulator.base_url}/__emulator/attachments",
        json={
            "idFacture": ident,
            "attachments": [
                {
                    "name": "bon-livraison.pdf",
                    "mime": "application/pdf",
                    "content": base64.b64encode(DELIVERY).decode(),
                },
                {
                    "name": "releve.csv",
                    "mime": "text/csv",
                    "content": base64.b64encode(STATEMENT).decode(),
                },
            ],
        },
        timeout=10,
    )
    assert answer.status_code == 200, answer.text


def test_the_pivot_and_two_attachments_are_stored_listed_and_exported(
    store: Any,
    chorus_env: dict[str, str],
    emulator: Emulator,
    transport: SwaggerChecked,
    tmp_path: Path,
) -> None:
    with emulator.world.lock:
        (invoice,) = add_received(emulator.world, count=1, recipient=COMMUNE)
    _attach(emulator, invoice.id)
    with ChorusConnector(store, transport=transport) as connector:
        (got,) = connector.fetch_received().received
    document_id = got.document_id
    assert document_id is not None
    files = files_of(store, document_id)
    assert [f.kind for f in files] == ["original", "pivot", "attachment", "attachment"]
    original, pivot, delivery, statement = files
    assert original.sha256 == hashlib.sha256(invoice.original).hexdigest()
    assert (delivery.name, delivery.media_type, delivery.size) == (
        "bon-livraison.pdf",
        "application/pdf",
        len(DELIVERY),
    )
    assert delivery.sha256 == hashlib.sha256(DELIVERY).hexdigest()
    assert (statement.name, statement.media_type) == ("releve.csv", "text/csv")
    assert statement.sha256 == hashlib.sha256(STATEMENT).hexdigest()
    assert pivot.media_type == "application/xml"
    with store.read() as session:
        assert files_of(session, document_id) == files  # a session works as well as the store
        pivot_bytes = store.blobs.get(session, pivot.sha256)
        assert audit.verify(session).ok
        recorded = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "file.received")
        ).all()
        assert len(recorded) == 3  # pivot and the two attachments, each audited
        sources = {d.source for d in session.scalars(select(Document))}
    assert sources == {f"chorus:{invoice.id}"}  # attachments are files, not documents
    root = etree.fromstring(pivot_bytes)
    assert [pj.findtext("TypePJ") for pj in root.iter("PJ")] == ["01", "02", "02"]
    downloads = emulator.journal.entries("factures/v1/telecharger/groupe")
    assert [d["request"]["avecPiecesJointesComplementaires"] for d in downloads] == ["OUI"]

    out = tmp_path / "export"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "demat",
            "--lang",
            "en",
            "export",
            str(document_id),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    assert written["bon-livraison.pdf"] == DELIVERY
    assert written["releve.csv"] == STATEMENT
    assert written[original.name] == invoice.original
    assert len(written) == 4
    assert "attachment: " in done.stdout and "4 file(s) written" in done.stderr

    missing = subprocess.run(
        [sys.executable, "-m", "demat", "export", "999999", "--output", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert not (tmp_path / "x").exists()
