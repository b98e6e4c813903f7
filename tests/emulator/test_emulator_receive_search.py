"""The recipient search cut as the platform cuts it, the pivot with attachments, works
invoices and the counterparts' controls (supplier completes, maître d'oeuvre sends on)."""

from __future__ import annotations

import base64

from lxml import etree

COMMUNE = "21750011500019"
MARTIN = "51234567900025"
LEROY = "80298765100014"


def _received(api, count=3, **extra):
    answer = api.control("POST", "invoices", {"count": count, "recipient": COMMUNE, **extra})
    assert answer.status_code == 200, answer.text
    return answer.json()["idFacture"]


def _search(api, **body):
    return api.call("factures/v1/rechercher/recipiendaire", body)


def test_a_long_list_is_cut_at_nb_resultats_maximum_and_at_the_platform_limit(api):
    _received(api, 30)
    cut = _search(api, paramRecherche={"nbResultatsParPage": 100, "nbResultatsMaximum": 12})
    assert (cut["total"], len(cut["listeFactures"]), cut["pages"]) == (12, 12, 1)
    assert api.control("POST", "config", {"max_search_results": 7}).status_code == 200
    capped = _search(api, paramRecherche={"nbResultatsParPage": 5, "nbResultatsMaximum": 12})
    assert (capped["total"], capped["pages"]) == (7, 2)  # the smaller of the two, silently
    whole = _search(api, paramRecherche={"nbResultatsParPage": 100})
    assert whole["total"] == 7


def test_the_pivot_carries_the_supporting_attachments_only_when_asked(api):
    (ident,) = _received(api, 1)
    answer = api.control(
        "POST",
        "attachments",
        {
            "idFacture": ident,
            "attachments": [
                {"name": "bon-livraison.pdf", "mime": "application/pdf", "content": "JVBERi0x"},
                {"name": "releve.csv", "mime": "text/csv", "content": "YSxiCjEsMgo="},
            ],
        },
    )
    assert answer.status_code == 200, answer.text
    for flag, expected in (("NON", ["01"]), ("OUI", ["01", "02", "02"])):
        got = api.call(
            "factures/v1/telecharger/groupe",
            {
                "listeFacture": [{"idFacture": ident}],
                "format": "PIVOT",
                "avecPiecesJointesComplementaires": flag,
            },
        )
        root = etree.fromstring(base64.b64decode(got["fichierResultat"]))
        assert [pj.findtext("TypePJ") for pj in root.iter("PJ")] == expected
    names = [pj.findtext("NomPJ") for pj in root.iter("PJ")][1:]
    assert names == ["bon-livraison.pdf", "releve.csv"]
    refused = api.raw(
        "factures/v1/telecharger/groupe",
        {"listeFacture": [{"idFacture": ident}], "avecPiecesJointesComplementaires": "PEUT-ETRE"},
    ).json()
    assert refused["codeRetour"] != 0


def test_a_suspended_invoice_completed_by_its_supplier_comes_back_to_the_recipient(api):
    (ident,) = _received(api, 1)
    done = api.call(
        "factures/v1/traiter/recue",
        {"idFacture": ident, "nouveauStatut": "SUSPENDUE", "motif": "Pièce manquante"},
    )
    assert done["codeRetour"] == 0
    refused = api.control("POST", "supplier", {"idFacture": ident, "action": "recycler"})
    assert refused.status_code == 409  # recycling is for A_RECYCLER only
    completed = api.control(
        "POST",
        "supplier",
        {
            "idFacture": ident,
            "action": "completer",
            "commentaire": "Bon joint",
            "attachments": [{"name": "bon.pdf", "content": "JVBERi0x"}],
        },
    )
    assert completed.json()["statut"] == "COMPLETEE"
    history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
    codes = [h["histoStatutCode"] for h in history["historiquesDesStatuts"]["histoStatut"]]
    assert codes[:2] == ["COMPLETEE", "SUSPENDUE"]  # newest first
    assert (
        api.call(
            "factures/v1/traiter/recue", {"idFacture": ident, "nouveauStatut": "SERVICE_FAIT"}
        )["codeRetour"]
        == 0
    )


def test_a_works_invoice_waits_for_its_maitre_d_oeuvre_then_reaches_the_commune(api):
    (ident,) = _received(
        api, 1, suppliers=[MARTIN], works_type="PROJET_DECOMPTE_MENSUEL", moe=LEROY
    )
    works = {"typeDemandePaiement": "FACTURE_TRAVAUX"}
    assert _search(api, **works)["codeRetour"] == 20000  # still with the MOE
    empty = api.call("facturesTravaux/v1/rechercher", {"roleUtilisateur": "MOA"})
    assert empty["codeRetour"] == 20007 and empty["listeFacturesTravaux"] == []
    bad = api.control("POST", "moe", {"idFacture": ident, "action": "payer"})
    assert bad.status_code == 400
    sent = api.control("POST", "moe", {"idFacture": ident, "action": "transmettre"})
    assert sent.json()["statut"] == "MISE_A_DISPOSITION_MOA", sent.text
    found = _search(api, **works)
    (row,) = found["listeFactures"]
    assert (row["idFacture"], row["typeDemandePaiement"]) == (ident, "FACTURE_TRAVAUX")
    assert (row["typeFactureTravaux"], row["codeMOE"]) == ("PROJET_DECOMPTE_MENSUEL", LEROY)
    assert _search(api)["codeRetour"] == 20000  # not among the plain invoices
    listed = api.call(
        "facturesTravaux/v1/rechercher",
        {"roleUtilisateur": "MOA", "rechercheFactureTravaux": {"nbResultatsParPage": 10}},
    )
    (line,) = listed["listeFacturesTravaux"]
    assert (line["idFactureTravaux"], line["codeMoe"]) == (ident, LEROY)
    assert listed["parametresRetour"]["total"] == 1
    decided = api.call(
        "factures/v1/traiter/recue", {"idFacture": ident, "nouveauStatut": "SERVICE_FAIT"}
    )
    assert decided["codeRetour"] == 0
