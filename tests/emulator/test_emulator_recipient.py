"""Recipient side (the commune): search with paging, consult, download, process."""

from __future__ import annotations

import base64
import io
import zipfile

import pytest
from lxml import etree

COMMUNE = "21750011500019"


def _received(api, count=3, **extra):
    answer = api.control("POST", "invoices", {"count": count, "recipient": COMMUNE, **extra})
    assert answer.status_code == 200, answer.text
    return answer.json()["idFacture"]


def _search(api, **body):
    return api.call("factures/v1/rechercher/recipiendaire", body)


def test_250_invoices_over_3_pages(api):
    ids = _received(api, 250)
    seen = []
    page, pages = 1, None
    while pages is None or page <= pages:
        answer = _search(
            api, paramRecherche={"pageResultatDemandee": page, "nbResultatsParPage": 100}
        )
        assert answer["codeRetour"] == 0
        assert (answer["total"], answer["pages"], answer["nbResultatsParPage"]) == (250, 3, 100)
        assert answer["pageCourante"] == page  # root-level paging (quirk 2)
        seen += [row["idFacture"] for row in answer["listeFactures"]]
        pages = answer["pages"]
        page += 1
    assert seen == ids  # every invoice once, in id order
    assert len(set(seen)) == 250


def test_empty_search_is_code_20000(api):
    answer = _search(api)
    assert (answer["codeRetour"], answer["libelle"]) == (20000, "TRA_MSG_00.015")
    assert answer["listeFactures"] == [] and answer["total"] == 0


def test_empty_search_null_paging_quirk(api, emulator):
    emulator.world.config.update({"null_paging_when_empty": True})
    raw = api.raw("factures/v1/rechercher/recipiendaire", {}).json()
    assert raw["pageCourante"] is None and raw["pages"] is None


def test_filters(api, emulator):
    ids = _received(api, 6, suppliers=["40212345900016", "51234567900025"])
    durand = emulator.world.structures["40212345900016"].id
    by_supplier = _search(api, listeFournisseurs=[{"idFournisseur": durand}])
    assert [r["idFacture"] for r in by_supplier["listeFactures"]] == ids[0::2]
    api.call("factures/v1/traiter/recue", {"idFacture": ids[0], "nouveauStatut": "SERVICE_FAIT"})
    as_array = _search(api, statutCourant=["SERVICE_FAIT"])
    as_string = _search(api, statutCourant="SERVICE_FAIT")  # the AIFE example's shape
    assert [r["idFacture"] for r in as_array["listeFactures"]] == [ids[0]]
    assert as_string["listeFactures"] == as_array["listeFactures"]
    number = as_array["listeFactures"][0]["numeroFacture"]
    assert [r["idFacture"] for r in _search(api, numeroFacture=number)["listeFactures"]] == [ids[0]]
    commune_id = emulator.world.structures[COMMUNE].id
    assert _search(api, idDestinataire=commune_id)["total"] == 6
    assert _search(api, typeDemandePaiement="FACTURE_TRAVAUX")["codeRetour"] == 20000
    descending = _search(api, paramRecherche={"triSens": "Descendant", "triColonne": "IdFacture"})
    assert [r["idFacture"] for r in descending["listeFactures"]] == ids[::-1]


def test_status_change_window_for_incremental_sync(api, emulator):
    ids = _received(api, 2)
    emulator.advance(3600)
    api.call("factures/v1/traiter/recue", {"idFacture": ids[1], "nouveauStatut": "SERVICE_FAIT"})
    now = emulator.world.clock.now().isoformat()
    recent = _search(
        api, periodeDateHeureEtatCourantDu=now[:19], periodeDateHeureEtatCourantAu=now[:10]
    )
    assert [r["idFacture"] for r in recent["listeFactures"]] == [ids[1]]


