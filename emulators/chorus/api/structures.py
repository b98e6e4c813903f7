"""The ``structures``, ``engagementsJuridiques`` and ``utilisateurs`` operations (the directory)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from emulators.chorus import codes
from emulators.chorus.api.common import (
    Call,
    business,
    int_param,
    ok,
    paginate,
)
from emulators.chorus.entities import Structure


def _structure_row(structure: Structure) -> dict[str, Any]:
    return {
        "idStructureCPP": structure.id,
        "identifiantStructure": structure.siret,
        "designationStructure": structure.designation,
        "typeIdentifiantStructure": "SIRET",
        "statut": "ACTIVE" if structure.active else "INACTIVE",
    }


def structures_rechercher(call: Call) -> tuple[int, dict[str, Any]]:
    world = call.world
    given = call.body.get("structure")
    criteria: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    restrict = call.body.get("restreindreStructuresPrivees")
    found = list(world.structures.values())
    if criteria.get("identifiantStructure"):
        found = [s for s in found if s.siret == str(criteria["identifiantStructure"])]
    if criteria.get("typeIdentifiantStructure") not in (None, "", "SIRET"):
        found = []
    name = criteria.get("raisonSocialeStructure") or criteria.get("libelleStructure")
    if name:
        found = [s for s in found if str(name).lower() in s.designation.lower()]
    if criteria.get("statutStructure") in ("ACTIF", "ACTIVE"):
        found = [s for s in found if s.active]
    if restrict is None or restrict is True:
        mine = set(call.account.attachments)
        found = [s for s in found if s.public or s.siret in mine]
    chunk, meta = paginate(found, call.body.get("parametres"), 10)
    if not meta["total"]:
        return 200, {
            **codes.answer(codes.NO_RESULT),
            "listeStructures": [],
            "parametresRetour": meta,
        }
    rows: Any = [_structure_row(s) for s in chunk]
    if world.config.liste_structures_as_object and len(rows) == 1:
        rows = rows[0]
    return ok(listeStructures=rows, parametresRetour=meta)


def _structure(call: Call, *names: str) -> Structure:
    for name in names:
        if call.body.get(name) not in (None, ""):
            ident = int_param(call, name)
            structure = call.world.by_id.get(ident or 0)
            if structure is None:
                raise business(codes.UNKNOWN_STRUCTURE)
            return structure
    raise business(codes.INVALID_PARAMETER, field=names[0])


def structures_consulter(call: Call) -> tuple[int, dict[str, Any]]:
    structure = _structure(call, "idStructureCPP", "idStructure")
    address = structure.address
    info: dict[str, Any] = {
        "idStructureCPP": structure.id,
        "identifiantStructure": structure.siret,
        "typeIdentifiantStructure": "SIRET",
        "libelleStructure": structure.designation,
        "raisonSocialeStructure": structure.designation,
        "structurePriveePublique": "PUBLIQUE" if structure.public else "PRIVEE",
        "numeroTVA": structure.vat,
        "statut": "ACTIVE" if structure.active else "INACTIVE",
    }
    if structure.siret in call.account.attachments and call.account.password_expires:
        info["dateExpirationMotPasseCompteTech"] = call.account.password_expires
    return ok(
        adressePostaleDuSiege={
            "adresse": address.get("adresse"),
            "codePostal": address.get("codePostal"),
            "ville": address.get("ville"),
            "pays": address.get("pays", "FR"),
        },
        informationGenerales=info,
        parametres={
            "codeServiceDoitEtreRenseigne": structure.requires_service,
            "numeroEJDoitEtreRenseigne": structure.requires_engagement,
            "gestionNumeroEJOuCodeService": structure.service_or_engagement,
            "statutMiseEnPaiementNestPasRemonte": structure.paiement_non_remonte,
            "connexionEDI": False,
            "recevoirDonneesViaEDI": False,
            "estMoaUniquement": False,
            "estValideurDelegue": False,
            "aMoa": False,
            "nonDiffusibleInsee": False,
        },
    )


def structures_services(call: Call) -> tuple[int, dict[str, Any]]:
    structure = _structure(call, "idStructure", "idStructureCPP")
    rows = [
        {
            "idService": s.id,
            "codeService": s.code,
            "libelleService": s.libelle,
            "estActif": s.active,
            "dateDbtService": s.start,
            "dateFinService": s.end,
            "statutService": "ACTIF" if s.active else "INACTIF",
        }
        for s in structure.services
    ]
    chunk, meta = paginate(rows, call.body.get("parametresRechercherServicesStructure"), 10)
    if not meta["total"]:
        return 200, {**codes.answer(codes.NO_RESULT), "listeServices": [], "parametresRetour": meta}
    return ok(listeServices=chunk, parametresRetour=meta)


def structures_service(call: Call) -> tuple[int, dict[str, Any]]:
    structure = _structure(call, "idStructure", "idStructureCPP")
    service = structure.service_by_id(int_param(call, "idService"))
    if service is None:
        raise business(codes.UNKNOWN_SERVICE)
    address = structure.address
    return ok(
        adressePostale={
            "adresse": address.get("adresse"),
            "codePostal": address.get("codePostal"),
            "ville": address.get("ville"),
            "pays": address.get("pays", "FR"),
        },
        informationsGenerales={
            "codeService": service.code,
            "nomService": service.libelle,
            "descriptionService": service.libelle,
        },
        parametres={
            "numeroEngagement": service.engagement,
            "miseEnPaiement": service.mise_en_paiement,
            "dateCreation": service.start,
            "dateDebutValidite": service.start,
            "dateFinValidite": service.end,
            "dateModification": service.start,
        },
    )


def engagements_rechercher(call: Call) -> tuple[int, dict[str, Any]]:
    world, body = call.world, call.body
    found = list(world.engagements)
    receiving = body.get("structureReceptriceEngagementJuridique")
    if receiving not in (None, ""):
        structure = world.by_id.get(int(receiving)) if str(receiving).isdigit() else None
        found = [e for e in found if structure is not None and e.supplier == structure.siret]
    if body.get("numeroEngagementJuridique"):
        found = [e for e in found if e.numero == body["numeroEngagementJuridique"]]
    if body.get("etatCourantEngagementJuridique") not in (None, "", "COMMANDE"):
        found = []
    rows = []
    for e in found:
        buyer = world.structures.get(e.buyer)
        supplier = world.structures.get(e.supplier or "")
        rows.append(
            {
                "numeroEngagementJuridique": e.numero,
                "idEngagementJuridique": e.id,
                "libelleEtatCourantEJ": "COMMANDE",
                "libelleTypeEngagementJuridique": "Bon de commande",
                "codeServiceExecutant": e.service,
                "montantTotalHt": e.montant_ht,
                "montantTotalTtc": e.montant_ttc,
                "structureReceptrice": supplier.id if supplier else None,
                "structureEmettrice": buyer.id if buyer else None,
                "designationStructureEmettrice": buyer.designation if buyer else None,
                "dateCreationEJ": e.created,
            }
        )
    chunk, meta = paginate(rows, body.get("parametres"), 100)
    if not meta["total"]:
        return 200, {
            **codes.answer(codes.NO_RESULT),
            "listeEngagementJuridique": [],
            "parametresRetour": meta,
        }
    return ok(listeEngagementJuridique=chunk, parametresRetour=meta)


def rattachements(call: Call) -> tuple[int, dict[str, Any]]:
    rows = []
    for siret, roles in call.account.attachments.items():
        s = call.world.structures[siret]
        for role in sorted(roles):
            rows.append(
                {
                    "idStructure": s.id,
                    "identifiantStructure": s.siret,
                    "designationStructure": s.designation,
                    "typeIdentifiantStructure": "SIRET",
                    "roleUtilisateur": role,
                    "statutRattachementStructure": "ACTIF",
                    "statutUtilisateur": "ACTIF",
                    "listeServicesRattache": [
                        {
                            "idService": sv.id,
                            "codeService": sv.code,
                            "libelleService": sv.libelle,
                            "estActif": sv.active,
                        }
                        for sv in s.services
                    ],
                }
            )
    chunk, meta = paginate(rows, call.body.get("parametresRecherche"), 100)
    return ok(listeStructureRattachement=chunk, parametresRetour=meta)
