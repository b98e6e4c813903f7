"""Messages of ``demat show``: the whole life of an invoice, and the events in words."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "show.help": (
        "Affiche toute la vie d'une facture : réception, contrôle, service fait, mandat "
        "(bordereau, IdUnique, fichier PES, transaction TdT), acquit d'Hélios, MANDATEE ; "
        "ses fichiers ; son historique.",
        "Show the whole life of an invoice: received, checked, service fait, mandat "
        "(bordereau, IdUnique, PES file, TdT transaction), Hélios's acquit, MANDATEE; its "
        "files; its history.",
    ),
    "show.life": ("Vie de la facture :", "Life of the invoice:"),
    "show.files": ("Fichiers enregistrés :", "Stored files:"),
    "show.files_note": (
        "  (pivot et pièces jointes de Chorus Pro : non enregistrés par cette version)",
        "  (Chorus Pro pivot and attachments: not stored by this version)",
    ),
    "show.file_line": (
        "  {kind:<12} {name} ({media_type}, {size} octets) SHA-256 {sha256}",
        "  {kind:<12} {name} ({media_type}, {size} bytes) SHA-256 {sha256}",
    ),
    "show.kind_original": ("original", "original"),
    "show.kind_pivot": ("pivot", "pivot"),
    "show.kind_attachment": ("pièce jointe", "attachment"),
    "show.received_chorus": (
        "reçue de Chorus Pro (facture n° {remote} de la plateforme), fichier {name}",
        "received from Chorus Pro (platform invoice {remote}), file {name}",
    ),
    "show.received_file": (
        "reçue ({source}), fichier {name}",
        "received ({source}), file {name}",
    ),
    "show.checked": ("contrôlée : {verdict}", "checked: {verdict}"),
    "show.platform_status": (
        "Chorus Pro : {status}{by}{motif}",
        "Chorus Pro: {status}{by}{motif}",
    ),
    "show.platform_status_by_us": (" (par nous)", " (by us)"),
    "show.platform_motif": (", motif : {motif}", ", motif: {motif}"),
    "show.platform_mandate": (", mandat {mandate}", ", mandat {mandate}"),
    "show.mandated": (
        "mandat {mandat} (bordereau {bordereau}, exercice {exercice}, {lines} ligne(s), HT "
        "{ht}, TVA {tva}) dans le fichier PES {file}",
        "mandat {mandat} (bordereau {bordereau}, exercice {exercice}, {lines} line(s), net "
        "{ht}, VAT {tva}) in PES file {file}",
    ),
    "show.pj": (
        "    PJ IdUnique {id_unique} : {name}",
        "    PJ IdUnique {id_unique}: {name}",
    ),
    "show.replaced": (
        "    remplacé par le fichier de correction {file}",
        "    replaced by the correction file {file}",
    ),
    "show.sent_tdt": (
        "fichier {file} envoyé au TdT, transaction {transaction} : {status}",
        "file {file} sent to the TdT, transaction {transaction}: {status}",
    ),
    "show.not_sent_tdt": (
        "fichier {file} pas encore envoyé au TdT",
        "file {file} not sent to the TdT yet",
    ),
    "show.acquit": (
        "acquit d'Hélios : mandat {mandat} {mandat_acquit}, PJ {pj_acquit}",
        "Hélios's acquit: mandat {mandat} {mandat_acquit}, PJ {pj_acquit}",
    ),
    "show.mandatee_done": (
        "MANDATEE sur Chorus Pro avec le mandat {mandat}",
        "MANDATEE on Chorus Pro with mandat {mandat}",
    ),
    "show.mandatee_open": (
        "MANDATEE sur Chorus Pro (mandat {mandat}) : {state}{error}",
        "MANDATEE on Chorus Pro (mandat {mandat}): {state}{error}",
    ),
    "show.mandatee_refused": (
        "MANDATEE refusé par Chorus Pro (mandat {mandat}) : {error}",
        "MANDATEE refused by Chorus Pro (mandat {mandat}): {error}",
    ),
    "show.mandatee_state_pending": ("en attente", "pending"),
    "show.mandatee_state_unknown": (
        "résultat inconnu, le statut sera relu sur la plateforme",
        "outcome unknown, the status will be read back from the platform",
    ),
    "show.col_at": ("Date", "Date"),
    "word.event.pes.mandated": ("facture mandatée (PES)", "invoice mandated (PES)"),
    "word.event.pes.built": ("fichier PES construit", "PES file built"),
    "word.event.pes.acknowledged": ("acquit d'Hélios appliqué", "Hélios's acquit applied"),
    "word.event.mandatee.intent": (
        "MANDATEE prévu sur Chorus Pro",
        "MANDATEE planned on Chorus Pro",
    ),
    "word.event.mandatee.attempt": (
        "MANDATEE demandé à Chorus Pro",
        "MANDATEE asked of Chorus Pro",
    ),
    "word.event.mandatee.done": ("MANDATEE fait sur Chorus Pro", "MANDATEE done on Chorus Pro"),
    "word.event.mandatee.unknown": ("MANDATEE : résultat inconnu", "MANDATEE: outcome unknown"),
    "word.event.mandatee.refused": (
        "MANDATEE refusé par Chorus Pro",
        "MANDATEE refused by Chorus Pro",
    ),
    "word.event.mandatee.released": (
        "MANDATEE à redemander (non reçu)",
        "MANDATEE to ask again (not received)",
    ),
    "word.event.connector.call": ("appel à une plateforme", "platform call"),
    "word.event.file.received": ("fichier reçu", "file received"),
    "word.object.mandatee": ("MANDATEE", "MANDATEE"),
    "word.object.pes_mandat": ("mandat", "mandat"),
    "word.object.pes_file": ("fichier PES", "PES file"),
}
