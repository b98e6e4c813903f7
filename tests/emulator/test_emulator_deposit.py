"""Supplier side: deposit, clock-driven integration, follow-up to MISE_A_DISPOSITION."""

from __future__ import annotations

import base64

import pytest


@pytest.mark.parametrize("syntax", ["cii", "ubl", "facturx"])
def test_each_syntax_integrates_and_reaches_mise_a_disposition(api, build, syntax):
    data = {"cii": build.cii, "ubl": build.ubl, "facturx": lambda: build.facturx(build.cii())}[
        syntax
    ]()
    numero = api.deposit(data, syntax)
    interface = {"cii": "1106", "ubl": "1100", "facturx": "1117"}[syntax]
    assert numero == f"CPP001{interface}" + "1".zfill(15)

    cr = api.flow(numero)
    assert cr["etatCourantDepotFlux"] == "IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP"
    assert cr["codeInterfaceDepotFlux"] == f"FSO{interface}A"
    assert cr["nomFichier"] == f"FSO{interface}A_CPP001_{numero}"
    assert api.invoices_of(numero) == []  # nothing before integration

    api.emulator.advance(1)
    assert api.flow(numero)["etatCourantDepotFlux"] == "IN_EN_COURS_TRAITEMENT_CPP"
    api.emulator.advance(1)
    cr = api.flow(numero)
    assert cr["etatCourantDepotFlux"] == "IN_INTEGRE", cr
    assert cr["listeErreurDP"] == [] and cr["listeErreurTechnique"] == []

    [invoice] = api.invoices_of(numero)
    assert invoice["numeroFacture"] == "F-2026-0001"
    assert invoice["statut"] == "DEPOSEE"
    assert invoice["codeDestinataire"] == build.SYNDICAT
    ident = invoice["identifiantFactureCPP"]

    api.emulator.advance(1)
    history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
    assert history["statutCourantCode"] == "EN_COURS_ACHEMINEMENT"
    api.emulator.advance(1)
    history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
    assert history["statutCourantCode"] == "MISE_A_DISPOSITION"
    codes = [h["histoStatutCode"] for h in history["historiquesDesStatuts"]["histoStatut"]]
    assert codes == ["MISE_A_DISPOSITION", "EN_COURS_ACHEMINEMENT", "DEPOSEE"]  # newest first
    stamp = history["historiquesDesStatuts"]["histoStatut"][0]["histoStatutDatePassage"]
    assert len(stamp) == 16 and stamp[10] == " "  # YYYY-MM-DD HH:MM

    sheet = api.call("factures/v1/consulter/fournisseur", {"identifiantFactureCPP": ident})[
        "facture"
    ]
    assert sheet["statutFacture"] == "MISE_A_DISPOSITION"
    assert sheet["montantTotal"]["montantTtcTotal"] == 120.0
    assert sheet["cadreDeFacturation"]["codeCadreFacturation"] == "A1_FACTURE_FOURNISSEUR"


def test_deposit_answer_shape(api, build):
    answer = api.call(
        "factures/v1/deposer/flux",
        {
            "fichierFlux": base64.b64encode(build.ubl()).decode(),
            "nomFichier": "f.xml",
            "syntaxeFlux": "IN_DP_E1_UBL_INVOICE",
        },
    )
    assert answer["codeRetour"] == 0 and answer["libelle"] == "TRA_MSG_00.000"
    assert answer["syntaxeFlux"] == "IN_DP_E1_UBL_INVOICE"
    assert len(answer["dateDepot"]) == 10  # plain date, quirk 7
    assert len(answer["numeroFluxDepot"]) == 25


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"nomFichier": "f.xml", "syntaxeFlux": "IN_DP_E1_UBL_INVOICE"}, "fichierFlux"),
        ({"fichierFlux": "PGE+", "syntaxeFlux": "IN_DP_E1_UBL_INVOICE"}, "nomFichier"),
        ({"fichierFlux": "PGE+", "nomFichier": "f.xml"}, "syntaxeFlux"),
        (
            {"fichierFlux": "PGE+", "nomFichier": "f.xml", "syntaxeFlux": "IN_DP_E1_PDF"},
            "syntaxeFlux",
        ),
        (
            {
                "fichierFlux": "not base64!",
                "nomFichier": "f.xml",
                "syntaxeFlux": "IN_DP_E1_UBL_INVOICE",
            },
            "fichierFlux",
        ),
    ],
)
def test_deposit_envelope_errors_are_business_errors(api, body, field):
    answer = api.call("factures/v1/deposer/flux", body)
    assert answer["codeRetour"] == 20004
    assert field in answer["libelle"]
    assert "numeroFluxDepot" not in answer
    assert api.emulator.world.flows == {}


