"""Messages of the grouped ingest (:mod:`invoices.pipeline.flow`) and of the counters
of a run's summary (the words behind ``stored 3, rejected 1``)."""

MESSAGES = {
    "pipeline.store_failed": (
        "la base de données a refusé d'enregistrer ce fichier ({reason}) : rien n'est "
        "gardé, il reste à sa place pour la prochaine fois",
        "the database refused to store this file ({reason}): nothing is kept, it stays "
        "where it is for the next time",
    ),
    "ingest.opt_quiet": (
        "n'afficher que le résumé et les fichiers qui demandent une personne "
        "(refusés, non vérifiés, doublons suspectés)",
        "print only the summary and the files that need a person (refused, not checked, "
        "suspected duplicates)",
    ),
    "ingest.opt_verbose": (
        "une ligne par fichier, même sur un terminal (c'est déjà le cas dans un journal "
        "ou un tube)",
        "one line per file, on a terminal too (already so in a log file or a pipe)",
    ),
    "ingest.quiet_or_verbose": (
        "--quiet et --verbose s'excluent : choisissez l'un des deux",
        "--quiet and --verbose exclude each other: choose one",
    ),
    "ingest.progress_bar": ("Enregistrement", "Ingest"),
}