def test_invoices_not_yet_available_are_hidden_from_the_recipient(api, build):
    numero = api.deposit(build.cii("H-1", seller="40212345900016", buyer=COMMUNE))
    api.emulator.advance(2)  # integrated, DEPOSEE
    assert _search(api, numeroFacture="H-1")["codeRetour"] == 20000
    api.emulator.advance(2)
    [row] = _search(api, numeroFacture="H-1")["listeFactures"]
    assert row["statut"] == "MISE_A_DISPOSITION"
    assert numero


def test_unattached_recipient(api, emulator):
    other = emulator.world.structures["21690123100011"].id
    answer = _search(api, idDestinataire=other)
    assert answer["codeRetour"] == 20008
    emulator.world.config.update({"unattached": "403"})
    assert (
        api.raw("factures/v1/rechercher/recipiendaire", {"idDestinataire": other}).status_code
        == 403
    )


def test_consulter_recipiendaire(api):
    [ident] = _received(api, 1, service="MAIRIE-FIN")
    sheet = api.call("factures/v1/consulter/recipiendaire", {"identifiantFactureCPP": ident})[
        "facture"
    ]
    assert sheet["identifiantFactureCPP"] == ident
    assert sheet["destinataire"]["codeServiceExecutant"] == "MAIRIE-FIN"
    assert sheet["lignesDePoste"]["totalLignesPoste"] == 1
    unknown = api.call("factures/v1/consulter/recipiendaire", {"identifiantFactureCPP": 1})
    assert unknown["codeRetour"] == 20005


@pytest.mark.parametrize("fmt", ["PDF", "PIVOT", "XML"])
def test_download_one_invoice(api, fmt):
    [ident] = _received(api, 1)
    assert _search(api, factureTelechargeeParDestinataire=False)["total"] == 1
    answer = api.call(
        "factures/v1/telecharger/groupe", {"listeFacture": [{"idFacture": ident}], "format": fmt}
    )
    content = base64.b64decode(answer["fichierResultat"])
    if fmt == "PDF":
        assert content.startswith(b"%PDF")
    elif fmt == "PIVOT":
        root = etree.fromstring(content)
        assert root.tag == "CPPFacturePivot"
        original = base64.b64decode(root.findtext("PJ/Contenu"))
        assert b"<Invoice" in original and root.findtext("PJ/TypePJ") == "01"
        assert [s.findtext("CodeStatut") for s in root.iter("Statut")] == ["01", "02", "03"]
    else:
        assert b"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" in content
    assert _search(api, factureTelechargeeParDestinataire=True)["total"] == 1
    history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
    assert history["derniereAction"]["derniereActionCode"] == "TELECHARGEMENT_FACTURE"


def test_download_several_is_a_zip(api):
    ids = _received(api, 3)
    answer = api.call(
        "factures/v1/telecharger/groupe",
        {"listeFacture": [{"idFacture": i} for i in ids], "format": "PIVOT"},
    )
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(answer["fichierResultat"]))) as archive:
        assert len(archive.namelist()) == 3


def test_download_factur_x_returns_the_deposited_pdf(api, build):
    pdf = build.facturx(build.cii("FX-1", seller="40212345900016", buyer=COMMUNE))
    numero = api.integrate(pdf, "facturx")["numeroFluxDepot"]
    [row] = api.invoices_of(numero)
    answer = api.call(
        "factures/v1/telecharger/groupe",
        {"listeFacture": [{"idFacture": row["identifiantFactureCPP"]}], "format": "PDF"},
    )
    assert base64.b64decode(answer["fichierResultat"]) == pdf


def test_download_errors(api, emulator):
    [ident] = _received(api, 1)
    assert api.call("factures/v1/telecharger/groupe", {"listeFacture": []})["codeRetour"] == 20004
    assert (
        api.call("factures/v1/telecharger/groupe", {"listeFacture": [{"idFacture": 999}]})[
            "codeRetour"
        ]
        == 20005
    )
    assert (
        api.call(
            "factures/v1/telecharger/groupe",
            {"listeFacture": [{"idFacture": ident}], "format": "DOCX"},
        )["codeRetour"]
        == 20004
    )
    emulator.world.config.update({"max_download_bytes": 10})
    assert (
        api.raw(
            "factures/v1/telecharger/groupe", {"listeFacture": [{"idFacture": ident}]}
        ).status_code
        == 413
    )


