"""The words of a run's counters and items (``demat run``'s summary: ``inbox: stored 3,
refused 1``): machine keys in the clerk's language.  Looked up as
``word.run.STEP.KEY`` first (a key whose meaning depends on its step: a file moved to
rejected/ is "refused", an invoice the platform turned down is "rejected"), then
``word.run.KEY``; step names as ``word.run_step.NAME``."""

MESSAGES = {
    "word.run_step.receive": ("réception", "receive"),
    "word.run_step.inbox": ("dossier d'arrivée", "inbox"),
    "word.run_step.send": ("envoi", "send"),
    "word.run_step.follow": ("suivi", "follow"),
    "word.run_step.report": ("rapport", "report"),
    "word.run_step.lock": ("verrou", "lock"),
    "word.run_step.guard": ("contrôle du RIB", "bank-detail check"),
    "word.run.known": ("déjà connues", "already known"),
    "word.run.received": ("reçues", "received"),
    "word.run.stored": ("enregistrés", "stored"),
    "word.run.inbox.rejected": ("refusés", "refused"),
    "word.run.duplicate": ("doublons probables", "suspected duplicates"),
    "word.run.inbox.duplicate": ("doublons probables", "suspected duplicates"),
    "word.run.being-written": ("en cours d'écriture", "being written"),
    "word.run.error": ("erreurs", "errors"),
    "word.run.unchecked": ("non contrôlés", "not checked"),
    "word.run.invalid": ("non valides", "invalid"),
    "word.run.refused": ("refusés", "refused"),
    "word.run.already-sent": ("déjà envoyées", "already sent"),
    "word.run.pending": ("en attente", "pending"),
    "word.run.sent": ("envoyées", "sent"),
    "word.run.integrated": ("intégrées", "integrated"),
    "word.run.rejected": ("rejetées", "rejected"),
    "word.run.unknown": ("issue à vérifier", "outcome to be checked"),
    "word.run.held": ("à vérifier (RIB)", "held (bank details)"),
    "run.held_reason": (
        "IBAN à confirmer avant tout paiement (demat show {id})",
        "confirm the IBAN before any payment (demat show {id})",
    ),
}
