"""The supplier side of ``factures``: deposit, search, history, and the supplier actions."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from emulators.chorus import codes, views
from emulators.chorus.api.common import (
    SYNTAXES,
    Call,
    business,
    check_supplier,
    find_invoice,
    int_param,
    ok,
    paginate,
    search_bound,
    sort_invoices,
    status_filter,
    str_param,
    unattached,
    within,
)
from emulators.chorus.clock import day
from emulators.chorus.entities import Flow, Invoice, UserAction

# ---------------------------------------------------------------- supplier side


def deposer_flux(call: Call) -> tuple[int, dict[str, Any]]:
    world, body = call.world, call.body
    content = str_param(call, "fichierFlux")
    name = str_param(call, "nomFichier")
    syntaxe = str_param(call, "syntaxeFlux")
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
        found = [i for i in found if i.supplier.id == int_param(call, "idFournisseur")]
    statuses = status_filter(body.get("statutCourant"))
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
        search_bound(body.get("periodeDateDepotDu"), end=False),
        search_bound(body.get("periodeDateDepotAu"), end=True),
    )
    found = [i for i in found if within(i.deposited_at, low, high)]
    low = search_bound(body.get("periodeDateHeureEtatCourantDu"), end=False)
    high = search_bound(body.get("periodeDateHeureEtatCourantAu"), end=True)
    found = [i for i in found if within(i.status_at, low, high)]
    paging = body.get("rechercheFactureParFournisseur")
    chunk, meta = paginate(sort_invoices(found, paging), paging, 100)
    if not meta["total"]:
        return 200, {**codes.answer(codes.NO_RESULT), "listeFactures": [], "parametresRetour": meta}
    return ok(parametresRetour=meta, listeFactures=[views.supplier_row(i) for i in chunk])


def consulter_fournisseur(call: Call) -> tuple[int, dict[str, Any]]:
    invoice = find_invoice(call, "identifiantFactureCPP")
    check_supplier(call, invoice)
    return ok(facture=views.invoice_sheet(invoice, supplier_side=True))


def consulter_historique(call: Call) -> tuple[int, dict[str, Any]]:
    invoice = find_invoice(call, "idFacture")
    if not (
        call.account.may(invoice.supplier.siret, "FOURNISSEUR")
        or call.account.may(invoice.recipient.siret, "DESTINATAIRE")
    ):
        raise unattached(call, invoice.supplier)
    return ok(**views.history(call.world, invoice))


def completer(call: Call) -> tuple[int, dict[str, Any]]:
    invoice = find_invoice(call, "identifiantFactureCPP")
    check_supplier(call, invoice)
    return _supplier_action(call, invoice, "completer", comment=call.body.get("commentaire"))


def recycler(call: Call) -> tuple[int, dict[str, Any]]:
    invoice = find_invoice(call, "identifiantFactureCPP")
    check_supplier(call, invoice)
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
        invoice = call.world.invoices.get(int(str(ident))) if str(ident or "").isdigit() else None
        if invoice is None:
            raise business(codes.UNKNOWN_INVOICE)
        check_supplier(call, invoice)
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
