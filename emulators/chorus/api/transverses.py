"""The ``transverses`` operations: flow reports, possible statuses, active structures, VAT rates."""

from __future__ import annotations

import base64
from typing import Any

from emulators.chorus import codes, views
from emulators.chorus.api.common import (
    Call,
    business,
    ok,
    str_param,
)
from emulators.chorus.clock import iso_ms
from emulators.chorus.entities import Flow


def _flow(call: Call) -> Flow:
    numero = str_param(call, "numeroFluxDepot")
    flow = call.world.flows.get(numero or "")
    if flow is None or flow.depositor != call.account.login:
        raise business(codes.UNKNOWN_FLOW, flow=numero)
    return flow


def consulter_cr_detaille(call: Call) -> tuple[int, dict[str, Any]]:
    flow = _flow(call)
    answer: dict[str, Any] = {
        "codeInterfaceDepotFlux": flow.code_interface,
        "dateDepotFlux": iso_ms(flow.deposited_at),
        "dateHeureEtatCourantFlux": iso_ms(flow.state_at or flow.deposited_at),
        "etatCourantDepotFlux": flow.state,
        "nomFichier": flow.cr_name,
        "listeErreurDP": list(flow.errors_dp),
        "listeErreurTechnique": list(flow.errors_tech),
    }
    if call.world.config.liste_erreur_dp_as_object and len(flow.errors_dp) == 1:
        answer["listeErreurDP"] = flow.errors_dp[0]
    return ok(**answer)


def consulter_cr(call: Call) -> tuple[int, dict[str, Any]]:
    flow = _flow(call)
    report = views.simple_pdf(
        [
            f"Compte rendu du flux {flow.numero}",
            f"Fichier : {flow.nom_fichier} ({flow.syntaxe})",
            f"Depose le : {iso_ms(flow.deposited_at)}",
            f"Etat : {flow.state}",
            *[e["libelleErreurDP"] for e in flow.errors_dp],
            *[e["libelleErreur"] for e in flow.errors_tech],
        ]
    )
    return ok(
        numeroFluxDepot=flow.numero,
        nomFichierFlux=flow.nom_fichier,
        codeInterfaceFlux=flow.code_interface,
        codeAppliPartenaire="API",
        designationPartenaire=call.account.login,
        dateDepotFlux=iso_ms(flow.deposited_at),
        dateHeureEtatCourantFlux=iso_ms(flow.state_at or flow.deposited_at),
        etatCourantFlux=flow.state,
        fichierCR=base64.b64encode(report).decode("ascii"),
    )


def etats_traitement(call: Call) -> tuple[int, dict[str, Any]]:
    current = str_param(call, "statutCourant")
    targets = call.world.lifecycle.recipient_targets(current or "")
    listed = [current, *targets] if targets else []
    return ok(
        listeStatutsPossiblesPourTraitement=[{"statutPossiblePourTraitement": s} for s in listed]
    )


def active_structures(call: Call, role: str) -> tuple[int, dict[str, Any]]:
    rows = [
        {"idStructureCPP": s.id, "designationStructure": s.designation, "identifiant": s.siret}
        for siret, roles in call.account.attachments.items()
        if role in roles and (s := call.world.structures[siret]).active
    ]
    return ok(listeStructures=rows)


def taux_tva(call: Call) -> tuple[int, dict[str, Any]]:
    rates = [
        ("TVA1", "Art 293B (FranchiseEnBase)", 0.0),
        ("TVA2", "Taux particulier", 2.1),
        ("TVA3", "Taux reduit", 5.5),
        ("TVA4", "Taux intermediaire", 10.0),
        ("TVA5", "Taux normal", 20.0),
    ]
    return ok(
        listeTauxTva=[
            {"codeTauxTva": c, "libelleTauxTva": lib, "valeurTauxTva": v} for c, lib, v in rates
        ]
    )


# ---------------------------------------------------------------- structures
