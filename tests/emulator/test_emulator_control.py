"""The journal and the test controls (reset, seed, clock, force, bulk, config, state)."""

from __future__ import annotations

import json

import pytest

from emulators.chorus import Emulator, SeedError


def test_journal_records_every_call_without_secrets(api, build):
    api.new_token()
    numero = api.deposit(build.cii("J-1"))
    api.flow(numero)
    api.raw("factures/v1/traiter/recue", {"idFacture": 1, "nouveauStatut": "REJETEE"})
    entries = api.journal()
    assert [e["operation"] for e in entries] == [
        "token",
        "factures/v1/deposer/flux",
        "transverses/v1/consulterCRDetaille",
        "factures/v1/traiter/recue",
    ]
    assert [e["seq"] for e in entries] == [1, 2, 3, 4]
    token, deposit, cr, process = entries
    assert token["client_id"] == "demat-emulator-client"
    assert deposit["request"]["syntaxeFlux"] == "IN_DP_E1_CII_16B"
    assert deposit["request"]["fichierFluxBytes"] > 100
    assert deposit["response"]["numeroFluxDepot"] == numero
    assert deposit["login"] == "TECH_DEMAT_01@cpro.fr"
    assert cr["request"] == {"numeroFluxDepot": numero}
    assert process["outcome"] == "business_error" and process["codeRetour"] == 20005
    text = json.dumps(entries)
    for secret in ("Demat-Emulator-2026!", "demat-emulator-secret", api.token, 'fichierFlux": "'):
        assert secret not in text
    assert (
        deposit["headers"]["Authorization"] == "***" and deposit["headers"]["cpro-account"] == "***"
    )


def test_journal_filters_and_clear(api):
    api.call("structures/v1/rechercher", {})
    since = api.journal()[-1]["seq"]
    api.call("transverses/v1/recuperer/tauxtva", {})
    later = api.http.get("/__emulator/journal", params={"since": since}).json()["entries"]
    assert [e["operation"] for e in later] == ["transverses/v1/recuperer/tauxtva"]
    api.control("DELETE", "journal")
    assert api.journal() == []


def test_journal_flags_swagger_departures(api, emulator):
    """The server checks its own factures answers; a clean run has no swagger_errors."""
    api.call("factures/v1/rechercher/fournisseur", {})
    assert "swagger_errors" not in api.journal("factures/v1/rechercher/fournisseur")[0]
    emulator.world.config.update({"null_paging_when_empty": True})
    api.raw("factures/v1/rechercher/recipiendaire", {})
    entry = api.journal("factures/v1/rechercher/recipiendaire")[0]
    assert any("pageCourante" in e for e in entry["swagger_errors"])


def test_reset_restores_the_start_world(api, emulator, build):
    api.integrate(build.cii())
    emulator.world.config.update({"token_expires_in": 10})
    assert api.control("POST", "reset").status_code == 200
    assert emulator.world.flows == {} and emulator.world.invoices == {}
    assert emulator.world.next_flow == 1
    assert api.journal() == []
    assert emulator.world.config.token_expires_in == 10  # settings survive a reset
    assert api.raw("structures/v1/rechercher", {}).status_code == 401  # tokens are gone


def test_seed_replaces_the_world(api, emulator):
    from emulators.chorus.seed import default_seed

    seed = default_seed()
    seed["structures"] = [s for s in seed["structures"] if s["siret"] != "21690123100011"]
    assert api.control("POST", "seed", seed).status_code == 200
    assert "21690123100011" not in emulator.world.structures
    bad = api.control("POST", "seed", {"structures": []})
    assert bad.status_code == 400 and "invalid seed" in bad.json()["error"]


def test_seed_file_at_start(tmp_path):
    from emulators.chorus.seed import default_seed

    seed = default_seed()
    seed["oauth_clients"] = [{"client_id": "other", "client_secret": "s"}]
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    with Emulator.start(seed=path) as running:
        assert running.env()["DEMAT_CHORUS_CLIENT_ID"] == "other"
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    with pytest.raises(SeedError):
        Emulator.start(seed=tmp_path / "bad.json")
    with pytest.raises(SeedError):
        Emulator.start(seed=tmp_path / "missing.json")
    seed["technical_accounts"][0]["attachments"].append(
        {"siret": "00000000000000", "roles": ["FOURNISSEUR"]}
    )
    with pytest.raises(SeedError, match="unknown SIRET"):
        Emulator.start(seed=seed)


def test_clock_controls(api, emulator):
    before = api.control("GET", "clock").json()["now"]
    after = api.control("POST", "clock", {"advance": 3600}).json()["now"]
    assert after > before
    assert api.control("POST", "clock", {"advance": -1}).status_code == 400


def test_force_invoice_status(api, build):
    numero = api.integrate(build.cii("FS-1"))["numeroFluxDepot"]
    [row] = api.invoices_of(numero)
    ident = row["identifiantFactureCPP"]
    api.control(
        "POST", "force", {"idFacture": ident, "statut": "MISE_EN_PAIEMENT", "commentaire": "payée"}
    )
    history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
    assert history["statutCourantCode"] == "MISE_EN_PAIEMENT"
    assert api.control("POST", "force", {"idFacture": 1, "statut": "X"}).status_code == 404


