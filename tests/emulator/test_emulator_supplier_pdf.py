"""The emulator's plain-PDF deposit (``deposer/pdf`` + ``soumettre``), ``completer`` with an
attachment (``ajouter/fichier``), ``recycler`` and ``consulter/fournisseur``: every answer
fits the official Swagger (strict: no undeclared member), every refusal is a non-zero
``codeRetour``."""

from __future__ import annotations

import base64
from typing import Any

from connectors.chorus import swagger
from emulators.chorus.views import simple_pdf

PDF = simple_pdf(["Facture PDF-1", "Total TTC 120,00 EUR"])


def _upload(api: Any, data: bytes = PDF) -> dict[str, Any]:
    """``deposer/pdf``: its published model (``WsRetourDeposerPdfFacture``, closed) has no
    ``codeRetour``; a refusal is an HTTP 400 that carries one."""
    body = {
        "fichierFacture": base64.b64encode(data).decode(),
        "nomFichier": "facture.pdf",
        "formatDepot": "PDF_NON_SIGNE",
    }
    answer = api.raw("factures/v1/deposer/pdf", body)
    if answer.status_code == 400:
        assert answer.json()["codeRetour"] != 0
        return {"refused": answer.json()}
    assert answer.status_code == 200, answer.text
    problems = swagger.response_errors("/cpro/factures/v1/deposer/pdf", answer.json(), strict=True)
    assert not problems, problems
    return dict(answer.json())


def _submit(api: Any, build: Any, piece: Any, number: str = "PDF-1", **extra: Any) -> Any:
    commune = api.emulator.world.structures[build.COMMUNE]
    body = {
        "modeDepot": "DEPOT_PDF_API",
        "numeroFactureSaisi": number,
        "dateFacture": "2026-11-20",
        "destinataire": {"codeDestinataire": build.SYNDICAT},
        "fournisseur": {"idFournisseur": commune.id},
        "cadreDeFacturation": {"codeCadreFacturation": "A1_FACTURE_FOURNISSEUR"},
        "references": {"deviseFacture": "EUR", "typeFacture": "FACTURE", "typeTva": "SANS_TVA"},
        "montantTotal": {
            "montantHtTotal": 100.0,
            "montantTVA": 20.0,
            "montantTtcTotal": 120.0,
            "montantAPayer": 120.0,
        },
        # As real clients send it (API.md 2.9): an array of one object.
        "pieceJointePrincipale": [
            {"pieceJointePrincipaleDesignation": "facture.pdf", "pieceJointePrincipaleId": piece}
        ],
        **extra,
    }
    return api.call("factures/v1/soumettre", body)


def test_deposer_pdf_then_soumettre_creates_the_invoice(api: Any, build: Any) -> None:
    uploaded = _upload(api)
    assert uploaded["numeroFacture"] == "" and uploaded["pieceJointeId"]  # no OCR here
    answer = _submit(api, build, uploaded["pieceJointeId"])
    assert answer["codeRetour"] == 0 and answer["statutFacture"] == "DEPOSEE"
    invoice = api.emulator.world.invoices[answer["identifiantFactureCPP"]]
    assert invoice.original == PDF and invoice.mode_depot == "DEPOT_PDF_API"
    # The piece is consumed: a second soumettre naming it is refused.
    again = _submit(api, build, uploaded["pieceJointeId"], number="PDF-2")
    assert again["codeRetour"] != 0
    sheet = api.call("factures/v1/consulter/fournisseur", {"identifiantFactureCPP": invoice.id})[
        "facture"
    ]
    assert sheet["numeroFacture"] == "PDF-1" and sheet["modeDepot"] == "DEPOT_PDF_API"


def test_deposer_pdf_refuses_what_is_not_a_pdf(api: Any) -> None:
    assert "refused" in _upload(api, b"<Invoice/>")


def test_soumettre_applies_the_routing_and_duplicate_rules(api: Any, build: Any) -> None:
    first = _submit(api, build, _upload(api)["pieceJointeId"], number="DUP-1")
    assert first["codeRetour"] == 0
    dup = _submit(api, build, _upload(api)["pieceJointeId"], number="DUP-1")
    assert dup["codeRetour"] != 0 and dup["libelle"].startswith("DOUBLON")
    no_service = _submit(
        api,
        build,
        _upload(api)["pieceJointeId"],
        number="SVC-1",
        destinataire={"codeDestinataire": build.COLLINES},
    )
    assert no_service["libelle"].startswith("SERVICE_OBLIGATOIRE")
    bad_mode = _submit(api, build, _upload(api)["pieceJointeId"], modeDepot="SAISIE_API")
    assert bad_mode["codeRetour"] != 0


def test_completer_joins_the_uploaded_attachment_and_recycler_moves_it(
    api: Any, build: Any
) -> None:
    answer = _submit(api, build, _upload(api)["pieceJointeId"], number="ACT-1")
    ident = answer["identifiantFactureCPP"]
    world = api.emulator.world
    refused = api.call("factures/v1/completer", {"identifiantFactureCPP": ident})
    assert refused["codeRetour"] != 0  # DEPOSEE: nothing to complete
    with world.lock:
        world.set_status(world.invoices[ident], "SUSPENDUE", world.clock.now())
    added = api.call(
        "transverses/v1/ajouter/fichier",
        {
            "pieceJointeFichier": base64.b64encode(b"bon de livraison").decode(),
            "pieceJointeNom": "bl.txt",
            "pieceJointeTypeMime": "text/plain",
            "pieceJointeExtension": "TXT",
        },
    )
    piece = {"pieceJointeComplementaireId": added["pieceJointeId"]}
    done = api.call(
        "factures/v1/completer",
        {
            "identifiantFactureCPP": ident,
            "commentaire": "ci-joint",
            "pieceJointeComplementaire": [piece],
        },
    )
    assert done["codeRetour"] == 0 and world.invoices[ident].status == "COMPLETEE"
    assert [a.data for a in world.invoices[ident].attachments] == [b"bon de livraison"]
    with world.lock:
        world.set_status(world.invoices[ident], "A_RECYCLER", world.clock.now())
    service = world.structures[build.SYNDICAT].services[0].code
    moved = api.call(
        "factures/v1/recycler",
        {"identifiantFactureCPP": ident, "destinataire": {"codeServiceExecutant": service}},
    )
    assert moved["statutFacture"] == "DEPOSEE" and world.invoices[ident].service.code == service
