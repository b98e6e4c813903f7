"""The commune as a supplier with a plain PDF: ``deposer/pdf`` + ``soumettre`` over loopback,
then ``completer`` after SUSPENDUE, ``recycler`` after A_RECYCLER, ``consulter/fournisseur``.

Every request the client sends is checked against the official Swagger (the
``transport`` fixture fails the test on any departure).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from chorus_helpers import COLLINES, COMMUNE, SYNDICAT, SwaggerChecked
from fpdf import FPDF

from connectors.base import TransmissionState
from connectors.chorus.connector import ChorusConnector
from connectors.chorus.stored import load
from emulators.chorus import Emulator
from invoices.pipeline import EnteredInvoice, OutcomeKind, store_entered
from invoices.store import audit, corrections


def make_pdf(number: str) -> bytes:
    """A plain invoice PDF as an office suite would print it (no XML inside)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in (
        "Commune de Saint-Exemple",
        f"Facture {number}",
        "Location de la salle des fetes",
        "Total HT 100,00 EUR - TVA 20,00 EUR - TTC 120,00 EUR",
    ):
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def entered(number: str, buyer: str = SYNDICAT, **extra: Any) -> EnteredInvoice:
    return EnteredInvoice(
        number=number,
        issue_date=date(2026, 11, 20),
        buyer_siret=buyer,
        total_ht=Decimal("100.00"),
        total_vat=Decimal("20.00"),
        total_ttc=Decimal("120.00"),
        **extra,
    )


@pytest.fixture
def connector(store: Any, chorus_env: dict[str, str], transport: SwaggerChecked) -> Any:
    from connectors.chorus.client import ChorusClient

    with ChorusConnector(store, ChorusClient(transport=transport, backoff_base=0.01)) as made:
        yield made


def _send(store: Any, connector: ChorusConnector, number: str, **extra: Any) -> tuple[int, Any]:
    outcome = store_entered(
        store, make_pdf(number), f"{number}.pdf", entered(number, **extra), seller_siret=COMMUNE
    )
    assert outcome.kind is OutcomeKind.NEW and outcome.document_id is not None
    return outcome.document_id, connector.submit(outcome.document_id)


def test_a_plain_pdf_is_deposited_and_submitted_once(
    store: Any, connector: ChorusConnector, emulator: Emulator, transport: SwaggerChecked
) -> None:
    invoice_id, result = _send(store, connector, "PDF-2026-001", engagement="EJ-77")
    assert result.state is TransmissionState.INTEGRATED and result.remote_id
    remote = emulator.world.invoices[int(result.remote_id)]
    assert remote.mode_depot == "DEPOT_PDF_API" and remote.original.startswith(b"%PDF-")
    assert remote.number == "PDF-2026-001" and remote.supplier.siret == COMMUNE
    assert remote.recipient.siret == SYNDICAT and remote.engagement == "EJ-77"
    assert remote.total_ttc == Decimal("120.00") and remote.status == "DEPOSEE"
    assert "/cpro/factures/v1/deposer/pdf" in transport.checked
    assert "/cpro/factures/v1/soumettre" in transport.checked
    # Sent again: the outbox says it is done; nothing reaches the platform.
    again = connector.submit(invoice_id)
    assert again.already_sent and len(emulator.journal.entries("factures/v1/soumettre")) == 1
    assert connector.status_of(invoice_id).status == "DEPOSEE"
    with store.read() as session:
        assert audit.verify(session).ok


def test_a_refusal_of_soumettre_is_a_rejection_named_by_the_rule(
    store: Any, connector: ChorusConnector, emulator: Emulator
) -> None:
    first_id, result = _send(store, connector, "PDF-NOSVC", buyer=COLLINES)
    assert result.state is TransmissionState.REJECTED
    assert any("SERVICE_OBLIGATOIRE" in f.message for f in result.findings)
    assert emulator.world.invoices == {}
    # Re-issued with the service code: not a duplicate of the rejected one, its correction.
    service = emulator.world.structures[COLLINES].services[0].code
    outcome = store_entered(
        store,
        make_pdf("PDF-NOSVC corrigée"),
        "corrigee.pdf",
        entered("PDF-NOSVC", buyer=COLLINES, service_code=service),
        seller_siret=COMMUNE,
    )
    assert outcome.kind is OutcomeKind.NEW and outcome.document_id is not None
    with store.read() as session:
        assert corrections.correction_of(session, outcome.document_id) == first_id
    fixed = connector.submit(outcome.document_id)
    assert fixed.state is TransmissionState.INTEGRATED


def test_a_lost_answer_of_soumettre_is_reconciled_never_resubmitted(
    store: Any, connector: ChorusConnector, emulator: Emulator
) -> None:
    emulator.inject(operation="factures/v1/soumettre", kind="reset", after_handling=True, times=1)
    invoice_id, result = _send(store, connector, "PDF-RESET")
    assert result.state is TransmissionState.UNKNOWN
    again = connector.submit(invoice_id)
    assert again.state is TransmissionState.INTEGRATED and again.remote_id
    assert len(emulator.journal.entries("factures/v1/soumettre")) == 1
    assert [i.number for i in emulator.world.invoices.values()] == ["PDF-RESET"]


