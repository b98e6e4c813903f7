"""How the platform shows its objects: search rows, invoice sheets, histories, files.

Field names, nesting and date shapes follow the official Swagger and the observed
answers (API.md 3.2, 3.3, 5.3): the same invoice id is ``identifiantFactureCPP`` on the
supplier side and ``idFacture`` elsewhere; dates are ``YYYY-MM-DD`` in invoice fields,
``YYYY-MM-DD HH:MM`` in histories, ISO with milliseconds for the current-state stamp.
"""

from __future__ import annotations

import base64
import io
import zipfile
from decimal import Decimal
from typing import Any

from lxml import etree

from emulators.chorus import platform
from emulators.chorus.clock import day, iso_ms, minute
from emulators.chorus.entities import Invoice, Structure
from emulators.chorus.world import World

STATUS_NUMBERS = {
    "DEPOSEE": "01",
    "EN_COURS_ACHEMINEMENT": "02",
    "MISE_A_DISPOSITION": "03",
    "A_RECYCLER": "04",
    "REJETEE": "05",
    "SUSPENDUE": "06",
    "SERVICE_FAIT": "07",
    "MANDATEE": "08",
    "MISE_A_DISPOSITION_COMPTABLE": "09",
    "COMPTABILISEE": "10",
    "MISE_EN_PAIEMENT": "11",
    "COMPLETEE": "12",
}
TYPE_CODES = platform.PIVOT_TYPES


def money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


def _common_row(invoice: Invoice) -> dict[str, Any]:
    service = invoice.service
    return {
        "numeroFacture": invoice.number,
        "statut": invoice.status,
        "dateHeureEtatCourant": iso_ms(invoice.status_at) if invoice.status_at else None,
        "commentaireEtatCourant": invoice.comment,
        "typeDemandePaiement": invoice.demand_type,
        "typeFacture": invoice.type,
        "dateFacture": day_of(invoice),
        "dateDepot": day(invoice.deposited_at),
        "montantHT": money(invoice.total_ht),
        "montantTTC": money(invoice.total_ttc),
        "montantAPayer": money(invoice.payable),
        "devise": invoice.currency,
        "codeFournisseur": invoice.supplier.siret,
        "typeIdentifiantFournisseur": "SIRET",
        "designationFournisseur": invoice.supplier.designation,
        "idDestinataire": invoice.recipient.id,
        "codeDestinataire": invoice.recipient.siret,
        "designationDestinataire": invoice.recipient.designation,
        "idServiceExecutant": service.id if service else None,
        "codeServiceExecutant": service.code if service else None,
        "nomServiceExecutant": service.libelle if service else None,
        "numeroMarche": invoice.contract,
        "numeroBonCommande": invoice.engagement,
        "taille": len(invoice.original),
    }


def day_of(invoice: Invoice) -> str | None:
    return invoice.issue_date.isoformat() if invoice.issue_date else None


def supplier_row(invoice: Invoice) -> dict[str, Any]:
    row = _common_row(invoice)
    row.update(
        {
            "identifiantFactureCPP": invoice.id,
            "numeroFluxDepot": invoice.flow,
            "numeroFactureOrigine": invoice.preceding,
            "modeDepot": invoice.mode_depot,
            "rejetTraite": invoice.rejet_traite,
        }
    )
    return _drop_none(row)


def recipient_row(invoice: Invoice) -> dict[str, Any]:
    row = _common_row(invoice)
    row.update({"idFacture": invoice.id, "factureTelechargeeParDestinataire": invoice.downloaded})
    if invoice.demand_type == "FACTURE_TRAVAUX":
        row["typeFactureTravaux"] = invoice.works_type
        if invoice.moe is not None:
            row.update(
                codeMOE=invoice.moe.siret,
                typeIdentifiantMOE="SIRET",
                designationMOE=invoice.moe.designation,
            )
        row.update(
            codeMOA=invoice.recipient.siret,
            typeIdentifiantMOA="SIRET",
            designationMOA=invoice.recipient.designation,
        )
    return _drop_none(row)


