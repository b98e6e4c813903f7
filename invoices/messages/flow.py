"""Messages of the grouped ingest (:mod:`invoices.pipeline.flow`) and of the counters
of a run's summary (the words behind ``stored 3, rejected 1``)."""

MESSAGES = {
    "pipeline.store_failed": (
        "la base de données a refusé d'enregistrer ce fichier ({reason}) : rien n'est "
        "gardé, il reste à sa place pour la prochaine fois",
        "the database refused to store this file ({reason}): nothing is kept, it stays "
        "where it is for the next time",
    ),
}
