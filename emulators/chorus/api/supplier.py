"""The supplier side of ``factures``: deposit, search, history, and the supplier actions."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from emulators.chorus import codes, views
from emulators.chorus.api.common import (
    SYNTAXES,
    Answer,
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
from emulators.chorus.demand import Demand
from emulators.chorus.entities import Attachment, Flow, Invoice, UserAction
from emulators.chorus.integration import check, create_invoice, existing_keys

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
    pieces = call.body.get("pieceJointeComplementaire") or []
    if not isinstance(pieces, list):
        raise business(codes.INVALID_PARAMETER, field="pieceJointeComplementaire")
    uploads = []
    for piece in pieces:
        ident = piece.get("pieceJointeComplementaireId") if isinstance(piece, Mapping) else None
        upload = call.world.attachments.get(int(str(ident))) if str(ident or "").isdigit() else None
        if upload is None or upload["login"] != call.account.login:
            raise business(codes.INVALID_PARAMETER, field="pieceJointeComplementaireId")
        uploads.append((int(str(ident)), upload))
    answer = _supplier_action(call, invoice, "completer", comment=call.body.get("commentaire"))
    for ident, upload in uploads:  # joined only once the action is accepted
        mime = str(upload.get("mime") or "application/octet-stream")
        invoice.attachments.append(Attachment(ident, str(upload["name"]), mime, upload["data"]))
        del call.world.attachments[ident]
    return answer


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


# ---------------------------------------------------------------- plain PDF deposits
#: ``formatDepot`` of ``deposer/pdf`` and the ``modeDepot`` of ``soumettre`` they lead to.
PDF_FORMATS = ("PDF_NON_SIGNE", "PDF_SIGNE_PADES", "PDF_SIGNE_XADES")
PDF_MODES = ("DEPOT_PDF_API", "DEPOT_PDF_SIGNE_API")
TYPES_FACTURE = {"FACTURE": "380", "AVOIR": "381"}


def _upload(call: Call, content: str | None, name: str | None, *, pdf: bool) -> int:
    """Keep a file the account uploaded until an invoice names it (its ``pieceJointeId``)."""
    try:
        data = base64.b64decode(content or "", validate=True)
    except (binascii.Error, ValueError):
        raise business(codes.INVALID_PARAMETER, field="fichier") from None
    if not data or (pdf and not data.startswith(b"%PDF-")):
        raise business(codes.INVALID_PARAMETER, field="fichier")
    if len(data) > call.world.config.max_flow_bytes:
        raise business(codes.FILE_TOO_LARGE)
    ident = call.world.new_attachment_id()
    call.world.attachments[ident] = {
        "name": name or f"{ident}.pdf",
        "data": data,
        "login": call.account.login,
    }
    return ident


def deposer_pdf(call: Call) -> tuple[int, dict[str, Any]]:
    """``deposer/pdf``: the PDF is kept; the platform's OCR reads nothing here, so every
    field it would have recognised comes back empty for the supplier to enter.

    Its official answer model (``WsRetourDeposerPdfFacture``, closed) has no
    ``codeRetour``: a success is exactly that model, a refusal an HTTP 400 carrying the
    code (the platform's answer to a request it refuses as a whole).
    """
    try:
        return _deposer_pdf(call)
    except Answer as refused:
        raise Answer(400, refused.body) from None


def _deposer_pdf(call: Call) -> tuple[int, dict[str, Any]]:
    fmt = str_param(call, "formatDepot", required=False) or "PDF_NON_SIGNE"
    if fmt not in PDF_FORMATS:
        raise business(codes.INVALID_PARAMETER, field="formatDepot")
    name = str_param(call, "nomFichier")
    ident = _upload(call, str_param(call, "fichierFacture"), name, pdf=True)
    return 200, dict(
        numeroFacture="",
        dateFacture="",
        codeDestinataire="",
        codeServiceExecutant="",
        codeFournisseur="",
        codeDeviseFacture="EUR",
        typeFacture="FACTURE",
        typeTva="TVA_SUR_DEBIT",
        numeroBonCommande="",
        montantTtcAvantRemiseGlobalTTC=0.0,
        montantAPayer=0.0,
        montantHtTotal=0.0,
        montantTVA=0.0,
        pieceJointeId=ident,
    )


def ajouter_fichier(call: Call) -> tuple[int, dict[str, Any]]:
    """``transverses/v1/ajouter/fichier``: a supporting document, for ``completer``."""
    name = str_param(call, "pieceJointeNom")
    if len(name or "") > 50:
        raise business(codes.INVALID_PARAMETER, field="pieceJointeNom")
    ident = _upload(call, str_param(call, "pieceJointeFichier"), name, pdf=False)
    call.world.attachments[ident]["mime"] = str(call.body.get("pieceJointeTypeMime") or "")
    return ok(pieceJointeId=ident)


def _section(call: Call, name: str) -> Mapping[str, Any]:
    value = call.body.get(name) or {}
    if not isinstance(value, Mapping):
        raise business(codes.INVALID_PARAMETER, field=name)
    return value


def _amount(section: Mapping[str, Any], name: str) -> Decimal | None:
    value = section.get(name)
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        raise business(codes.INVALID_PARAMETER, field=name) from None


def _principal(call: Call) -> tuple[int, dict[str, Any]]:
    """``pieceJointePrincipale``: an object in the Swagger, an array of one as real
    clients send it (API.md 2.9): both read."""
    value = call.body.get("pieceJointePrincipale")
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    ident = value.get("pieceJointePrincipaleId") if isinstance(value, Mapping) else None
    upload = call.world.attachments.get(int(str(ident))) if str(ident or "").isdigit() else None
    if upload is None or upload["login"] != call.account.login or "mime" in upload:
        raise business(codes.INVALID_PARAMETER, field="pieceJointePrincipale")
    return int(str(ident)), upload


def soumettre(call: Call) -> tuple[int, dict[str, Any]]:
    """``soumettre`` of a deposited PDF with the data the supplier entered.

    The invoice is judged by the very rules a flow's invoice meets (recipient, service,
    engagement, duplicates), and created at once (the call is synchronous): a refusal
    is a non-zero ``codeRetour`` whose ``libelle`` starts with the rule's code.
    """
    mode = str_param(call, "modeDepot")
    if mode not in PDF_MODES:
        raise business(codes.INVALID_PARAMETER, field="modeDepot")
    number = str_param(call, "numeroFactureSaisi")
    raw_date = str_param(call, "dateFacture") or ""
    try:
        issue = date.fromisoformat(raw_date[:10])
    except ValueError:
        raise business(codes.INVALID_PARAMETER, field="dateFacture") from None
    supplier_part = _section(call, "fournisseur")
    supplier = call.world.by_id.get(int(str(supplier_part.get("idFournisseur") or 0) or 0))
    if supplier is None:
        raise business(codes.UNKNOWN_STRUCTURE)
    if not call.account.may(supplier.siret, "FOURNISSEUR"):
        raise unattached(call, supplier)
    recipient = _section(call, "destinataire")
    references = _section(call, "references")
    totals = _section(call, "montantTotal")
    cadre = _section(call, "cadreDeFacturation").get("codeCadreFacturation")
    type_facture = str(references.get("typeFacture") or "FACTURE")
    if type_facture not in TYPES_FACTURE:
        raise business(codes.INVALID_PARAMETER, field="typeFacture")
    ident, upload = _principal(call)
    demand = Demand(
        member=str(upload["name"]),
        syntax="facturx",
        original=upload["data"],
        xml=b"",
        number=number,
        issue_date=issue,
        type_code=TYPES_FACTURE[type_facture],
        currency=str(references.get("deviseFacture") or "EUR"),
        supplier_id=supplier.siret,
        supplier_name=supplier.designation,
        recipient_id=str(recipient.get("codeDestinataire") or "") or None,
        service_code=str(recipient.get("codeServiceExecutant") or "") or None,
        engagement=str(references.get("numeroBonCommande") or "") or None,
        contract=str(references.get("numeroMarche") or "") or None,
        framework=str(cadre) if cadre else None,
        preceding=str(references.get("numeroFactureOrigine") or "") or None,
        total_ht=_amount(totals, "montantHtTotal"),
        total_vat=_amount(totals, "montantTVA"),
        total_ttc=_amount(totals, "montantTtcTotal"),
        payable=_amount(totals, "montantAPayer"),
    )
    errors = check(call.world, demand, call.account.login, existing_keys(call.world))
    if errors:
        return 200, {"codeRetour": codes.INVALID_PARAMETER, "libelle": errors[0]["libelleErreurDP"]}
    invoice = create_invoice(call.world, demand, None, call.now, depositor=call.account.login)
    invoice.syntax, invoice.mode_depot = "pdf", mode or "DEPOT_PDF_API"
    invoice.comment = (
        call.body.get("commentaire") if isinstance(call.body.get("commentaire"), str) else None
    )
    del call.world.attachments[ident]
    return ok(
        identifiantFactureCPP=invoice.id,
        numeroFacture=invoice.number,
        statutFacture=invoice.status,
        dateDepot=day(invoice.deposited_at),
        identifiantStructure=supplier.siret,
    )


# ---------------------------------------------------------------- recipient side