def _address(structure: Structure, prefix: str) -> dict[str, Any]:
    address = structure.address
    return {
        f"adresse{prefix}Detail": address.get("adresse"),
        f"adresse{prefix}CodePostal": address.get("codePostal"),
        f"adresse{prefix}Ville": address.get("ville"),
        f"adresse{prefix}CodePays": address.get("pays", "FR"),
    }


def invoice_sheet(invoice: Invoice, *, supplier_side: bool) -> dict[str, Any]:
    """The ``facture`` object of ``consulter/fournisseur`` and ``consulter/recipiendaire``."""
    service = invoice.service
    recipient = {
        "idDestinataire": invoice.recipient.id,
        "codeDestinataire": invoice.recipient.siret,
        "libelleDestinataire": invoice.recipient.designation,
        "idServiceExecutant": service.id if service else None,
        "codeServiceExecutant": service.code if service else None,
        "libelleServiceExecutant": service.libelle if service else None,
        **_address(invoice.recipient, "Destinataire"),
    }
    if supplier_side:
        recipient["miseEnPaiementDestinataire"] = not invoice.recipient.paiement_non_remonte
    else:
        recipient["destinataireEtat"] = "NON"
    supplier = {
        "idFournisseur": invoice.supplier.id,
        "typeIdentifiantFournisseur": "SIRET",
        "codeFournisseur": invoice.supplier.siret,
        "designationFournisseur": invoice.supplier.designation,
        **_address(invoice.supplier, "Fournisseur"),
    }
    if supplier_side:  # only the supplier-side model (FournisseurFactureEmise) has it
        supplier["raisonSocialeFournisseur"] = invoice.supplier.designation
    if invoice.iban:
        supplier["coordBancairesFournisseurType"] = "IBAN"
        supplier["coordBancairesFournisseurCompteBancaire"] = invoice.iban
    lines = [
        _drop_none(
            {
                "lignePosteNumero": line.number,
                "lignePosteReference": line.reference,
                "lignePosteDenomination": line.name,
                "lignePosteQuantite": money(line.quantity),
                "lignePosteMontantUnitaireHT": money(line.unit_price),
                "lignePosteMontantHtApresRemise": money(line.net),
                "lignePosteTauxTvaManuel": money(line.vat_rate),
            }
        )
        for line in invoice.lines
    ]
    vat = [
        _drop_none(
            {
                "ligneTvaTauxManuel": money(v.rate),
                "ligneTvaMontantBaseHtParTaux": money(v.base),
                "ligneTvaMontantTvaParTaux": money(v.amount),
            }
        )
        for v in invoice.vat
    ]
    sheet = {
        "identifiantFactureCPP": invoice.id,
        "numeroFacture": invoice.number,
        "statutFacture": invoice.status,
        "modeDepot": invoice.mode_depot,
        "destinataire": _drop_none(recipient),
        "fournisseur": _drop_none(supplier),
        "cadreDeFacturation": {"codeCadreFacturation": invoice.cadre},
        "references": _drop_none(
            {
                "dateFacture": day_of(invoice),
                "dateDepot": day(invoice.deposited_at),
                "codeDeviseFacture": invoice.currency,
                "typeFacture": invoice.type,
                "typeTva": "TVA_SUR_DEBIT",
                "numeroMarche": invoice.contract,
                "numeroBonCommande": invoice.engagement,
                "numeroFactureOrigine": invoice.preceding,
                "modePaiement": (
                    "VIREMENT" if invoice.payment_means in platform.TRANSFER_CODES else None
                ),
                "dateEcheancePaiement": invoice.due_date.isoformat() if invoice.due_date else None,
                "numeroDpMandat": invoice.mandate_number,
            }
        ),
        "montantTotal": _drop_none(
            {
                "montantHtTotal": money(invoice.total_ht),
                "montantTVA": money(invoice.total_vat),
                "montantTtcTotal": money(invoice.total_ttc),
                "montantAPayer": money(invoice.payable),
            }
        ),
        "recapitulatifDeTva": {
            "ligneTva": vat,
            "pageCouranteLignesRecapitulativesTVA": 1,
            "pagesLignesRecapitulativesTVA": 1,
            "nbResultatsParPageLignesRecapitulativesTVA": max(len(vat), 1),
            "totalLignesRecapitulativesTVA": len(vat),
        },
        "lignesDePoste": {
            "lignePoste": lines,
            "pageCouranteLignesPoste": 1,
            "pagesLignesPoste": 1,
            "nbResultatsParPageLignesPoste": max(len(lines), 1),
            "totalLignesPoste": len(lines),
        },
        "commentaire": invoice.comment,
    }
    if supplier_side:
        sheet["rejetTraite"] = invoice.rejet_traite
    return _drop_none(sheet)


