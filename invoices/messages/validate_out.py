"""Messages of the validation reports (text, HTML, JUnit) and of ``demat validate``."""

MESSAGES = {
    # ------------------------------------------------------------------ CLI
    "validate_out.help": (
        "Contrôle des factures comme les validateurs officiels et Chorus Pro. PATH : "
        "fichiers ou dossiers (parcourus récursivement, fichiers .xml et .pdf).",
        "Check invoices as the official validators and Chorus Pro do. PATH: files or "
        "folders (walked recursively, .xml and .pdf files).",
    ),
    "validate_out.opt_format": (
        "Format du rapport : text (lecture), json (programmes), junit (intégration "
        "continue), html (à ouvrir ou envoyer).",
        "Report format: text (people), json (programs), junit (CI pipelines), html (to open "
        "or mail).",
    ),
    "validate_out.opt_fr": (
        "Ajoute les règles françaises BR-FR.",
        "Adds the French BR-FR rules.",
    ),
    "validate_out.opt_chorus": (
        "Ajoute les règles de dépôt Chorus Pro.",
        "Adds the Chorus Pro deposit rules.",
    ),
    "validate_out.opt_structures": (
        "Fichier JSON des structures publiques destinataires (exigences code service / "
        "engagement) ; implique --chorus. Variable : DEMAT_STRUCTURES.",
        "JSON file of the public recipient structures (service code / engagement "
        "requirements); implies --chorus. Variable: DEMAT_STRUCTURES.",
    ),
    "validate_out.opt_jobs": (
        "Nombre de moteurs de validation en parallèle (chacun coûte 0,5 à 0,8 Go).",
        "Number of validation engines in parallel (each costs 0.5-0.8 GB).",
    ),
    "validate_out.opt_output": (
        "Écrit le rapport dans ce fichier au lieu de la sortie standard.",
        "Writes the report to this file instead of standard output.",
    ),
    "validate_out.path_not_found": (
        "{file} : fichier ou dossier introuvable",
        "{file}: no such file or folder",
    ),
    "validate_out.no_documents": (
        "{file} : aucune facture (.xml, .pdf) trouvée",
        "{file}: no invoice (.xml, .pdf) found",
    ),
    "validate_out.output_unwritable": (
        "{file} : impossible d'écrire le rapport ({reason})",
        "{file}: cannot write the report ({reason})",
    ),
    "validate_out.written": (
        "Rapport écrit dans {file}.",
        "Report written to {file}.",
    ),
    "validate_out.progress": (
        "Validation",
        "Validating",
    ),
    # ------------------------------------------------------------------ report words
    "validate_out.title": (
        "Rapport de validation des factures",
        "Invoice validation report",
    ),
    "validate_out.valid": ("VALIDE", "VALID"),
    "validate_out.invalid": ("NON VALIDE", "INVALID"),
    "validate_out.not_checked": (
        "CONTRÔLE IMPOSSIBLE, À REFAIRE",
        "NOT CHECKED, TO BE DONE AGAIN",
    ),
    "validate_out.severity_fatal": ("ERREUR", "FATAL"),
    "validate_out.severity_warning": ("AVERTISSEMENT", "WARNING"),
    "validate_out.severity_information": ("INFO", "INFO"),
    "validate_out.layer_safety": ("Sécurité du fichier", "File safety"),
    "validate_out.layer_syntax": ("Syntaxe (schéma XSD)", "Syntax (XSD schema)"),
    "validate_out.layer_en16931": ("Norme EN 16931", "EN 16931 standard"),
    "validate_out.layer_profile": ("Profil Factur-X", "Factur-X profile"),
    "validate_out.layer_fr": ("Règles françaises (BR-FR)", "French rules (BR-FR)"),
    "validate_out.layer_chorus": ("Règles Chorus Pro", "Chorus Pro rules"),
    "validate_out.layer_ok": ("aucune remarque", "no finding"),
    "validate_out.layer_counts": (
        "{fatal} erreur(s), {warning} avertissement(s), {information} info(s)",
        "{fatal} fatal, {warning} warning(s), {information} info(s)",
    ),
    "validate_out.no_layer_ran": (
        "Aucune couche de contrôle n'a pu s'exécuter : le document ne peut pas être déclaré "
        "valide.",
        "No validation layer could run: the document cannot be declared valid.",
    ),
    "validate_out.file_line": (
        "{file} : {verdict}",
        "{file}: {verdict}",
    ),
    "validate_out.facts": (
        "format {syntax}, profil {profile}, SHA-256 {sha256}",
        "syntax {syntax}, profile {profile}, SHA-256 {sha256}",
    ),
    "validate_out.location": ("Emplacement", "Location"),
    "validate_out.terms": ("Termes", "Terms"),
    "validate_out.explanation": ("En clair", "In plain words"),
    "validate_out.artefacts": ("Référentiels officiels", "Official artefacts"),
    "validate_out.rule": ("Règle", "Rule"),
    "validate_out.severity": ("Gravité", "Severity"),
    "validate_out.message": ("Message", "Message"),
    "validate_out.file": ("Fichier", "File"),
    "validate_out.verdict": ("Verdict", "Verdict"),
    "validate_out.unknown": ("inconnu", "unknown"),
    "validate_out.summary": (
        "{total} document(s) : {valid} valide(s), {invalid} non valide(s) ; {fatal} "
        "erreur(s), {warning} avertissement(s).",
        "{total} document(s): {valid} valid, {invalid} invalid; {fatal} fatal finding(s), "
        "{warning} warning(s).",
    ),
    "validate_out.summary_unchecked": (
        "{total} document(s) : {valid} valide(s), {invalid} non valide(s), "
        "{unchecked} contrôle(s) impossible(s), à refaire ; {fatal} "
        "erreur(s), {warning} avertissement(s).",
        "{total} document(s): {valid} valid, {invalid} invalid, {unchecked} not checked "
        "(to be done again); {fatal} fatal finding(s), {warning} warning(s).",
    ),
    "validate_out.generated": (
        "Rapport produit par mairie-demat {version}.",
        "Report produced by mairie-demat {version}.",
    ),
    # ------------------------------------------------------------------ plain explanations
    "validate_out.explain_br": (
        "Règle de base de la norme : une information obligatoire manque ou une condition "
        "élémentaire n'est pas remplie.",
        "Core rule of the standard: a mandatory piece of information is missing or a basic "
        "condition is not met.",
    ),
    "validate_out.explain_br_co": (
        "Règle de cohérence : des montants ou des informations liées ne concordent pas "
        "(totaux, sommes des lignes, TVA, dates).",
        "Consistency rule: amounts or related information do not agree (totals, sums of "
        "lines, VAT, dates).",
    ),
    "validate_out.explain_br_cl": (
        "Règle de liste de codes : une valeur n'appartient pas à la liste officielle (devise, "
        "pays, unité, catégorie de TVA, moyen de paiement...).",
        "Code list rule: a value is not in the official list (currency, country, unit, VAT "
        "category, payment means...).",
    ),
    "validate_out.explain_br_dec": (
        "Règle de décimales : un montant porte plus de décimales que permis (deux au plus).",
        "Decimals rule: an amount has more decimals than allowed (at most two).",
    ),
    "validate_out.explain_br_vat": (
        "Règle de TVA : les informations de TVA ne correspondent pas à la catégorie de TVA "
        "employée (taux, base, motif d'exonération, numéros de TVA).",
        "VAT rule: the VAT information does not fit the VAT category used (rate, taxable "
        "amount, exemption reason, VAT numbers).",
    ),
    "validate_out.explain_br_fr": (
        "Règle française (réforme de la facturation électronique) : une exigence propre à la "
        "France n'est pas remplie.",
        "French rule (e-invoicing reform): a requirement specific to France is not met.",
    ),
    "validate_out.explain_fx": (
        "Règle du profil Factur-X : la facture ne respecte pas le profil qu'elle annonce "
        "(élément interdit, manquant ou mal placé pour ce profil).",
        "Factur-X profile rule: the invoice does not fit the profile it declares (element "
        "forbidden, missing or misplaced for that profile).",
    ),
    "validate_out.explain_peppol": (
        "Règle Peppol : une exigence du réseau Peppol n'est pas remplie.",
        "Peppol rule: a requirement of the Peppol network is not met.",
    ),
    "validate_out.explain_binding": (
        "Règle de syntaxe : un élément XML est répété, vide ou hors de ce que la norme "
        "autorise pour ce format.",
        "Syntax binding rule: an XML element is repeated, empty or beyond what the standard "
        "allows in this format.",
    ),
    "validate_out.explain_safety": (
        "Le fichier a été refusé avant lecture, pour la sécurité du poste (taille, DTD, "
        "entités externes, PDF douteux).",
        "The file was refused before being read, to protect the machine (size, DTD, "
        "external entities, dubious PDF).",
    ),
    "validate_out.explain_syntax": (
        "Le fichier ne suit pas le schéma XML de son format : un élément est mal nommé, mal "
        "placé, manquant, ou une valeur a un mauvais format (date, montant).",
        "The file does not follow the XML schema of its format: an element is misnamed, "
        "misplaced, missing, or a value has the wrong shape (date, amount).",
    ),
    "validate_out.explain_engine": (
        "Le contrôle n'a pas pu aller à son terme (erreur technique) : par prudence, le "
        "document n'est pas déclaré valide.",
        "The check could not complete (technical error): to be safe, the document is not "
        "declared valid.",
    ),
}
