"""Integration of a deposited flow: the checks Chorus Pro applies, and their outcome.

A flow that cannot be read at all is ``IN_REJETE`` (or ``IN_INCIDENTE`` when configured)
with ``listeErreurTechnique``.  Otherwise each invoice ("DP") is checked on its own;
each failed rule becomes a ``listeErreurDP`` entry whose ``libelleErreurDP`` starts with
the rule's code (``DESTINATAIRE_INCONNU - ...``) so that a client can name the rule
without parsing prose.  All invoices accepted -> ``IN_INTEGRE``; some ->
``IN_INTEGRE_PARTIEL``; none -> ``IN_REJETE``.
"""

from __future__ import annotations

from datetime import datetime

from emulators.chorus import platform
from emulators.chorus.entities import CADRES, MODE_DEPOT, Flow, Invoice, Structure
from emulators.chorus.extract import ContainerError, Demand, read_flow
from emulators.chorus.world import World

#: Rule codes (kept stable: tests and clients key on them).
RULES = {
    "FOURNISSEUR_ABSENT": (
        "L'identifiant du fournisseur (SIRET, BT-30) est absent de la facture {number}."
    ),
    "FOURNISSEUR_INCONNU": (
        "L'identifiant fournisseur {supplier} de la demande de paiement n'est pas "
        "reference dans notre systeme."
    ),
    "FOURNISSEUR_NON_RATTACHE": (
        "Le compte technique {login} n'est pas rattaché au fournisseur {supplier}."
    ),
    "DESTINATAIRE_ABSENT": (
        "L'identifiant du destinataire (SIRET, BT-47) est absent de la facture {number}."
    ),
    "DESTINATAIRE_INCONNU": "Le destinataire {recipient} n'est pas reference dans notre systeme.",
    "DESTINATAIRE_INACTIF": "Le destinataire {recipient} n'est pas actif.",
    "DESTINATAIRE_PRIVE": "Le destinataire {recipient} n'est pas une structure publique.",
    "SERVICE_OBLIGATOIRE": "Le code service est obligatoire pour le destinataire {recipient}.",
    "SERVICE_INCONNU": "Le code service {service} n'existe pas pour le destinataire {recipient}.",
    "SERVICE_INACTIF": "Le service {service} du destinataire {recipient} n'est pas actif.",
    "SERVICE_FACTURES_PUBLIQUES": (
        "Le code service FACTURES_PUBLIQUES est réservé aux factures entre structures publiques."
    ),
    "ENGAGEMENT_OBLIGATOIRE": (
        "Le numéro d'engagement est obligatoire pour le destinataire {recipient}{where}."
    ),
    "SERVICE_OU_ENGAGEMENT_OBLIGATOIRE": (
        "Le code service ou le numéro d'engagement est obligatoire pour le destinataire "
        "{recipient}."
    ),
    "ENGAGEMENT_TROP_LONG": "Le numéro d'engagement dépasse 50 caractères.",
    "ENGAGEMENT_INCONNU": (
        "Le numéro d'engagement {engagement} est inconnu pour le destinataire {recipient}."
    ),
    "CADRE_INVALIDE": "Le cadre de facturation {cadre} est invalide.",
    "ELEMENT_OBLIGATOIRE": "L'element {element} est obligatoire.",
    "IBAN_OBLIGATOIRE": (
        "Le mode de paiement {means} (virement) impose les coordonnées bancaires (IBAN) "
        "du fournisseur."
    ),
    "DOUBLON": "La facture {number} du fournisseur {supplier} pour l'année {year} est en doublon.",
}
TRANSFER_CODES = platform.TRANSFER_CODES
TYPES = platform.TYPES


def _error(demand: Demand, rule: str, **params: object) -> dict[str, str]:
    values = {
        "number": demand.number or "?",
        "supplier": demand.supplier_id or "?",
        "recipient": demand.recipient_id or "?",
        "service": demand.service_code or "",
        "engagement": demand.engagement or "",
        **params,
    }
    return {
        "numeroDP": demand.number or "",
        "identifiantFournisseur": demand.supplier_id or "",
        "identifiantDestinataire": demand.recipient_id or "",
        "libelleErreurDP": f"{rule} - " + RULES[rule].format(**values),
    }


