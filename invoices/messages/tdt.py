"""Messages of the TdT (S²LOW) connector and of ``demat pes send|status``."""

MESSAGES = {
    "tdt.settings_invalid": (
        "{file} : table [helios] illisible (réglages du TdT)",
        "{file}: the [helios] table cannot be read (TdT settings)",
    ),
    "tdt.settings_missing": (
        "Réglages du TdT manquants : {names} (dans [helios] de {file} ou l'environnement)",
        "Missing TdT settings: {names} (in [helios] of {file} or the environment)",
    ),
    "tdt.settings_no_file": (
        "{name} : le fichier {file} n'existe pas",
        "{name}: the file {file} does not exist",
    ),
    "tdt.settings_bad": (
        "{name} : valeur {value} incorrecte",
        "{name}: wrong value {value}",
    ),
    "tdt.certificate_unusable": (
        "Le certificat client {file} ou sa clé est inutilisable (mot de passe de la clé, "
        "format PEM ?)",
        "The client certificate {file} or its key cannot be used (key password, PEM format?)",
    ),
    "tdt.auth_failed": (
        "Le TdT a refusé l'authentification (certificat client, identifiant ou mot de passe)",
        "The TdT refused the authentication (client certificate, login or password)",
    ),
    "tdt.unreadable_answer": (
        "Le TdT a donné une réponse illisible ({operation})",
        "The TdT gave an unreadable answer ({operation})",
    ),
    "tdt.unavailable": (
        "Le TdT ne répond pas ({operation} : {reason}) ; réessayez plus tard",
        "The TdT does not answer ({operation}: {reason}); try again later",
    ),
    "tdt.no_such_file": (
        "{file} : aucun fichier PES de ce nom dans la base (construisez-le avec demat pes build)",
        "{file}: no PES file of that name in the store (build it with demat pes build)",
    ),
    "tdt.invoice_not_mandated": (
        "La facture {id} n'est dans aucun fichier PES",
        "Invoice {id} is in no PES file",
    ),
    "tdt.no_status_push": (
        "Le TdT ne reçoit pas de statut de facture ({id}) : c'est le rôle de Chorus Pro",
        "The TdT takes no invoice status ({id}): that is Chorus Pro's role",
    ),
    "tdt.opt_serve_tdt": (
        "servir l'émulateur du TdT (S²LOW, Hélios) en HTTPS avec certificat client, "
        "au lieu de Chorus Pro",
        "serve the TdT emulator (S²LOW, Hélios) over HTTPS with client certificates, "
        "instead of Chorus Pro",
    ),
    "tdt.emulator_listening": (
        "Émulateur du TdT (S²LOW) à l'écoute sur {url} (certificat client exigé)",
        "TdT (S²LOW) emulator listening on {url} (client certificate required)",
    ),
    "tdt.file_failed": ("{file} : {reason}", "{file}: {reason}"),
    "tdt.cli_send_help": (
        "Envoie au TdT (S²LOW) des fichiers PES construits, une seule fois chacun. "
        "Codes de sortie : 0 envoyés, 1 un fichier refusé, 2 TdT injoignable ou réglages.",
        "Send built PES files to the TdT (S²LOW), each once. Exit codes: 0 sent, "
        "1 a file was refused, 2 TdT unreachable or settings.",
    ),
    "tdt.cli_status_help": (
        "Où en sont les fichiers PES envoyés : transaction, statut du TdT, acquit Hélios "
        "par mandat et par PJ.",
        "Where the sent PES files stand: transaction, TdT status, Hélios acquit per mandat and PJ.",
    ),
    "tdt.opt_all": (
        "tous les fichiers pas encore envoyés",
        "every file not sent yet",
    ),
    "tdt.opt_dry_run": ("dire ce qui serait envoyé, sans rien envoyer", "say what would be sent"),
    "tdt.opt_refresh": (
        "demander au TdT le statut et appliquer les acquits arrivés",
        "ask the TdT for the status and apply the acquits that came",
    ),
    "tdt.opt_json": ("sortie JSON", "JSON output"),
    "tdt.send_usage": (
        "Nommez un fichier PES ou donnez --all",
        "Name a PES file or give --all",
    ),
    "tdt.nothing_to_send": ("Aucun fichier PES à envoyer", "No PES file to send"),
    "tdt.would_send": ("{file} : serait envoyé", "{file}: would be sent"),
    "tdt.sent": (
        "{file} : envoyé, transaction {transaction}",
        "{file}: sent, transaction {transaction}",
    ),
    "tdt.reconciled": (
        "{file} : déjà reçu par le TdT, transaction {transaction} (rien de renvoyé)",
        "{file}: already received by the TdT, transaction {transaction} (nothing re-sent)",
    ),
    "tdt.already_sent": (
        "{file} : déjà envoyé ({state}, transaction {transaction})",
        "{file}: already sent ({state}, transaction {transaction})",
    ),
    "tdt.refused": (
        "{file} : refusé par le TdT : {message}",
        "{file}: refused by the TdT: {message}",
    ),
    "tdt.outcome_unknown": (
        "{file} : le TdT n'a pas répondu ({reason}) ; le prochain envoi vérifiera sans "
        "renvoyer le fichier",
        "{file}: the TdT did not answer ({reason}); the next send will check without "
        "sending the file again",
    ),
    "tdt.status_file": (
        "{file} : {state}, transaction {transaction}, statut {status}",
        "{file}: {state}, transaction {transaction}, status {status}",
    ),
    "tdt.status_mandat": (
        "  mandat {mandat} (bordereau {bordereau}, exercice {exercice}, facture {invoice}) : "
        "{acquit}",
        "  mandat {mandat} (bordereau {bordereau}, year {exercice}, invoice {invoice}): {acquit}",
    ),
    "tdt.status_pj": (
        "  PJ {id_unique} (facture {invoice}) : {acquit}",
        "  PJ {id_unique} (invoice {invoice}): {acquit}",
    ),
    "tdt.not_sent": ("pas envoyé", "not sent"),
    "tdt.acquit_said": ("{acquit} ({message})", "{acquit} ({message})"),
    "tdt.acquit_none": ("pas encore d'acquit", "no acquit yet"),
    "tdt.acquit_ok": ("accepté par Hélios", "accepted by Hélios"),
    "tdt.acquit_ko": ("REFUSÉ par Hélios", "REFUSED by Hélios"),
    "tdt.status_error": ("erreur", "error"),
    "tdt.status_cancelled": ("annulé", "cancelled"),
    "tdt.status_posted": ("posté", "posted"),
    "tdt.status_waiting": ("en attente de transmission", "waiting to be sent"),
    "tdt.status_transmitted": ("transmis", "transmitted"),
    "tdt.status_acknowledged": ("acquitté", "acknowledged"),
    "tdt.status_validated": ("validé", "validated"),
    "tdt.status_refused": ("refusé (PES_NonAcquit)", "refused (PES_NonAcquit)"),
    "tdt.status_processing": ("en traitement", "processing"),
    "tdt.status_information": ("information disponible", "information available"),
    "tdt.status_to_sign": ("en attente de signature", "waiting to be signed"),
    "tdt.status_no_acquit": ("transmis sans acquit", "transmitted without acquit"),
    "tdt.status_unknown": ("inconnu", "unknown"),
    # PES_Retour (demat pes retours) and signatures on the TdT
    "tdt.retours_refused": (
        "Le TdT refuse de donner la liste des PES_Retour : {message}",
        "The TdT refuses to list the PES_Retour: {message}",
    ),
    "tdt.retour_unavailable": (
        "Le TdT ne donne pas le PES_Retour {id} : {message}",
        "The TdT does not give PES_Retour {id}: {message}",
    ),
    "tdt.cli_retours_help": (
        "Récupère dans la base chaque PES_Retour non lu du TdT (Hélios : ce que le "
        "comptable a fait des mandats), puis le marque lu ; --list montre ceux déjà "
        "récupérés sans appeler le TdT.",
        "Fetch every unread PES_Retour of the TdT into the store (Hélios: what the "
        "accountant did with the mandats), then mark it read; --list shows those already "
        "fetched without calling the TdT.",
    ),
    "tdt.opt_retours_list": (
        "Montrer les PES_Retour déjà récupérés, sans appeler le TdT.",
        "Show the PES_Retour already fetched, without calling the TdT.",
    ),
    "tdt.opt_retours_json": ("Sortie JSON.", "JSON output."),
    "tdt.retour_kind_other": (
        "{root} (non reconnu, gardé tel quel)",
        "{root} (not recognised, kept as it came)",
    ),
    "tdt.retour_read": ("marqué lu sur le TdT", "marked read on the TdT"),
    "tdt.retour_unread": ("pas encore marqué lu sur le TdT", "not marked read on the TdT yet"),
    "tdt.retour_fetched": (
        "{name} : récupéré (TdT {remote_id}, du {date}, {kind}, {size} octets), {read}",
        "{name}: fetched (TdT {remote_id}, of {date}, {kind}, {size} bytes), {read}",
    ),
    "tdt.retour_already": (
        "{name} : déjà dans la base (TdT {remote_id}), {read}",
        "{name}: already in the store (TdT {remote_id}), {read}",
    ),
    "tdt.retour_stored": (
        "{name} : TdT {remote_id}, du {date}, {kind}, {size} octets, {read}",
        "{name}: TdT {remote_id}, of {date}, {kind}, {size} bytes, {read}",
    ),
    "tdt.retour_failed": (
        "{name} : non récupéré cette fois (il reste sur le TdT)",
        "{name}: not fetched this time (it stays on the TdT)",
    ),
    "tdt.retours_none": ("Aucun PES_Retour non lu sur le TdT.", "No unread PES_Retour on the TdT."),
    "tdt.retours_none_stored": (
        "Aucun PES_Retour dans la base.",
        "No PES_Retour in the store.",
    ),
    "tdt.to_sign_hint": (
        "  à signer sur le site du TdT avant son envoi à Hélios (must_signed)",
        "  to be signed on the TdT's web pages before it goes to Hélios (must_signed)",
    ),
    "tdt.acquit_kind": (
        "  Hélios a répondu un {kind} : gardé tel quel, non interprété",
        "  Hélios answered a {kind}: kept as it came, not interpreted",
    ),
}
