"""Messages of the readable invoice (:mod:`invoices.render`, ``demat render``): the
labels of every part of the page, and the command's own texts.  The words for
codes (type, payment means, VAT category, unit...) are in :mod:`.render_codes`."""

MESSAGES = {
    # ---------------------------------------------------------------- titles
    "render.title": ("{kind} n° {number}", "{kind} no. {number}"),
    "render.page_title": ("{title} — {seller}", "{title} — {seller}"),
    "render.issued": ("du {date}", "of {date}"),
    "render.kind_code": (
        "Type de document (BT-3) : {word} (code {code})",
        "Document type (BT-3): {word} (code {code})",
    ),
    "render.source": (
        "Lecture lisible établie par mairie-demat {version} à partir de {file} ({syntax}) : "
        "elle montre ce que dit le document électronique, qui seul fait foi.",
        "Readable rendering made by mairie-demat {version} from {file} ({syntax}): it shows "
        "what the electronic document says, which alone is authoritative.",
    ),
    "render.page": ("{title} — page {page}/{pages}", "{title} — page {page}/{pages}"),
    "render.h_summary": ("En bref", "At a glance"),
    "render.sum_seller": ("Fournisseur", "Supplier"),
    "render.sum_total_ttc": ("Total TTC", "Total with VAT"),
    "render.sum_payable": ("Net à payer", "Amount due"),
    "render.sum_due": ("À payer au plus tard le", "Due by"),
    # ---------------------------------------------------------------- sections
    "render.h_parties": ("Parties", "Parties"),
    "render.h_seller": ("Vendeur (fournisseur)", "Seller (supplier)"),
    "render.h_buyer": ("Acheteur", "Buyer"),
    "render.h_payee": ("Bénéficiaire du paiement", "Payee"),
    "render.h_tax_representative": (
        "Représentant fiscal du vendeur",
        "Seller's tax representative",
    ),
    "render.h_delivery": ("Livraison", "Delivery"),
    "render.h_references": ("Références", "References"),
    "render.h_dates": ("Dates", "Dates"),
    "render.h_lines": ("Lignes de la facture", "Invoice lines"),
    "render.h_allowances": ("Remises et frais sur l'ensemble", "Document allowances and charges"),
    "render.h_vat": ("Récapitulatif de la TVA", "VAT breakdown"),
    "render.h_totals": ("Totaux", "Totals"),
    "render.h_payment": ("Paiement", "Payment"),
    "render.h_notes": ("Notes", "Notes"),
    "render.h_attachments": ("Pièces jointes", "Attachments"),
    "render.none": ("(aucune)", "(none)"),
    # ---------------------------------------------------------------- parties
    "render.party_name": ("Raison sociale", "Name"),
    "render.trading_name": ("Nom commercial", "Trading name"),
    "render.siret": ("SIRET", "SIRET"),
    "render.siren": ("SIREN", "SIREN"),
    "render.legal_id": ("Immatriculation", "Registration"),
    "render.other_id": ("Identifiant", "Identifier"),
    "render.vat_id": ("N° de TVA intracommunautaire", "VAT identifier"),
    "render.tax_registration": ("N° d'enregistrement fiscal", "Tax registration"),
    "render.legal_info": ("Informations juridiques", "Legal information"),
    "render.address": ("Adresse", "Address"),
    "render.contact": ("Contact", "Contact"),
    "render.phone": ("Téléphone", "Phone"),
    "render.email": ("Courriel", "E-mail"),
    "render.electronic_address": ("Adresse électronique", "Electronic address"),
    "render.delivery_party": ("Livré à", "Delivered to"),
    "render.delivery_location": ("Lieu de livraison", "Delivery location"),
    "render.scheme": ("{value} (schéma {scheme})", "{value} (scheme {scheme})"),
    # ---------------------------------------------------------------- references
    "render.ref_engagement": (
        "N° d'engagement ou de bon de commande (BT-13)",
        "Engagement or purchase order no. (BT-13)",
    ),
    "render.ref_service_code": (
        "Code service de l'acheteur (BT-10)",
        "Buyer's service code (BT-10)",
    ),
    "render.ref_contract": ("Marché ou contrat (BT-12)", "Contract (BT-12)"),
    "render.ref_project": ("Projet (BT-11)", "Project (BT-11)"),
    "render.ref_sales_order": ("Commande chez le vendeur (BT-14)", "Sales order (BT-14)"),
    "render.ref_receiving": ("Avis de réception (BT-15)", "Receiving advice (BT-15)"),
    "render.ref_despatch": ("Avis d'expédition (BT-16)", "Despatch advice (BT-16)"),
    "render.ref_tender": ("Appel d'offres ou lot (BT-17)", "Tender or lot (BT-17)"),
    "render.ref_object": ("Objet facturé (BT-18)", "Invoiced object (BT-18)"),
    "render.ref_accounting": (
        "Imputation comptable de l'acheteur (BT-19)",
        "Buyer accounting reference (BT-19)",
    ),
    "render.ref_process": ("Cadre de facturation (BT-23)", "Business process (BT-23)"),
    "render.ref_preceding": ("Facture d'origine (BT-25)", "Preceding invoice (BT-25)"),
    "render.preceding_of": ("{number} du {date}", "{number} of {date}"),
    # ---------------------------------------------------------------- dates
    "render.issue_date": ("Date de la facture (BT-2)", "Invoice date (BT-2)"),
    "render.due_date": ("Date d'échéance (BT-9)", "Due date (BT-9)"),
    "render.tax_point_date": ("Date d'exigibilité de la TVA (BT-7)", "VAT point date (BT-7)"),
    "render.tax_point_code": ("Exigibilité de la TVA (BT-8)", "VAT point date code (BT-8)"),
    "render.delivery_date": ("Date de livraison (BT-72)", "Delivery date (BT-72)"),
    "render.period": ("Période facturée (BG-14)", "Invoicing period (BG-14)"),
    "render.period_range": ("du {start} au {end}", "from {start} to {end}"),
    "render.period_from": ("à partir du {start}", "from {start}"),
    "render.period_to": ("jusqu'au {end}", "until {end}"),
    # ---------------------------------------------------------------- lines
    "render.lines_caption": (
        "{count} ligne(s), montants hors taxes",
        "{count} line(s), amounts without VAT",
    ),
    "render.col_id": ("N°", "No."),
    "render.col_item": ("Désignation", "Item"),
    "render.col_quantity": ("Quantité", "Quantity"),
    "render.col_unit": ("Unité", "Unit"),
    "render.col_price": ("Prix unitaire HT", "Unit price"),
    "render.col_vat": ("TVA", "VAT"),
    "render.col_net": ("Montant HT", "Net amount"),
    "render.item_seller_id": ("Réf. vendeur : {id}", "Seller's ref.: {id}"),
    "render.item_buyer_id": ("Réf. acheteur : {id}", "Buyer's ref.: {id}"),
    "render.item_standard_id": ("Code article : {id}", "Item code: {id}"),
    "render.item_origin": ("Origine : {country}", "Origin: {country}"),
    "render.line_order_ref": ("Ligne de commande : {ref}", "Order line: {ref}"),
    "render.line_accounting": ("Imputation : {ref}", "Accounting: {ref}"),
    "render.line_period": ("Période : {period}", "Period: {period}"),
    "render.price_per": ("{price} pour {quantity} {unit}", "{price} per {quantity} {unit}"),
    "render.price_gross": (
        "prix brut {gross}, remise {discount}",
        "gross price {gross}, discount {discount}",
    ),
    "render.allowance_line": ("{kind} : {reason} ({amount})", "{kind}: {reason} ({amount})"),
    "render.allowance": ("Remise", "Allowance"),
    "render.charge": ("Frais", "Charge"),
    "render.col_kind": ("Nature", "Kind"),
    "render.col_reason": ("Motif", "Reason"),
    "render.col_base": ("Base HT", "Base amount"),
    "render.col_percentage": ("Pourcentage", "Percentage"),
    "render.col_amount": ("Montant HT", "Amount"),
    # ---------------------------------------------------------------- VAT
    "render.col_category": ("Catégorie de TVA", "VAT category"),
    "render.col_rate": ("Taux", "Rate"),
    "render.col_taxable": ("Base HT", "Taxable amount"),
    "render.col_tax": ("Montant de TVA", "VAT amount"),
    "render.col_exemption": ("Motif d'exonération", "Exemption reason"),
    "render.category": ("{word} ({code})", "{word} ({code})"),
    "render.percent": ("{rate} %", "{rate}%"),
    # ---------------------------------------------------------------- totals
    "render.total_lines": ("Total des lignes HT (BT-106)", "Sum of line net amounts (BT-106)"),
    "render.total_allowances": ("Total des remises (BT-107)", "Sum of allowances (BT-107)"),
    "render.total_charges": ("Total des frais (BT-108)", "Sum of charges (BT-108)"),
    "render.total_ht": ("Total HT (BT-109)", "Total without VAT (BT-109)"),
    "render.total_vat": ("Total TVA (BT-110)", "Total VAT (BT-110)"),
    "render.total_vat_accounting": (
        "Total TVA en monnaie de comptabilité (BT-111)",
        "Total VAT in accounting currency (BT-111)",
    ),
    "render.total_ttc": ("Total TTC (BT-112)", "Total with VAT (BT-112)"),
    "render.total_prepaid": ("Déjà payé (BT-113)", "Paid amount (BT-113)"),
    "render.total_rounding": ("Arrondi (BT-114)", "Rounding amount (BT-114)"),
    "render.total_payable": ("Net à payer (BT-115)", "Amount due for payment (BT-115)"),
    "render.col_total": ("Total", "Total"),
    "render.col_value": ("Montant", "Amount"),
    # ---------------------------------------------------------------- payment
    "render.means": ("Moyen de paiement (BT-81)", "Payment means (BT-81)"),
    "render.means_value": ("{word} (code {code})", "{word} (code {code})"),
    "render.remittance": ("Référence à rappeler (BT-83)", "Remittance information (BT-83)"),
    "render.iban": ("IBAN (BT-84)", "IBAN (BT-84)"),
    "render.account_name": ("Titulaire du compte (BT-85)", "Account name (BT-85)"),
    "render.bic": ("BIC (BT-86)", "BIC (BT-86)"),
    "render.card": ("Carte de paiement (BT-87)", "Payment card (BT-87)"),
    "render.card_holder": ("Titulaire de la carte (BT-88)", "Card holder (BT-88)"),
    "render.mandate": ("Référence du mandat de prélèvement (BT-89)", "Mandate reference (BT-89)"),
    "render.creditor_id": ("Identifiant créancier (BT-90)", "Creditor identifier (BT-90)"),
    "render.debited_account": ("Compte débité (BT-91)", "Debited account (BT-91)"),
    "render.terms": ("Conditions de paiement (BT-20)", "Payment terms (BT-20)"),
    # ---------------------------------------------------------------- notes, attachments
    "render.note_subject": ("{subject} : {text}", "{subject}: {text}"),
    "render.attachment": ("{id} — {description}", "{id} — {description}"),
    # ---------------------------------------------------------------- the command
    "render.cli_help": (
        "Montre une facture sous une forme lisible et imprimable (HTML ou PDF), en français "
        "ou en anglais : un fichier (UBL, CII, Factur-X, ZUGFeRD) ou le n° d'une facture "
        "enregistrée.",
        "Show an invoice in a readable, printable form (HTML or PDF), in French or English: "
        "a file (UBL, CII, Factur-X, ZUGFeRD) or the id of a stored invoice.",
    ),
    "render.opt_format": (
        "format du rendu : html (défaut) ou pdf",
        "rendering format: html (default) or pdf",
    ),
    "render.opt_output": (
        "fichier écrit (défaut : à côté du fichier lu, NOM.rendu.html ou .pdf ; pour un n°, "
        "facture-N.html dans le dossier courant) ; « - » : sur la sortie standard",
        "file written (default: beside the file read, NAME.rendu.html or .pdf; for an id, "
        "facture-N.html in the current folder); '-': standard output",
    ),
    "render.opt_lang": (
        "langue du rendu (défaut : celle des messages)",
        "language of the rendering (default: that of the messages)",
    ),
    "render.written": ("Rendu écrit : {file}", "Rendering written: {file}"),
    "render.unknown_id": (
        "aucune facture enregistrée n'a le n° {id} (voir demat list)",
        "no stored invoice has id {id} (see demat list)",
    ),
    "render.not_found": (
        "{file} : ni fichier de ce nom, ni n° de facture enregistrée",
        "{file}: neither a file of that name nor the id of a stored invoice",
    ),
    "render.no_invoice": (
        "{file} : ce fichier ne contient pas de facture électronique à montrer "
        "(un PDF sans données de facture, par exemple) ; demandez au fournisseur "
        "une facture au format Factur-X, UBL ou CII",
        "{file}: this file holds no electronic invoice to show (a PDF without invoice "
        "data, for instance); ask the supplier for an invoice in Factur-X, UBL or CII",
    ),
    "render.unwritable": (
        "{file} : impossible d'écrire le rendu ({reason})",
        "{file}: cannot write the rendering ({reason})",
    ),
}
