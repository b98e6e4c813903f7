"""Structures, services, legal commitments and the account's attachments."""

from __future__ import annotations

import pytest

REQUIREMENTS = [
    ("21750011500019", (False, False, False)),
    ("21130055300016", (True, False, False)),
    ("21330063500017", (False, True, False)),
    ("21310555400017", (False, False, True)),
    ("21440109300015", (True, True, False)),
]


def _find(api, siret):
    answer = api.call(
        "structures/v1/rechercher",
        {
            "structure": {"identifiantStructure": siret, "typeIdentifiantStructure": "SIRET"},
            "restreindreStructuresPrivees": False,
        },
    )
    return answer


@pytest.mark.parametrize(("siret", "flags"), REQUIREMENTS)
def test_requirement_flags_per_structure(api, siret, flags):
    found = _find(api, siret)
    assert found["parametresRetour"]["total"] == 1
    [row] = found["listeStructures"]
    assert row["identifiantStructure"] == siret and row["statut"] == "ACTIVE"
    sheet = api.call(
        "structures/v1/consulter", {"idStructureCPP": row["idStructureCPP"], "codeLangue": "fr"}
    )
    params = sheet["parametres"]
    assert (
        params["codeServiceDoitEtreRenseigne"],
        params["numeroEJDoitEtreRenseigne"],
        params["gestionNumeroEJOuCodeService"],
    ) == flags
    assert sheet["informationGenerales"]["structurePriveePublique"] == "PUBLIQUE"


def test_inactive_and_unknown_structures(api):
    [row] = _find(api, "21670482500019")["listeStructures"]
    assert row["statut"] == "INACTIVE"
    assert _find(api, "00000000000000")["codeRetour"] == 20000
    assert api.call("structures/v1/consulter", {"idStructureCPP": 1})["codeRetour"] == 20012
    assert api.call("structures/v1/consulter", {})["codeRetour"] == 20004


def test_idstructure_is_accepted_as_well(api):
    [row] = _find(api, "21130055300016")["listeStructures"]
    sheet = api.call("structures/v1/consulter", {"idStructure": row["idStructureCPP"]})
    assert sheet["informationGenerales"]["identifiantStructure"] == "21130055300016"


def test_private_structures_are_restricted_by_default(api):
    everyone = api.call(
        "structures/v1/rechercher",
        {"restreindreStructuresPrivees": False, "parametres": {"nbResultatsParPage": 100}},
    )
    default = api.call("structures/v1/rechercher", {"parametres": {"nbResultatsParPage": 100}})
    assert everyone["parametresRetour"]["total"] == 10
    assert (
        default["parametresRetour"]["total"] == 10
    )  # our three suppliers are "our own" private ones
    api.emulator.world.accounts[api.login].attachments.pop("40212345900016")
    default = api.call("structures/v1/rechercher", {"parametres": {"nbResultatsParPage": 100}})
    assert default["parametresRetour"]["total"] == 9


def test_single_match_as_object_quirk(api, emulator):
    emulator.world.config.update({"liste_structures_as_object": True})
    assert isinstance(_find(api, "21130055300016")["listeStructures"], dict)


def test_services_with_inactive_and_factures_publiques(api):
    [row] = _find(api, "21130055300016")["listeStructures"]
    answer = api.call(
        "structures/v1/rechercher/services",
        {
            "idStructure": row["idStructureCPP"],
            "parametresRechercherServicesStructure": {"nbResultatsParPage": 10000},
        },
    )
    services = {s["codeService"]: s for s in answer["listeServices"]}
    assert set(services) == {"CC-FIN", "CC-TECH", "FACTURES_PUBLIQUES", "CC-ANCIEN"}
    assert services["CC-ANCIEN"]["estActif"] is False
    assert len(services["CC-FIN"]["dateDbtService"]) == 16
    one = api.call(
        "structures/v1/consulter/service",
        {"idStructure": row["idStructureCPP"], "idService": services["CC-FIN"]["idService"]},
    )
    assert one["informationsGenerales"]["codeService"] == "CC-FIN"
    assert one["parametres"]["numeroEngagement"] is False
    missing = api.call(
        "structures/v1/consulter/service", {"idStructure": row["idStructureCPP"], "idService": 1}
    )
    assert missing["codeRetour"] == 20013


def test_service_paging_default_is_10(api):
    [row] = _find(api, "21130055300016")["listeStructures"]
    answer = api.call(
        "structures/v1/rechercher/services",
        {
            "idStructure": row["idStructureCPP"],
            "parametresRechercherServicesStructure": {
                "nbResultatsParPage": 3,
                "pageResultatDemandee": 2,
            },
        },
    )
    assert answer["parametresRetour"] == {
        "pageCourante": 2,
        "pages": 2,
        "nbResultatsParPage": 3,
        "total": 4,
    }
    assert len(answer["listeServices"]) == 1


def test_department_service_requires_an_engagement(api):
    [row] = _find(api, "21440109300015")["listeStructures"]
    services = api.call("structures/v1/rechercher/services", {"idStructure": row["idStructureCPP"]})
    achats = next(s for s in services["listeServices"] if s["codeService"] == "DEP-ACHATS")
    one = api.call(
        "structures/v1/consulter/service",
        {"idStructure": row["idStructureCPP"], "idService": achats["idService"]},
    )
    assert one["parametres"]["numeroEngagement"] is True


def test_engagements(api, emulator):
    commune = emulator.world.structures["21750011500019"].id
    answer = api.call(
        "engagementsJuridiques/v1/rechercher",
        {
            "structureReceptriceEngagementJuridique": str(commune),
            "etatCourantEngagementJuridique": "COMMANDE",
        },
    )
    assert {e["numeroEngagementJuridique"] for e in answer["listeEngagementJuridique"]} == {
        "EJ-2026-000123",
        "EJ-2026-000456",
        "EJ-2026-000789",
    }
    one = api.call(
        "engagementsJuridiques/v1/rechercher", {"numeroEngagementJuridique": "EJ-2026-000456"}
    )
    assert one["listeEngagementJuridique"][0]["codeServiceExecutant"] is None
    assert (
        api.call("engagementsJuridiques/v1/rechercher", {"numeroEngagementJuridique": "EJ-NOPE"})[
            "codeRetour"
        ]
        == 20000
    )


def test_attachments_and_active_structures(api):
    mine = api.call("utilisateurs/v1/monCompte/recuperer/rattachements", {})
    roles = {
        (r["identifiantStructure"], r["roleUtilisateur"])
        for r in mine["listeStructureRattachement"]
    }
    assert ("21750011500019", "DESTINATAIRE") in roles and (
        "40212345900016",
        "FOURNISSEUR",
    ) in roles
    recipients = api.call("transverses/v1/recuperer/structures/actives/destinataire", {})
    assert [s["identifiant"] for s in recipients["listeStructures"]] == ["21750011500019"]
    suppliers = api.call("transverses/v1/recuperer/structures/actives/fournisseur", {})
    assert len(suppliers["listeStructures"]) == 4
    rates = api.call("transverses/v1/recuperer/tauxtva", {})
    assert {r["valeurTauxTva"] for r in rates["listeTauxTva"]} >= {0.0, 5.5, 10.0, 20.0}
