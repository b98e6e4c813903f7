"""The recipient side of ``factures``: search, consult, download and process received invoices."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import date
from typing import Any

from emulators.chorus import codes, views
from emulators.chorus.api.common import (
    Answer,
    Call,
    business,
    check_recipient,
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
from emulators.chorus.entities import Invoice, UserAction


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
    found = [i for i in _recipient_invoices(call) if i.demand_type == (kind or "FACTURE")]
    if body.get("idDestinataire"):
        ident = int_param(call, "idDestinataire")
        structure = world.by_id.get(ident or 0)
        if structure is None:
            raise business(codes.UNKNOWN_STRUCTURE)
        if not call.account.may(structure.siret, "DESTINATAIRE"):
            raise unattached(call, structure)
        found = [i for i in found if i.recipient.id == ident]
    if body.get("idServiceExecutant"):
        ident = int_param(call, "idServiceExecutant")
        found = [i for i in found if i.service and i.service.id == ident]
    if body.get("numeroFacture"):
        found = [i for i in found if i.number == body["numeroFacture"]]
    statuses = status_filter(body.get("statutCourant"))
    if statuses:
        found = [i for i in found if i.status in statuses]
    if isinstance(body.get("factureTelechargeeParDestinataire"), bool):
        found = [i for i in found if i.downloaded == body["factureTelechargeeParDestinataire"]]
    types = body.get("listeTypeFacture")
    if types:
        found = [i for i in found if i.type in set(types)]
    works_types = body.get("listeTypeFactureTravaux")
    if works_types:
        found = [i for i in found if i.works_type in set(works_types)]
    suppliers = body.get("listeFournisseurs") or []
    wanted = {s.get("idFournisseur") for s in suppliers if isinstance(s, Mapping)}
    if wanted:
        found = [i for i in found if i.supplier.id in wanted]
    for field, attribute in (
        ("periodeDateDepot", "deposited_at"),
        ("periodeDateHeureEtatCourant", "status_at"),
    ):
        low, high = (
            search_bound(body.get(field + "Du"), end=False),
            search_bound(body.get(field + "Au"), end=True),
        )
        found = [i for i in found if within(getattr(i, attribute), low, high)]
    low, high = body.get("periodeDateFactureDu"), body.get("periodeDateFactureAu")
    if low or high:
        start, end = search_bound(low, end=False), search_bound(high, end=True)
        lo = start.date() if start else date.min
        hi = end.date() if end else date.max
        found = [i for i in found if i.issue_date and lo <= i.issue_date <= hi]
    paging = body.get("paramRecherche")
    cap = world.config.max_search_results
    chunk, meta = paginate(sort_invoices(found, paging), paging, 100, cap=cap)
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
    invoice = find_invoice(call, "identifiantFactureCPP")
    check_recipient(call, invoice)
    return ok(facture=views.invoice_sheet(invoice, supplier_side=False))


def telecharger_groupe(call: Call) -> tuple[int, dict[str, Any]]:
    world = call.world
    liste = call.body.get("listeFacture")
    if not isinstance(liste, list) or not liste:
        raise business(codes.INVALID_PARAMETER, field="listeFacture")
    fmt = str(call.body.get("format") or "PDF").upper()
    if fmt not in ("PDF", "PIVOT", "XML"):
        raise business(codes.INVALID_PARAMETER, field="format")
    joined = call.body.get("avecPiecesJointesComplementaires")
    if joined not in (None, "", "OUI", "NON"):
        raise business(codes.INVALID_PARAMETER, field="avecPiecesJointesComplementaires")
    with_attachments = joined == "OUI"
    invoices = []
    for item in liste:
        ident = item.get("idFacture") if isinstance(item, Mapping) else None
        invoice = world.invoices.get(int(str(ident))) if str(ident or "").isdigit() else None
        if invoice is None:
            raise business(codes.UNKNOWN_INVOICE)
        check_recipient(call, invoice)
        invoices.append(invoice)
    files = []
    for invoice in invoices:
        if fmt == "PDF":
            files.append((f"{invoice.id}_{invoice.number}.pdf", views.rendition(invoice)))
        elif fmt == "PIVOT":
            # The supporting documents travel inside the pivot, as PJ of type 02.
            pivot = views.pivot(world, invoice, with_attachments=with_attachments)
            files.append((f"{invoice.id}_{invoice.number}_pivot.xml", pivot))
        else:
            files.append((f"{invoice.id}_{invoice.number}.xml", invoice.xml))
        if with_attachments and fmt != "PIVOT":
            files += [(f"{invoice.id}_{pj.name}", pj.data) for pj in invoice.attachments]
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
    invoice = find_invoice(call, "idFacture")
    check_recipient(call, invoice)
    target = str_param(call, "nouveauStatut")
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