def cadre_of(demand: Demand) -> str | None:
    """The framework enum value (A1 when absent), or None when BT-23 is not a Chorus code."""
    raw = (demand.framework or "A1").strip()
    if raw in CADRES.values():
        return raw
    return CADRES.get(raw.upper())


def _duplicate_key(
    world: World, supplier: str | None, number: str | None, year: object, recipient: str | None
) -> tuple[object, ...] | None:
    parts = world.config.duplicate_key
    if not parts:
        return None
    values = {"supplier": supplier, "number": number, "year": year, "recipient": recipient}
    return tuple(values.get(p) for p in parts)


def check(
    world: World,
    demand: Demand,
    login: str | None,
    taken: set[tuple[object, ...]],
    *,
    check_attachment: bool = True,
) -> list[dict[str, str]]:
    """Every rule this invoice breaks (empty = it integrates).

    ``check_attachment`` is off only for invoices the emulator itself places on the
    recipient side (deposited "by the supplier's own account", which we do not model).
    """
    errors: list[dict[str, str]] = []
    account = world.accounts.get(login or "")
    for element, value in (
        ("NumeroFacture (BT-1)", demand.number),
        ("DateFacture (BT-2)", demand.issue_date),
        ("DeviseFacture (BT-5)", demand.currency),
        ("MontantTTC (BT-112)", demand.total_ttc),
        ("MontantAPayer (BT-115)", demand.payable),
    ):
        if value is None:
            errors.append(_error(demand, "ELEMENT_OBLIGATOIRE", element=element))
    supplier = world.structures.get(demand.supplier_id or "")
    if not demand.supplier_id:
        errors.append(_error(demand, "FOURNISSEUR_ABSENT"))
    elif supplier is None or not supplier.active:
        errors.append(_error(demand, "FOURNISSEUR_INCONNU"))
    elif check_attachment and (account is None or not account.may(supplier.siret, "FOURNISSEUR")):
        errors.append(_error(demand, "FOURNISSEUR_NON_RATTACHE", login=login))
    recipient = world.structures.get(demand.recipient_id or "")
    if not demand.recipient_id:
        errors.append(_error(demand, "DESTINATAIRE_ABSENT"))
    elif recipient is None:
        errors.append(_error(demand, "DESTINATAIRE_INCONNU"))
    elif not recipient.active:
        errors.append(_error(demand, "DESTINATAIRE_INACTIF"))
    elif not recipient.public:
        errors.append(_error(demand, "DESTINATAIRE_PRIVE"))
    else:
        errors.extend(_routing(world, demand, recipient, supplier))
    if cadre_of(demand) is None:
        errors.append(_error(demand, "CADRE_INVALIDE", cadre=demand.framework))
    refund = demand.type_code == platform.CREDIT_NOTE  # no payment mode on refunds
    if demand.payment_means in TRANSFER_CODES and not demand.iban and not refund:
        errors.append(_error(demand, "IBAN_OBLIGATOIRE", means=demand.payment_means))
    year = demand.issue_date.year if demand.issue_date else None
    key = _duplicate_key(world, demand.supplier_id, demand.number, year, demand.recipient_id)
    if key is not None and key in taken:
        errors.append(_error(demand, "DOUBLON", year=year or "?"))
    return errors


def _routing(
    world: World, demand: Demand, recipient: Structure, supplier: Structure | None
) -> list[dict[str, str]]:
    errors: list[dict[str, str]] = []
    service = recipient.service(demand.service_code) if demand.service_code else None
    if demand.service_code:
        if service is None:
            errors.append(_error(demand, "SERVICE_INCONNU"))
        elif not service.active:
            errors.append(_error(demand, "SERVICE_INACTIF"))
        elif service.code == "FACTURES_PUBLIQUES" and (supplier is None or not supplier.public):
            errors.append(_error(demand, "SERVICE_FACTURES_PUBLIQUES"))
    has_service = bool(demand.service_code) and service is not None
    has_engagement = bool(demand.engagement)
    if recipient.service_or_engagement:
        if not demand.service_code and not has_engagement:
            errors.append(_error(demand, "SERVICE_OU_ENGAGEMENT_OBLIGATOIRE"))
    else:
        if recipient.requires_service and not demand.service_code:
            errors.append(_error(demand, "SERVICE_OBLIGATOIRE"))
        if recipient.requires_engagement and not has_engagement:
            errors.append(_error(demand, "ENGAGEMENT_OBLIGATOIRE", where=""))
    if (
        service is not None
        and has_service
        and service.engagement
        and not has_engagement
        and not recipient.requires_engagement
    ):
        errors.append(_error(demand, "ENGAGEMENT_OBLIGATOIRE", where=f" (service {service.code})"))
    if has_engagement and len(demand.engagement or "") > platform.MAX_ENGAGEMENT:
        errors.append(_error(demand, "ENGAGEMENT_TROP_LONG"))
    if (
        has_engagement
        and world.config.check_engagement_exists
        and not any(
            e.numero == demand.engagement and e.buyer == recipient.siret for e in world.engagements
        )
    ):
        errors.append(_error(demand, "ENGAGEMENT_INCONNU"))
    return errors


