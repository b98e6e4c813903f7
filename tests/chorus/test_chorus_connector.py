"""The connector end to end: store -> outbox -> emulator -> status history, exactly once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from chorus_helpers import (
    CCAS,
    COLLINES,
    COMMUNE,
    DEPARTEMENT,
    UNKNOWN_SIRET,
    SwaggerChecked,
    ingest_one,
    make_invoice,
    write_invoice,
)
from sqlalchemy import select

from connectors.base import TransmissionState
from connectors.chorus.connector import ChorusConnector
from connectors.chorus.errors import ChorusUnavailable
from emulators.chorus import Emulator
from emulators.chorus.bulk import add_received
from invoices.errors import InputError
from invoices.store import Document, audit
from invoices.store import transmissions as repo
from invoices.store.tables import AuditRecord


@pytest.fixture
def connector(store: Any, chorus_env: dict[str, str], transport: SwaggerChecked) -> Any:
    with ChorusConnector(store, transport=transport) as made:
        yield made


def _deposits(emulator: Emulator) -> list[dict]:
    return emulator.journal.entries("factures/v1/deposer/flux")


@pytest.mark.parametrize("syntax", ["ubl", "facturx", "cii"])
def test_each_syntax_is_deposited_integrated_and_followed(
    syntax: str, store: Any, connector: ChorusConnector, emulator: Emulator, tmp_path: Path
) -> None:
    invoice_id = ingest_one(store, write_invoice(make_invoice(f"E2E-{syntax}"), syntax, tmp_path))
    result = connector.submit(invoice_id)
    assert result.state is TransmissionState.INTEGRATED, result
    assert result.flow_id and result.remote_id and result.status == "DEPOSEE"
    expected = {
        "ubl": "IN_DP_E1_UBL_INVOICE",
        "cii": "IN_DP_E1_CII_16B",
        "facturx": "IN_DP_E2_CII_FACTURX",
    }[syntax]
    assert [d["request"]["syntaxeFlux"] for d in _deposits(emulator)] == [expected]

    emulator.advance(200)
    status = connector.follow(invoice_id)
    assert status.status == "MISE_A_DISPOSITION"
    assert [h.status for h in status.history] == [
        "DEPOSEE",
        "EN_COURS_ACHEMINEMENT",
        "MISE_A_DISPOSITION",
    ]
    # Following again adds nothing: history entries are recorded once.
    assert connector.follow(invoice_id).history == status.history
    # Sending again sends nothing.
    again = connector.submit(invoice_id)
    assert again.already_sent and again.state is TransmissionState.INTEGRATED
    assert len(_deposits(emulator)) == 1
    with store.read() as session:
        assert audit.verify(session).ok


@pytest.mark.parametrize(
    "buyer, service, engagement, rule",
    [
        (UNKNOWN_SIRET, None, None, "CPRO-BUYER-02"),
        (COLLINES, None, None, "CPRO-SERVICE-01"),
        (CCAS, None, None, "CPRO-EJ-01"),
        (DEPARTEMENT, "DEP-ACHATS", None, "CPRO-EJ-01"),
        (COLLINES, "CC-ANCIEN", None, "CPRO-SERVICE-04"),
    ],
)
def test_the_recipient_check_refuses_before_any_deposit(
    buyer: str,
    service: str | None,
    engagement: str | None,
    rule: str,
    store: Any,
    connector: ChorusConnector,
    emulator: Emulator,
    tmp_path: Path,
) -> None:
    invoice = make_invoice("PRE-1", buyer=buyer, service=service, engagement=engagement)
    invoice_id = ingest_one(store, write_invoice(invoice, "ubl", tmp_path))
    result = connector.submit(invoice_id)
    assert result.state is TransmissionState.REJECTED
    assert rule in {f.rule for f in result.findings if f.fatal}
    assert _deposits(emulator) == []
    assert connector.outbox.find(invoice_id) is None  # nothing claimed: nothing was sent


@pytest.mark.parametrize(
    "buyer, service, engagement, rule",
    [
        (UNKNOWN_SIRET, None, None, "DESTINATAIRE_INCONNU"),
        (COLLINES, None, None, "SERVICE_OBLIGATOIRE"),
        (CCAS, None, None, "ENGAGEMENT_OBLIGATOIRE"),
    ],
)
def test_platform_rejections_come_back_as_findings_naming_the_rule(
    buyer: str,
    service: str | None,
    engagement: str | None,
    rule: str,
    store: Any,
    chorus_env: dict[str, str],
    emulator: Emulator,
    tmp_path: Path,
) -> None:
    invoice = make_invoice("REJ-1", buyer=buyer, service=service, engagement=engagement)
    invoice_id = ingest_one(store, write_invoice(invoice, "ubl", tmp_path))
    with ChorusConnector(store, precheck=False) as connector:
        result = connector.submit(invoice_id)
        assert result.state is TransmissionState.REJECTED
        assert [f.rule for f in result.findings] == [rule]
        assert "REJ-1" in (result.findings[0].location or "")
        # The verdict is stored: a later status shows the same findings.
        assert [f.rule for f in connector.status_of(invoice_id).findings] == [rule]
    assert len(_deposits(emulator)) == 1


def test_a_duplicate_number_is_rejected_by_the_platform(
    store: Any, connector: ChorusConnector, emulator: Emulator, tmp_path: Path
) -> None:
    first = ingest_one(store, write_invoice(make_invoice("DUP-1"), "ubl", tmp_path / "a"))
    assert connector.submit(first).state is TransmissionState.INTEGRATED
    # Same supplier, number and year, other content: the store flags it, "--all" skips
    # it, and when a clerk sends it anyway the platform refuses it as a duplicate.
    resend = make_invoice("DUP-1", engagement="BC-2026-0099")
    second = ingest_one(store, write_invoice(resend, "facturx", tmp_path / "b"))
    assert second not in connector.unsent()
    result = connector.submit(second)
    assert result.state is TransmissionState.REJECTED
    assert [f.rule for f in result.findings] == ["DOUBLON"]
    assert len(_deposits(emulator)) == 2
    with store.read() as session:
        assert audit.verify(session).ok


def test_an_invalid_invoice_is_not_sent(
    store: Any, connector: ChorusConnector, emulator: Emulator, tmp_path: Path
) -> None:
    from invoices.pipeline import ingest

    broken = make_invoice("BAD-1")
    path = write_invoice(broken, "ubl", tmp_path)
    path.write_bytes(
        path.read_bytes().replace(b">380</cbc:InvoiceTypeCode>", b">999</cbc:InvoiceTypeCode>")
    )
    outcome = next(iter(ingest([path], store=store)))
    assert outcome.document_id is not None and outcome.valid is not True
    with pytest.raises(InputError) as info:
        connector.submit(outcome.document_id)
    assert "not valid" in info.value.message()
    assert _deposits(emulator) == []


def test_a_reset_after_the_deposit_leaves_unknown_then_reconciliation_finds_it(
    store: Any, connector: ChorusConnector, emulator: Emulator, tmp_path: Path
) -> None:
    invoice_id = ingest_one(store, write_invoice(make_invoice("RST-1"), "ubl", tmp_path))
    emulator.inject(operation="factures/v1/deposer/flux", kind="reset", times=1)
    result = connector.submit(invoice_id)
    assert result.state is TransmissionState.UNKNOWN
    assert connector.outbox.find(invoice_id).needs_reconcile  # type: ignore[union-attr]

    again = connector.submit(invoice_id)  # reconciles first, never re-deposits blindly
    assert again.state is TransmissionState.INTEGRATED
    assert again.remote_id is not None
    deposits = _deposits(emulator)
    assert len(deposits) == 1 and deposits[0]["outcome"] == "reset"
    searches = emulator.journal.entries("factures/v1/rechercher/fournisseur")
    assert any(e["request"].get("numeroFacture") == "RST-1" for e in searches)
    with store.read() as session:
        tx = repo.by_key(session, connector.outbox.key(invoice_id))
        assert tx is not None and tx.attempts == 1
        assert audit.verify(session).ok


def test_an_unknown_deposit_not_found_after_the_grace_period_is_sent_again(
    store: Any,
    chorus_env: dict[str, str],
    emulator: Emulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The request died before the platform handled it (reset before handling):
    # the search cannot find it; once the grace period is over, it is sent again.
    monkeypatch.setenv("DEMAT_CHORUS_RECONCILE_GRACE", "0.2")
    invoice_id = ingest_one(store, write_invoice(make_invoice("LOST-1"), "ubl", tmp_path))
    emulator.inject(
        operation="factures/v1/deposer/flux", kind="reset", after_handling=False, times=1
    )
    with ChorusConnector(store) as connector:
        assert connector.submit(invoice_id).state is TransmissionState.UNKNOWN
        result = connector.submit(invoice_id)
    assert result.state is TransmissionState.INTEGRATED
    assert [d["outcome"] for d in _deposits(emulator)] == ["reset", "ok"]
    assert len(emulator.world.flows) == 1


def test_receiving_resumes_from_the_cursor_and_speaks_the_official_model(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, transport: SwaggerChecked
) -> None:
    with emulator.world.lock:
        made = add_received(emulator.world, count=5, recipient=COMMUNE)
    # The download of the 4th invoice fails for good: the run stops with an
    # environment error, after the invoices before it were stored and the cursor saved.
    emulator.inject(operation="factures/v1/telecharger/groupe", kind="500", calls=[4, 5, 6, 7, 8])
    with ChorusConnector(store, transport=transport) as connector:
        connector.client.http._backoff_base = 0.001
        with pytest.raises(ChorusUnavailable):
            connector.fetch_received(per_page=2)
        with store.read() as session:
            cursor = json.loads(repo.get_cursor(session, "chorus", "received") or "{}")
        assert cursor["page"] == 2  # page 1 done; page 2 is where it stopped
        result = connector.fetch_received(per_page=2)
        assert result.errors == ()
        again = connector.fetch_received(per_page=2)
    received = [r.remote_id for r in result.received]
    assert len(received) == 2 and again.received == ()
    assert result.already_known == 1  # the 3rd, stored before the failure, listed again
    downloads = [
        e["request"]["listeFacture"][0]
        for e in emulator.journal.entries("factures/v1/telecharger/groupe")
        if e["outcome"] == "ok"
    ]
    assert sorted(downloads) == sorted(i.id for i in made)  # each downloaded once
    with store.read() as session:
        sources = sorted(d.source for d in session.scalars(select(Document)))
        assert sources == sorted(f"chorus:{i.id}" for i in made)
        kept = session.scalars(select(Document)).first()
        assert kept is not None and kept.original_name.endswith(".xml")  # the invoice itself
        assert audit.verify(session).ok
    assert "/cpro/factures/v1/telecharger/groupe" in transport.checked


def test_status_rules_are_checked_before_the_platform_is_asked(
    store: Any, chorus_env: dict[str, str], emulator: Emulator, transport: SwaggerChecked
) -> None:
    with emulator.world.lock:
        made = add_received(emulator.world, count=1, recipient=COMMUNE)
    with ChorusConnector(store, transport=transport) as connector:
        doc = connector.fetch_received().received[0].document_id
        assert doc is not None
        for status, motif, mandate, needle in [
            ("SUSPENDUE", None, None, "requires a reason"),
            ("PAYEE", None, None, "unknown status"),
            ("SERVICE_FAIT", None, "M-1", "only goes with status MANDATEE"),
            ("REJETEE", "x" * 256, None, "reason too long"),
        ]:
            with pytest.raises(InputError) as info:
                connector.set_status(doc, status, motif=motif, mandate=mandate)
            assert needle in info.value.message()
        assert emulator.journal.entries("factures/v1/traiter/recue") == []
        decision = connector.set_status(doc, "suspendue", motif="Bon de livraison manquant")
        assert decision.status == "SUSPENDUE"
        with pytest.raises(InputError) as info:
            connector.set_status(doc, "MANDATEE")
        assert "cannot go from SUSPENDUE to MANDATEE" in info.value.message()
        with pytest.raises(InputError):
            connector.set_status(12345, "SERVICE_FAIT")
    history = emulator.world.invoices[made[0].id].history
    assert history[-1].code == "SUSPENDUE" and history[-1].comment == "Bon de livraison manquant"
    assert "/cpro/factures/v1/traiter/recue" in transport.checked


def test_calls_are_audited_without_secrets(
    store: Any, connector: ChorusConnector, chorus_env: dict[str, str], tmp_path: Path
) -> None:
    invoice_id = ingest_one(store, write_invoice(make_invoice("AUD-1"), "ubl", tmp_path))
    connector.submit(invoice_id)
    with store.read() as session:
        records = list(session.scalars(select(AuditRecord).order_by(AuditRecord.seq)))
        assert audit.verify(session).ok
    calls = [json.loads(r.details) for r in records if r.action == "connector.call"]
    assert "factures/v1/deposer/flux" in {c["operation"] for c in calls}
    actions = [r.action for r in records]
    assert "transmission.created" in actions and "status.received" in actions
    everything = " ".join(r.details for r in records)
    for secret in (chorus_env["DEMAT_CHORUS_CLIENT_SECRET"], chorus_env["DEMAT_CHORUS_PASSWORD"]):
        assert secret not in everything


def test_a_token_expiring_mid_batch_is_renewed_once_and_the_batch_completes(
    store: Any, connector: ChorusConnector, emulator: Emulator, tmp_path: Path
) -> None:
    base = make_invoice("TOK-0")
    ids = [
        ingest_one(store, write_invoice(make_invoice(f"TOK-{i}", base=base), "ubl", tmp_path))
        for i in range(3)
    ]
    emulator.inject(operation="factures/v1/deposer/flux", kind="token_expired", calls=[2])
    results = connector.submit_many(ids)
    assert [r.state for r in results] == [TransmissionState.INTEGRATED] * 3
    # The gateway refused the 2nd deposit before the platform saw it: sent again with
    # a new token, once; the platform got exactly one flow per invoice.
    assert [d["status"] for d in _deposits(emulator)] == [200, 401, 200, 200]
    assert len(emulator.journal.entries("token")) == 2
    assert len(emulator.world.flows) == 3


def test_all_leaves_out_what_we_receive(
    store: Any, connector: ChorusConnector, tmp_path: Path
) -> None:
    ours = ingest_one(
        store,
        write_invoice(make_invoice("IN-1", buyer=COMMUNE, service="MAIRIE-FIN"), "ubl", tmp_path),
    )
    theirs = ingest_one(store, write_invoice(make_invoice("OUT-1"), "ubl", tmp_path))
    assert connector.unsent() == [theirs]
    assert ours not in connector.unsent()