def test_a_soumettre_that_never_arrived_is_sent_again_after_the_grace_period(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMAT_CHORUS_RECONCILE_GRACE", "0.2")
    emulator.inject(operation="factures/v1/soumettre", kind="reset", after_handling=False, times=1)
    with ChorusConnector(store) as connector:
        invoice_id, result = _send(store, connector, "PDF-LOST")
        assert result.state is TransmissionState.UNKNOWN and emulator.world.invoices == {}
        again = connector.submit(invoice_id)  # looked for first; not found in the grace: sent
    assert again.state is TransmissionState.INTEGRATED
    outcomes = [e["outcome"] for e in emulator.journal.entries("factures/v1/soumettre")]
    assert outcomes == ["reset", "ok"] and len(emulator.world.invoices) == 1
    searches = emulator.journal.entries("factures/v1/rechercher/fournisseur")
    assert any(e["request"].get("numeroFacture") == "PDF-LOST" for e in searches)


def test_suspended_then_completed_with_a_comment_and_an_attachment(
    store: Any, connector: ChorusConnector, emulator: Emulator, tmp_path: Path
) -> None:
    invoice_id, result = _send(store, connector, "PDF-SUSP")
    remote = int(result.remote_id)
    emulator.advance(200)  # routed: MISE_A_DISPOSITION
    emulator.script(idFacture=remote, statut="SUSPENDUE", motif="bon de livraison manquant")
    emulator.advance(1)
    attachment = tmp_path / "bon-de-livraison.pdf"
    attachment.write_bytes(make_pdf("BL-1"))
    stored = load(store, invoice_id)
    done = connector.issuing.complete(stored, "Voici le bon de livraison", [attachment])
    assert (done.outcome, done.status) == ("done", "COMPLETEE")
    platform = emulator.world.invoices[remote]
    assert [a.name for a in platform.attachments] == ["bon-de-livraison.pdf"]
    assert platform.history[-1].comment == "Voici le bon de livraison"
    # Asked again (say its answer had been lost): found done, nothing sent twice.
    again = connector.issuing.complete(stored, "Voici le bon de livraison", [attachment])
    assert again.outcome == "already-done"
    assert len(emulator.journal.entries("factures/v1/completer")) == 1
    history = [h.status for h in connector.status_of(invoice_id).history]
    assert history[-2:] == ["SUSPENDUE", "COMPLETEE"]
    # The platform view shows the invoice as the recipient will see it.
    sheet = connector.issuing.consult(stored)
    assert (sheet.number, sheet.status, sheet.recipient) == ("PDF-SUSP", "COMPLETEE", SYNDICAT)


def test_a_recycled_invoice_goes_to_the_new_service(
    store: Any, connector: ChorusConnector, emulator: Emulator
) -> None:
    invoice_id, result = _send(store, connector, "PDF-RECY")
    remote = int(result.remote_id)
    stored = load(store, invoice_id)
    early = connector.issuing.recycle(stored, service_code="SVC-X")
    assert early.outcome == "refused" and early.status == "DEPOSEE"  # not A_RECYCLER
    emulator.advance(200)
    emulator.script(idFacture=remote, statut="A_RECYCLER", motif="mauvais service")
    emulator.advance(1)
    service = emulator.world.structures[SYNDICAT].services[0].code
    done = connector.issuing.recycle(stored, service_code=service, comment="service corrigé")
    assert done.outcome == "done" and done.status == "DEPOSEE"
    assert emulator.world.invoices[remote].service.code == service  # type: ignore[union-attr]
    assert len(emulator.journal.entries("factures/v1/recycler")) == 1


def _demat(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "demat", "--lang", "fr", *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_the_clerk_sends_a_pdf_from_the_command_line(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    pdf = tmp_path / "facture-salle.pdf"
    pdf.write_bytes(make_pdf("CLI-1"))
    data = tmp_path / "facture.json"
    data.write_text(
        json.dumps({"number": "CLI-1", "date": "2026-11-20", "buyer": SYNDICAT, "ht": "100"}),
        encoding="utf-8",
    )
    missing = _demat("send-pdf", str(pdf), "--data", str(data))
    assert missing.returncode == 2 and "tva" in missing.stderr
    sent = _demat("send-pdf", str(pdf), "--data", str(data), "--tva", "20", "--ttc", "120,00")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "CLI-1" in sent.stdout
    [remote] = emulator.world.invoices.values()
    assert remote.number == "CLI-1" and remote.total_ttc == Decimal("120.00")
    # Another PDF with the same number, year and seller: a suspected duplicate, not sent.
    other = tmp_path / "copie.pdf"
    other.write_bytes(make_pdf("CLI-1 bis"))
    dup = _demat("send-pdf", str(other), "--data", str(data), "--tva", "20", "--ttc", "120")
    assert dup.returncode == 1 and len(emulator.world.invoices) == 1
    refused = _demat(
        "send-pdf", str(pdf.with_name("x.pdf")), "--data", str(data), "--tva", "20", "--ttc", "120"
    )
    assert refused.returncode == 2
    unknown = _demat("complete", "999", "--comment", "x")
    assert unknown.returncode == 2
    # The recipient suspends it; the clerk completes it with a comment and a file.
    invoice_id = sent.stdout.split("#", 1)[1].split()[0].rstrip(":")
    early = _demat("recycle", invoice_id, "--service", "X")
    assert early.returncode == 1, early.stdout + early.stderr  # DEPOSEE: refused
    emulator.advance(200)
    emulator.script(idFacture=remote.id, statut="SUSPENDUE", motif="RIB manquant")
    emulator.advance(1)
    done = _demat("complete", invoice_id, "--comment", "RIB joint", "--file", str(pdf))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "COMPLETEE" in done.stdout and remote.status == "COMPLETEE"
    shown = _demat("consult", invoice_id)
    assert shown.returncode == 0 and "CLI-1" in shown.stdout and "COMPLETEE" in shown.stdout
    as_json = json.loads(_demat("consult", invoice_id, "--json").stdout)
    assert as_json["identifiantFactureCPP"] == remote.id
    with store.read() as session:
        assert audit.verify(session).ok
