"""The ``facturesTravaux`` API: the works invoices a structure sees in its role.

No Swagger of this API is published beside the ``factures`` one; the request and the
answer follow the AIFE example ("rechercherFactureTravaux") and Pastell's client
(API.md [PST-WRAP]): ``roleUtilisateur``, paging in ``rechercheFactureTravaux``,
answer ``listeFacturesTravaux`` with ``parametresRetour``, 20007 when empty.
"""

from __future__ import annotations

from typing import Any

from emulators.chorus import codes
from emulators.chorus.api.common import (
    Call,
    business,
    int_param,
    ok,
    paginate,
    search_bound,
    sort_invoices,
    status_filter,
    within,
)
from emulators.chorus.entities import Invoice
from emulators.chorus.works import DEMAND_TYPE, works_row

ROLES = ("MOA", "MOE", "FOURNISSEUR")


def _visible(call: Call, role: str) -> list[Invoice]:
    hidden = call.world.lifecycle.hidden_from_recipient
    account = call.account
    found = []
    for invoice in call.world.invoices.values():
        if invoice.demand_type != DEMAND_TYPE:
            continue
        if role == "FOURNISSEUR":
            if account.may(invoice.supplier.siret, "FOURNISSEUR"):
                found.append(invoice)
        elif role == "MOE":
            if invoice.moe is not None and account.may(invoice.moe.siret, "DESTINATAIRE"):
                found.append(invoice)
        elif account.may(invoice.recipient.siret, "DESTINATAIRE") and invoice.status not in hidden:
            found.append(invoice)
    return found


def rechercher(call: Call) -> tuple[int, dict[str, Any]]:
    body = call.body
    role = body.get("roleUtilisateur")
    if role not in ROLES:
        raise business(codes.INVALID_PARAMETER, field="roleUtilisateur")
    found = _visible(call, str(role))
    if body.get("idDestinataire"):
        ident = int_param(call, "idDestinataire")
        found = [i for i in found if i.recipient.id == ident]
    if body.get("idServiceExecutant"):
        ident = int_param(call, "idServiceExecutant")
        found = [i for i in found if i.service and i.service.id == ident]
    if body.get("numeroFactureTravaux"):
        found = [i for i in found if i.number == body["numeroFactureTravaux"]]
    statuses = status_filter(body.get("listeStatutCourant"))
    if statuses:
        found = [i for i in found if i.status in statuses]
    types = body.get("listeTypeFactureTravaux")
    if types:
        found = [i for i in found if i.works_type in set(types)]
    if isinstance(body.get("flagTelecharge"), bool):
        found = [i for i in found if i.downloaded == body["flagTelecharge"]]
    for field, attribute in (
        ("periodeDateDepot", "deposited_at"),
        ("periodeDateHeureEtatCourant", "status_at"),
    ):
        low = search_bound(body.get(field + "Du"), end=False)
        high = search_bound(body.get(field + "Au"), end=True)
        found = [i for i in found if within(getattr(i, attribute), low, high)]
    paging = body.get("rechercheFactureTravaux")
    cap = call.world.config.max_search_results
    chunk, meta = paginate(sort_invoices(found, paging), paging, 100, cap=cap)
    if not meta["total"]:
        no_result = codes.answer(codes.WORKS_NO_RESULT)
        return 200, {**no_result, "listeFacturesTravaux": [], "parametresRetour": meta}
    return ok(parametresRetour=meta, listeFacturesTravaux=[works_row(i) for i in chunk])
