"""The bank-detail gate end to end on a real store (SQLite and PostgreSQL): what is
held, who releases it, and what a forged confirmation gets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select, text

from demat.cli import main
from invoices.pipeline import ingest
from invoices.store import Invoice, Store, audit

SELLER = "40212345900016"
COMMUNE = "21750011500019"
USUAL = "FR7630006000011234567890189"
FRAUD = "FR1420041010050500013M02606"
HELIOS = {
    "DEMAT_HELIOS_ID_POST": "034000",
    "DEMAT_HELIOS_ID_COLL": COMMUNE,
    "DEMAT_HELIOS_COD_COL": "123",
    "DEMAT_HELIOS_COD_BUD": "01",
    "DEMAT_HELIOS_LIBELLE_COL_BUD": "COMMUNE DE SAINT-EXEMPLE",
}


def demat(*args: str) -> Result:
    return CliRunner().invoke(main, ["--lang", "en", *args])


def _ingest(store: Store, folder: Path, name: str, data: bytes) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.xml"
    path.write_bytes(data)
    [outcome] = list(ingest([path], store=store))
    assert outcome.document_id is not None, outcome
    return outcome.document_id


def _status(store: Store, invoice_id: int) -> str:
    with store.read() as session:
        row = session.get(Invoice, invoice_id)
        assert row is not None
        return row.status


def _actions(store: Store) -> list[str]:
    with store.read() as session:
        return [r["action"] for r in audit.history(session)]


def test_first_invoice_is_held_until_confirmed_then_the_account_is_trusted(
    store: Store, make_invoice: Callable[..., bytes], tmp_path: Path
) -> None:
    first = _ingest(store, tmp_path / "in", "a", make_invoice("FD-1"))
    assert _status(store, first) == "held"
    assert "invoice.held" in _actions(store)
    shown = demat("supplier", "show", SELLER)
    assert shown.exit_code == 0 and USUAL in shown.output and "NOT confirmed" in shown.output
    french = CliRunner().invoke(main, ["--lang", "fr", "list", "--status", "held"])
    assert "à vérifier" in french.output

    done = demat("supplier", "confirm-iban", SELLER, USUAL, "--by", "Mme Roux", "--how", "rappel")
    assert done.exit_code == 0, done.output
    assert f"invoices released: {first}" in done.output
    assert _status(store, first) == "received"  # what validation gave it
    assert _actions(store)[-2:] == ["supplier.iban_confirmed", "invoice.released"]
    second = _ingest(store, tmp_path / "in", "b", make_invoice("FD-2"))
    assert _status(store, second) == "received"
    listed = demat("supplier", "list")
    assert "0009:40212345900016" in listed.output and "confirmed: 1" in listed.output
    assert demat("audit", "verify").exit_code == 0
    assert demat("supplier", "verify").exit_code == 0


def test_a_changed_iban_is_held_and_kept_out_of_a_mandat_until_confirmed(
    store: Store,
    make_invoice: Callable[..., bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in HELIOS.items():
        monkeypatch.setenv(name, value)
    demat("supplier", "confirm-iban", SELLER, USUAL, "--by", "Mme Roux", "--how", "courrier")
    changed = _ingest(store, tmp_path / "in", "c", make_invoice("FD-9", iban=FRAUD))
    assert _status(store, changed) == "held"
    mandats = tmp_path / "mandats.csv"
    mandats.write_text(
        "invoice,exercice,bordereau,mandat,ligne,nature,montant_ht,montant_tva\n"
        f"{changed},2026,1,1,1,60632,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    refused = demat("pes", "build", "--mandats", str(mandats), "--out", str(out))
    assert refused.exit_code == 1, refused.output
    assert f"invoice #{changed} cannot be mandated" in refused.output
    assert list(out.iterdir()) == []

    bad = demat("supplier", "confirm-iban", SELLER, "FR00 1234", "--by", "X", "--how", "y")
    assert bad.exit_code == 1 and "invalid IBAN" in bad.output
    ok = demat("supplier", "confirm-iban", SELLER, FRAUD, "--by", "M. Blanc", "--how", "rappel")
    assert ok.exit_code == 0 and _status(store, changed) == "received"
    built = demat("pes", "build", "--mandats", str(mandats), "--out", str(out))
    assert built.exit_code == 0, built.output
    assert demat("audit", "verify").exit_code == 0


def test_two_people_must_confirm_when_configured(
    store: Store,
    make_invoice: Callable[..., bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text("[guard]\ntwo_person = true\n", encoding="utf-8")
    held = _ingest(store, tmp_path / "in", "d", make_invoice("FD-3"))
    one = demat("supplier", "confirm-iban", SELLER, USUAL, "--by", "Mme Roux", "--how", "rappel")
    assert one.exit_code == 0 and "1 more confirmation(s)" in one.output
    assert _status(store, held) == "held"
    again = demat("supplier", "confirm-iban", SELLER, USUAL, "--by", "Mme Roux", "--how", "bis")
    assert again.exit_code == 1 and "a second person must confirm" in again.output
    assert _status(store, held) == "held"
    two = demat("supplier", "confirm-iban", SELLER, USUAL, "--by", "M. Blanc", "--how", "courrier")
    assert two.exit_code == 0 and f"released: {held}" in two.output
    assert _status(store, held) == "received"
    assert _actions(store).count("supplier.iban_confirmed") == 2
    assert demat("audit", "verify").exit_code == 0


def test_what_the_commune_issues_is_never_held(
    store: Store, make_invoice: Callable[..., bytes], tmp_path: Path
) -> None:
    issued = make_invoice("MAIRIE-1", seller=COMMUNE, buyer=SELLER)
    assert _status(store, _ingest(store, tmp_path / "in", "e", issued)) != "held"
    other = make_invoice("FD-4", buyer="21330063500017")  # paid by another body
    assert _status(store, _ingest(store, tmp_path / "in", "f", other)) != "held"
    assert "invoice.held" not in _actions(store)


def test_guard_off_holds_nothing_and_says_so(
    store: Store,
    make_invoice: Callable[..., bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEMAT_GUARD", "off")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "g.xml").write_bytes(make_invoice("FD-5"))
    result = demat("ingest", str(folder))
    assert result.exit_code == 0, result.output
    assert "bank-detail check turned off" in result.output
    assert "invoice.held" not in _actions(store)
    monkeypatch.setenv("DEMAT_GUARD", "maybe")
    assert demat("ingest", str(folder)).exit_code == 2


def test_a_forged_confirmation_is_not_trusted_and_is_reported(
    store: Store, make_invoice: Callable[..., bytes], tmp_path: Path
) -> None:
    demat("supplier", "confirm-iban", SELLER, USUAL, "--by", "Mme Roux", "--how", "rappel")
    with store.write() as session:  # straight into the database, as an intruder would
        supplier_id = session.execute(text("SELECT id FROM suppliers")).scalar_one()
        session.execute(
            text(
                "INSERT INTO supplier_accounts (supplier_id, iban, created_at)"
                " VALUES (:s, :i, CURRENT_TIMESTAMP)"
            ),
            {"s": supplier_id, "i": FRAUD},
        )
        account = session.execute(
            text("SELECT id FROM supplier_accounts WHERE iban = :i"), {"i": FRAUD}
        ).scalar_one()
        seq = session.execute(text("SELECT max(seq) FROM audit_records")).scalar_one()
        session.execute(
            text(
                "INSERT INTO supplier_confirmations"
                " (account_id, confirmed_by, how, confirmed_at, audit_seq)"
                " VALUES (:a, 'Mme Roux', 'rappel', CURRENT_TIMESTAMP, :q)"
            ),
            {"a": account, "q": seq},  # even pointing at a genuine record
        )
    forged = _ingest(store, tmp_path / "in", "h", make_invoice("FD-6", iban=FRAUD))
    assert _status(store, forged) == "held"
    # The chain itself is intact; `audit verify` checks the register against it too.
    audited = demat("audit", "verify")
    assert audited.exit_code == 1 and FRAUD in audited.output
    report = demat("supplier", "verify")
    assert report.exit_code == 1 and FRAUD in report.output and "no audit record" in report.output
    assert "NO audit record" in demat("supplier", "show", SELLER).output
    with store.read() as session:
        held = session.scalars(select(Invoice).where(Invoice.status == "held")).all()
    assert [row.id for row in held] == [forged]
