"""Messages of the readers (detection, PDF extraction, XML -> model) and ``demat inspect``."""

MESSAGES = {
    # ------------------------------------------------------------------ errors
    "read.empty": (
        "{file} : fichier vide",
        "{file}: empty file",
    ),
    "read.unrecognised": (
        "{file} : format non reconnu (ni PDF ni XML)",
        "{file}: unrecognised format (neither PDF nor XML)",
    ),
    "read.unknown_root": (
        "{file} : l'élément racine {root} n'est pas une facture reconnue (attendu : CII "
        "CrossIndustryInvoice, UBL Invoice ou CreditNote, ZUGFeRD 1 CrossIndustryDocument)",
        "{file}: root element {root} is not a known invoice (expected CII "
        "CrossIndustryInvoice, UBL Invoice or CreditNote, ZUGFeRD 1 CrossIndustryDocument)",
    ),
    "read.pdf_corrupt": (
        "{file} : PDF illisible ou corrompu (fichier incomplet ou endommagé : demandez au "
        "fournisseur de le renvoyer)",
        "{file}: unreadable or corrupt PDF (the file is incomplete or damaged: ask the "
        "supplier to send it again)",
    ),
    "read.pdf_encrypted": (
        "{file} : PDF chiffré ; une facture Factur-X ne doit pas l'être",
        "{file}: encrypted PDF; a Factur-X invoice must not be encrypted",
    ),
    "read.pdf_timeout": (
        "{file} : lecture du PDF abandonnée après {seconds} s (structure anormale ou hostile)",
        "{file}: PDF reading abandoned after {seconds} s (abnormal or hostile structure)",
    ),
    "read.pdf_unstructured": (
        "{file} : ce PDF ne contient pas de facture structurée (aucun XML Factur-X, "
        "ZUGFeRD ou CII joint{detail})",
        "{file}: this PDF carries no structured invoice (no Factur-X, ZUGFeRD or CII XML "
        "attached{detail})",
    ),
    "read.pdf_unstructured_detail": (
        " ; pièce jointe XML {name} : {reason}",
        "; XML attachment {name}: {reason}",
    ),
    "read.attachment_not_invoice": (
        "l'élément racine {root} n'est pas une facture",
        "root element {root} is not an invoice",
    ),
    "read.embedded_too_large": (
        "{file} : pièce jointe {name} refusée : {size} octets ({how}), au-delà de la "
        "limite de {limit} octets (bombe de décompression ?)",
        "{file}: attachment {name} refused: {size} bytes ({how}), over the {limit}-byte "
        "limit (decompression bomb?)",
    ),
    "read.embedded_declared": ("déclarés", "declared"),
    "read.embedded_decoded": ("au moins, une fois décompressée", "at least, once decompressed"),
    "read.embedded_corrupt": (
        "{file} : pièce jointe {name} illisible (contenu endommagé)",
        "{file}: attachment {name} cannot be decoded (damaged content)",
    ),
    "read.bad_decimal": (
        "{file} : {term} : « {value} » n'est pas un nombre décimal",
        "{file}: {term}: '{value}' is not a decimal number",
    ),
    "read.bad_date": (
        "{file} : {term} : date « {value} » illisible (ce jour n'existe pas au calendrier, "
        "ou ce n'est pas une date)",
        "{file}: {term}: cannot read date '{value}' (no such day in the calendar, or not a date)",
    ),
    "read.bad_base64": (
        "{file} : {term} : contenu de pièce jointe mal encodé (base64 invalide)",
        "{file}: {term}: attachment content is badly encoded (invalid base64)",
    ),
    # ------------------------------------------------------------------ demat inspect
    "read.inspect.help": (
        "Affiche le contenu d'une facture (PDF Factur-X, CII, UBL) : parties, montants, TVA.",
        "Show what an invoice (Factur-X PDF, CII, UBL) says: parties, amounts, VAT.",
    ),
    "read.inspect.opt_json": (
        "Tout le modèle en JSON (clés BT/BG, montants en chaînes).",
        "The whole model as JSON (BT/BG keys, amounts as strings).",
    ),
    "read.inspect.file": ("Fichier : {file}", "File: {file}"),
    "read.inspect.format": (
        "Format : {syntax}, profil {profile}",
        "Format: {syntax}, profile {profile}",
    ),
    "read.inspect.unstructured": (
        "PDF sans facture structurée : rien d'autre à lire.",
        "PDF without a structured invoice: nothing more to read.",
    ),
    "read.inspect.document": (
        "{kind} n° {number} du {date}",
        "{kind} no. {number} of {date}",
    ),
    "read.inspect.invoice": ("Facture", "Invoice"),
    "read.inspect.credit_note": ("Avoir", "Credit note"),
    "read.inspect.type_code": ("Type (BT-3) : {code}", "Type (BT-3): {code}"),
    "read.inspect.due_date": ("Échéance (BT-9) : {date}", "Due date (BT-9): {date}"),
    "read.inspect.currency": ("Devise (BT-5) : {currency}", "Currency (BT-5): {currency}"),
    "read.inspect.seller": ("Vendeur (BG-4) : {name}", "Seller (BG-4): {name}"),
    "read.inspect.buyer": ("Acheteur (BG-7) : {name}", "Buyer (BG-7): {name}"),
    "read.inspect.siret": ("  SIRET : {siret}", "  SIRET: {siret}"),
    "read.inspect.legal_id": (
        "  Identifiant légal : {value} (schéma {scheme})",
        "  Legal identifier: {value} (scheme {scheme})",
    ),
    "read.inspect.vat_id": ("  N° TVA : {vat}", "  VAT number: {vat}"),
    "read.inspect.service_code": (
        "Code service (BT-10) : {value}",
        "Service code (BT-10): {value}",
    ),
    "read.inspect.engagement": (
        "N° d'engagement (BT-13) : {value}",
        "Engagement number (BT-13): {value}",
    ),
    "read.inspect.totals": ("Totaux (BG-22) :", "Totals (BG-22):"),
    "read.inspect.total_line": ("  {term} {label} : {amount}", "  {term} {label}: {amount}"),
    "read.inspect.t106": ("somme des lignes", "sum of lines"),
    "read.inspect.t107": ("remises", "allowances"),
    "read.inspect.t108": ("frais", "charges"),
    "read.inspect.t109": ("total HT", "total without VAT"),
    "read.inspect.t110": ("TVA", "VAT"),
    "read.inspect.t112": ("total TTC", "total with VAT"),
    "read.inspect.t113": ("déjà payé", "paid"),
    "read.inspect.t115": ("net à payer", "amount due"),
    "read.inspect.vat": ("Ventilation TVA (BG-23) :", "VAT breakdown (BG-23):"),
    "read.inspect.vat_line": (
        "  catégorie {category} à {rate} % : base {base}, TVA {amount}",
        "  category {category} at {rate}%: base {base}, VAT {amount}",
    ),
    "read.inspect.lines": ("Lignes (BG-25) : {count}", "Lines (BG-25): {count}"),
    "read.inspect.attachments": (
        "Pièces jointes (BG-24) : {count}",
        "Attachments (BG-24): {count}",
    ),
    "read.inspect.none": ("—", "—"),
}
