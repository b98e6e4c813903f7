"""The Chorus Pro operations: one function per path, from a decoded request to an answer.

Each handler receives the world (locked and ticked by the server), the technical account
that authenticated, and the JSON body; it returns the HTTP status and the JSON answer.
Business errors are HTTP 200 with a non-zero ``codeRetour`` (quirk 1 of API.md 8.9).
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from emulators.chorus import codes, platform, views
from emulators.chorus.clock import PARIS, day, iso_ms, minute
from emulators.chorus.world import (
    FLOW_WAITING,
    Account,
    Flow,
    Invoice,
    Structure,
    UserAction,
    World,
)

SYNTAXES = platform.SYNTAXES
MAX_PAGE = 10000


class Answer(Exception):
    """Stop a handler with this answer (used for business errors and HTTP refusals)."""

    def __init__(self, status: int, body: Mapping[str, Any]) -> None:
        super().__init__(status)
        self.status = status
        self.body = dict(body)


@dataclass
class Call:
    world: World
    account: Account
    body: dict[str, Any]
    now: datetime


Handler = Callable[[Call], tuple[int, dict[str, Any]]]


def business(code: int, **params: object) -> Answer:
    return Answer(200, codes.answer(code, **params))


def ok(**fields: Any) -> tuple[int, dict[str, Any]]:
    return 200, {**codes.answer(codes.OK), **fields}


def _int(call: Call, name: str, *, required: bool = True) -> int | None:
    value = call.body.get(name)
    if value is None or value == "":
        if required:
            raise business(codes.INVALID_PARAMETER, field=name)
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise business(codes.INVALID_PARAMETER, field=name) from None


def _str(call: Call, name: str, *, required: bool = True) -> str | None:
    value = call.body.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise business(codes.INVALID_PARAMETER, field=name)
        return None
    if not isinstance(value, str):
        raise business(codes.INVALID_PARAMETER, field=name)
    return value


def _unattached(call: Call, structure: Structure) -> Answer:
    if call.world.config.unattached == "403":
        return Answer(
            403,
            {
                "error": "forbidden",
                "error_description": f"structure {structure.siret} not attached",
            },
        )
    return business(codes.UNATTACHED, structure=structure.siret)


def _page(
    items: list[Any], paging: Mapping[str, Any] | None, default_size: int
) -> tuple[list[Any], dict[str, int]]:
    paging = paging if isinstance(paging, Mapping) else {}
    try:
        page = max(int(paging.get("pageResultatDemandee") or 1), 1)
        size = int(paging.get("nbResultatsParPage") or default_size)
        maximum = paging.get("nbResultatsMaximum")
    except (TypeError, ValueError):
        raise Answer(200, codes.answer(codes.INVALID_PARAMETER, field="pagination")) from None
    size = min(max(size, 1), MAX_PAGE)
    if maximum:
        items = items[: int(maximum)]
    total = len(items)
    pages = max(math.ceil(total / size), 1) if total else 0
    chunk = items[(page - 1) * size : page * size]
    return chunk, {"pageCourante": page, "pages": pages, "nbResultatsParPage": size, "total": total}


def _sort(items: list[Invoice], paging: Mapping[str, Any] | None) -> list[Invoice]:
    paging = paging if isinstance(paging, Mapping) else {}
    column = paging.get("triColonne") or "IdFacture"
    keys: dict[str, Callable[[Invoice], Any]] = {
        "IdFacture": lambda i: i.id,
        "NumeroFacture": lambda i: i.number,
        "DateDepot": lambda i: (i.deposited_at, i.id),
        "DateFacture": lambda i: (i.issue_date or date.min, i.id),
        "DateHeureEtatCourant": lambda i: (i.status_at, i.id),
        "MontantTTC": lambda i: (i.total_ttc or 0, i.id),
        "CodeFournisseur": lambda i: (i.supplier.siret, i.id),
        "Fournisseur": lambda i: (i.supplier.designation, i.id),
        "DesignationFournisseur": lambda i: (i.supplier.designation, i.id),
        "Statut": lambda i: (i.status, i.id),
    }
    key = keys.get(column, keys["IdFacture"])
    return sorted(items, key=key, reverse=paging.get("triSens") == "Descendant")


def _when(value: Any, *, end: bool) -> datetime | None:
    """A search bound: ``YYYY-MM-DD`` (whole day) or an ISO date-time."""
    if not value:
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            moment = datetime.fromisoformat(text + ("T23:59:59.999" if end else "T00:00:00"))
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise business(codes.INVALID_PARAMETER, field=str(value)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=PARIS)


def _in(moment: datetime | None, low: datetime | None, high: datetime | None) -> bool:
    if low is None and high is None:
        return True
    if moment is None:
        return False
    return (low is None or moment >= low) and (high is None or moment <= high)


def _statuses(value: Any) -> set[str] | None:
    """``statutCourant``: an array in the Swagger, one string in the AIFE example: accept both."""
    if not value:
        return None
    return {value} if isinstance(value, str) else {str(v) for v in value}


# ---------------------------------------------------------------- supplier side


def deposer_flux(call: Call) -> tuple[int, dict[str, Any]]:
    world, body = call.world, call.body
    content = _str(call, "fichierFlux")
    name = _str(call, "nomFichier")
    syntaxe = _str(call, "syntaxeFlux")
    if syntaxe not in SYNTAXES:
        raise business(codes.INVALID_PARAMETER, field="syntaxeFlux")
    if "avecSignature" in body and not isinstance(body["avecSignature"], bool | None):
        raise business(codes.INVALID_PARAMETER, field="avecSignature")
    try:
        data = base64.b64decode(content or "", validate=True)
    except (binascii.Error, ValueError):
        raise business(codes.INVALID_PARAMETER, field="fichierFlux") from None
    if not data:
        raise business(codes.INVALID_PARAMETER, field="fichierFlux")
    if len(data) > world.config.max_flow_bytes:
        raise business(codes.FILE_TOO_LARGE)
    numero, interface = world.new_flow_number(syntaxe or "")
    flow = Flow(
        numero=numero,
        nom_fichier=name or "",
        syntaxe=syntaxe or "",
        interface=interface,
        deposited_at=call.now,
        depositor=call.account.login,
        data=data,
        state_at=call.now,
    )
    world.add_flow(flow)
    return ok(numeroFluxDepot=numero, dateDepot=day(call.now), syntaxeFlux=syntaxe)


def _supplier_invoices(call: Call) -> list[Invoice]:
    return [
        i for i in call.world.invoices.values() if call.account.may(i.supplier.siret, "FOURNISSEUR")
    ]


def rechercher_fournisseur(call: Call) -> tuple[int, dict[str, Any]]:
    body = call.body
    found = _supplier_invoices(call)
    if body.get("numeroFluxDepot"):
        found = [i for i in found if i.flow == body["numeroFluxDepot"]]
    if body.get("numeroFacture"):
        found = [i for i in found if i.number == body["numeroFacture"]]
    if body.get("idFournisseur"):
        found = [i for i in found if i.supplier.id == _int(call, "idFournisseur")]
    statuses = _statuses(body.get("statutCourant"))
    if statuses:
        found = [i for i in found if i.status in statuses]
    if body.get("typeFacture"):
        found = [i for i in found if i.type == body["typeFacture"]]
    if body.get("numeroBonCommande"):
        found = [i for i in found if i.engagement == body["numeroBonCommande"]]
    destinataires = body.get("listeDestinataire") or []
    wanted = {d.get("idDestinataire") for d in destinataires if isinstance(d, Mapping)}
    if wanted:
        found = [i for i in found if i.recipient.id in wanted]
    low, high = (
        _when(body.get("periodeDateDepotDu"), end=False),
        _when(body.get("periodeDateDepotAu"), end=True),
    )
    found = [i for i in found if _in(i.deposited_at, low, high)]
    low = _when(body.get("periodeDateHeureEtatCourantDu"), end=False)
    high = _when(body.get("periodeDateHeureEtatCourantAu"), end=True)
    found = [i for i in found if _in(i.status_at, low, high)]
    paging = body.get("rechercheFactureParFournisseur")
    chunk, meta = _page(_sort(found, paging), paging, 100)
    if not meta["total"]:
        return 200, {**codes.answer(codes.NO_RESULT), "listeFactures": [], "parametresRetour": meta}
    return ok(parametresRetour=meta, listeFactures=[views.supplier_row(i) for i in chunk])


def _invoice(call: Call, field: str) -> Invoice:
    ident = _int(call, field)
    invoice = call.world.invoices.get(ident or 0)
    if invoice is None:
        raise business(codes.UNKNOWN_INVOICE)
    return invoice


def _as_supplier(call: Call, invoice: Invoice) -> None:
    if not call.account.may(invoice.supplier.siret, "FOURNISSEUR"):
        raise _unattached(call, invoice.supplier)


def _as_recipient(call: Call, invoice: Invoice) -> None:
    if not call.account.may(invoice.recipient.siret, "DESTINATAIRE"):
        raise _unattached(call, invoice.recipient)
    if invoice.status in call.world.lifecycle.hidden_from_recipient:
        raise business(codes.UNKNOWN_INVOICE)


def consulter_fournisseur(call: Call) -> tuple[int, dict[str, Any]]:
    invoice = _invoice(call, "identifiantFactureCPP")
    _as_supplier(call, invoice)
    return ok(facture=views.invoice_sheet(invoice, supplier_side=True))


def consulter_historique(call: Call) -> tuple[int, dict[str, Any]]:
    invoice = _invoice(call, "idFacture")
    if not (
        call.account.may(invoice.supplier.siret, "FOURNISSEUR")
        or call.account.may(invoice.recipient.siret, "DESTINATAIRE")
    ):
        raise _unattached(call, invoice.supplier)
    return ok(**views.history(call.world, invoice))


def completer(call: Call) -> tuple[int, dict[str, Any]]:
    invoice = _invoice(call, "identifiantFactureCPP")
    _as_supplier(call, invoice)
    return _supplier_action(call, invoice, "completer", comment=call.body.get("commentaire"))


def recycler(call: Call) -> tuple[int, dict[str, Any]]:
    invoice = _invoice(call, "identifiantFactureCPP")
    _as_supplier(call, invoice)
    world = call.world
    target = world.lifecycle.supplier_action(invoice.status, "recycler")
    if target is None:
        raise business(codes.ACTION_REFUSED, status=invoice.status)
    destinataire = call.body.get("destinataire") or {}
    reference = call.body.get("reference") or {}
    if isinstance(destinataire, Mapping) and destinataire.get("codeDestinataire"):
        recipient = world.structures.get(str(destinataire["codeDestinataire"]))
        if recipient is None or not recipient.active or not recipient.public:
            raise business(codes.UNKNOWN_STRUCTURE)
        invoice.recipient = recipient
        invoice.service = None
    if isinstance(destinataire, Mapping) and destinataire.get("codeServiceExecutant"):
        service = invoice.recipient.service(str(destinataire["codeServiceExecutant"]))
        if service is None or not service.active:
            raise business(codes.UNKNOWN_SERVICE)
        invoice.service = service
    if isinstance(reference, Mapping) and reference.get("numeroBonCommande"):
        invoice.engagement = str(reference["numeroBonCommande"])
    world.set_status(
        invoice, target, call.now, comment=call.body.get("commentaire"), user=call.account.login
    )
    world.schedule_routing(invoice, call.now)
    return ok(
        identifiantFactureCPP=invoice.id,
        numeroFacture=invoice.number,
        statutFacture=invoice.status,
        dateDepot=day(invoice.deposited_at),
    )


def _supplier_action(
    call: Call, invoice: Invoice, action: str, comment: Any
) -> tuple[int, dict[str, Any]]:
    world = call.world
    target = world.lifecycle.supplier_action(invoice.status, action)
    if target is None:
        raise business(codes.ACTION_REFUSED, status=invoice.status)
    world.set_status(
        invoice,
        target,
        call.now,
        comment=comment if isinstance(comment, str) else None,
        user=call.account.login,
    )
    return ok(
        identifiantFactureCPP=invoice.id, numeroFacture=invoice.number, dateTraitement=day(call.now)
    )


def traiter_rejet(call: Call) -> tuple[int, dict[str, Any]]:
    demandes = call.body.get("listeDemandePaiement")
    if not isinstance(demandes, list) or not demandes:
        raise business(codes.INVALID_PARAMETER, field="listeDemandePaiement")
    targets = []
    for item in demandes:
        ident = item.get("idDemandePaiement") if isinstance(item, Mapping) else None
        invoice = call.world.invoices.get(int(ident)) if str(ident or "").isdigit() else None
        if invoice is None:
            raise business(codes.UNKNOWN_INVOICE)
        _as_supplier(call, invoice)
        if invoice.status != "REJETEE":
            raise business(codes.ACTION_REFUSED, status=invoice.status)
        targets.append(invoice)
    for invoice in targets:
        invoice.rejet_traite = True
        invoice.actions.append(
            UserAction(call.world.new_action_id(), "TRAITEMENT_REJET", call.now, call.account.login)
        )
    return ok()


# ---------------------------------------------------------------- recipient side


def _recipient_invoices(call: Call) -> list[Invoice]:
    hidden = call.world.lifecycle.hidden_from_recipient
    return [
        i
        for i in call.world.invoices.values()
        if call.account.may(i.recipient.siret, "DESTINATAIRE") and i.status not in hidden
    ]


def rechercher_recipiendaire(call: Call) -> tuple[int, dict[str, Any]]:
    body, world = call.body, call.world
    kind = body.get("typeDemandePaiement")
    if kind not in (None, "", "FACTURE", "FACTURE_TRAVAUX"):
        raise business(codes.INVALID_PARAMETER, field="typeDemandePaiement")
    found = [] if kind == "FACTURE_TRAVAUX" else _recipient_invoices(call)
    if body.get("idDestinataire"):
        ident = _int(call, "idDestinataire")
        structure = world.by_id.get(ident or 0)
        if structure is None:
            raise business(codes.UNKNOWN_STRUCTURE)
        if not call.account.may(structure.siret, "DESTINATAIRE"):
            raise _unattached(call, structure)
        found = [i for i in found if i.recipient.id == ident]
    if body.get("idServiceExecutant"):
        ident = _int(call, "idServiceExecutant")
        found = [i for i in found if i.service and i.service.id == ident]
    if body.get("numeroFacture"):
        found = [i for i in found if i.number == body["numeroFacture"]]
    statuses = _statuses(body.get("statutCourant"))
    if statuses:
        found = [i for i in found if i.status in statuses]
    if isinstance(body.get("factureTelechargeeParDestinataire"), bool):
        found = [i for i in found if i.downloaded == body["factureTelechargeeParDestinataire"]]
    types = body.get("listeTypeFacture")
    if types:
        found = [i for i in found if i.type in set(types)]
    suppliers = body.get("listeFournisseurs") or []
    wanted = {s.get("idFournisseur") for s in suppliers if isinstance(s, Mapping)}
    if wanted:
        found = [i for i in found if i.supplier.id in wanted]
    for field, attribute in (
        ("periodeDateDepot", "deposited_at"),
        ("periodeDateHeureEtatCourant", "status_at"),
    ):
        low, high = (
            _when(body.get(field + "Du"), end=False),
            _when(body.get(field + "Au"), end=True),
        )
        found = [i for i in found if _in(getattr(i, attribute), low, high)]
    low, high = body.get("periodeDateFactureDu"), body.get("periodeDateFactureAu")
    if low or high:
        lo = _when(low, end=False).date() if low else date.min
        hi = _when(high, end=True).date() if high else date.max
        found = [i for i in found if i.issue_date and lo <= i.issue_date <= hi]
    paging = body.get("paramRecherche")
    chunk, meta = _page(_sort(found, paging), paging, 100)
    if not meta["total"]:
        empty: dict[str, Any] = {**codes.answer(codes.NO_RESULT), "listeFactures": []}
        if world.config.null_paging_when_empty:
            empty.update(
                pageCourante=None,
                pages=None,
                nbResultatsParPage=meta["nbResultatsParPage"],
                total=0,
            )
        else:
            empty.update(meta)
        return 200, empty
    return ok(listeFactures=[views.recipient_row(i) for i in chunk], **meta)


def consulter_recipiendaire(call: Call) -> tuple[int, dict[str, Any]]:
    invoice = _invoice(call, "identifiantFactureCPP")
    _as_recipient(call, invoice)
    return ok(facture=views.invoice_sheet(invoice, supplier_side=False))


def telecharger_groupe(call: Call) -> tuple[int, dict[str, Any]]:
    world = call.world
    liste = call.body.get("listeFacture")
    if not isinstance(liste, list) or not liste:
        raise business(codes.INVALID_PARAMETER, field="listeFacture")
    fmt = str(call.body.get("format") or "PDF").upper()
    if fmt not in ("PDF", "PIVOT", "XML"):
        raise business(codes.INVALID_PARAMETER, field="format")
    invoices = []
    for item in liste:
        ident = item.get("idFacture") if isinstance(item, Mapping) else None
        invoice = world.invoices.get(int(ident)) if str(ident or "").isdigit() else None
        if invoice is None:
            raise business(codes.UNKNOWN_INVOICE)
        _as_recipient(call, invoice)
        invoices.append(invoice)
    files = []
    for invoice in invoices:
        if fmt == "PDF":
            files.append((f"{invoice.id}_{invoice.number}.pdf", views.rendition(invoice)))
        elif fmt == "PIVOT":
            files.append((f"{invoice.id}_{invoice.number}_pivot.xml", views.pivot(world, invoice)))
        else:
            files.append((f"{invoice.id}_{invoice.number}.xml", invoice.xml))
    content = files[0][1] if len(files) == 1 else views.bundle(files)
    if len(content) > world.config.max_download_bytes:
        raise Answer(
            413, {"codeRetour": 413, "libelle": "Taille du téléchargement supérieure à 120 Mo."}
        )
    for invoice in invoices:
        invoice.downloaded = True
        invoice.actions.append(
            UserAction(
                world.new_action_id(), "TELECHARGEMENT_FACTURE", call.now, call.account.login
            )
        )
    return ok(fichierResultat=base64.b64encode(content).decode("ascii"))


def traiter_recue(call: Call) -> tuple[int, dict[str, Any]]:
    world, body = call.world, call.body
    invoice = _invoice(call, "idFacture")
    _as_recipient(call, invoice)
    target = _str(call, "nouveauStatut")
    motif = body.get("motif")
    motif = motif.strip() if isinstance(motif, str) else None
    mandate = body.get("numeroDPMandat")
    if target in world.lifecycle.motif_required and not motif:
        raise business(codes.MOTIF_REQUIRED, status=target)
    if mandate and target not in world.lifecycle.mandate_number_only_with:
        raise business(codes.MANDATE_NOT_ALLOWED)
    if not world.lifecycle.recipient_may(invoice.status, target or ""):
        raise business(codes.ILLEGAL_TRANSITION)
    if motif:
        motif = motif[: world.lifecycle.motif_max_length]
    if mandate:
        invoice.mandate_number = str(mandate)
    world.set_status(invoice, target or "", call.now, comment=motif, user=call.account.login)
    return ok(
        idFacture=invoice.id,
        numeroFacture=invoice.number,
        dateTraitement=day(call.now),
        nouveauStatut=target,
    )


# ---------------------------------------------------------------- transverses


def _flow(call: Call) -> Flow:
    numero = _str(call, "numeroFluxDepot")
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
    current = _str(call, "statutCourant")
    targets = call.world.lifecycle.recipient_targets(current or "")
    listed = [current, *targets] if targets else []
    return ok(
        listeStatutsPossiblesPourTraitement=[{"statutPossiblePourTraitement": s} for s in listed]
    )


def _active_structures(call: Call, role: str) -> tuple[int, dict[str, Any]]:
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
    criteria = call.body.get("structure") if isinstance(call.body.get("structure"), Mapping) else {}
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
    chunk, meta = _page(found, call.body.get("parametres"), 10)
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
            ident = _int(call, name)
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
    chunk, meta = _page(rows, call.body.get("parametresRechercherServicesStructure"), 10)
    if not meta["total"]:
        return 200, {**codes.answer(codes.NO_RESULT), "listeServices": [], "parametresRetour": meta}
    return ok(listeServices=chunk, parametresRetour=meta)


def structures_service(call: Call) -> tuple[int, dict[str, Any]]:
    structure = _structure(call, "idStructure", "idStructureCPP")
    service = structure.service_by_id(_int(call, "idService"))
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
    chunk, meta = _page(rows, body.get("parametres"), 100)
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
    chunk, meta = _page(rows, call.body.get("parametresRecherche"), 100)
    return ok(listeStructureRattachement=chunk, parametresRetour=meta)


#: path (after ``/cpro/``) -> handler.  Every one is a POST with a JSON body.
ROUTES: dict[str, Handler] = {
    "factures/v1/deposer/flux": deposer_flux,
    "factures/v1/rechercher/fournisseur": rechercher_fournisseur,
    "factures/v1/consulter/fournisseur": consulter_fournisseur,
    "factures/v1/consulter/historique": consulter_historique,
    "factures/v1/completer": completer,
    "factures/v1/recycler": recycler,
    "factures/v1/traiterRejet": traiter_rejet,
    "factures/v1/rechercher/recipiendaire": rechercher_recipiendaire,
    "factures/v1/consulter/recipiendaire": consulter_recipiendaire,
    "factures/v1/telecharger/groupe": telecharger_groupe,
    "factures/v1/traiter/recue": traiter_recue,
    "transverses/v1/consulterCRDetaille": consulter_cr_detaille,
    "transverses/v1/consulterCR": consulter_cr,
    "transverses/v1/recuperer/etats/traitement": etats_traitement,
    "transverses/v1/recuperer/structures/actives/destinataire": lambda c: _active_structures(
        c, "DESTINATAIRE"
    ),
    "transverses/v1/recuperer/structures/actives/fournisseur": lambda c: _active_structures(
        c, "FOURNISSEUR"
    ),
    "transverses/v1/recuperer/tauxtva": taux_tva,
    "structures/v1/rechercher": structures_rechercher,
    "structures/v1/consulter": structures_consulter,
    "structures/v1/rechercher/services": structures_services,
    "structures/v1/consulter/service": structures_service,
    "engagementsJuridiques/v1/rechercher": engagements_rechercher,
    "utilisateurs/v1/monCompte/recuperer/rattachements": rattachements,
}
#: The one GET of the API (answer shape of API.md 5.8).
HEALTH = "transverses/v1/health-check"

__all__ = ["FLOW_WAITING", "HEALTH", "ROUTES", "Answer", "Call", "minute"]
