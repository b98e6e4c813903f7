"""Messages of the nightly run (``demat run``)."""

MESSAGES = {
    "run.help": (
        "Toute la nuit en une commande : réception Chorus Pro, dossier d'arrivée, envoi, "
        "suivi, rapport. Codes de sortie : 0 rien à faire, 1 un document demande une "
        "personne, 2 exécution incomplète.",
        "The whole night in one command: Chorus Pro reception, inbox, sending, follow-up, "
        "report. Exit codes: 0 nothing to do, 1 a document needs a person, 2 the run "
        "could not complete.",
    ),
    "run.opt_inbox": (
        "dossier d'arrivée à traiter (répétable ; sinon [run] inbox de config.toml)",
        "inbox folder to process (repeatable; else [run] inbox of config.toml)",
    ),
    "run.opt_archive": (
        "où ranger les fichiers enregistrés (défaut : archive/ à côté du dossier d'arrivée)",
        "where stored files go (default: archive/ beside the inbox)",
    ),
    "run.opt_rejected": (
        "où ranger les fichiers refusés (défaut : un dossier à côté du dossier d'arrivée, "
        "nommé comme cette option)",
        "where refused files go (default: rejected/ beside the inbox)",
    ),
    "run.opt_steps": (
        "étapes à exécuter, parmi receive,inbox,send,follow,report (défaut : toutes)",
        "steps to run, among receive,inbox,send,follow,report (default: all)",
    ),
    "run.opt_quiet": (
        "n'afficher que le résumé et les erreurs",
        "print only the summary and the errors",
    ),
    "run.opt_json": ("rapport en JSON sur la sortie standard", "report as JSON on stdout"),
    "run.opt_report": ("écrire aussi le rapport en HTML", "also write the report as HTML"),
    "run.no_inbox": (
        "aucun dossier d'arrivée : donnez --inbox DOSSIER ou [run] inbox dans config.toml",
        "no inbox folder: give --inbox DIR or [run] inbox in config.toml",
    ),
    "run.bad_steps": (
        "{origin} : étapes inconnues ({steps}) ; possibles : receive, inbox, send, follow, report",
        "{origin}: unknown steps ({steps}); possible: receive, inbox, send, follow, report",
    ),
    "run.config_invalid": (
        "{file} : table [run] invalide ({reason})",
        "{file}: invalid [run] table ({reason})",
    ),
    "run.lock_held": (
        "une exécution est déjà en cours sur cette base (processus {pid} sur {host}, "
        "depuis {since}) : rien n'a été fait",
        "a run is in progress on this database (process {pid} on {host}, since {since}): "
        "nothing was done",
    ),
    "run.lock_raced": (
        "une autre exécution vient de prendre la main sur cette base : rien n'a été fait",
        "a run is in progress on this database (it has just started): nothing was done",
    ),
    "run.lock_taken_over": (
        "verrou d'une exécution interrompue repris (processus {pid} sur {host})",
        "took over the lock of an interrupted run (process {pid} on {host})",
    ),
    "run.inbox_missing": (
        "{folder} : dossier d'arrivée introuvable",
        "{folder}: inbox folder not found",
    ),
    "run.file_error": (
        "{file} : laissé pour la prochaine exécution : {reason}",
        "{file}: left for the next run: {reason}",
    ),
    "run.file_unchecked": (
        "{file} : contrôle impossible, laissé dans le dossier d'arrivée : {reason}",
        "{file}: could not be checked, left in the inbox: {reason}",
    ),
    "run.move_failed": (
        "{file} : enregistré mais impossible à déplacer ({reason}) ; la prochaine "
        "exécution réessaiera",
        "{file}: stored but could not be moved ({reason}); the next run will try again",
    ),
    "run.moved": ("{file} : {outcome} -> {target}", "{file}: {outcome} -> {target}"),
    "run.reason_file": ("{file}\n\nMotif du refus : {reason}", "{file}\n\nReason: {reason}"),
    "run.reason_status": (
        "document {id} déjà enregistré, statut « {status} » : le détail avec « demat show {id} »",
        "document {id} already stored, status '{status}': details with 'demat show {id}'",
    ),
    "run.report_unwritable": (
        "{file} : impossible d'écrire le rapport ({reason})",
        "{file}: cannot write the report ({reason})",
    ),
    "run.progress_receive": ("Réception Chorus Pro", "Chorus Pro reception"),
    "run.progress_inbox": ("Dossier d'arrivée", "Inbox"),
    "run.progress_send": ("Envoi", "Sending"),
    "run.progress_follow": ("Suivi", "Follow-up"),
    "run.step_line": ("{step} : {counts}", "{step}: {counts}"),
    "run.none": ("rien", "nothing"),
    "run.item": ("[{step}] {kind} : {label}{reason}", "[{step}] {kind}: {label}{reason}"),
    "run.attention_title": (
        "À traiter par une personne ({count}) :",
        "Needs a person ({count}):",
    ),
    "run.waiting_title": (
        "Toujours en attente, déjà signalé ({count}) :",
        "Still waiting, already reported ({count}):",
    ),
    "run.left_title": (
        "{count} fichier(s) laissé(s) dans le dossier d'arrivée pour la prochaine exécution",
        "{count} file(s) left in the inbox for the next run",
    ),
    "run.errors_title": ("Erreurs", "Errors"),
    "run.html_title": ("Exécution de nuit du {at}", "Nightly run of {at}"),
    "run.verdict_0": (
        "Exécution terminée : rien à traiter.",
        "Run completed: nothing needs a person.",
    ),
    "run.verdict_1": (
        "Exécution terminée : des documents demandent une personne (ci-dessus).",
        "Run completed: some documents need a person (above).",
    ),
    "run.verdict_2": (
        "Exécution incomplète (voir les erreurs) ; relancez après correction.",
        "The run could not complete (see the errors); run it again once fixed.",
    ),
    "run.chain_broken": (
        "piste d'audit ROMPUE à l'enregistrement {seq} : lancez « demat audit verify »",
        "the audit trail is BROKEN at record {seq}: run 'demat audit verify'",
    ),
    "run.chain_no_anchor": (
        "piste d'audit intacte ; pas encore d'ancre dans {file} (première exécution)",
        "audit trail intact; no anchor yet in {file} (first run)",
    ),
    "run.chain_anchor_lost": (
        "piste d'audit ALTÉRÉE : l'enregistrement {seq} ancré dans {file} manque ou diffère",
        "the audit trail was ALTERED: record {seq} anchored in {file} is missing or differs",
    ),
    "run.chain_anchored": (
        "piste d'audit intacte jusqu'à l'ancre de l'exécution précédente (enregistrement {seq})",
        "audit trail intact up to the previous run's anchor (record {seq})",
    ),
    "run.anchor_line": (
        "ancre de la piste d'audit : enregistrement {seq}, empreinte {hash}",
        "audit trail anchor: record {seq}, hash {hash}",
    ),
    "run.lock_lost": (
        "une autre exécution a repris le verrou de celle-ci (restée muette trop longtemps) : "
        "arrêt, sans rien doubler",
        "another run took this run's lock over (it was silent too long): stopped, nothing doubled",
    ),
    "run.anchor_unreadable": (
        "{file} : ancres illisibles ({reason})",
        "{file}: cannot read anchors ({reason})",
    ),
    "run.anchor_none": (
        "ni fichier d'ancres, ni rapport d'exécution, ni export de la piste d'audit",
        "neither an anchors file, nor a run report, nor an audit trail export",
    ),
    "run.anchor_unwritable": (
        "{file} : impossible d'y noter l'ancre de cette exécution ({reason})",
        "{file}: cannot record this run's anchor there ({reason})",
    ),
}
