"""Messages of the commune's supplier side beyond flows: plain PDFs with entered data,
``completer``, ``recycler``, ``consulter/fournisseur`` (``demat send-pdf|complete|recycle|
consult``)."""

MESSAGES = {
    # ---------------------------------------------------------------- entered data
    "supplier_ops.bad_data": (
        "donnée de facture invalide : {field}",
        "invalid invoice data: {field}",
    ),
    "supplier_ops.missing_data": (
        "donnée de facture manquante : {field} (option --{field} ou clé du fichier --data)",
        "missing invoice data: {field} (option --{field} or key of the --data file)",
    ),
    "supplier_ops.bad_totals": (
        "montants incohérents : HT + TVA doit être égal au TTC",
        "amounts do not add up: net + VAT must equal the gross total",
    ),
    "supplier_ops.bad_json": (
        "{file} : fichier de données illisible (un objet JSON est attendu)",
        "{file}: unreadable data file (a JSON object is expected)",
    ),
    "supplier_ops.not_pdf": (
        "{file} : ce fichier n'est pas un PDF",
        "{file}: this file is not a PDF",
    ),
    "supplier_ops.missing_file": (
        "{file} : fichier introuvable",
        "{file}: file not found",
    ),
    "supplier_ops.no_siret": (
        "SIRET de la commune inconnu : réglez DEMAT_CHORUS_SIRET (ou [chorus] siret)",
        "the commune's SIRET is not set: set DEMAT_CHORUS_SIRET (or [chorus] siret)",
    ),
    "supplier_ops.unknown_supplier": (
        "la structure {siret} est inconnue de Chorus Pro : la facture n'est pas envoyée",
        "structure {siret} is unknown to Chorus Pro: the invoice is not sent",
    ),
    # ---------------------------------------------------------------- actions
    "supplier_ops.not_on_platform": (
        "{file} : facture jamais déposée sur Chorus Pro par demat (voir « demat status »)",
        '{file}: invoice never deposited on Chorus Pro by demat (see "demat status")',
    ),
    "supplier_ops.recycle_needs_target": (
        "indiquez où recycler la facture : --service, --buyer ou --engagement",
        "say where to recycle the invoice: --service, --buyer or --engagement",
    ),
    "supplier_ops.complete_needs": (
        "indiquez un complément : --comment et/ou --file",
        "give something to add: --comment and/or --file",
    ),
    "supplier_ops.action_done": (
        "facture n° {id} (Chorus Pro {remote}) : {action} fait, statut {status}",
        "invoice #{id} (Chorus Pro {remote}): {action} done, status {status}",
    ),
    "supplier_ops.action_already-done": (
        "facture n° {id} (Chorus Pro {remote}) : {action} déjà fait, statut {status} ; rien "
        "n'est renvoyé",
        "invoice #{id} (Chorus Pro {remote}): {action} already done, status {status}; "
        "nothing sent again",
    ),
    "supplier_ops.action_refused": (
        "facture n° {id} (Chorus Pro {remote}) : {action} refusé, statut {status} {detail}",
        "invoice #{id} (Chorus Pro {remote}): {action} refused, status {status} {detail}",
    ),
    "supplier_ops.action_unknown": (
        "facture n° {id} (Chorus Pro {remote}) : {action} sans réponse de la plateforme ; "
        "relancez la même commande, elle vérifie d'abord l'état sur Chorus Pro",
        "invoice #{id} (Chorus Pro {remote}): {action} got no answer from the platform; "
        "run the same command again, it checks the state on Chorus Pro first",
    ),
    "supplier_ops.word_complete": ("complément", "completion"),
    "supplier_ops.word_recycle": ("recyclage", "recycling"),
    # ---------------------------------------------------------------- consult
    "supplier_ops.consult_line": (
        "Chorus Pro {remote} : facture {number}, statut {status}",
        "Chorus Pro {remote}: invoice {number}, status {status}",
    ),
    "supplier_ops.consult_recipient": (
        "  destinataire {recipient}, service {service}, engagement {engagement}",
        "  recipient {recipient}, service {service}, commitment {engagement}",
    ),
    "supplier_ops.consult_total": ("  montant TTC {total}", "  gross total {total}"),
    "supplier_ops.consult_comment": ("  commentaire : {comment}", "  comment: {comment}"),
    # ---------------------------------------------------------------- help
    "supplier_ops.cli_send_pdf_help": (
        "Dépose sur Chorus Pro une facture PDF simple (non structurée) émise par la commune, "
        "avec les données saisies (fichier --data JSON et/ou options ; les options priment). "
        "Codes de sortie : 0 déposée, 1 refusée ou doublon présumé, 2 donnée manquante.",
        "Deposit on Chorus Pro a plain (unstructured) PDF invoice issued by the commune, with "
        "the entered data (a --data JSON file and/or options; options win). Exit codes: "
        "0 deposited, 1 refused or suspected duplicate, 2 missing data.",
    ),
    "supplier_ops.cli_data": (
        "fichier JSON des données (clés number, date, buyer, service, engagement, ht, tva, "
        "ttc, credit_note, vat_regime, comment)",
        "JSON data file (keys number, date, buyer, service, engagement, ht, tva, ttc, "
        "credit_note, vat_regime, comment)",
    ),
    "supplier_ops.cli_number": ("numéro de la facture", "invoice number"),
    "supplier_ops.cli_date": ("date de la facture (AAAA-MM-JJ)", "invoice date (YYYY-MM-DD)"),
    "supplier_ops.cli_buyer": ("SIRET du destinataire", "recipient's SIRET"),
    "supplier_ops.cli_service": ("code service du destinataire", "recipient's service code"),
    "supplier_ops.cli_engagement": ("numéro d'engagement juridique", "legal commitment number"),
    "supplier_ops.cli_ht": ("montant hors taxes", "net amount"),
    "supplier_ops.cli_tva": ("montant de TVA", "VAT amount"),
    "supplier_ops.cli_ttc": ("montant toutes taxes comprises", "gross amount"),
    "supplier_ops.cli_avoir": ("c'est un avoir", "it is a credit note"),
    "supplier_ops.cli_comment": ("commentaire pour le destinataire", "comment for the recipient"),
    "supplier_ops.cli_file": (
        "pièce jointe complémentaire (répétable)",
        "supporting document (repeatable)",
    ),
    "supplier_ops.cli_complete_help": (
        "Complète une facture émise par la commune et SUSPENDUE par son destinataire "
        "(commentaire, pièces jointes). Codes de sortie : 0 fait ou déjà fait, 1 refusé, "
        "2 facture inconnue ou jamais déposée, ou pas de réponse de la plateforme.",
        "Complete an invoice the commune issued that its recipient SUSPENDED (comment, "
        "attachments). Exit codes: 0 done or already done, 1 refused, "
        "2 unknown invoice or never deposited, or no answer from the platform.",
    ),
    "supplier_ops.cli_recycle_help": (
        "Recycle une facture émise par la commune et mise A_RECYCLER : l'envoie à un autre "
        "service, destinataire ou engagement. Codes de sortie : comme « demat complete ».",
        "Recycle an invoice the commune issued that is A_RECYCLER: send it to another "
        'service, recipient or commitment. Exit codes: as "demat complete".',
    ),
    "supplier_ops.cli_consult_help": (
        "Montre la facture émise telle que Chorus Pro la voit (consulter/fournisseur).",
        "Show an issued invoice as Chorus Pro sees it (consulter/fournisseur).",
    ),
}
