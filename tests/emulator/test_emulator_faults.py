"""Fault injection: HTTP errors, slow answers, resets, business errors; by count or chance."""

from __future__ import annotations

import base64

import httpx
import pytest

DEPOSIT = "factures/v1/deposer/flux"
SEARCH = "factures/v1/rechercher/fournisseur"


def _inject(api, **rule):
    answer = api.control("POST", "faults", rule)
    assert answer.status_code == 200, answer.text
    return answer.json()["added"][0]


@pytest.mark.parametrize("kind", ["401", "403", "404", "413", "415", "429", "500", "503"])
def test_http_fault_once_then_normal(api, kind):
    api.new_token()
    _inject(api, operation=SEARCH, kind=kind)
    first = api.raw(SEARCH, {})
    assert first.status_code == int(kind)
    if kind in ("429", "503"):
        assert first.headers["Retry-After"] == "1"
    if kind == "401":
        assert first.headers["WWW-Authenticate"].startswith('Bearer realm="PISTE"')
    assert api.raw(SEARCH, {}).status_code == 200
    [entry, ok] = api.journal(SEARCH)
    assert (entry["fault"], entry["status"], entry["outcome"]) == (kind, int(kind), "http_error")
    assert ok["status"] == 200 and "fault" not in ok


def test_fault_on_given_call_numbers(api):
    api.new_token()
    _inject(api, operation=SEARCH, kind="500", calls=[2, 3])
    statuses = [api.raw(SEARCH, {}).status_code for _ in range(5)]
    assert statuses == [200, 500, 500, 200, 200]


def test_fault_on_the_next_n_calls_of_any_operation(api):
    api.new_token()
    _inject(api, operation="*", kind="503", times=2)
    assert api.raw(SEARCH, {}).status_code == 503
    assert api.raw("structures/v1/rechercher", {}).status_code == 503
    assert api.raw(SEARCH, {}).status_code == 200


def test_fault_on_the_token_endpoint(api):
    _inject(api, operation="token", kind="500")
    answer = api.http.post("/api/oauth/token", data={"grant_type": "client_credentials"})
    assert answer.status_code == 500
    api.new_token()


def test_probabilistic_faults_are_reproducible(emulator, api):
    api.new_token()

    def run() -> list[int]:
        api.control("DELETE", "faults")
        _inject(api, operation=SEARCH, kind="500", probability=0.5, seed=42)
        return [api.raw(SEARCH, {}).status_code for _ in range(20)]

    first, second = run(), run()
    assert first == second
    assert 500 in first and 200 in first


def test_slow_answer_beyond_the_client_timeout(api, emulator):
    api.new_token()
    _inject(api, operation=SEARCH, kind="slow", delay=1.0)
    with pytest.raises(httpx.ReadTimeout):
        api.http.post(f"/cpro/{SEARCH}", json={}, headers=api.headers(), timeout=0.2)
    assert api.raw(SEARCH, {}).status_code == 200  # the server is still fine


def test_slow_answer_within_the_timeout_succeeds(api):
    api.new_token()
    _inject(api, operation=SEARCH, kind="slow", delay=0.2)
    assert api.raw(SEARCH, {}).status_code == 200
    assert api.journal(SEARCH)[0]["fault"] == "slow"


def test_business_error_fault(api):
    _inject(api, operation=SEARCH, kind="business", code=20099)
    answer = api.raw(SEARCH, {})
    assert answer.status_code == 200 and answer.json()["codeRetour"] == 20099


def test_token_expired_fault(api):
    api.new_token()
    _inject(api, operation=SEARCH, kind="token_expired")
    answer = api.raw(SEARCH, {})
    assert answer.status_code == 401
    assert "token expired" in answer.headers["WWW-Authenticate"]


def test_reset_after_the_deposit_was_recorded(api, emulator, build):
    """The client cannot know; the platform has the flow; the journal shows one deposit."""
    api.new_token()
    _inject(api, operation=DEPOSIT, kind="reset")
    body = {
        "fichierFlux": base64.b64encode(build.cii("RST-1")).decode(),
        "nomFichier": "f.xml",
        "syntaxeFlux": "IN_DP_E1_CII_16B",
    }
    with pytest.raises(httpx.TransportError):
        api.http.post(f"/cpro/{DEPOSIT}", json=body, headers=api.headers())
    [entry] = api.journal(DEPOSIT)
    assert (entry["fault"], entry["outcome"], entry["status"]) == ("reset", "reset", 200)
    assert entry["response"]["numeroFluxDepot"]  # recorded though never received
    emulator.process()
    found = api.call(SEARCH, {"numeroFacture": "RST-1"})  # reconciliation by number
    [row] = found["listeFactures"]
    assert row["numeroFluxDepot"] == entry["response"]["numeroFluxDepot"]
    assert len(api.journal(DEPOSIT)) == 1


def test_reset_before_handling(api, emulator, build):
    api.new_token()
    _inject(api, operation=DEPOSIT, kind="reset", after_handling=False)
    body = {
        "fichierFlux": base64.b64encode(build.cii()).decode(),
        "nomFichier": "f.xml",
        "syntaxeFlux": "IN_DP_E1_CII_16B",
    }
    with pytest.raises(httpx.TransportError):
        api.http.post(f"/cpro/{DEPOSIT}", json=body, headers=api.headers())
    assert emulator.world.flows == {}
    assert api.journal(DEPOSIT)[0]["outcome"] == "reset"


def test_reset_on_a_read(api):
    api.new_token()
    _inject(api, operation=SEARCH, kind="reset")
    with pytest.raises(httpx.TransportError):
        api.http.post(f"/cpro/{SEARCH}", json={}, headers=api.headers())
    assert api.raw(SEARCH, {}).status_code == 200


@pytest.mark.parametrize(
    "rule",
    [
        {"kind": "teapot"},
        {"kind": "500", "probability": 2},
    ],
)
def test_invalid_rules_are_refused(api, rule):
    answer = api.control("POST", "faults", rule)
    assert answer.status_code == 400


def test_fault_listing_and_clearing(api):
    _inject(api, operation=SEARCH, kind="500", times=3)
    api.raw(SEARCH, {})
    [rule] = api.control("GET", "faults").json()["rules"]
    assert (rule["seen"], rule["fired"]) == (1, 1)
    api.control("DELETE", "faults")
    assert api.control("GET", "faults").json()["rules"] == []
    assert api.raw(SEARCH, {}).status_code == 200


def test_stuck_flow_by_forcing_its_state(api, emulator, build):
    numero = api.deposit(build.cii())
    api.control(
        "POST", "force", {"numeroFluxDepot": numero, "etat": "IN_EN_ATTENTE_RETRAITEMENT_CPP"}
    )
    emulator.advance(3600)
    assert api.flow(numero)["etatCourantDepotFlux"] == "IN_EN_ATTENTE_RETRAITEMENT_CPP"


def test_an_emulator_bug_is_a_500_in_the_journal_not_a_dead_thread(api, monkeypatch):
    from emulators.chorus import api as operations

    def broken(_call):
        raise RuntimeError("boom")

    monkeypatch.setitem(operations.ROUTES, "transverses/v1/recuperer/tauxtva", broken)
    answer = api.raw("transverses/v1/recuperer/tauxtva", {})
    assert answer.status_code == 500
    [entry] = api.journal("transverses/v1/recuperer/tauxtva")
    assert entry["error"] == "RuntimeError: boom" and entry["outcome"] == "http_error"
    assert api.raw("structures/v1/rechercher", {}).status_code == 200
