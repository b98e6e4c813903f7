"""Every answer of a ``factures`` operation fits the official Swagger; the validator bites."""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.chorus import swagger
from emulators.chorus.api import ROUTES

COMMUNE = "21750011500019"


def test_spec_is_the_official_factures_api():
    spec = swagger.spec()
    assert spec["swagger"] == "2.0" and spec["basePath"] == "/cpro/factures"
    assert len(swagger.operations()) == 22
    assert swagger.operation("deposerFluxFacture").path == "/cpro/factures/v1/deposer/flux"
    assert swagger.operation("factures/v1/traiter/recue").operation_id == "traiterUneFactureRecue"
    with pytest.raises(KeyError):
        swagger.operation("/cpro/factures/v1/nope")


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"libelle": "x"}, "'codeRetour' is a required property"),
        ({"codeRetour": "0", "libelle": "x"}, "is not of type 'integer'"),
        ({"codeRetour": 0, "libelle": "x", "syntaxeFlux": "IN_DP_E1_PDF"}, "is not one of"),
        ({"codeRetour": 0, "libelle": "x", "numeroFluxDepot": 12}, "is not of type 'string'"),
    ],
)
def test_validator_catches_departures(body, fragment):
    problems = swagger.response_errors("/cpro/factures/v1/deposer/flux", body)
    assert any(fragment in p for p in problems), problems


def test_validator_follows_references():
    bad_row = {
        "codeRetour": 0,
        "libelle": "x",
        "listeFactures": [{"idFacture": "12", "statut": "PAYEE"}],
    }
    problems = swagger.response_errors("/cpro/factures/v1/rechercher/recipiendaire", bad_row)
    assert len(problems) == 2 and all(p.startswith("listeFactures/0/") for p in problems)


def test_strict_mode_refuses_undeclared_members():
    body = {"codeRetour": 0, "libelle": "x", "numeroFluxDepto": "CPP..."}
    assert swagger.response_errors("deposerFluxFacture", body) == []
    [problem] = swagger.response_errors("deposerFluxFacture", body, strict=True)
    assert "'numeroFluxDepto' was unexpected" in problem


def test_request_validation_for_the_client():
    good = {
        "fichierFlux": "PGE+",
        "nomFichier": "f.xml",
        "syntaxeFlux": "IN_DP_E1_UBL_INVOICE",
        "avecSignature": False,
    }
    assert swagger.request_errors("/cpro/factures/v1/deposer/flux", good) == []
    assert swagger.request_errors("deposerFluxFacture", {**good, "avecSignature": "false"})


