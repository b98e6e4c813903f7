"""Messages shared by every part: file errors, generic words."""

MESSAGES = {
    "core.file_not_found": (
        "{file} : fichier introuvable",
        "{file}: file not found",
    ),
    "core.file_unreadable": (
        "{file} : lecture impossible ({reason})",
        "{file}: cannot be read ({reason})",
    ),
    "core.file_too_large": (
        "{file} : fichier trop volumineux ({size} octets, limite {limit})",
        "{file}: file too large ({size} bytes, limit {limit})",
    ),
    "core.error": (
        "{file} : {reason}",
        "{file}: {reason}",
    ),
    "core.yes": ("oui", "yes"),
    "core.no": ("non", "no"),
}
