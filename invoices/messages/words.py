"""Words for the machine values a clerk sees: statuses, states, events, layers,
severities, profiles (:func:`invoices.i18n.word`).  The raw values stay in JSON."""

MESSAGES = {
    # ---------------------------------------------------------------- document and invoice
    "word.status.stored": ("enregistré", "stored"),
    "word.status.refused": ("refusé", "refused"),
    "word.status.received": ("reçue", "received"),
    "word.status.invalid": ("non valide", "invalid"),
    "word.status.unvalidated": ("non contrôlée", "not checked"),
    "word.status.suspected-duplicate": ("doublon probable", "suspected duplicate"),
    "word.status.held": ("à vérifier", "held"),
    # ---------------------------------------------------------------- transmission
    "word.state.pending": ("en attente", "pending"),
    "word.state.sent": ("envoyée", "sent"),
    "word.state.integrated": ("intégrée", "integrated"),
    "word.state.rejected": ("rejetée", "rejected"),
    "word.state.unknown": ("issue à vérifier", "outcome to be checked"),
    # ---------------------------------------------------------------- outcome of ingest
    "word.outcome.new": ("nouveau", "new"),
    "word.outcome.known": ("déjà connu", "already known"),
    "word.outcome.duplicate": ("doublon", "duplicate"),
    "word.outcome.rejected": ("refusé", "refused"),
    # ---------------------------------------------------------------- verdicts
    "word.verdict.valid": ("valide", "valid"),
    "word.verdict.invalid": ("non valide", "invalid"),
    "word.verdict.not-checked": ("non contrôlée", "not checked"),
    # ---------------------------------------------------------------- layers of the checks
    "word.layer.safety": ("sécurité", "safety"),
    "word.layer.syntax": ("syntaxe", "syntax"),
    "word.layer.en16931": ("EN 16931", "EN 16931"),
    "word.layer.profile": ("profil", "profile"),
    "word.layer.fr": ("règles FR", "FR rules"),
    "word.layer.chorus": ("Chorus Pro", "Chorus Pro"),
    # ---------------------------------------------------------------- severities
    "word.severity.fatal": ("bloquant", "fatal"),
    "word.severity.warning": ("avertissement", "warning"),
    "word.severity.information": ("information", "information"),
    # ---------------------------------------------------------------- profiles
    "word.profile.unknown": ("non précisé", "not stated"),
    # ---------------------------------------------------------------- audit events
    "word.event.document.received": ("document reçu", "document received"),
    "word.event.document.refused": ("document refusé", "document refused"),
    "word.event.document.validated": ("document contrôlé", "document checked"),
    "word.event.document.revalidated": ("document contrôlé de nouveau", "document re-checked"),
    "word.event.invoice.stored": ("facture enregistrée", "invoice stored"),
    "word.event.invoice.held": ("facture mise à vérifier", "invoice held"),
    "word.event.invoice.released": ("facture libérée", "invoice released"),
    "word.event.supplier.iban_confirmed": ("IBAN confirmé", "IBAN confirmed"),
    "word.event.transmission.created": ("envoi préparé", "transmission created"),
    "word.event.transmission.updated": ("envoi mis à jour", "transmission updated"),
    "word.event.status.received": ("statut reçu de la plateforme", "status from the platform"),
    "word.event.invoice.status": ("statut de la facture changé", "invoice status changed"),
    "word.event.cursor.set": ("point de reprise enregistré", "resume point recorded"),
    "word.event.audit.exported": ("piste d'audit exportée", "audit trail exported"),
    # ---------------------------------------------------------------- sources of structures
    "word.source.Chorus Pro directory": ("l'annuaire Chorus Pro", "the Chorus Pro directory"),
    # ---------------------------------------------------------------- objects of the audit trail
    "word.object.document": ("document", "document"),
    "word.object.invoice": ("facture", "invoice"),
    "word.object.transmission": ("envoi", "transmission"),
    "word.object.status_event": ("statut", "status"),
    "word.object.connector": ("connecteur", "connector"),
    "word.object.cursor": ("point de reprise", "resume point"),
    "word.object.export": ("export", "export"),
    # ---------------------------------------------------------------- origins of settings
    "word.origin.default": ("valeur par défaut", "default"),
}