def existing_keys(world: World) -> set[tuple[object, ...]]:
    keys = set()
    for invoice in world.invoices.values():
        year = invoice.issue_date.year if invoice.issue_date else None
        key = _duplicate_key(
            world, invoice.supplier.siret, invoice.number, year, invoice.recipient.siret
        )
        if key is not None:
            keys.add(key)
    return keys


def integrate(world: World, flow: Flow, at: datetime) -> None:
    """Run the integration of ``flow`` as of ``at`` and record the outcome on it."""
    failure_state = world.config.container_failure_state
    try:
        members = read_flow(flow.data, flow.nom_fichier, flow.syntaxe)
    except ContainerError as exc:
        flow.errors_tech = [
            {"codeErreur": exc.code, "libelleErreur": exc.message, "natureErreur": "TECHNIQUE"}
        ]
        flow.state, flow.state_at = failure_state, at
        return
    taken = existing_keys(world)
    accepted = 0
    for member in members:
        if isinstance(member, ContainerError):
            flow.errors_tech.append(
                {
                    "codeErreur": member.code,
                    "libelleErreur": member.message,
                    "natureErreur": "TECHNIQUE",
                }
            )
            continue
        errors = check(world, member, flow.depositor, taken)
        if errors:
            flow.errors_dp.extend(errors)
            continue
        invoice = create_invoice(world, member, flow, at)
        year = member.issue_date.year if member.issue_date else None
        key = _duplicate_key(world, member.supplier_id, member.number, year, member.recipient_id)
        if key is not None:
            taken.add(key)
        flow.invoices.append(invoice.id)
        accepted += 1
    rejected = len(flow.errors_dp) > 0 or len(flow.errors_tech) > 0
    if accepted == 0:
        only_technical = not flow.errors_dp and flow.errors_tech
        flow.state = failure_state if only_technical else platform.FLOW_REJECTED
    else:
        flow.state = platform.FLOW_PARTIAL if rejected else platform.FLOW_INTEGRATED
    flow.state_at = at


def create_invoice(
    world: World, demand: Demand, flow: Flow | None, at: datetime, *, depositor: str | None = None
) -> Invoice:
    supplier = world.structures[demand.supplier_id or ""]
    recipient = world.structures[demand.recipient_id or ""]
    invoice = Invoice(
        id=world.new_invoice_id(),
        number=demand.number or "",
        supplier=supplier,
        recipient=recipient,
        service=recipient.service(demand.service_code),
        engagement=demand.engagement,
        cadre=cadre_of(demand) or "A1_FACTURE_FOURNISSEUR",
        type=TYPES.get(demand.type_code or "380", "FACTURE"),
        issue_date=demand.issue_date,
        deposited_at=flow.deposited_at if flow else at,
        currency=demand.currency or "EUR",
        total_ht=demand.total_ht,
        total_vat=demand.total_vat,
        total_ttc=demand.total_ttc,
        payable=demand.payable,
        original=demand.original,
        original_name=demand.member,
        syntax=demand.syntax,
        xml=demand.xml,
        flow=flow.numero if flow else None,
        depositor=flow.depositor if flow else depositor,
        mode_depot=MODE_DEPOT[demand.syntax],
        contract=demand.contract,
        preceding=demand.preceding,
        due_date=demand.due_date,
        payment_means=demand.payment_means,
        iban=demand.iban,
        lines=list(demand.lines),
        vat=list(demand.vat),
    )
    world.invoices[invoice.id] = invoice
    world.set_status(invoice, "DEPOSEE", at)
    world.schedule_routing(invoice, at)
    return invoice