def history(world: World, invoice: Invoice) -> dict[str, Any]:
    """``consulter/historique``: newest first, as the platform returns it by default."""
    accounts = world.accounts
    statuses = []
    for entry in reversed(invoice.history):
        user = accounts.get(entry.user or "")
        statuses.append(
            _drop_none(
                {
                    "histoStatutId": entry.id,
                    "histoStatutCode": entry.code,
                    "histoStatutDatePassage": minute(entry.at),
                    "histoStatutCommentaire": entry.comment,
                    "histoStatutUtilisateurNom": user.nom if user else None,
                    "histoStatutUtilisateurPrenom": user.prenom if user else None,
                    "histoStatutUtilisateurEmail": user.email if user else None,
                }
            )
        )
    actions = [
        _drop_none(
            {
                "histoActionId": action.id,
                "histoActionCode": action.code,
                "histoActionDateHeure": minute(action.at),
                "histoActionUtilisateurNom": accounts[action.user].nom
                if action.user in accounts
                else None,
            }
        )
        for action in reversed(invoice.actions)
    ]
    answer: dict[str, Any] = {
        "idFacture": invoice.id,
        "numeroFacture": invoice.number,
        "modeDepot": invoice.mode_depot,
        "statutCourantCode": invoice.status,
        "historiquesDesStatuts": {
            "histoStatut": statuses,
            "pageCouranteHistoStatut": 1,
            "pagesHistoStatut": 1,
            "nbResultatsParPageHistoStatut": max(len(statuses), 1),
            "totalHistoStatut": len(statuses),
        },
        "historiquesDesEvenementsComplementaires": {
            "evenement": [],
            "pageCouranteEvenement": 1,
            "pagesEvenement": 1,
            "nbResultatsParPageEvenement": 1,
            "totalEvenement": 0,
        },
        "historiquesDesActionsUtilisateurs": {
            "histoAction": actions,
            "pageCouranteHistoAction": 1,
            "pagesHistoAction": 1,
            "nbResultatsParPageHistoAction": max(len(actions), 1),
            "totalHistoAction": len(actions),
        },
    }
    if invoice.actions:
        last = invoice.actions[-1]
        answer["derniereAction"] = {"derniereActionId": last.id, "derniereActionCode": last.code}
    return answer


# ---------------------------------------------------------------- files


