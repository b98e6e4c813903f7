"""Messages of the Chorus Pro rules layer and of the structures file.

Each rule message says what Chorus Pro will do with the invoice and what to change,
in words a finance clerk uses (code service, numéro d'engagement, SIRET).
"""

MESSAGES = {
    # ------------------------------------------------------------------ structures file
    "chorus_rules.structures_bad_json": (
        "{file} : fichier des structures illisible, JSON invalide : {reason}",
        "{file}: structures file unreadable, invalid JSON: {reason}",
    ),
    "chorus_rules.structures_bad_format": (
        "{file} : fichier des structures mal formé ; forme attendue : {reason}",
        "{file}: malformed structures file; expected shape: {reason}",
    ),
    "chorus_rules.structures_bad_entry": (
        "{file} : structure n° {index} incorrecte : {reason}",
        "{file}: structure #{index} is wrong: {reason}",
    ),
    # ------------------------------------------------------------------ words
    "chorus_rules.role_seller": ("du vendeur", "of the seller"),
    "chorus_rules.role_buyer": ("de l'acheteur", "of the buyer"),
    "chorus_rules.role_payee": ("du bénéficiaire", "of the payee"),
    "chorus_rules.unnamed": ("(sans nom)", "(no name)"),
    "chorus_rules.who_service": (
        "le service {code} de la structure {siret}",
        "service {code} of structure {siret}",
    ),
    "chorus_rules.who_structure": (
        "la structure {siret} ({name})",
        "structure {siret} ({name})",
    ),
    # ------------------------------------------------------------------ rules
    "chorus_rules.cpro_format_01": (
        "Chorus Pro ne peut pas intégrer ce document en flux : format « {syntax} » (formats "
        "de flux : {accepted}). Un PDF sans données structurées se dépose sur le portail ou "
        "par dépôt PDF, pas en flux.",
        "Chorus Pro cannot integrate this document as a flow: format '{syntax}' (flow "
        "formats: {accepted}). A PDF without structured data is uploaded on the portal or "
        "through the PDF deposit, not as a flow.",
    ),
    "chorus_rules.cpro_format_02": (
        "Profil Factur-X « {profile} » : son acceptation par le dépôt direct Chorus Pro n'est "
        "pas confirmée ; préférez le profil EN16931 (ou BASIC).",
        "Factur-X profile '{profile}': its acceptance by direct Chorus Pro deposit is not "
        "confirmed; prefer the EN16931 (or BASIC) profile.",
    ),
    "chorus_rules.cpro_file_01": (
        "Fichier de {size} octets : Chorus Pro refuse une facture dont le dossier (facture et "
        "pièces jointes) dépasse {limit} octets (120 Mo).",
        "File of {size} bytes: Chorus Pro refuses an invoice whose file (invoice and "
        "attachments) exceeds {limit} bytes (120 MB).",
    ),
    "chorus_rules.cpro_file_02": (
        "Fichier de {size} octets : au-delà de {limit} octets (10 Mo) un dépôt en flux peut "
        "être refusé (code 20001) ; allégez les pièces jointes.",
        "File of {size} bytes: above {limit} bytes (10 MB) a flow deposit may be refused "
        "(code 20001); make the attachments lighter.",
    ),
    "chorus_rules.cpro_seller_01": (
        "Le vendeur n'a pas d'identifiant légal SIRET (schéma 0009) ou SIREN (schéma 0002) ; "
        "Chorus Pro ne peut pas identifier le fournisseur (trouvé : « {value} », schéma "
        "« {scheme} »).",
        "The seller has no SIRET (scheme 0009) or SIREN (scheme 0002) legal identifier; "
        "Chorus Pro cannot identify the supplier (found: '{value}', scheme '{scheme}').",
    ),
    "chorus_rules.cpro_seller_02": (
        "Le vendeur n'est identifié que par son SIREN {siren} : Chorus Pro identifie un "
        "fournisseur par le SIRET de l'établissement rattaché au compte (schéma 0009).",
        "The seller is identified only by its SIREN {siren}: Chorus Pro identifies a "
        "supplier by the SIRET of the establishment attached to the account (scheme 0009).",
    ),
    "chorus_rules.cpro_seller_03": (
        "Vendeur établi hors de France ({country}) sans aucun identifiant (ni identifiant "
        "légal, ni numéro de TVA) : Chorus Pro ne peut pas l'identifier.",
        "Seller established outside France ({country}) without any identifier (no legal "
        "identifier, no VAT number): Chorus Pro cannot identify it.",
    ),
    "chorus_rules.cpro_siret_01": (
        "SIRET {role} « {value} » invalide (14 chiffres et clé de contrôle de Luhn).",
        "SIRET {role} '{value}' is invalid (14 digits with a Luhn check digit).",
    ),
    "chorus_rules.cpro_siren_01": (
        "SIREN {role} « {value} » invalide (9 chiffres et clé de contrôle de Luhn).",
        "SIREN {role} '{value}' is invalid (9 digits with a Luhn check digit).",
    ),
    "chorus_rules.cpro_siret_02": (
        "Le SIRET {role} {siret} ne commence pas par son SIREN {siren} : les deux "
        "identifiants désignent des entreprises différentes.",
        "The SIRET {role} {siret} does not start with its SIREN {siren}: the two identifiers "
        "name different companies.",
    ),
    "chorus_rules.cpro_buyer_01": (
        "L'acheteur n'a pas de SIRET (schéma 0009) : Chorus Pro achemine la facture sur le "
        "SIRET du destinataire public (trouvé : « {value} », schéma « {scheme} »).",
        "The buyer has no SIRET (scheme 0009): Chorus Pro routes the invoice on the public "
        "recipient's SIRET (found: '{value}', scheme '{scheme}').",
    ),
    "chorus_rules.cpro_buyer_02": (
        "Le destinataire SIRET {siret} n'est pas une structure publique connue de Chorus Pro "
        "(d'après {source}).",
        "Recipient SIRET {siret} is not a public structure known to Chorus Pro (according "
        "to {source}).",
    ),
    "chorus_rules.cpro_buyer_03": (
        "Le destinataire SIRET {siret} ({name}) est inactif dans Chorus Pro : il ne peut plus "
        "recevoir de factures.",
        "Recipient SIRET {siret} ({name}) is inactive in Chorus Pro: it can no longer receive "
        "invoices.",
    ),
    "chorus_rules.cpro_service_01": (
        "Code service absent : le destinataire {siret} ({name}) exige un code service "
        "(référence acheteur). Services actifs : {services}.",
        "Service code missing: recipient {siret} ({name}) requires a service code (buyer "
        "reference). Active services: {services}.",
    ),
    "chorus_rules.cpro_service_02": (
        "« {code} » n'est pas un code service : ce service est réservé aux factures entre "
        "entités publiques, un fournisseur privé qui l'utilise voit son flux rejeté.",
        "'{code}' is not a service code: that service is reserved for invoices between "
        "public bodies; a private supplier using it gets the flow rejected.",
    ),
    "chorus_rules.cpro_service_03": (
        "Le code service « {code} » n'existe pas chez le destinataire {siret} ({name}). "
        "Services actifs : {services}.",
        "Service code '{code}' does not exist at recipient {siret} ({name}). Active "
        "services: {services}.",
    ),
    "chorus_rules.cpro_service_04": (
        "Le service « {code} » du destinataire {siret} est inactif. Services actifs : {services}.",
        "Service '{code}' of recipient {siret} is inactive. Active services: {services}.",
    ),
    "chorus_rules.cpro_service_05": (
        "Code service « {code} » non vérifié : aucun service du destinataire {siret} n'est "
        "connu (complétez le fichier des structures).",
        "Service code '{code}' not checked: no service of recipient {siret} is known "
        "(complete the structures file).",
    ),
    "chorus_rules.cpro_ej_01": (
        "Numéro d'engagement (bon de commande) absent : {who} exige un numéro d'engagement "
        "juridique.",
        "Engagement number (purchase order) missing: {who} requires a legal commitment number.",
    ),
    "chorus_rules.cpro_ej_02": (
        "Numéro d'engagement de {length} caractères : Chorus Pro en accepte au plus {limit}.",
        "Engagement number of {length} characters: Chorus Pro accepts at most {limit}.",
    ),
    "chorus_rules.cpro_ej_03": (
        "Le numéro d'engagement « {number} » ne figure pas parmi les engagements connus du "
        "destinataire {siret}.",
        "Engagement number '{number}' is not among the known commitments of recipient {siret}.",
    ),
    "chorus_rules.cpro_servej_01": (
        "Ni code service ni numéro d'engagement : le destinataire {siret} ({name}) exige au "
        "moins l'un des deux.",
        "Neither a service code nor an engagement number: recipient {siret} ({name}) "
        "requires at least one of them.",
    ),
    "chorus_rules.cpro_type_01": (
        "Type de facture « {code} » refusé par Chorus Pro (acceptés : {accepted} ; 380 "
        "facture, 381 avoir, 384 facture rectificative, 386 acompte, 389 autofacture).",
        "Invoice type '{code}' refused by Chorus Pro (accepted: {accepted}; 380 invoice, "
        "381 credit note, 384 corrected invoice, 386 prepayment, 389 self-billed invoice).",
    ),
    "chorus_rules.cpro_frame_01": (
        "Cadre de facturation « {code} » refusé sur ce canal (acceptés : {accepted}) : les "
        "cadres travaux, justice et maîtrise d'œuvre relèvent d'autres espaces Chorus Pro.",
        "Invoicing framework '{code}' refused on this route (accepted: {accepted}): works, "
        "justice and project-management frameworks belong to other Chorus Pro spaces.",
    ),
    "chorus_rules.cpro_frame_02": (
        "Le type de processus « {code} » n'est pas un cadre de facturation Chorus Pro "
        "({accepted}) : Chorus Pro lit ce champ comme le cadre de facturation et rejette "
        "une valeur inconnue ; indiquez A1 (ou laissez-le vide).",
        "Process type '{code}' is not a Chorus Pro invoicing framework ({accepted}): Chorus "
        "Pro reads this field as the invoicing framework and rejects an unknown value; "
        "write A1 (or leave it empty).",
    ),
    "chorus_rules.cpro_pay_01": (
        "Paiement par virement (code {code}) sans IBAN du fournisseur : Chorus Pro exige un "
        "IBAN pour un virement.",
        "Payment by credit transfer (code {code}) without the supplier's IBAN: Chorus Pro "
        "requires an IBAN for a transfer.",
    ),
    "chorus_rules.cpro_pay_02": (
        "« {value} » n'est pas un IBAN valide (pays, longueur ou clé de contrôle) ; Chorus "
        "Pro n'accepte que des IBAN pour les virements.",
        "'{value}' is not a valid IBAN (country, length or check digits); Chorus Pro only "
        "accepts IBANs for credit transfers.",
    ),
    "chorus_rules.cpro_att_01": (
        "Pièce jointe « {name} » de {size} octets : Chorus Pro refuse une pièce jointe de "
        "plus de {limit} octets (10 Mo).",
        "Attachment '{name}' of {size} bytes: Chorus Pro refuses an attachment larger than "
        "{limit} bytes (10 MB).",
    ),
    "chorus_rules.cpro_att_02": (
        "Nom de pièce jointe « {name} » trop long ({length} caractères, {limit} au plus, "
        "extension comprise).",
        "Attachment file name '{name}' too long ({length} characters, at most {limit} "
        "including the extension).",
    ),
    "chorus_rules.cpro_att_03": (
        "Pièce jointe « {id} » : le nom de fichier « {name} » n'a pas d'extension acceptée "
        "par Chorus Pro (pdf, xml, jpg, png, odt, docx, xlsx, csv, zip…).",
        "Attachment '{id}': file name '{name}' has no extension Chorus Pro accepts (pdf, "
        "xml, jpg, png, odt, docx, xlsx, csv, zip...).",
    ),
    "chorus_rules.cpro_att_04": (
        "Pièce jointe « {name} » vide : Chorus Pro refuse les pièces jointes vides.",
        "Attachment '{name}' is empty: Chorus Pro refuses empty attachments.",
    ),
    "chorus_rules.cpro_struct_00": (
        "Exigences du destinataire non vérifiées ({rules}) : aucun fichier des structures "
        "Chorus Pro n'est configuré (option --structures ou variable DEMAT_STRUCTURES).",
        "Recipient requirements not checked ({rules}): no Chorus Pro structures file is "
        "configured (--structures option or DEMAT_STRUCTURES variable).",
    ),
    "chorus_rules.cpro_internal_01": (
        "La règle {rule} n'a pas pu s'exécuter ({reason}) ; le document ne peut pas être "
        "déclaré valide.",
        "Rule {rule} could not run ({reason}); the document cannot be declared valid.",
    ),
}