class TestTraiterRecue:
    def _set(self, api, ident, status, **extra):
        return api.call(
            "factures/v1/traiter/recue", {"idFacture": ident, "nouveauStatut": status, **extra}
        )

    def test_legal_chain_to_payment(self, api):
        [ident] = _received(api, 1)
        for status in (
            "SERVICE_FAIT",
            "MANDATEE",
            "MISE_A_DISPOSITION_COMPTABLE",
            "COMPTABILISEE",
            "MISE_EN_PAIEMENT",
        ):
            extra = {"numeroDPMandat": "M-2026-42"} if status == "MANDATEE" else {}
            answer = self._set(api, ident, status, **extra)
            assert answer["codeRetour"] == 0, (status, answer)
            assert answer["nouveauStatut"] == status and answer["idFacture"] == ident
            assert len(answer["dateTraitement"]) == 10
        sheet = api.call("factures/v1/consulter/recipiendaire", {"identifiantFactureCPP": ident})
        assert sheet["facture"]["references"]["numeroDpMandat"] == "M-2026-42"
        assert self._set(api, ident, "SUSPENDUE", motif="x")["codeRetour"] == 20002  # terminal

    @pytest.mark.parametrize(
        ("path", "target"),
        [
            ((), "COMPLETEE"),
            ((), "DEPOSEE"),
            (("MANDATEE",), "SERVICE_FAIT"),
            (("REJETEE",), "SERVICE_FAIT"),
            (("MISE_EN_PAIEMENT",), "MANDATEE"),
            (("SUSPENDUE",), "SERVICE_FAIT"),
            (("A_RECYCLER",), "MANDATEE"),
        ],
    )
    def test_illegal_transitions(self, api, path, target):
        [ident] = _received(api, 1)
        for status in path:
            assert self._set(api, ident, status, motif="m")["codeRetour"] == 0
        answer = self._set(api, ident, target)
        assert answer["codeRetour"] == 20002
        assert answer["libelle"].startswith("Incohérence")

    @pytest.mark.parametrize("status", ["REJETEE", "SUSPENDUE"])
    def test_motif_required(self, api, status):
        [ident] = _received(api, 1)
        for motif in (None, "", "   "):
            body = {} if motif is None else {"motif": motif}
            assert self._set(api, ident, status, **body)["codeRetour"] == 20006
        answer = self._set(api, ident, status, motif="Pièce justificative manquante")
        assert answer["codeRetour"] == 0
        history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
        latest = history["historiquesDesStatuts"]["histoStatut"][0]
        assert latest["histoStatutCode"] == status
        assert latest["histoStatutCommentaire"] == "Pièce justificative manquante"
        row = _search(api, numeroFacture=history["numeroFacture"])["listeFactures"][0]
        assert row["commentaireEtatCourant"] == "Pièce justificative manquante"

    def test_motif_is_cut_at_255(self, api):
        [ident] = _received(api, 1)
        self._set(api, ident, "REJETEE", motif="x" * 400)
        history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
        assert (
            len(history["historiquesDesStatuts"]["histoStatut"][0]["histoStatutCommentaire"]) == 255
        )

    def test_mandate_number_only_with_mandatee(self, api):
        [ident] = _received(api, 1)
        assert self._set(api, ident, "SERVICE_FAIT", numeroDPMandat="M1")["codeRetour"] == 20009

    def test_unknown_invoice_and_missing_status(self, api):
        assert self._set(api, 12345, "SERVICE_FAIT")["codeRetour"] == 20005
        [ident] = _received(api, 1)
        assert api.call("factures/v1/traiter/recue", {"idFacture": ident})["codeRetour"] == 20004

    def test_possible_states_come_from_the_same_table(self, api, emulator):
        answer = api.call(
            "transverses/v1/recuperer/etats/traitement", {"statutCourant": "MISE_A_DISPOSITION"}
        )
        listed = [
            s["statutPossiblePourTraitement"] for s in answer["listeStatutsPossiblesPourTraitement"]
        ]
        assert listed[0] == "MISE_A_DISPOSITION"
        assert set(listed[1:]) == set(
            emulator.world.lifecycle.recipient_targets("MISE_A_DISPOSITION")
        )
        [ident] = _received(api, 1)
        for target in listed[1:]:
            assert emulator.world.lifecycle.recipient_may("MISE_A_DISPOSITION", target)
        assert self._set(api, ident, listed[1], motif="m")["codeRetour"] == 0


