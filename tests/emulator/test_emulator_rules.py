"""Each Chorus Pro check applied at integration, with the rule named in listeErreurDP."""

from __future__ import annotations

import pytest

COMMUNE, SYNDICAT, COLLINES = "21750011500019", "21690123100011", "21130055300016"
CCAS, OPH, DEPARTEMENT, ANCIEN = (
    "21330063500017",
    "21310555400017",
    "21440109300015",
    "21670482500019",
)
DURAND = "40212345900016"

REJECTED = [
    ("unknown recipient", {"buyer": "12345678900011"}, "DESTINATAIRE_INCONNU"),
    ("inactive recipient", {"buyer": ANCIEN}, "DESTINATAIRE_INACTIF"),
    ("private recipient", {"buyer": DURAND}, "DESTINATAIRE_PRIVE"),
    ("no recipient", {"buyer": None}, "DESTINATAIRE_ABSENT"),
    ("unknown supplier", {"seller": "12345678900011"}, "FOURNISSEUR_INCONNU"),
    ("no supplier", {"seller": None}, "FOURNISSEUR_ABSENT"),
    ("service required", {"buyer": COLLINES}, "SERVICE_OBLIGATOIRE"),
    ("unknown service", {"buyer": COLLINES, "service": "NOPE"}, "SERVICE_INCONNU"),
    ("inactive service", {"buyer": COLLINES, "service": "CC-ANCIEN"}, "SERVICE_INACTIF"),
    ("engagement required", {"buyer": CCAS}, "ENGAGEMENT_OBLIGATOIRE"),
    ("service or engagement", {"buyer": OPH}, "SERVICE_OU_ENGAGEMENT_OBLIGATOIRE"),
    ("service and engagement: none", {"buyer": DEPARTEMENT}, "SERVICE_OBLIGATOIRE"),
    (
        "service and engagement: no EJ",
        {"buyer": DEPARTEMENT, "service": "DEP-ACHATS"},
        "ENGAGEMENT_OBLIGATOIRE",
    ),
    (
        "service and engagement: no service",
        {"buyer": DEPARTEMENT, "engagement": "EJ-2026-000123"},
        "SERVICE_OBLIGATOIRE",
    ),
    ("engagement too long", {"buyer": CCAS, "engagement": "E" * 51}, "ENGAGEMENT_TROP_LONG"),
    ("bad framework", {"cadre": "Z9"}, "CADRE_INVALIDE"),
    ("transfer without IBAN", {"iban": None}, "IBAN_OBLIGATOIRE"),
    ("missing amount due", {"payable": None}, "ELEMENT_OBLIGATOIRE"),
]

ACCEPTED = [
    ("no requirement", {"buyer": SYNDICAT}),
    ("service given", {"buyer": COLLINES, "service": "CC-TECH"}),
    ("engagement given", {"buyer": CCAS, "engagement": "EJ-2026-000456"}),
    ("either: service", {"buyer": OPH, "service": "OPH-TRAVAUX"}),
    ("either: engagement", {"buyer": OPH, "engagement": "EJ-2026-000789"}),
    ("both", {"buyer": DEPARTEMENT, "service": "DEP-ACHATS", "engagement": "EJ-2026-000123"}),
    (
        "public supplier may use FACTURES_PUBLIQUES",
        {"buyer": COLLINES, "service": "FACTURES_PUBLIQUES"},
    ),
    ("framework A2", {"cadre": "A2"}),
    ("framework absent means A1", {"cadre": None}),
    ("cheque needs no IBAN", {"iban": None, "means": "20"}),
]


@pytest.mark.parametrize(("case", "fields", "rule"), REJECTED, ids=[c[0] for c in REJECTED])
def test_rejection_names_the_rule(api, build, case, fields, rule):
    cr = api.integrate(build.cii("R-1", **fields))
    assert cr["etatCourantDepotFlux"] == "IN_REJETE", cr
    rules = [e["libelleErreurDP"].split(" - ", 1)[0] for e in cr["listeErreurDP"]]
    assert rule in rules, (case, cr["listeErreurDP"])
    error = cr["listeErreurDP"][0]
    assert error["numeroDP"] == "R-1"
    assert set(error) == {
        "numeroDP",
        "identifiantFournisseur",
        "identifiantDestinataire",
        "libelleErreurDP",
    }
    assert api.invoices_of(cr["numeroFluxDepot"]) == []


