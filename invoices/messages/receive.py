"""Messages of receiving from Chorus Pro: status sync, files of a received invoice, export."""

MESSAGES = {
    "chorus.window_full": (
        "Chorus Pro : la période {window} compte plus de factures qu'une réponse n'en "
        "contient, même réduite au plus court ; certaines peuvent manquer",
        "Chorus Pro: the period {window} holds more invoices than one answer can, even "
        "at its narrowest; some may be missing",
    ),
    "receive.cli_updated": (
        "{count} changement(s) de statut sur la plateforme enregistré(s)",
        "{count} status change(s) on the platform recorded",
    ),
    "receive.cli_update_line": (
        "  n° {id} : {status}",
        "  #{id}: {status}",
    ),
    "export.cli_help": (
        "Redonne les fichiers d'une facture reçue (original, pivot, pièces jointes) "
        "dans un dossier",
        "Give back the files of a received invoice (original, pivot, attachments) in a folder",
    ),
    "export.cli_output": ("dossier où écrire les fichiers", "folder to write the files in"),
    "export.unknown": ("{file} : aucun document n° {id}", "{file}: no document #{id}"),
    "export.written": (
        "{kind} : {path} ({size} octets, SHA-256 {sha256})",
        "{kind}: {path} ({size} bytes, SHA-256 {sha256})",
    ),
    "export.kind.original": ("original", "original"),
    "export.kind.pivot": ("pivot Chorus Pro", "Chorus Pro pivot"),
    "export.kind.attachment": ("pièce jointe", "attachment"),
    "export.done": (
        "{count} fichier(s) écrit(s) dans {folder}",
        "{count} file(s) written to {folder}",
    ),
}
