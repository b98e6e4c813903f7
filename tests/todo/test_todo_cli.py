"""``demat todo`` end to end: the table a clerk reads (French and English), the JSON
form, the exit codes; and the deadline of an invoice received through the real
Chorus Pro emulator flow (made available, suspended, completed by the supplier)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from click.testing import CliRunner

from demat.cli import main
from invoices.display import day
from invoices.store import Store, transmissions

NOW = datetime.now(UTC)


def _step(store: Store, invoice_id: int, code: str, days_ago: float) -> None:
    with store.write() as session:
        transmissions.add_status_event(
            session,
            status_code=code,
            source="chorus",
            invoice_id=invoice_id,
            at=NOW - timedelta(days=days_ago),
        )


def _fill(store: Store, receive: Callable[..., int]) -> None:
    late = receive("CLI-LATE")
    _step(store, late, "MISE_A_DISPOSITION", 33)
    soon = receive("CLI-SOON")
    _step(store, soon, "MISE_A_DISPOSITION", 25)


def _run(db_url: str, *args: str, lang: str = "fr") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--lang", lang, "todo", "--db", db_url, *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_table_with_header_deadlines_and_amounts(
    store: Store, db_url: str, receive: Callable[..., int], lang: str
) -> None:
    _fill(store, receive)
    code, out = _run(db_url, lang=lang)
    assert code == 0, out  # information, even with an overdue invoice
    header, rule, late, soon, _blank, footer = out.splitlines()
    assert set(rule) <= {"-", " "}
    assert "CLI-LATE" in late and "CLI-SOON" in soon  # oldest deadline first
    due_late = day(NOW - timedelta(days=3))
    if lang == "fr":
        for title in ("À faire", "Échéance", "Délai", "Facture", "Montant TTC", "Reçue le"):
            assert title in header
        assert "dépassé de 3 jour(s)" in late and "J-5" in soon
        assert "à traiter" in late
        assert "419,28\u00a0€" in late
        assert "délai global de paiement : 30 jours" in footer
    else:
        for title in ("To do", "Deadline", "Time left", "Invoice", "Total incl. VAT"):
            assert title in header
        assert "overdue by 3 day(s)" in late and "5 day(s) left" in soon
        assert "€419.28" in late
    assert due_late in late  # the deadline as a date, day first
    # the amount column is right-aligned under its header
    title = "Montant TTC" if lang == "fr" else "Total incl. VAT"
    amount = "419,28\u00a0€" if lang == "fr" else "€419.28"
    column = header.index(title)
    assert late[column : column + len(title)] == amount.rjust(len(title))


def test_json_form(store: Store, db_url: str, receive: Callable[..., int]) -> None:
    _fill(store, receive)
    code, out = _run(db_url, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["payment_days"] == 30
    items = data["items"]
    assert [i["number"] for i in items] == ["CLI-LATE", "CLI-SOON"]
    assert [i["deadline"]["days_left"] for i in items] == [-3, 5]
    assert items[0]["kind"] == "decide" and items[0]["total"] == "419.28"
    assert items[0]["deadline"]["start_from"] == "platform"


def test_empty_list_and_errors(db_url: str, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(db_url)
    assert (code, out.strip()) == (0, "Rien en attente.")
    monkeypatch.setenv("DEMAT_PAYMENT_DAYS", "trente")
    code, out = _run(db_url)
    assert code == 2 and "trente" in out and "Traceback" not in out
    monkeypatch.delenv("DEMAT_PAYMENT_DAYS")
    code, out = _run("postgresql+psycopg://nobody@127.0.0.1:1/none", lang="en")
    assert code == 2 and "Traceback" not in out


@pytest.mark.slow
def test_deadline_of_an_invoice_received_through_chorus_pro(
    store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Received from the emulator, suspended by us, completed by the supplier an hour
    later: the deadline runs from the platform's dates, the hour suspended added back."""
    from connectors.chorus.connector import ChorusConnector
    from emulators.chorus import Emulator
    from emulators.chorus.bulk import add_received
    from emulators.chorus.views import simple_pdf
    from invoices.store.deadlines import deadline

    fast = {"delays": {"reception": 0, "integration": 0, "routing": 60, "availability": 120}}
    with Emulator.start(config=fast) as emulator:
        for name, value in {
            **emulator.env(),
            "DEMAT_CHORUS_POLL_INTERVAL": "0.05",
            "DEMAT_CHORUS_POLL_TIMEOUT": "20",
            "DEMAT_CHORUS_TIMEOUT": "5",
        }.items():
            monkeypatch.setenv(name, value)
        commune = "21750011500019"
        with emulator.world.lock:
            (invoice,) = add_received(emulator.world, count=1, recipient=commune)
        with ChorusConnector(store) as connector:
            (got,) = connector.fetch_received().received
            document_id = got.document_id
            assert document_id is not None
            connector.set_status(document_id, "SUSPENDUE", motif="Attestation absente")
            emulator.advance(3600)
            proof = base64.b64encode(simple_pdf(["Attestation"])).decode()
            answer = httpx.post(
                f"{emulator.base_url}/__emulator/supplier",
                json={
                    "idFacture": invoice.id,
                    "action": "completer",
                    "commentaire": "Attestation jointe",
                    "attachments": [{"name": "a.pdf", "mime": "application/pdf", "content": proof}],
                },
                timeout=10,
            )
            assert answer.status_code == 200, answer.text
            emulator.advance(600)
            connector.fetch_received()
    with store.read() as session:
        events = transmissions.status_events(session, document_id)
        codes = [e.status_code for e in events]
        assert "MISE_A_DISPOSITION" in codes and "COMPLETEE" in codes
        made_available = min(e.at for e in events if e.status_code == "MISE_A_DISPOSITION")
        found = deadline(events, datetime.now(UTC), days=30)
    assert found.start_from == "platform" and found.start == made_available
    assert timedelta(minutes=59) <= found.suspended <= timedelta(hours=2)
    code, out = _run(db_url, "--json")
    assert code == 0, out
    (item,) = json.loads(out)["items"]
    assert item["invoice_id"] == document_id and item["status"] == "COMPLETEE"
    assert item["kind"] == "decide" and item["deadline"]["due"] == found.due.isoformat()


def test_a_duplicate_says_which_invoice_it_repeats(
    store: Store, db_url: str, receive: Callable[..., int]
) -> None:
    from datetime import date

    first = receive("CLI-TWICE")
    again = receive("CLI-TWICE", due_date=date(2026, 12, 31))
    code, out = _run(db_url)
    assert code == 0
    (row,) = [line for line in out.splitlines() if "à examiner" in line]
    assert "doublon probable" in row and f"demat show {first}" in row and again != first
