"""A check that could not reach its verdict: never "invalid", stored, checked again.

The fault is real code failing (the XSD layer raising, as a schema that would not
compile did in the race of a fresh process), not a stubbed verdict: every other layer
runs for real on real invoices.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from demat.cli import main
from invoices.pipeline import OutcomeKind, awaiting, ingest, revalidate
from invoices.store import Store, audit
from invoices.store.tables import Invoice, ValidationReport
from invoices.validation.layers import xsd

Cii = Callable[..., bytes]


@pytest.fixture
def broken_xsd() -> Iterator[pytest.MonkeyPatch]:
    """The XSD layer raising; ``undo()`` repairs it (its own patcher: the other
    fixtures' settings stay)."""

    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("Internal error: xmlSchemaPValAttrNodeValue")

    patcher = pytest.MonkeyPatch()
    patcher.setattr(xsd, "check", fail)
    yield patcher
    patcher.undo()


def test_a_layer_that_fails_gives_no_verdict_and_exit_2(
    artefacts: Path, tmp_path: Path, cii: Cii, broken_xsd: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "a.xml"
    file.write_bytes(cii("A-1"))
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(file)])
    assert result.exit_code == 2, result.output
    (item,) = json.loads(result.output)
    assert item["verdict"] == "not-checked" and item["valid"] is None
    assert item["not_checked"] == ["syntax"]
    assert any(
        f["rule"] == "DEMAT-LAYER-ERROR" and f["layer"] == "syntax" for f in item["findings"]
    )
    text = CliRunner().invoke(main, ["--lang", "fr", "validate", str(file)])
    assert text.exit_code == 2
    assert "CONTRÔLE IMPOSSIBLE, À REFAIRE" in text.output
    assert "NON VALIDE" not in text.output
    broken_xsd.undo()
    assert CliRunner().invoke(main, ["validate", str(file)]).exit_code == 0


def test_ingest_stores_it_unvalidated_and_the_next_ingest_checks_it_again(
    store: Store, artefacts: Path, tmp_path: Path, cii: Cii, broken_xsd: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xml").write_bytes(cii("A-1"))
    (outcome,) = ingest([folder], store=store)
    assert outcome.kind is OutcomeKind.NEW and outcome.unchecked and not outcome.refused
    assert outcome.status == "unvalidated" and outcome.valid is None
    assert "check impossible" in (outcome.reason() or "")
    assert awaiting(store) == [outcome.document_id]
    with store.read() as session:
        report = session.scalars(select(ValidationReport)).one()
        assert report.valid is None and report.verdict == "not-checked"

    broken_xsd.undo()
    (again,) = ingest([folder], store=store)
    assert again.kind is OutcomeKind.KNOWN and again.status == "received"
    assert again.valid is True and not again.unchecked
    assert awaiting(store) == []
    with store.read() as session:
        history = list(audit.history(session, invoice_id=outcome.document_id))
        assert audit.verify(session).ok
    actions = [r["action"] for r in history]
    assert actions.count("document.validated") == 2
    assert json.loads(history[-1]["details"])["to"] == "received"
    # Once it has its verdict, the next run is a plain "already known".
    (third,) = ingest([folder], store=store)
    assert third.kind is OutcomeKind.KNOWN and third.verdict is None


def test_cli_ingest_exits_2_and_revalidate_gives_the_verdict(
    db_url: str, artefacts: Path, tmp_path: Path, cii: Cii, broken_xsd: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xml").write_bytes(cii("A-1"))
    (folder / "b.xml").write_bytes(cii("B-1"))
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db_url])
    assert result.exit_code == 2, result.output
    assert result.output.count("check impossible") == 2

    assert CliRunner().invoke(main, ["revalidate", "--db", db_url]).exit_code == 2  # usage
    unknown = CliRunner().invoke(main, ["revalidate", "999", "--db", db_url])
    assert unknown.exit_code == 2 and "999" in unknown.output

    broken_xsd.undo()
    done = CliRunner().invoke(main, ["revalidate", "--all", "--db", db_url, "--json"])
    assert done.exit_code == 0, done.output
    lines = [json.loads(line) for line in done.output.splitlines()]
    assert [(o["status"], o["verdict"]) for o in lines] == [("received", "valid")] * 2
    nothing = CliRunner().invoke(main, ["revalidate", "--all", "--db", db_url])
    assert nothing.exit_code == 0 and "No invoice awaits a check" in nothing.output


def test_revalidate_by_id_keeps_the_options_of_the_last_check(
    store: Store, artefacts: Path, tmp_path: Path, cii: Cii
) -> None:
    """The sample lacks the BR-FR notes: valid without ``fr``, invalid with it."""
    file = tmp_path / "a.xml"
    file.write_bytes(cii("A-1"))
    (first,) = ingest([file], store=store, fr=True)
    assert first.kind is OutcomeKind.REJECTED and first.status == "invalid"
    (again,) = revalidate(store, [first.document_id])
    assert again.kind is OutcomeKind.REJECTED and again.valid is False
    with store.read() as session:
        reports = session.scalars(select(ValidationReport)).all()
        invoice = session.get(Invoice, first.document_id)
    assert [r.options["fr"] for r in reports] == [True, True]
    assert "fr" in reports[-1].layers_run
    assert invoice is not None and invoice.status == "invalid"