def test_every_factures_operation_answers_within_the_spec(api, emulator, build):
    """A scenario touching every implemented factures operation, success and error answers."""
    numero = api.deposit(build.cii("SW-1", seller="40212345900016", buyer=COMMUNE))
    api.deposit(b"garbage", "ubl")
    api.call("factures/v1/deposer/flux", {"nomFichier": "x"})
    emulator.process()
    [row] = api.invoices_of(numero)
    ident = row["identifiantFactureCPP"]
    api.call("factures/v1/rechercher/fournisseur", {"numeroFacture": "none"})
    api.call("factures/v1/consulter/fournisseur", {"identifiantFactureCPP": ident})
    api.call("factures/v1/consulter/fournisseur", {"identifiantFactureCPP": 1})
    api.call("factures/v1/consulter/historique", {"idFacture": ident})
    api.raw(  # no codeRetour in its model: api.call would refuse the answer
        "factures/v1/deposer/pdf", {"fichierFacture": "JVBERi0=", "nomFichier": "f.pdf"}
    )
    api.call("factures/v1/soumettre", {"modeDepot": "DEPOT_PDF_API"})
    api.call("factures/v1/rechercher/recipiendaire", {"paramRecherche": {"nbResultatsParPage": 1}})
    api.call("factures/v1/rechercher/recipiendaire", {"numeroFacture": "none"})
    api.call("factures/v1/consulter/recipiendaire", {"identifiantFactureCPP": ident})
    for fmt in ("PDF", "PIVOT", "XML"):
        api.call(
            "factures/v1/telecharger/groupe",
            {"listeFacture": [{"idFacture": ident}], "format": fmt},
        )
    api.call("factures/v1/traiter/recue", {"idFacture": ident, "nouveauStatut": "REJETEE"})
    api.call(
        "factures/v1/traiter/recue",
        {"idFacture": ident, "nouveauStatut": "SUSPENDUE", "motif": "PJ"},
    )
    api.call("factures/v1/completer", {"identifiantFactureCPP": ident})
    api.call("factures/v1/traiter/recue", {"idFacture": ident, "nouveauStatut": "A_RECYCLER"})
    api.call("factures/v1/recycler", {"identifiantFactureCPP": ident})
    emulator.process()
    api.call(
        "factures/v1/traiter/recue",
        {"idFacture": ident, "nouveauStatut": "REJETEE", "motif": "non"},
    )
    api.call("factures/v1/traiterRejet", {"listeDemandePaiement": [{"idDemandePaiement": ident}]})
    api.call("factures/v1/traiterRejet", {})
    api.call("factures/v1/consulter/historique", {"idFacture": ident})
    api.control("POST", "invoices", {"count": 30, "recipient": COMMUNE})
    api.call(
        "factures/v1/rechercher/recipiendaire", {"paramRecherche": {"nbResultatsParPage": 100}}
    )

    implemented = {op for op in ROUTES if op.startswith("factures/")}
    entries = api.journal()
    covered = {e["operation"] for e in entries if e["operation"] in implemented}
    assert covered == implemented
    for entry in entries:
        assert "swagger_errors" not in entry, entry
    outcomes = {(e["operation"], e["outcome"]) for e in entries if e["operation"] in implemented}
    assert (
        "factures/v1/traiter/recue",
        "business_error",
    ) in outcomes  # error answers were checked too


_SYNTAXES = st.sampled_from(
    [
        "IN_DP_E1_UBL_INVOICE",
        "IN_DP_E1_CII_16B",
        "IN_DP_E2_CII_FACTURX",
        "IN_DP_E1_XCBL",
        "BOGUS",
        "",
    ]
)
_VALUES = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.binary(max_size=300),
    name=_VALUES,
    syntax=_SYNTAXES,
    signature=_VALUES,
    raw_content=_VALUES,
)
def test_any_deposit_gets_a_spec_answer_and_never_a_crash(
    api, emulator, content, name, syntax, signature, raw_content
):
    body = {
        "fichierFlux": base64.b64encode(content).decode() if raw_content is None else raw_content,
        "nomFichier": name,
        "syntaxeFlux": syntax,
        "avecSignature": signature,
    }
    answer = api.call(
        "factures/v1/deposer/flux", body
    )  # HTTP 200 and spec-valid, or the call fails
    if answer["codeRetour"] == 0:
        emulator.process()
        cr = api.flow(answer["numeroFluxDepot"])
        assert cr["etatCourantDepotFlux"] in ("IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE")


_TARGETS = st.sampled_from(
    [
        "SERVICE_FAIT",
        "MANDATEE",
        "MISE_A_DISPOSITION_COMPTABLE",
        "COMPTABILISEE",
        "MISE_EN_PAIEMENT",
        "SUSPENDUE",
        "REJETEE",
        "A_RECYCLER",
        "COMPLETEE",
        "DEPOSEE",
        "MISE_A_DISPOSITION",
    ]
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(targets=st.lists(_TARGETS, min_size=1, max_size=6))
def test_traiter_recue_follows_the_transition_table(api, emulator, targets):
    [ident] = api.control("POST", "invoices", {"count": 1, "recipient": COMMUNE}).json()[
        "idFacture"
    ]
    table = emulator.world.lifecycle
    current = "MISE_A_DISPOSITION"
    for target in targets:
        answer = api.call(
            "factures/v1/traiter/recue",
            {"idFacture": ident, "nouveauStatut": target, "motif": "motif"},
        )
        if table.recipient_may(current, target):
            assert answer["codeRetour"] == 0, (current, target)
            current = target
        else:
            assert answer["codeRetour"] == 20002, (current, target)
    history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
    assert history["statutCourantCode"] == current
