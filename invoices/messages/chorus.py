"""Messages of the Chorus Pro client, connector and commands (``demat send`` ...)."""

MESSAGES = {
    # configuration
    "chorus.config_missing": (
        "{file} : configuration Chorus Pro incomplète, il manque {names}",
        "{file}: Chorus Pro configuration incomplete, missing {names}",
    ),
    "chorus.config_permissions": (
        "{file} : ce fichier contient des secrets et peut être lu par d'autres (mode {mode}) ;"
        " faites « chmod 600 {file} »",
        "{file}: this file holds secrets and others can read it (mode {mode});"
        ' run "chmod 600 {file}"',
    ),
    "chorus.config_unreadable": (
        "{file} : lecture impossible de la configuration ({reason})",
        "{file}: cannot read the configuration ({reason})",
    ),
    "chorus.config_invalid": (
        "{file} : configuration invalide ({reason})",
        "{file}: invalid configuration ({reason})",
    ),
    "chorus.config_bad_value": (
        "{file} : valeur invalide pour {name} : {value}",
        "{file}: invalid value for {name}: {value}",
    ),
    # transport and platform
    "chorus.unreachable": (
        "Chorus Pro injoignable ({url} : {reason})",
        "Chorus Pro unreachable ({url}: {reason})",
    ),
    "chorus.http_status": (
        "Chorus Pro a répondu HTTP {status} ({url}), même après plusieurs essais",
        "Chorus Pro answered HTTP {status} ({url}), even after several attempts",
    ),
    "chorus.http_refused": (
        "Chorus Pro a refusé la requête : HTTP {status} {reason} ({url})",
        "Chorus Pro refused the request: HTTP {status} {reason} ({url})",
    ),
    "chorus.bad_answer": (
        "Réponse illisible de Chorus Pro ({url})",
        "Unreadable answer from Chorus Pro ({url})",
    ),
    "chorus.token_refused": (
        "PISTE a refusé le jeton (HTTP {status} : {reason}) ; vérifiez"
        " DEMAT_CHORUS_CLIENT_ID et DEMAT_CHORUS_CLIENT_SECRET ({url})",
        "PISTE refused the token (HTTP {status}: {reason}); check"
        " DEMAT_CHORUS_CLIENT_ID and DEMAT_CHORUS_CLIENT_SECRET ({url})",
    ),
    "chorus.token_malformed": (
        "Réponse de jeton invalide ({url})",
        "Invalid token answer ({url})",
    ),
    "chorus.unauthorized": (
        "Authentification refusée ({reason}) ; vérifiez le compte technique"
        " DEMAT_CHORUS_LOGIN / DEMAT_CHORUS_PASSWORD ({url})",
        "Authentication refused ({reason}); check the technical account"
        " DEMAT_CHORUS_LOGIN / DEMAT_CHORUS_PASSWORD ({url})",
    ),
    "chorus.outcome_unknown": (
        "Issue inconnue de {operation} ({reason}) : la facture sera recherchée"
        " sur Chorus Pro avant tout nouvel envoi",
        "Outcome of {operation} unknown ({reason}): the invoice will be looked up"
        " on Chorus Pro before anything is sent again",
    ),
    "chorus.business_error": (
        "Chorus Pro a refusé {operation} : code {code}, {label}",
        "Chorus Pro refused {operation}: code {code}, {label}",
    ),
    "chorus.syntax_unsupported": (
        "{file} : la syntaxe {syntax} ne peut pas être déposée en flux sur Chorus Pro"
        " (UBL, CII ou Factur-X attendu)",
        "{file}: syntax {syntax} cannot be deposited as a Chorus Pro flow"
        " (UBL, CII or Factur-X expected)",
    ),
    "chorus.flow_too_large": (
        "{file} : fichier trop volumineux pour Chorus Pro ({size} octets, limite {limit})",
        "{file}: file too large for Chorus Pro ({size} bytes, limit {limit})",
    ),
    # connector
    "chorus.not_found": (
        "{file} : aucune facture stockée ne correspond",
        "{file}: no stored invoice matches",
    ),
    "chorus.not_valid": (
        "{file} : facture non valide, elle n'est pas envoyée (voir « demat show »)",
        '{file}: invoice not valid, it is not sent (see "demat show")',
    ),
    "chorus.no_transmission": (
        "{file} : cette facture n'a pas été envoyée à Chorus Pro",
        "{file}: this invoice was not sent to Chorus Pro",
    ),
    "chorus.not_received": (
        "{file} : aucune facture reçue de Chorus Pro ne porte ce numéro",
        "{file}: no invoice received from Chorus Pro has this id",
    ),
    "chorus.motif_required": (
        "{file} : le statut {status} exige un motif (--motif)",
        "{file}: status {status} requires a reason (--motif)",
    ),
    "chorus.mandate_only_mandatee": (
        "{file} : un numéro de mandat (--mandat) ne va qu'avec le statut MANDATEE",
        "{file}: a mandate number (--mandat) only goes with status MANDATEE",
    ),
    "chorus.status_unknown": (
        "{file} : statut {status} inconnu ; statuts possibles : {allowed}",
        "{file}: unknown status {status}; possible statuses: {allowed}",
    ),
    "chorus.transition_illegal": (
        "{file} : passage de {current} à {status} interdit ; possibles depuis {current} :"
        " {allowed}",
        "{file}: cannot go from {current} to {status}; possible from {current}: {allowed}",
    ),
    "chorus.motif_too_long": (
        "{file} : motif trop long ({size} caractères, limite {limit})",
        "{file}: reason too long ({size} characters, limit {limit})",
    ),
    "chorus.no_siret": (
        "SIRET de notre structure inconnu ; renseignez DEMAT_CHORUS_SIRET",
        "our structure's SIRET is not set; set DEMAT_CHORUS_SIRET",
    ),
    "chorus.own_structure_unknown": (
        "Chorus Pro ne connaît pas notre structure (SIRET {siret}) ; vérifiez DEMAT_CHORUS_SIRET",
        "Chorus Pro does not know our structure (SIRET {siret}); check DEMAT_CHORUS_SIRET",
    ),
    "chorus.recipient_unknown": (
        "Destinataire {siret} inconnu de Chorus Pro",
        "Recipient {siret} unknown to Chorus Pro",
    ),
    # CLI output
    "chorus.cli_send_help": (
        "Envoie des factures stockées (ou des fichiers) à Chorus Pro, une seule fois chacune.",
        "Send stored invoices (or files) to Chorus Pro, each exactly once.",
    ),
    "chorus.cli_all": (
        "toutes les factures valides pas encore envoyées",
        "every valid invoice not yet sent",
    ),
    "chorus.cli_dry_run": (
        "vérifier seulement (destinataire, service, engagement), sans rien déposer",
        "check only (recipient, service, engagement), deposit nothing",
    ),
    "chorus.cli_nothing": (
        "Rien à envoyer.",
        "Nothing to send.",
    ),
    "chorus.cli_usage_send": (
        "demat send : donnez des identifiants ou des fichiers, ou --all",
        "demat send: give ids or files, or --all",
    ),
    "chorus.cli_sent_line": (
        "Facture {number} (n° {id}) : {state}{flow}",
        "Invoice {number} (id {id}): {state}{flow}",
    ),
    "chorus.cli_finding": (
        "    {rule} : {message}",
        "    {rule}: {message}",
    ),
    "chorus.cli_dry_ok": (
        "Facture {number} (n° {id}) : prête pour Chorus Pro",
        "Invoice {number} (id {id}): ready for Chorus Pro",
    ),
    "chorus.cli_status_help": (
        "État des factures transmises à Chorus Pro et historique de leurs statuts.",
        "Status of the invoices sent to Chorus Pro, with their status history.",
    ),
    "chorus.cli_refresh": (
        "interroger Chorus Pro avant d'afficher",
        "ask Chorus Pro before showing",
    ),
    "chorus.cli_json": (
        "sortie JSON",
        "JSON output",
    ),
    "chorus.cli_receive_help": (
        "Récupère les nouvelles factures adressées à la commune sur Chorus Pro.",
        "Fetch the new invoices addressed to the commune from Chorus Pro.",
    ),
    "chorus.cli_received": (
        "{count} nouvelle(s) facture(s) reçue(s), {known} déjà connue(s)",
        "{count} new invoice(s) received, {known} already known",
    ),
    "chorus.cli_set_status_help": (
        "Fixe le statut d'une facture reçue (SERVICE_FAIT, REJETEE, SUSPENDUE, MANDATEE…).",
        "Set the status of a received invoice (SERVICE_FAIT, REJETEE, SUSPENDUE, MANDATEE...).",
    ),
    "chorus.cli_motif": (
        "motif (obligatoire pour REJETEE et SUSPENDUE)",
        "reason (required for REJETEE and SUSPENDUE)",
    ),
    "chorus.cli_mandat": (
        "numéro de mandat (avec MANDATEE)",
        "mandate number (with MANDATEE)",
    ),
    "chorus.cli_status_set": (
        "Facture {number} (Chorus {id}) : {status}",
        "Invoice {number} (Chorus {id}): {status}",
    ),
    "chorus.cli_config_help": (
        "Affiche la configuration Chorus Pro effective (secrets masqués).",
        "Show the effective Chorus Pro configuration (secrets masked).",
    ),
    "chorus.cli_config_line": (
        "{name} = {value}   ({origin})",
        "{name} = {value}   ({origin})",
    ),
    "chorus.cli_status_none": (
        "aucune facture transmise à Chorus Pro",
        "no invoice transmitted to Chorus Pro",
    ),
    "chorus.col_id": ("N°", "ID"),
    "chorus.col_number": ("Facture", "Invoice"),
    "chorus.col_state": ("Envoi", "Transmission"),
    "chorus.col_supplier": ("Fournisseur", "Supplier"),
    "chorus.col_status": ("Statut Chorus Pro", "Chorus Pro status"),
    "chorus.col_at": ("Date", "Date"),
    "chorus.col_comment": ("Commentaire", "Comment"),
}
