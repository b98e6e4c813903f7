"""``demat audit log`` as a clerk reads it, and ``--json`` as an auditor does.

Real invoices are ingested into the store (SQLite and PostgreSQL), an invoice status
is changed through the store's API, then the log is read through the CLI: a header
row, dates in the clerk's time zone, events in words, the invoice by its number,
details in words (no JSON braces, no machine event name); ``--json`` unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from demat.cli import main
from demat.views.audit import details_text
from invoices.display import moment
from invoices.i18n import set_language
from invoices.pipeline import ingest
from invoices.store import Invoice, Store, audit, transmissions


def _fill(store: Store, folder: Path, write_folder: Callable[..., list[Path]]) -> str:
    """Two invoices ingested, the first one's status changed; its number."""
    paths = write_folder(folder, 2, prefix="FA-LOG-")
    list(ingest(paths, store=store, actor="marie.dupont"))
    with store.write() as session:
        first = session.query(Invoice).order_by(Invoice.id).first()
        assert first is not None
        transmissions.set_invoice_status(session, first.id, "held", actor="jean.martin")
        return first.number


def _log(db_url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["audit", "log", "--db", db_url, *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_log_reads_as_a_history(
    store: Store,
    db_url: str,
    tmp_path: Path,
    write_folder: Callable[..., list[Path]],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8" if lang == "fr" else "en_GB.UTF-8")
    monkeypatch.setenv("DEMAT_TIMEZONE", "Pacific/Noumea")  # UTC+11: no accidental match
    set_language(None)
    number = _fill(store, tmp_path / "in", write_folder)
    out = _log(db_url)
    header, rule, *rows = out.splitlines()
    assert set(rule) <= {"-", " "}
    if lang == "fr":
        for title in ("N°", "Date", "Événement", "Par", "Objet", "Détails"):
            assert title in header
        assert "document reçu" in out and f"facture {number}" in out
        assert "reçue → à vérifier" in out
    else:
        for title in ("No.", "Date", "Event", "By", "Object", "Details"):
            assert title in header
        assert "document received" in out and f"invoice {number}" in out
        assert "received → held" in out
    assert "document.received" not in out and "{" not in out and '"' not in out
    assert "marie.dupont" in out and "jean.martin" in out
    with store.read() as session:
        records = list(audit.history(session))
    first_at = datetime.fromisoformat(records[0]["at"].replace("Z", "+00:00")).astimezone(UTC)
    assert moment(first_at) in rows[0]  # the clerk's zone, not UTC
    assert records[0]["at"][:16].replace("T", " ") not in out
    assert len(rows) == len(records)


def test_json_keeps_the_raw_records(
    store: Store, db_url: str, tmp_path: Path, write_folder: Callable[..., list[Path]]
) -> None:
    _fill(store, tmp_path / "in", write_folder)
    lines = [json.loads(line) for line in _log(db_url, "--json").splitlines()]
    with store.read() as session:
        records = list(audit.history(session))
    assert [line["seq"] for line in lines] == [r["seq"] for r in records]
    assert lines[0]["action"] == records[0]["action"]  # the machine name, as stored
    assert lines[-1]["details"]["to"] == "held"


def test_details_in_words() -> None:
    set_language("fr")
    text = details_text(
        json.dumps(
            {
                "from": "received",
                "to": "held",
                "reason": "changed-iban",
                "ibans": ["FR7630006000011234567890189"],
                "sha256": "ab" * 32,
                "idempotency_key": "x-1",
            }
        )
    )
    assert text.startswith("reçue → à vérifier")
    assert "motif changed-iban" in text  # a reason without a word of its own: as written
    held = details_text({"from": "received", "reason": "new-supplier"})
    assert held == "avant : reçue ; motif nouveau fournisseur"
    assert "ab" * 32 not in text and "x-1" not in text  # technical: --json only
    assert details_text("not json") == "" and details_text("[1, 2]") == ""
    assert details_text({"state": ["pending", "rejected"]}) == "état en attente → rejetée"
    set_language("en")
    assert details_text({"valid": True, "status": "invalid"}) == "valid yes ; status invalid"