def test_deposit_over_the_size_limit(api, emulator, build):
    emulator.world.config.max_flow_bytes = 1000
    answer = api.call(
        "factures/v1/deposer/flux",
        {
            "fichierFlux": base64.b64encode(build.ubl()).decode(),
            "nomFichier": "f.xml",
            "syntaxeFlux": "IN_DP_E1_UBL_INVOICE",
        },
    )
    assert (answer["codeRetour"], answer["libelle"]) == (20001, "GDP_MSG_11.022")


def test_zero_delay_integrates_on_the_first_poll(api, emulator, build):
    emulator.world.config.update(
        {"delays": {"reception": 0, "integration": 0, "routing": 0, "availability": 0}}
    )
    numero = api.deposit(build.cii())
    assert api.flow(numero)["etatCourantDepotFlux"] == "IN_INTEGRE"
    [invoice] = api.invoices_of(numero)
    assert invoice["statut"] == "MISE_A_DISPOSITION"


def test_real_time_clock_moves_the_flow(build):
    """With a running clock (scaled real time) nobody needs to advance it."""
    import time

    import httpx

    from emulators.chorus import Emulator

    with (
        Emulator.start(config={"clock_scale": 1000}) as running,
        httpx.Client(base_url=running.base_url) as http,
    ):
        from types import SimpleNamespace

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
        ctx = SimpleNamespace(http=http, headers=headers)
        numero = ctx.http.post(
            "/cpro/factures/v1/deposer/flux",
            headers=headers,
            json={
                "fichierFlux": base64.b64encode(build.cii()).decode(),
                "nomFichier": "f.xml",
                "syntaxeFlux": "IN_DP_E1_CII_16B",
            },
        ).json()["numeroFluxDepot"]
        deadline = time.monotonic() + 10
        state = ""
        while time.monotonic() < deadline and state != "IN_INTEGRE":
            state = http.post(
                "/cpro/transverses/v1/consulterCRDetaille",
                headers=headers,
                json={"numeroFluxDepot": numero},
            ).json()["etatCourantDepotFlux"]
            time.sleep(0.01)
        assert state == "IN_INTEGRE"


def test_batch_tar_gz_partial_integration(api, build):
    batch = build.tar_gz(
        {
            "a.xml": build.cii("F-A", buyer=build.SYNDICAT),
            "b.xml": build.cii("F-B", buyer="99999999999999"),
            "c.xml": build.cii("F-C", buyer=build.COLLINES, service="CC-FIN"),
        }
    )
    cr = api.integrate(batch, "cii")
    assert cr["etatCourantDepotFlux"] == "IN_INTEGRE_PARTIEL"
    assert [e["numeroDP"] for e in cr["listeErreurDP"]] == ["F-B"]
    assert sorted(i["numeroFacture"] for i in api.invoices_of(cr["numeroFluxDepot"])) == [
        "F-A",
        "F-C",
    ]


def test_zip_batch_all_integrated(api, build):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("1.xml", build.ubl("U-1"))
        archive.writestr("2.xml", build.ubl("U-2"))
    cr = api.integrate(out.getvalue(), "ubl")
    assert cr["etatCourantDepotFlux"] == "IN_INTEGRE"
    assert len(api.invoices_of(cr["numeroFluxDepot"])) == 2


