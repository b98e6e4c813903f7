"""Messages of the command line itself (help texts, generic outcomes)."""

MESSAGES = {
    "cli.help": (
        "mairie-demat : factures électroniques des collectivités (lecture, contrôle, "
        "envoi à Chorus Pro, piste d'audit).",
        "mairie-demat: electronic invoices of French public bodies (read, check, send to "
        "Chorus Pro, audit trail).",
    ),
    "cli.opt_lang": (
        "Langue des messages (fr ou en) ; par défaut selon LANG.",
        "Language of the messages (fr or en); from LANG by default.",
    ),
    "cli.opt_help": (
        "Affiche cette aide et quitte.",
        "Show this message and exit.",
    ),
    "cli.opt_version": (
        "Affiche la version et quitte.",
        "Show the version and exit.",
    ),
    "cli.internal_error": (
        "Erreur interne inattendue : {reason}",
        "Unexpected internal error: {reason}",
    ),
}