def pivot(world: World, invoice: Invoice, *, with_attachments: bool = False) -> bytes:
    """A ``CPPFacturePivot`` document (API.md 3.3), the original file in ``PJ/Contenu``
    (``TypePJ`` 01) and, when asked, each supporting document as a ``TypePJ`` 02."""
    root = etree.Element("CPPFacturePivot")
    head = etree.SubElement(root, "Enveloppe")
    etree.SubElement(head, "Emetteur").text = "CPP001"
    etree.SubElement(head, "IdFlux").text = f"CPP0020036{invoice.id:015d}"
    supplier = etree.SubElement(root, "Fournisseur")
    etree.SubElement(supplier, "Siret").text = invoice.supplier.siret
    etree.SubElement(supplier, "RaisonSociale").text = invoice.supplier.designation
    debtor = etree.SubElement(root, "Debiteur")
    etree.SubElement(debtor, "Siret").text = invoice.recipient.siret
    etree.SubElement(debtor, "RaisonSociale").text = invoice.recipient.designation
    if invoice.service:
        etree.SubElement(debtor, "CodeService").text = invoice.service.code
    data = etree.SubElement(root, "DonneesFacture")
    etree.SubElement(data, "Id").text = invoice.number
    etree.SubElement(data, "IdFactureCPP").text = str(invoice.id)
    etree.SubElement(data, "Type").text = TYPE_CODES.get(invoice.type, "380")
    etree.SubElement(data, "Cadre").text = invoice.cadre.split("_", 1)[0]
    etree.SubElement(data, "DateFacture").text = day_of(invoice) or ""
    etree.SubElement(data, "DateDepot").text = day(invoice.deposited_at)
    etree.SubElement(data, "Devise").text = invoice.currency
    amounts = etree.SubElement(data, "Montants")
    for tag, value in (
        ("MontantHT", invoice.total_ht),
        ("MontantTVA", invoice.total_vat),
        ("MontantTTC", invoice.total_ttc),
        ("MontantAPayer", invoice.payable),
    ):
        if value is not None:
            etree.SubElement(amounts, tag).text = str(value)
    engagement = etree.SubElement(data, "Engagement")
    etree.SubElement(engagement, "NumeroMarche").text = invoice.contract or ""
    etree.SubElement(engagement, "NumeroEngagement").text = invoice.engagement or ""
    attachment = etree.SubElement(root, "PJ")
    etree.SubElement(attachment, "NomPJ").text = invoice.original_name
    etree.SubElement(attachment, "TypePJ").text = "01"
    etree.SubElement(attachment, "MimeTypePJ").text = (
        "application/pdf" if invoice.syntax == "facturx" else "application/xml"
    )
    etree.SubElement(attachment, "Contenu").text = base64.b64encode(invoice.original).decode(
        "ascii"
    )
    for pj in invoice.attachments if with_attachments else ():
        extra = etree.SubElement(root, "PJ")
        etree.SubElement(extra, "NomPJ").text = pj.name
        etree.SubElement(extra, "TypePJ").text = "02"
        etree.SubElement(extra, "MimeTypePJ").text = pj.mime
        etree.SubElement(extra, "Contenu").text = base64.b64encode(pj.data).decode("ascii")
    cycle = etree.SubElement(root, "CycleDeValidation")
    for entry in invoice.history:
        status = etree.SubElement(cycle, "Statut")
        etree.SubElement(status, "CodeStatut").text = STATUS_NUMBERS.get(entry.code, "00")
        etree.SubElement(status, "LibelleStatut").text = entry.code
        etree.SubElement(status, "DateStatut").text = minute(entry.at)
        if entry.comment:
            etree.SubElement(status, "Commentaire").text = entry.comment
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF listing ``lines`` (a rendition, not the invoice)."""
    content = ["BT", "/F1 10 Tf", "50 800 Td", "14 TL"]
    for line in lines[:55]:
        latin = line.encode("latin-1", errors="replace").decode("latin-1")
        content.append(f"({_pdf_escape(latin)}) Tj T*")
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def rendition(invoice: Invoice) -> bytes:
    """``PDF`` download: the deposited Factur-X as is, else a rendition of the XML invoice."""
    if invoice.syntax == "facturx":
        return invoice.original
    lines = [
        f"Facture {invoice.number} - Chorus Pro (emulateur) id {invoice.id}",
        f"Fournisseur : {invoice.supplier.designation} (SIRET {invoice.supplier.siret})",
        f"Destinataire : {invoice.recipient.designation} (SIRET {invoice.recipient.siret})",
        f"Service : {invoice.service.code if invoice.service else '-'}"
        f"   Engagement : {invoice.engagement or '-'}",
        f"Date : {day_of(invoice) or '-'}   Devise : {invoice.currency}"
        f"   Statut : {invoice.status}",
        f"Total HT : {invoice.total_ht}   TVA : {invoice.total_vat}   TTC : {invoice.total_ttc}",
        f"Net a payer : {invoice.payable}",
        "",
    ]
    lines += [
        f"{line.number}. {line.name or ''}  {line.quantity or ''} x {line.unit_price or ''}"
        f" = {line.net or ''}"
        for line in invoice.lines
    ]
    return simple_pdf(lines)


def bundle(files: list[tuple[str, bytes]]) -> bytes:
    """Several invoices in one download: a zip, as the platform does."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(name, content)
    return out.getvalue()
