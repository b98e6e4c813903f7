"""The plain names of the EN 16931 business terms (BT-n) and groups (BG-n), in French
and English.

Official messages say "BT-10" or "[BR-CO-10]"; a clerk needs "Référence acheteur
(code service Chorus Pro)".  Reports put these names next to every term a finding
touches.  The French labels follow NF EN 16931-1 and the usual wording of the French
e-invoicing documentation; where Chorus Pro gives a term a role (service code,
engagement number, invoicing framework) the label says so.

Every term of :mod:`invoices.model` is here (a test checks it), plus the scheme
qualifiers (``BT-29-1``...) that official rules name.
"""

from __future__ import annotations

import re

from invoices.i18n import language

#: term -> (French, English)
TERMS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ groups
    "BG-1": ("Commentaire sur la facture", "Invoice note"),
    "BG-2": ("Contrôle du processus", "Process control"),
    "BG-3": ("Référence à une facture antérieure", "Preceding invoice reference"),
    "BG-4": ("Vendeur", "Seller"),
    "BG-5": ("Adresse postale du vendeur", "Seller postal address"),
    "BG-6": ("Contact du vendeur", "Seller contact"),
    "BG-7": ("Acheteur", "Buyer"),
    "BG-8": ("Adresse postale de l'acheteur", "Buyer postal address"),
    "BG-9": ("Contact de l'acheteur", "Buyer contact"),
    "BG-10": ("Bénéficiaire du paiement", "Payee"),
    "BG-11": ("Représentant fiscal du vendeur", "Seller tax representative party"),
    "BG-12": ("Adresse postale du représentant fiscal", "Seller tax representative postal address"),
    "BG-13": ("Informations de livraison", "Delivery information"),
    "BG-14": ("Période de facturation", "Invoicing period"),
    "BG-15": ("Adresse de livraison", "Deliver to address"),
    "BG-16": ("Instructions de paiement", "Payment instructions"),
    "BG-17": ("Virement", "Credit transfer"),
    "BG-18": ("Informations sur la carte de paiement", "Payment card information"),
    "BG-19": ("Prélèvement", "Direct debit"),
    "BG-20": ("Remises au niveau du document", "Document level allowances"),
    "BG-21": ("Charges au niveau du document", "Document level charges"),
    "BG-22": ("Totaux du document", "Document totals"),
    "BG-23": ("Ventilation de la TVA", "VAT breakdown"),
    "BG-24": ("Pièces justificatives additionnelles", "Additional supporting documents"),
    "BG-25": ("Ligne de facture", "Invoice line"),
    "BG-26": ("Période de facturation de la ligne", "Invoice line period"),
    "BG-27": ("Remises sur la ligne", "Invoice line allowances"),
    "BG-28": ("Charges sur la ligne", "Invoice line charges"),
    "BG-29": ("Détail du prix", "Price details"),
    "BG-30": ("Informations TVA de la ligne", "Line VAT information"),
    "BG-31": ("Informations sur l'article", "Item information"),
    "BG-32": ("Attributs de l'article", "Item attributes"),
    # ------------------------------------------------------------------ invoice
    "BT-1": ("Numéro de facture", "Invoice number"),
    "BT-2": ("Date d'émission de la facture", "Invoice issue date"),
    "BT-3": ("Code de type de facture", "Invoice type code"),
    "BT-5": ("Code de devise de la facture", "Invoice currency code"),
    "BT-6": ("Code de devise de comptabilisation de la TVA", "VAT accounting currency code"),
    "BT-7": ("Date d'exigibilité de la TVA", "Value added tax point date"),
    "BT-8": ("Code de date d'exigibilité de la TVA", "Value added tax point date code"),
    "BT-9": ("Date d'échéance du paiement", "Payment due date"),
    "BT-10": (
        "Référence acheteur (code service Chorus Pro)",
        "Buyer reference (Chorus Pro service code)",
    ),
    "BT-11": ("Référence du projet", "Project reference"),
    "BT-12": ("Référence du contrat (numéro de marché)", "Contract reference"),
    "BT-13": (
        "Référence du bon de commande (numéro d'engagement Chorus Pro)",
        "Purchase order reference (Chorus Pro engagement number)",
    ),
    "BT-14": ("Référence de la commande client", "Sales order reference"),
    "BT-15": ("Référence de l'avis de réception", "Receiving advice reference"),
    "BT-16": ("Référence de l'avis d'expédition", "Despatch advice reference"),
    "BT-17": ("Référence de l'appel d'offres ou du lot", "Tender or lot reference"),
    "BT-18": ("Identifiant d'objet facturé", "Invoiced object identifier"),
    "BT-18-1": ("Schéma de l'identifiant d'objet facturé", "Invoiced object identifier scheme"),
    "BT-19": ("Référence comptable de l'acheteur", "Buyer accounting reference"),
    "BT-20": ("Conditions de paiement", "Payment terms"),
    "BT-21": ("Code du sujet du commentaire", "Invoice note subject code"),
    "BT-22": ("Commentaire sur la facture", "Invoice note"),
    "BT-23": (
        "Type de processus métier (cadre de facturation Chorus Pro)",
        "Business process type (Chorus Pro invoicing framework)",
    ),
    "BT-24": ("Identifiant de spécification (profil)", "Specification identifier (profile)"),
    "BT-25": ("Référence de la facture antérieure", "Preceding invoice reference"),
    "BT-26": ("Date d'émission de la facture antérieure", "Preceding invoice issue date"),
    # ------------------------------------------------------------------ seller
    "BT-27": ("Raison sociale du vendeur", "Seller name"),
    "BT-28": ("Nom commercial du vendeur", "Seller trading name"),
    "BT-29": ("Identifiant du vendeur", "Seller identifier"),
    "BT-29-1": ("Schéma de l'identifiant du vendeur", "Seller identifier scheme"),
    "BT-30": (
        "Identifiant légal du vendeur (SIRET / SIREN)",
        "Seller legal registration identifier (SIRET / SIREN)",
    ),
    "BT-30-1": (
        "Schéma de l'identifiant légal du vendeur",
        "Seller legal registration identifier scheme",
    ),
    "BT-31": ("Numéro de TVA du vendeur", "Seller VAT identifier"),
    "BT-32": ("Identifiant fiscal du vendeur", "Seller tax registration identifier"),
    "BT-33": (
        "Informations juridiques complémentaires du vendeur",
        "Seller additional legal information",
    ),
    "BT-34": ("Adresse électronique du vendeur", "Seller electronic address"),
    "BT-34-1": ("Schéma de l'adresse électronique du vendeur", "Seller electronic address scheme"),
    "BT-35": ("Ligne 1 de l'adresse du vendeur", "Seller address line 1"),
    "BT-36": ("Ligne 2 de l'adresse du vendeur", "Seller address line 2"),
    "BT-37": ("Localité du vendeur", "Seller city"),
    "BT-38": ("Code postal du vendeur", "Seller post code"),
    "BT-39": ("Subdivision du pays du vendeur", "Seller country subdivision"),
    "BT-40": ("Code pays du vendeur", "Seller country code"),
    "BT-41": ("Contact du vendeur", "Seller contact point"),
    "BT-42": ("Téléphone du contact du vendeur", "Seller contact telephone number"),
    "BT-43": ("Courriel du contact du vendeur", "Seller contact email address"),
    # ------------------------------------------------------------------ buyer
    "BT-44": ("Raison sociale de l'acheteur", "Buyer name"),
    "BT-45": ("Nom commercial de l'acheteur", "Buyer trading name"),
    "BT-46": ("Identifiant de l'acheteur", "Buyer identifier"),
    "BT-46-1": ("Schéma de l'identifiant de l'acheteur", "Buyer identifier scheme"),
    "BT-47": (
        "Identifiant légal de l'acheteur (SIRET du destinataire Chorus Pro)",
        "Buyer legal registration identifier (Chorus Pro recipient SIRET)",
    ),
    "BT-47-1": (
        "Schéma de l'identifiant légal de l'acheteur",
        "Buyer legal registration identifier scheme",
    ),
    "BT-48": ("Numéro de TVA de l'acheteur", "Buyer VAT identifier"),
    "BT-49": ("Adresse électronique de l'acheteur", "Buyer electronic address"),
    "BT-49-1": (
        "Schéma de l'adresse électronique de l'acheteur",
        "Buyer electronic address scheme",
    ),
    "BT-50": ("Ligne 1 de l'adresse de l'acheteur", "Buyer address line 1"),
    "BT-51": ("Ligne 2 de l'adresse de l'acheteur", "Buyer address line 2"),
    "BT-52": ("Localité de l'acheteur", "Buyer city"),
    "BT-53": ("Code postal de l'acheteur", "Buyer post code"),
    "BT-54": ("Subdivision du pays de l'acheteur", "Buyer country subdivision"),
    "BT-55": ("Code pays de l'acheteur", "Buyer country code"),
    "BT-56": ("Contact de l'acheteur", "Buyer contact point"),
    "BT-57": ("Téléphone du contact de l'acheteur", "Buyer contact telephone number"),
    "BT-58": ("Courriel du contact de l'acheteur", "Buyer contact email address"),
    # ------------------------------------------------------------------ payee, representative
    "BT-59": ("Nom du bénéficiaire du paiement", "Payee name"),
    "BT-60": ("Identifiant du bénéficiaire du paiement", "Payee identifier"),
    "BT-60-1": ("Schéma de l'identifiant du bénéficiaire", "Payee identifier scheme"),
    "BT-61": (
        "Identifiant légal du bénéficiaire du paiement",
        "Payee legal registration identifier",
    ),
    "BT-61-1": (
        "Schéma de l'identifiant légal du bénéficiaire",
        "Payee legal registration identifier scheme",
    ),
    "BT-62": ("Nom du représentant fiscal du vendeur", "Seller tax representative name"),
    "BT-63": ("Numéro de TVA du représentant fiscal", "Seller tax representative VAT identifier"),
    "BT-64": ("Ligne 1 de l'adresse du représentant fiscal", "Tax representative address line 1"),
    "BT-65": ("Ligne 2 de l'adresse du représentant fiscal", "Tax representative address line 2"),
    "BT-66": ("Localité du représentant fiscal", "Tax representative city"),
    "BT-67": ("Code postal du représentant fiscal", "Tax representative post code"),
    "BT-68": (
        "Subdivision du pays du représentant fiscal",
        "Tax representative country subdivision",
    ),
    "BT-69": ("Code pays du représentant fiscal", "Tax representative country code"),
    # ------------------------------------------------------------------ delivery
    "BT-70": ("Nom du destinataire de la livraison", "Deliver to party name"),
    "BT-71": ("Identifiant du lieu de livraison", "Deliver to location identifier"),
    "BT-71-1": (
        "Schéma de l'identifiant du lieu de livraison",
        "Deliver to location identifier scheme",
    ),
    "BT-72": ("Date de livraison effective", "Actual delivery date"),
    "BT-73": ("Date de début de la période de facturation", "Invoicing period start date"),
    "BT-74": ("Date de fin de la période de facturation", "Invoicing period end date"),
    "BT-75": ("Ligne 1 de l'adresse de livraison", "Deliver to address line 1"),
    "BT-76": ("Ligne 2 de l'adresse de livraison", "Deliver to address line 2"),
    "BT-77": ("Localité de livraison", "Deliver to city"),
    "BT-78": ("Code postal de livraison", "Deliver to post code"),
    "BT-79": ("Subdivision du pays de livraison", "Deliver to country subdivision"),
    "BT-80": ("Code pays de livraison", "Deliver to country code"),
    # ------------------------------------------------------------------ payment
    "BT-81": ("Code du moyen de paiement", "Payment means type code"),
    "BT-82": ("Libellé du moyen de paiement", "Payment means text"),
    "BT-83": ("Référence de l'avis de paiement", "Remittance information"),
    "BT-84": ("Identifiant du compte de paiement (IBAN)", "Payment account identifier (IBAN)"),
    "BT-85": ("Nom du compte de paiement", "Payment account name"),
    "BT-86": (
        "Identifiant du prestataire de services de paiement (BIC)",
        "Payment service provider identifier (BIC)",
    ),
    "BT-87": ("Numéro de la carte de paiement", "Payment card primary account number"),
    "BT-88": ("Nom du titulaire de la carte", "Payment card holder name"),
    "BT-89": ("Référence du mandat", "Mandate reference identifier"),
    "BT-90": ("Identifiant du créancier (ICS)", "Bank assigned creditor identifier"),
    "BT-91": ("Identifiant du compte débité", "Debited account identifier"),
    # ------------------------------------------------------------------ allowances, charges
    "BT-92": ("Montant de la remise sur le document", "Document level allowance amount"),
    "BT-93": ("Assiette de la remise sur le document", "Document level allowance base amount"),
    "BT-94": ("Pourcentage de la remise sur le document", "Document level allowance percentage"),
    "BT-95": (
        "Catégorie de TVA de la remise sur le document",
        "Document level allowance VAT category code",
    ),
    "BT-96": ("Taux de TVA de la remise sur le document", "Document level allowance VAT rate"),
    "BT-97": ("Motif de la remise sur le document", "Document level allowance reason"),
    "BT-98": ("Code du motif de la remise sur le document", "Document level allowance reason code"),
    "BT-99": ("Montant des charges sur le document", "Document level charge amount"),
    "BT-100": ("Assiette des charges sur le document", "Document level charge base amount"),
    "BT-101": ("Pourcentage des charges sur le document", "Document level charge percentage"),
    "BT-102": (
        "Catégorie de TVA des charges sur le document",
        "Document level charge VAT category code",
    ),
    "BT-103": ("Taux de TVA des charges sur le document", "Document level charge VAT rate"),
    "BT-104": ("Motif des charges sur le document", "Document level charge reason"),
    "BT-105": ("Code du motif des charges sur le document", "Document level charge reason code"),
    # ------------------------------------------------------------------ totals
    "BT-106": ("Somme des montants nets des lignes", "Sum of invoice line net amount"),
    "BT-107": ("Somme des remises sur le document", "Sum of allowances on document level"),
    "BT-108": ("Somme des charges sur le document", "Sum of charges on document level"),
    "BT-109": ("Montant total hors TVA", "Invoice total amount without VAT"),
    "BT-110": ("Montant total de la TVA", "Invoice total VAT amount"),
    "BT-111": (
        "Montant total de la TVA en devise de comptabilisation",
        "Invoice total VAT amount in accounting currency",
    ),
    "BT-112": ("Montant total TTC", "Invoice total amount with VAT"),
    "BT-113": ("Montant payé (acomptes)", "Paid amount"),
    "BT-114": ("Montant de l'arrondi", "Rounding amount"),
    "BT-115": ("Montant à payer", "Amount due for payment"),
    # ------------------------------------------------------------------ VAT breakdown
    "BT-116": ("Base d'imposition de la catégorie de TVA", "VAT category taxable amount"),
    "BT-117": ("Montant de TVA de la catégorie", "VAT category tax amount"),
    "BT-118": ("Code de catégorie de TVA", "VAT category code"),
    "BT-119": ("Taux de TVA de la catégorie", "VAT category rate"),
    "BT-120": ("Motif d'exonération de TVA", "VAT exemption reason text"),
    "BT-121": ("Code du motif d'exonération de TVA", "VAT exemption reason code"),
    # ------------------------------------------------------------------ attachments
    "BT-122": ("Référence de la pièce justificative", "Supporting document reference"),
    "BT-123": ("Description de la pièce justificative", "Supporting document description"),
    "BT-124": ("Adresse externe de la pièce justificative", "External document location"),
    "BT-125": ("Pièce jointe", "Attached document"),
    "BT-125-1": ("Type MIME de la pièce jointe", "Attached document Mime code"),
    "BT-125-2": ("Nom du fichier joint", "Attached document Filename"),
    # ------------------------------------------------------------------ lines
    "BT-126": ("Identifiant de la ligne de facture", "Invoice line identifier"),
    "BT-127": ("Commentaire de la ligne de facture", "Invoice line note"),
    "BT-128": ("Identifiant d'objet de la ligne", "Invoice line object identifier"),
    "BT-128-1": (
        "Schéma de l'identifiant d'objet de la ligne",
        "Invoice line object identifier scheme",
    ),
    "BT-129": ("Quantité facturée", "Invoiced quantity"),
    "BT-130": ("Unité de mesure de la quantité facturée", "Invoiced quantity unit of measure"),
    "BT-131": ("Montant net de la ligne de facture", "Invoice line net amount"),
    "BT-132": ("Référence de la ligne de commande", "Referenced purchase order line reference"),
    "BT-133": (
        "Référence comptable de la ligne (acheteur)",
        "Invoice line Buyer accounting reference",
    ),
    "BT-134": ("Date de début de la période de la ligne", "Invoice line period start date"),
    "BT-135": ("Date de fin de la période de la ligne", "Invoice line period end date"),
    "BT-136": ("Montant de la remise sur la ligne", "Invoice line allowance amount"),
    "BT-137": ("Assiette de la remise sur la ligne", "Invoice line allowance base amount"),
    "BT-138": ("Pourcentage de la remise sur la ligne", "Invoice line allowance percentage"),
    "BT-139": ("Motif de la remise sur la ligne", "Invoice line allowance reason"),
    "BT-140": ("Code du motif de la remise sur la ligne", "Invoice line allowance reason code"),
    "BT-141": ("Montant des charges sur la ligne", "Invoice line charge amount"),
    "BT-142": ("Assiette des charges sur la ligne", "Invoice line charge base amount"),
    "BT-143": ("Pourcentage des charges sur la ligne", "Invoice line charge percentage"),
    "BT-144": ("Motif des charges sur la ligne", "Invoice line charge reason"),
    "BT-145": ("Code du motif des charges sur la ligne", "Invoice line charge reason code"),
    "BT-146": ("Prix net de l'article", "Item net price"),
    "BT-147": ("Remise sur le prix de l'article", "Item price discount"),
    "BT-148": ("Prix brut de l'article", "Item gross price"),
    "BT-149": ("Quantité de base du prix de l'article", "Item price base quantity"),
    "BT-150": (
        "Unité de la quantité de base du prix",
        "Item price base quantity unit of measure code",
    ),
    "BT-151": ("Code de catégorie de TVA de l'article", "Invoiced item VAT category code"),
    "BT-152": ("Taux de TVA de l'article", "Invoiced item VAT rate"),
    "BT-153": ("Nom de l'article", "Item name"),
    "BT-154": ("Description de l'article", "Item description"),
    "BT-155": ("Référence vendeur de l'article", "Item Seller's identifier"),
    "BT-156": ("Référence acheteur de l'article", "Item Buyer's identifier"),
    "BT-157": ("Identifiant normalisé de l'article", "Item standard identifier"),
    "BT-157-1": (
        "Schéma de l'identifiant normalisé de l'article",
        "Item standard identifier scheme",
    ),
    "BT-158": ("Classification de l'article", "Item classification identifier"),
    "BT-158-1": ("Schéma de classification de l'article", "Item classification identifier scheme"),
    "BT-159": ("Pays d'origine de l'article", "Item country of origin"),
    "BT-160": ("Nom de l'attribut de l'article", "Item attribute name"),
    "BT-161": ("Valeur de l'attribut de l'article", "Item attribute value"),
    # ------------------------------------------------------------------ third address lines
    "BT-162": ("Ligne 3 de l'adresse du vendeur", "Seller address line 3"),
    "BT-163": ("Ligne 3 de l'adresse de l'acheteur", "Buyer address line 3"),
    "BT-164": ("Ligne 3 de l'adresse du représentant fiscal", "Tax representative address line 3"),
    "BT-165": ("Ligne 3 de l'adresse de livraison", "Deliver to address line 3"),
}

_TERM = re.compile(r"\b(B[TG])-(\d+)(?:-(\d+))?\b")


def label(term: str, lang: str | None = None) -> str | None:
    """The plain name of ``term`` in ``lang`` (the current language by default)."""
    pair = TERMS.get(term.strip().upper())
    if pair is None:
        return None
    return pair[0] if (lang or language()) == "fr" else pair[1]


def describe(term: str, lang: str | None = None) -> str:
    """``"BT-10 Buyer reference (...)"``; the bare term when it has no known name."""
    name = label(term, lang)
    return f"{term} {name}" if name else term


def terms_in(text: str) -> list[str]:
    """The BT/BG terms named in a text (an official message), in order, once each."""
    seen: list[str] = []
    for match in _TERM.finditer(text):
        found = match.group(0)
        if found not in seen:
            seen.append(found)
    return seen
