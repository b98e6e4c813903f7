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
    "core.os_enoent": ("fichier ou dossier introuvable", "no such file or folder"),
    "core.os_eacces": ("accès refusé", "permission denied"),
    "core.os_eperm": ("opération non permise", "operation not permitted"),
    "core.os_eisdir": ("c'est un dossier", "it is a folder"),
    "core.os_enotdir": (
        "un élément du chemin n'est pas un dossier",
        "a part of the path is not a folder",
    ),
    "core.os_enospc": ("disque plein", "no space left on the disk"),
    "core.os_erofs": ("support en lecture seule", "read-only medium"),
    "core.os_eexist": ("existe déjà", "already exists"),
    "core.not_text": ("ce n'est pas un texte UTF-8", "not UTF-8 text"),
    "core.yes": ("oui", "yes"),
    "core.no": ("non", "no"),
}
