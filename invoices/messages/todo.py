"""``demat todo``: what waits for the clerk, with the payment deadline."""

MESSAGES: dict[str, tuple[str, str]] = {
    "todo.help": (
        "Ce qui attend une action : factures à vérifier (coordonnées bancaires) d'abord, "
        "puis factures reçues à traiter (service fait, rejet, suspension), factures non "
        "valides ou doublons probables, par échéance de paiement la plus proche ; enfin les "
        "factures émises rejetées par la plateforme, à corriger. Code de sortie 0 (c'est "
        "une information), 2 si la base ne peut pas être lue.",
        "What waits for an action: held invoices (bank details to check) first, then "
        "received invoices to decide (service fait, reject, suspend), invalid invoices or "
        "suspected duplicates, nearest payment deadline first; last, invoices we issued "
        "that the platform rejected, to correct. Exit code 0 (this is information), 2 when "
        "the database cannot be read.",
    ),
    "todo.opt_json": ("la liste en JSON", "the list as JSON"),
    "todo.empty": ("Rien en attente.", "Nothing waiting."),
    "todo.footer": (
        "{count} élément(s) en attente ; délai global de paiement : {days} jours.",
        "{count} item(s) waiting; payment period: {days} days.",
    ),
    "todo.config_invalid": (
        "Le fichier de configuration {file} est illisible ({reason}).",
        "The configuration file {file} cannot be read ({reason}).",
    ),
    "todo.bad_days": (
        "Délai de paiement invalide dans {file} : « {value} » (un nombre de jours de 1 à 365).",
        "Invalid payment period in {file}: '{value}' (a number of days from 1 to 365).",
    ),
    "todo.col_what": ("À faire", "To do"),
    "todo.col_due": ("Échéance", "Deadline"),
    "todo.col_left": ("Délai", "Time left"),
    "todo.col_number": ("Facture", "Invoice"),
    "todo.col_party": ("Fournisseur / client", "Supplier / customer"),
    "todo.col_amount": ("Montant TTC", "Total incl. VAT"),
    "todo.col_status": ("État", "Status"),
    "todo.col_received": ("Reçue le", "Received"),
    "todo.col_note": ("Remarque", "Note"),
    "todo.kind_held": ("à vérifier (IBAN)", "check bank details"),
    "todo.kind_decide": ("à traiter", "to decide"),
    "todo.kind_check": ("à examiner", "to examine"),
    "todo.kind_suspended": ("suspendue", "suspended"),
    "todo.kind_correct": ("à corriger", "to correct"),
    "todo.days_left": ("J-{days}", "{days} day(s) left"),
    "todo.today": ("aujourd'hui", "today"),
    "todo.overdue": ("dépassé de {days} jour(s)", "overdue by {days} day(s)"),
    "todo.suspended_note": (
        "délai suspendu, en attente du fournisseur",
        "deadline suspended, waiting for the supplier",
    ),
    "todo.from_receipt": (
        "délai compté depuis la réception",
        "period counted from our receipt",
    ),
    "todo.duplicate_note": (
        "doublon probable de la facture n° {id} : demat show {id}",
        "probably a duplicate of invoice {id}: demat show {id}",
    ),
    "todo.check_note_invalid": (
        "non valide : à rejeter ou à faire corriger (demat show {id})",
        "invalid: reject it or have it corrected (demat show {id})",
    ),
    "todo.check_note_unvalidated": (
        "contrôle à refaire : demat revalidate {id}",
        "to be checked again: demat revalidate {id}",
    ),
    "todo.check_note_suspected-duplicate": (
        "doublon probable : demat show {id}",
        "probably a duplicate: demat show {id}",
    ),
    "todo.held_note": (
        "confirmer l'IBAN avant tout paiement",
        "confirm the IBAN before any payment",
    ),
}
