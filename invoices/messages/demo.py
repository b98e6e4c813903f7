"""Messages of ``demat demo``."""

MESSAGES = {
    "demo.help": (
        "Démonstration de toute la chaîne sur les exemples de samples/ : lecture et "
        "contrôle, archivage dans une base temporaire, envoi à l'émulateur Chorus Pro "
        "local jusqu'à la mise à disposition, réception de factures adressées à la "
        "commune, vérification de la piste d'audit.",
        "The whole pipeline on the samples of samples/: read and check, store in a "
        "temporary database, send to the local Chorus Pro emulator until the invoices "
        "are made available, receive invoices addressed to the commune, verify the "
        "audit trail.",
    ),
    "demo.opt_keep": (
        "Garder la base de la démonstration dans ce dossier (vide ou inexistant) pour "
        "l'explorer ensuite avec « demat list --db ... ».",
        "Keep the demo database in this folder (empty or new) to explore it afterwards "
        "with 'demat list --db ...'.",
    ),
    "demo.opt_mirror": (
        "Miroir des archives officielles CEN, si elles doivent être téléchargées "
        "(comme « demat artefacts fetch --mirror »).",
        "Mirror of the official CEN archives, if they must be downloaded "
        "(as 'demat artefacts fetch --mirror').",
    ),
    "demo.keep_not_empty": (
        "{file} : ce dossier n'est pas vide. La démonstration part d'une base neuve : "
        "indiquez un dossier vide ou inexistant à --keep.",
        "{file}: this folder is not empty. The demo starts from a fresh database: give "
        "--keep an empty or new folder.",
    ),
    "demo.keep_unusable": (
        "{file} : impossible de créer ce dossier ({reason}).",
        "{file}: cannot create this folder ({reason}).",
    ),
    "demo.opt_samples": (
        "Dossier d'exemples à parcourir (par défaut : samples/ du dépôt).",
        "Samples folder to go through (default: the repository's samples/).",
    ),
    "demo.no_samples": (
        "{file} : dossier d'exemples introuvable. La démonstration lit les exemples du dépôt "
        "source : clonez le dépôt et lancez « pip install -e . && demat demo », ou indiquez "
        "un dossier avec --samples.",
        "{file}: samples folder not found. The demo reads the samples of the source "
        "repository: clone it and run 'pip install -e . && demat demo', or give a folder "
        "with --samples.",
    ),
    "demo.empty": (
        "{file} : aucun fichier à contrôler dans ce dossier.",
        "{file}: no file to check in this folder.",
    ),
    "demo.check_crashed": (
        "erreur interne pendant le contrôle : {reason}",
        "internal error while checking: {reason}",
    ),
    "demo.checking": ("Contrôle de {file}", "Checking {file}"),
    "demo.col_file": ("Fichier", "File"),
    "demo.col_syntax": ("Syntaxe", "Syntax"),
    "demo.col_profile": ("Profil", "Profile"),
    "demo.col_number": ("N° facture", "Invoice no."),
    "demo.col_seller": ("Vendeur", "Seller"),
    "demo.col_total": ("Net à payer", "Amount due"),
    "demo.col_result": ("Résultat", "Result"),
    "demo.valid": ("valide", "valid"),
    "demo.invalid": ("non valide", "not valid"),
    "demo.expected_broken": ("[rejet attendu]", "[rejected as expected]"),
    "demo.unexpected_valid": (
        "[INATTENDU : devait être rejeté]",
        "[UNEXPECTED: should have been rejected]",
    ),
    "demo.unexpected_crash": ("[INATTENDU]", "[UNEXPECTED]"),
    "demo.unexpected_invalid": (
        "[INATTENDU : devait être valide]",
        "[UNEXPECTED: should have been valid]",
    ),
    "demo.summary_ok": (
        "{total} fichiers : {valid}/{good} exemples valides, {rejected}/{broken} exemples "
        "cassés rejetés, comme attendu.",
        "{total} files: {valid}/{good} samples valid, {rejected}/{broken} broken samples "
        "rejected, as expected.",
    ),
    "demo.summary_surprises": (
        "{total} fichiers : {valid}/{good} exemples valides, {rejected}/{broken} exemples "
        "cassés rejetés ; {surprises} résultat(s) inattendu(s).",
        "{total} files: {valid}/{good} samples valid, {rejected}/{broken} broken samples "
        "rejected; {surprises} unexpected result(s).",
    ),
    "demo.not_checked": (
        "non contrôlé : artefacts officiels CEN CII absents",
        "not checked: official CEN CII artefacts missing",
    ),
    "demo.summary_unchecked": (
        "{count} exemple(s) non contrôlé(s) faute des artefacts officiels CEN CII : {files}",
        "{count} sample(s) not checked for want of the official CEN CII artefacts: {files}",
    ),
    "demo.artefacts_missing": (
        "Les artefacts officiels CEN pour le CII autonome ne sont pas installés ({names}) : "
        "téléchargement des archives officielles…",
        "The official CEN artefacts for stand-alone CII are not installed ({names}): "
        "downloading the official archives…",
    ),
    "demo.artefacts_notice": (
        "AVIS : artefacts officiels CEN CII indisponibles ({reason}). Les exemples CII "
        "autonomes ne seront pas contrôlés ni envoyés ; le reste de la démonstration "
        "continue. Pour les installer : « demat artefacts fetch » (avec internet), ou "
        "« demat artefacts install DOSSIER » (depuis une copie des archives officielles).",
        "NOTICE: official CEN CII artefacts unavailable ({reason}). The stand-alone CII "
        "samples will be neither checked nor sent; the rest of the demo goes on. To "
        "install them: 'demat artefacts fetch' (with internet), or "
        "'demat artefacts install PATH' (from a copy of the official archives).",
    ),
    "demo.artefacts_fetched": (
        "{count} fichiers officiels vérifiés et installés dans {path}.",
        "{count} official files verified and installed in {path}.",
    ),
    "demo.step": ("=== Étape {number}/{total} : {title}", "=== Step {number}/{total}: {title}"),
    "demo.step_check": (
        "lecture et contrôle de chaque exemple",
        "read and check every sample",
    ),
    "demo.step_store": (
        "archivage dans une base neuve ({url})",
        "store in a fresh database ({url})",
    ),
    "demo.step_send": (
        "envoi à Chorus Pro (émulateur local {url})",
        "send to Chorus Pro (local emulator {url})",
    ),
    "demo.step_receive": (
        "réception des factures adressées à la commune (SIRET {siret})",
        "receive the invoices addressed to the commune (SIRET {siret})",
    ),
    "demo.step_audit": (
        "vérification de la piste d'audit",
        "verify the audit trail",
    ),
    "demo.not_stored": (
        "non archivé  {file} : non contrôlé (artefacts officiels CEN CII absents)",
        "not stored   {file}: not checked (official CEN CII artefacts missing)",
    ),
    "demo.storing": ("Archivage de {file}", "Storing {file}"),
    "demo.sending": ("Envoi de {number}", "Sending {number}"),
    "demo.not_sent_own": (
        "non envoyée  {file} ({number}) : adressée à notre propre structure, la commune la "
        "reçoit (étape 4), elle ne l'envoie pas",
        "not sent     {file} ({number}): addressed to our own structure; the commune "
        "receives it (step 4), it does not send it",
    ),
    "demo.col_recipient": ("Destinataire", "Recipient"),
    "demo.col_flow": ("Flux", "Flow"),
    "demo.col_platform_status": ("Statut Chorus Pro", "Platform status"),
    "demo.col_history": ("Historique", "History"),
    "demo.nothing_to_send": ("Aucune facture à envoyer.", "No invoice to send."),
    "demo.sent_summary": (
        "{sent}/{total} facture(s) envoyée(s) et au statut {status}.",
        "{sent}/{total} invoice(s) sent and at status {status}.",
    ),
    "demo.deposited_for_us": (
        "{count} facture(s) déposée(s) par des fournisseurs pour la commune sur "
        "l'émulateur : {numbers}",
        "{count} invoice(s) deposited by suppliers for the commune on the emulator: {numbers}",
    ),
    "demo.received_line": (
        "reçue       #{id} {number} de {supplier} ({status}) : archivée, valide",
        "received    #{id} {number} from {supplier} ({status}): stored, valid",
    ),
    "demo.received_invalid": (
        "reçue       #{id} {number} de {supplier} ({status}) : archivée, NON VALIDE [INATTENDU]",
        "received    #{id} {number} from {supplier} ({status}): stored, NOT VALID [UNEXPECTED]",
    ),
    "demo.received_count": (
        "[INATTENDU] {got} facture(s) reçue(s) sur {expected} déposée(s).",
        "[UNEXPECTED] {got} invoice(s) received out of {expected} deposited.",
    ),
    "demo.reject_motif": (
        "Bon de commande absent : merci de rappeler le numéro d'engagement",
        "Purchase order missing: please quote the engagement number",
    ),
    "demo.decided": (
        "décision    {number} : {status}{motif}, transmise à Chorus Pro",
        "decision    {number}: {status}{motif}, pushed to Chorus Pro",
    ),
    "demo.audit_ok": (
        "Chaîne d'audit vérifiée : {count} enregistrements, tête n° {seq}, empreinte {hash}",
        "Audit chain verified: {count} records, head #{seq}, hash {hash}",
    ),
    "demo.audit_broken": (
        "[INATTENDU] chaîne d'audit rompue : {problem} à l'enregistrement {seq} ({detail})",
        "[UNEXPECTED] audit chain broken: {problem} at record {seq} ({detail})",
    ),
    "demo.done_ok": (
        "Démonstration terminée : tout est conforme à l'attendu.",
        "Demo finished: everything as expected.",
    ),
    "demo.done_surprises": (
        "Démonstration terminée : {count} résultat(s) inattendu(s).",
        "Demo finished: {count} unexpected result(s).",
    ),
    "demo.done_unchecked": (
        "{count} exemple(s) non contrôlé(s) ni envoyé(s) faute des artefacts officiels "
        "CEN CII : {files}. Installez-les avec « demat artefacts fetch » ou "
        "« demat artefacts install DOSSIER ».",
        "{count} sample(s) neither checked nor sent for want of the official CEN CII "
        "artefacts: {files}. Install them with 'demat artefacts fetch' or "
        "'demat artefacts install PATH'.",
    ),
    "demo.kept": (
        "Base gardée dans {path} : explorez-la avec « demat list --db {url} ».",
        "Database kept in {path}: explore it with 'demat list --db {url}'.",
    ),
}