def test_bulk_received_invoices_validate(api):
    answer = api.control(
        "POST",
        "invoices",
        {
            "count": 2,
            "recipient": "21750011500019",
            "suppliers": ["51234567900025"],
            "status": "SERVICE_FAIT",
        },
    )
    ids = answer.json()["idFacture"]
    rows = api.call("factures/v1/rechercher/recipiendaire", {})["listeFactures"]
    assert [r["idFacture"] for r in rows] == ids
    assert {r["statut"] for r in rows} == {"SERVICE_FAIT"}
    assert {r["codeFournisseur"] for r in rows} == {"51234567900025"}
    refused = api.control("POST", "invoices", {"count": 1, "recipient": "21130055300016"})
    assert refused.status_code == 400 and "SERVICE_OBLIGATOIRE" in refused.json()["error"]
    assert api.control("POST", "invoices", {"count": 1, "recipient": "1"}).status_code == 400


def test_config_and_state(api, build):
    config = api.control("POST", "config", {"delays": {"integration": 5}}).json()
    assert config["delays"]["integration"] == 5.0
    assert api.control("POST", "config", {"nope": 1}).status_code == 400
    api.deposit(build.cii("ST-1"))
    state = api.control("GET", "state").json()
    assert state["flows"][0]["etat"] == "IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP"
    assert len(state["flows"][0]["sha256"]) == 64
    assert api.control("GET", "nothing-here").status_code == 404


def test_binds_loopback_only(emulator):
    assert emulator._server.server_address[0] == "127.0.0.1"


def test_bulk_refuses_a_status_the_recipient_cannot_reach(api):
    answer = api.control(
        "POST", "invoices", {"count": 1, "recipient": "21750011500019", "status": "PAYEE"}
    )
    assert answer.status_code == 400 and "status must be one of" in answer.json()["error"]


def test_concurrent_deposits_get_distinct_flows(emulator, build):
    """The server is threaded: parallel clients never share a flow number or lose a deposit."""
    import base64
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    with httpx.Client(base_url=emulator.base_url, verify=False) as http:
        token = http.post(
            "/api/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "demat-emulator-client",
                "client_secret": "demat-emulator-secret",
            },
        ).json()["access_token"]
        account = base64.b64encode(b"TECH_DEMAT_01@cpro.fr:Demat-Emulator-2026!").decode()
        headers = {"Authorization": f"Bearer {token}", "cpro-account": account}

        def deposit(n: int) -> str:
            body = {
                "fichierFlux": base64.b64encode(build.cii(f"C-{n}")).decode(),
                "nomFichier": f"{n}.xml",
                "syntaxeFlux": "IN_DP_E1_CII_16B",
            }
            return http.post("/cpro/factures/v1/deposer/flux", json=body, headers=headers).json()[
                "numeroFluxDepot"
            ]

        with ThreadPoolExecutor(max_workers=8) as pool:
            numbers = list(pool.map(deposit, range(40)))
    assert len(set(numbers)) == 40
    emulator.process()
    assert {f.state for f in emulator.world.flows.values()} == {"IN_INTEGRE"}
    assert len(emulator.world.invoices) == 40
    assert len(emulator.journal.entries("factures/v1/deposer/flux")) == 40


def test_scripted_recipient_decisions_follow_the_clock(api, emulator, build):
    """'The recipient suspends after T, then pays': supplier polling sees it happen."""
    steps = [
        {"numeroFacture": "SC-1", "statut": "SUSPENDUE", "after": 600, "motif": "PJ manquante"},
        {"numeroFacture": "SC-1", "statut": "SERVICE_FAIT", "after": 60},
    ]
    assert api.control("POST", "script", {"steps": steps}).status_code == 200
    numero = api.deposit(build.cii("SC-1"))
    emulator.advance(4)  # integrated (2 s) and available (2 s later)
    [row] = api.invoices_of(numero)
    ident = row["identifiantFactureCPP"]
    assert (
        api.call("factures/v1/consulter/historique", {"idFacture": ident})["statutCourantCode"]
        == "MISE_A_DISPOSITION"
    )
    emulator.advance(600)
    history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
    assert history["statutCourantCode"] == "SUSPENDUE"
    assert history["historiquesDesStatuts"]["histoStatut"][0]["histoStatutCommentaire"] == (
        "PJ manquante"
    )
    emulator.advance(59)
    history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
    assert history["statutCourantCode"] == "SUSPENDUE"  # SERVICE_FAIT is not legal from here
    api.call("factures/v1/completer", {"identifiantFactureCPP": ident})
    emulator.advance(60)
    history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
    assert history["statutCourantCode"] == "SERVICE_FAIT"
    listed = api.control("GET", "script").json()["steps"]
    assert all(step["applied"] for step in listed)


def test_process_runs_scripted_chains(api, emulator, build):
    emulator.script(numeroFacture="SC-2", statut="SERVICE_FAIT", after=3600)
    emulator.script(numeroFacture="SC-2", statut="MANDATEE", after=3600, numeroDPMandat="M-9")
    numero = api.deposit(build.cii("SC-2"))
    emulator.process()
    [row] = api.invoices_of(numero)
    assert row["statut"] == "MANDATEE"


@pytest.mark.parametrize(
    "step",
    [
        {"statut": "SERVICE_FAIT"},
        {"numeroFacture": "X", "statut": "DEPOSEE"},
        {"numeroFacture": "X", "statut": "REJETEE"},
    ],
)
def test_invalid_script_steps(api, step):
    assert api.control("POST", "script", step).status_code == 400
