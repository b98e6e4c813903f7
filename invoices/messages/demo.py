"""Messages of ``demat demo``."""

MESSAGES = {
    "demo.help": (
        "Lit et contrôle chaque exemple de samples/ et affiche un tableau récapitulatif.",
        "Read and check every sample of samples/ and print a summary table.",
    ),
    "demo.opt_samples": (
        "Dossier d'exemples à parcourir (par défaut : samples/ du dépôt).",
        "Samples folder to go through (default: the repository's samples/).",
    ),
    "demo.no_samples": (
        "{file} : dossier d'exemples introuvable. La démonstration lit les exemples du dépôt "
        "source : clonez le dépôt et lancez « pip install -e . && demat demo », ou indiquez "
        "un dossier avec --samples.",
        "{file}: samples folder not found. The demo reads the samples of the source "
        "repository: clone it and run 'pip install -e . && demat demo', or give a folder "
        "with --samples.",
    ),
    "demo.empty": (
        "{file} : aucun fichier à contrôler dans ce dossier.",
        "{file}: no file to check in this folder.",
    ),
    "demo.check_crashed": (
        "erreur interne pendant le contrôle : {reason}",
        "internal error while checking: {reason}",
    ),
    "demo.checking": ("Contrôle de {file}", "Checking {file}"),
    "demo.col_file": ("Fichier", "File"),
    "demo.col_syntax": ("Syntaxe", "Syntax"),
    "demo.col_profile": ("Profil", "Profile"),
    "demo.col_number": ("N° facture", "Invoice no."),
    "demo.col_seller": ("Vendeur", "Seller"),
    "demo.col_total": ("Net à payer", "Amount due"),
    "demo.col_result": ("Résultat", "Result"),
    "demo.valid": ("valide", "valid"),
    "demo.invalid": ("non valide", "not valid"),
    "demo.expected_broken": ("[rejet attendu]", "[rejected as expected]"),
    "demo.unexpected_valid": (
        "[INATTENDU : devait être rejeté]",
        "[UNEXPECTED: should have been rejected]",
    ),
    "demo.unexpected_crash": ("[INATTENDU]", "[UNEXPECTED]"),
    "demo.unexpected_invalid": (
        "[INATTENDU : devait être valide]",
        "[UNEXPECTED: should have been valid]",
    ),
    "demo.summary_ok": (
        "{total} fichiers : {valid}/{good} exemples valides, {rejected}/{broken} exemples "
        "cassés rejetés, comme attendu.",
        "{total} files: {valid}/{good} samples valid, {rejected}/{broken} broken samples "
        "rejected, as expected.",
    ),
    "demo.summary_surprises": (
        "{total} fichiers : {valid}/{good} exemples valides, {rejected}/{broken} exemples "
        "cassés rejetés ; {surprises} résultat(s) inattendu(s).",
        "{total} files: {valid}/{good} samples valid, {rejected}/{broken} broken samples "
        "rejected; {surprises} unexpected result(s).",
    ),
}