@pytest.mark.parametrize(("case", "fields"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_accepted_combinations(api, build, case, fields):
    cr = api.integrate(build.cii("OK-1", **fields))
    assert cr["etatCourantDepotFlux"] == "IN_INTEGRE", (case, cr)


def test_private_supplier_may_not_use_factures_publiques(api, build):
    cr = api.integrate(
        build.cii("FP-1", seller=DURAND, buyer=COMMUNE, service="FACTURES_PUBLIQUES")
    )
    assert cr["listeErreurDP"][0]["libelleErreurDP"].startswith("SERVICE_FACTURES_PUBLIQUES - ")


def test_supplier_not_attached_to_the_technical_account(api, emulator, build):
    emulator.world.accounts[api.login].attachments.pop(DURAND)
    cr = api.integrate(build.ubl("NA-1", seller=DURAND, buyer=COMMUNE), "ubl")
    assert cr["listeErreurDP"][0]["libelleErreurDP"].startswith("FOURNISSEUR_NON_RATTACHE - ")


def test_service_requiring_an_engagement(api, emulator, build):
    emulator.world.structures[COLLINES].service("CC-FIN").engagement = True
    cr = api.integrate(build.cii("SE-1", buyer=COLLINES, service="CC-FIN"))
    assert cr["listeErreurDP"][0]["libelleErreurDP"].startswith("ENGAGEMENT_OBLIGATOIRE - ")
    assert "CC-FIN" in cr["listeErreurDP"][0]["libelleErreurDP"]


def test_unknown_engagement_when_checked(api, emulator, build):
    emulator.world.config.update({"check_engagement_exists": True})
    cr = api.integrate(build.cii("EJ-1", buyer=CCAS, engagement="EJ-0000-999999"))
    assert cr["listeErreurDP"][0]["libelleErreurDP"].startswith("ENGAGEMENT_INCONNU - ")
    assert (
        api.integrate(build.cii("EJ-2", buyer=CCAS, engagement="EJ-2026-000456"))[
            "etatCourantDepotFlux"
        ]
        == "IN_INTEGRE"
    )


def test_siren_scheme_is_not_a_siret(api, build):
    """The 2026 PA syntax (SIREN, scheme 0002) does not identify a Chorus structure."""
    cr = api.integrate(build.cii("S-1", seller="217500115", buyer="216901231", scheme="0002"))
    rules = {e["libelleErreurDP"].split(" - ")[0] for e in cr["listeErreurDP"]}
    assert {"FOURNISSEUR_INCONNU", "DESTINATAIRE_INCONNU"} <= rules


class TestDuplicates:
    def test_same_supplier_number_and_year_is_rejected(self, api, build):
        assert api.integrate(build.cii("D-1"))["etatCourantDepotFlux"] == "IN_INTEGRE"
        cr = api.integrate(build.ubl("D-1", date="2026-11-02"), "ubl")
        assert cr["etatCourantDepotFlux"] == "IN_REJETE"
        assert cr["listeErreurDP"][0]["libelleErreurDP"].startswith("DOUBLON - ")
        assert "2026" in cr["listeErreurDP"][0]["libelleErreurDP"]

    def test_other_year_is_not_a_duplicate(self, api, build):
        api.integrate(build.cii("D-2", date="20250315"))
        assert (
            api.integrate(build.cii("D-2", date="20260315"))["etatCourantDepotFlux"] == "IN_INTEGRE"
        )

    def test_duplicate_inside_one_batch(self, api, build):
        batch = build.tar_gz({"1.xml": build.cii("D-3"), "2.xml": build.cii("D-3")})
        cr = api.integrate(batch)
        assert cr["etatCourantDepotFlux"] == "IN_INTEGRE_PARTIEL"
        assert len(api.invoices_of(cr["numeroFluxDepot"])) == 1

    def test_rule_is_configurable(self, api, emulator, build):
        emulator.world.config.update({"duplicate_key": []})
        api.integrate(build.cii("D-4"))
        assert api.integrate(build.cii("D-4"))["etatCourantDepotFlux"] == "IN_INTEGRE"
        emulator.world.config.update({"duplicate_key": ["supplier", "number", "year", "recipient"]})
        assert (
            api.integrate(build.cii("D-5", buyer=SYNDICAT))["etatCourantDepotFlux"] == "IN_INTEGRE"
        )
        assert (
            api.integrate(build.cii("D-5", buyer=COLLINES, service="CC-FIN"))[
                "etatCourantDepotFlux"
            ]
            == "IN_INTEGRE"
        )

    def test_rejected_invoice_does_not_block_its_number(self, api, build):
        api.integrate(build.cii("D-6", buyer="12345678900011"))
        assert api.integrate(build.cii("D-6"))["etatCourantDepotFlux"] == "IN_INTEGRE"


def test_error_list_as_object_quirk(api, emulator, build):
    emulator.world.config.update({"liste_erreur_dp_as_object": True})
    cr = api.integrate(build.cii("Q-1", buyer="12345678900011"))
    assert isinstance(cr["listeErreurDP"], dict)
    assert cr["listeErreurDP"]["numeroDP"] == "Q-1"