@pytest.mark.parametrize(
    ("data", "syntax", "code"),
    [
        (b"<not-xml", "cii", "XML_INVALIDE"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "cii", "XML_INVALIDE"),
        (b"%PDF-1.4 garbage", "facturx", "FACTURX_SANS_XML"),
        (b"plain text", "facturx", "FORMAT_INVALIDE"),
        (b"\x1f\x8bnot really gzip", "cii", "ARCHIVE_INVALIDE"),
        (b"<x/>", "IN_DP_E1_XCBL", "SYNTAXE_NON_TRAITEE"),
    ],
)
def test_unreadable_flows_are_rejected_with_a_technical_error(api, data, syntax, code):
    cr = api.integrate(data, syntax)
    assert cr["etatCourantDepotFlux"] == "IN_REJETE"
    assert cr["listeErreurTechnique"][0]["codeErreur"] == code
    assert cr["listeErreurDP"] == []


def test_declared_syntax_must_match_the_content(api, build):
    cr = api.integrate(build.ubl(), "cii")
    assert cr["listeErreurTechnique"][0]["codeErreur"] == "SYNTAXE_INCOHERENTE"
    cr = api.integrate(build.cii("F-9"), "ubl")
    assert cr["listeErreurTechnique"][0]["codeErreur"] == "SYNTAXE_INCOHERENTE"


def test_plain_pdf_is_not_a_facturx(api, build):
    from emulators.chorus.views import simple_pdf

    cr = api.integrate(simple_pdf(["no xml inside"]), "facturx")
    assert cr["listeErreurTechnique"][0]["codeErreur"] == "FACTURX_SANS_XML"


def test_incidente_when_configured(api, emulator):
    emulator.world.config.update({"container_failure_state": "IN_INCIDENTE"})
    assert api.integrate(b"<broken", "cii")["etatCourantDepotFlux"] == "IN_INCIDENTE"


def test_flow_of_another_account_is_unknown(api, emulator, build):
    numero = api.deposit(build.cii())
    emulator.world.accounts["OTHER@cpro.fr"] = type(emulator.world.accounts[api.login])(
        login="OTHER@cpro.fr", password="pw", attachments={}
    )
    api.login, api.password = "OTHER@cpro.fr", "pw"
    answer = api.flow(numero)
    assert answer["codeRetour"] == 20011


def test_consulter_cr_returns_a_pdf_report(api, build):
    numero = api.integrate(build.cii())["numeroFluxDepot"]
    answer = api.call("transverses/v1/consulterCR", {"numeroFluxDepot": numero})
    assert answer["etatCourantFlux"] == "IN_INTEGRE"
    assert base64.b64decode(answer["fichierCR"]).startswith(b"%PDF")


def test_supplier_search_filters_and_paging(api, build):
    for n in range(5):
        api.deposit(build.cii(f"P-{n}"))
    api.emulator.process()
    everything = api.call("factures/v1/rechercher/fournisseur", {})
    assert everything["parametresRetour"]["total"] == 5
    page = api.call(
        "factures/v1/rechercher/fournisseur",
        {"rechercheFactureParFournisseur": {"pageResultatDemandee": 2, "nbResultatsParPage": 2}},
    )
    assert page["parametresRetour"] == {
        "pageCourante": 2,
        "pages": 3,
        "nbResultatsParPage": 2,
        "total": 5,
    }
    assert [i["numeroFacture"] for i in page["listeFactures"]] == ["P-2", "P-3"]
    one = api.call("factures/v1/rechercher/fournisseur", {"numeroFacture": "P-4"})
    assert [i["numeroFacture"] for i in one["listeFactures"]] == ["P-4"]
    none = api.call("factures/v1/rechercher/fournisseur", {"numeroFacture": "nope"})
    assert none["codeRetour"] == 20000 and none["listeFactures"] == []


def test_a_reader_crash_is_a_technical_error_not_a_stuck_platform(api, build, monkeypatch):
    from emulators.chorus import extract

    def crash(*_args):
        raise RuntimeError("reader bug")

    monkeypatch.setattr(extract, "read_invoice", crash)
    cr = api.integrate(build.cii("CR-1"))
    assert cr["etatCourantDepotFlux"] == "IN_REJETE"
    assert cr["listeErreurTechnique"][0]["codeErreur"] == "ERREUR_LECTURE"
    monkeypatch.undo()
    assert api.integrate(build.cii("CR-2"))["etatCourantDepotFlux"] == "IN_INTEGRE"