class TestSupplierFollowUps:
    def _invoice_to_us_from_syndicat(self, api, build, number="S-1"):
        numero = api.integrate(build.cii(number, seller="40212345900016", buyer=COMMUNE))[
            "numeroFluxDepot"
        ]
        return api.invoices_of(numero)[0]["identifiantFactureCPP"]

    def test_suspend_then_complete(self, api, build):
        ident = self._invoice_to_us_from_syndicat(api, build)
        assert (
            api.call("factures/v1/completer", {"identifiantFactureCPP": ident})["codeRetour"]
            == 20010
        )
        api.call(
            "factures/v1/traiter/recue",
            {"idFacture": ident, "nouveauStatut": "SUSPENDUE", "motif": "PJ"},
        )
        answer = api.call(
            "factures/v1/completer", {"identifiantFactureCPP": ident, "commentaire": "PJ ajoutée"}
        )
        assert answer["codeRetour"] == 0
        history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
        assert history["statutCourantCode"] == "COMPLETEE"
        assert (
            api.call(
                "factures/v1/traiter/recue", {"idFacture": ident, "nouveauStatut": "SERVICE_FAIT"}
            )["codeRetour"]
            == 0
        )

    def test_recycle_keeps_the_id_and_routes_again(self, api, build, emulator):
        ident = self._invoice_to_us_from_syndicat(api, build)
        api.call("factures/v1/traiter/recue", {"idFacture": ident, "nouveauStatut": "A_RECYCLER"})
        answer = api.call(
            "factures/v1/recycler",
            {
                "identifiantFactureCPP": ident,
                "destinataire": {"codeDestinataire": COMMUNE, "codeServiceExecutant": "MAIRIE-FIN"},
            },
        )
        assert (answer["codeRetour"], answer["statutFacture"], answer["identifiantFactureCPP"]) == (
            0,
            "DEPOSEE",
            ident,
        )
        emulator.process()
        history = api.call("factures/v1/consulter/historique", {"idFacture": ident})
        assert history["statutCourantCode"] == "MISE_A_DISPOSITION"
        sheet = api.call("factures/v1/consulter/fournisseur", {"identifiantFactureCPP": ident})[
            "facture"
        ]
        assert sheet["destinataire"]["codeServiceExecutant"] == "MAIRIE-FIN"

    def test_rejection_acknowledged(self, api, build):
        ident = self._invoice_to_us_from_syndicat(api, build)
        api.call(
            "factures/v1/traiter/recue",
            {"idFacture": ident, "nouveauStatut": "REJETEE", "motif": "non"},
        )
        answer = api.call(
            "factures/v1/traiterRejet", {"listeDemandePaiement": [{"idDemandePaiement": ident}]}
        )
        assert answer["codeRetour"] == 0
        row = api.call("factures/v1/rechercher/fournisseur", {"numeroFacture": "S-1"})[
            "listeFactures"
        ][0]
        assert row["rejetTraite"] is True
