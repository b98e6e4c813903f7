"""Messages of storage, ingest and the audit trail (``demat ingest|list|show|audit|db``)."""

MESSAGES = {
    # ---------------------------------------------------------------- database
    "store.bad_url": (
        "URL de base de données invalide « {url} » : {reason}",
        "invalid database URL '{url}': {reason}",
    ),
    "store.unsupported_db": (
        "base de données non prise en charge ({backend}) dans « {url} » : "
        "utilisez sqlite:///FICHIER ou postgresql+psycopg://...",
        "unsupported database ({backend}) in '{url}': use sqlite:///FILE or "
        "postgresql+psycopg://...",
    ),
    "store.db_unreachable": (
        "base de données inaccessible ({url}) : {reason}",
        "database unreachable ({url}): {reason}",
    ),
    "store.blob_corrupted": (
        "le document archivé {sha256} ne correspond plus à son empreinte : archive endommagée",
        "stored document {sha256} no longer matches its hash: the archive is damaged",
    ),
    "store.blob_write_failed": (
        "{file} : impossible d'archiver le document ({reason})",
        "{file}: cannot store the document ({reason})",
    ),
    "store.blob_missing": (
        "document archivé {sha256} introuvable ({reason})",
        "stored document {sha256} not found ({reason})",
    ),
    "store.reader_missing": (
        "lecture des factures indisponible dans cette installation ({reason})",
        "invoice reading is not available in this installation ({reason})",
    ),
    "store.not_found": (
        "aucun document n° {id} dans la base",
        "no document #{id} in the database",
    ),
    "store.upgraded": (
        "base {url} : schéma {before} -> {after}",
        "database {url}: schema {before} -> {after}",
    ),
    "store.up_to_date": (
        "base {url} : schéma à jour ({after})",
        "database {url}: schema up to date ({after})",
    ),
    # ---------------------------------------------------------------- ingest
    "store.outcome_new": (
        "nouveau     #{id} {file} : facture {number}, {status} {reason}",
        "new         #{id} {file}: invoice {number}, {status} {reason}",
    ),
    "store.outcome_known": (
        "déjà connu  #{id} {file} : facture {number}, {status} (rien de nouveau)",
        "known       #{id} {file}: invoice {number}, {status} (nothing new)",
    ),
    "store.outcome_known_refused": (
        "déjà connu  #{id} {file} : déjà reçu et refusé (rien de nouveau)",
        "known       #{id} {file}: already received and refused (nothing new)",
    ),
    "store.outcome_duplicate": (
        "DOUBLON ?   #{id} {file} : facture {number} déjà reçue sous #{original} "
        "(même vendeur, numéro et année) ; archivée et signalée",
        "DUPLICATE?  #{id} {file}: invoice {number} already received as #{original} "
        "(same seller, number and year); stored and flagged",
    ),
    "store.outcome_rejected": (
        "REJETÉ      #{id} {file} : {reason}",
        "REJECTED    #{id} {file}: {reason}",
    ),
    "store.invalid": (
        "{count} erreur(s) bloquante(s), dont {first}",
        "{count} fatal error(s), first {first}",
    ),
    "store.no_layer_ran": (
        "aucune couche de contrôle n'a pu s'exécuter",
        "no validation layer could run",
    ),
    "store.not_validated": (
        "(NON CONTRÔLÉE : le contrôle n'est pas disponible dans cette installation)",
        "(NOT VALIDATED: validation is not available in this installation)",
    ),
    "store.validation_unavailable": (
        "{file} : contrôle impossible dans cette installation, réception arrêtée "
        "(le fichier reste à traiter) : {reason}",
        "{file}: validation cannot run in this installation, ingest stopped (the file "
        "is left to process): {reason}",
    ),
    "store.validation_not_asked": (
        "(NON CONTRÔLÉE : contrôle non demandé)",
        "(NOT VALIDATED: validation not asked for)",
    ),
    "store.not_checked": (
        "(contrôle impossible, à refaire : {first} ; la facture reste en attente, "
        "`demat revalidate` la contrôlera de nouveau)",
        "(check impossible, to be done again: {first}; the invoice waits, "
        "`demat revalidate` will check it again)",
    ),
    "store.revalidate_unknown": (
        "Aucune facture enregistrée n'a le numéro {id}.",
        "No stored invoice has id {id}.",
    ),
    "store.validation_crashed": (
        "(NON CONTRÔLÉE : le contrôle a échoué : {reason} à {where})",
        "(NOT VALIDATED: validation failed: {reason} at {where})",
    ),
    "store.read_crashed": (
        "{file} : erreur interne de lecture ({reason} à {where})",
        "{file}: internal reading error ({reason} at {where})",
    ),
    "store.no_invoice_data": (
        "{file} : PDF sans données de facture structurées (pas une facture électronique)",
        "{file}: PDF without structured invoice data (not an electronic invoice)",
    ),
    "store.summary": (
        "{total} fichier(s) : {new} nouveau(x), {known} déjà connu(s), {duplicate} doublon(s) "
        "suspecté(s), {rejected} rejeté(s)",
        "{total} file(s): {new} new, {known} already known, {duplicate} suspected "
        "duplicate(s), {rejected} rejected",
    ),
    "store.progress": (
        "[{count}] {file}",
        "[{count}] {file}",
    ),
    # ---------------------------------------------------------------- list / show
    "store.list_empty": (
        "aucun document",
        "no documents",
    ),
    "store.show_document": (
        "Document #{id} : {name}\n  reçu le {received_at} ({source})\n"
        "  {size} octets, {media_type}, syntaxe {syntax}, profil {profile}\n"
        "  SHA-256 {sha256}\n  état : {status}",
        "Document #{id}: {name}\n  received {received_at} ({source})\n"
        "  {size} bytes, {media_type}, syntax {syntax}, profile {profile}\n"
        "  SHA-256 {sha256}\n  status: {status}",
    ),
    "store.show_refusal": (
        "  refusé : {reason}",
        "  refused: {reason}",
    ),
    "store.show_invoice": (
        "Facture {number} du {issue_date} (type {type_code}, {currency})\n"
        "  vendeur {seller} ({seller_siret})\n  acheteur {buyer} ({buyer_siret})\n"
        "  HT {tax_exclusive}, TVA {vat_total}, TTC {tax_inclusive}, à payer {payable}\n"
        "  code service (BT-10) {service_code}, engagement (BT-13) {engagement}\n"
        "  valide : {valid}",
        "Invoice {number} of {issue_date} (type {type_code}, {currency})\n"
        "  seller {seller} ({seller_siret})\n  buyer {buyer} ({buyer_siret})\n"
        "  net {tax_exclusive}, VAT {vat_total}, gross {tax_inclusive}, payable {payable}\n"
        "  service code (BT-10) {service_code}, engagement (BT-13) {engagement}\n"
        "  valid: {valid}",
    ),
    "store.show_duplicate": (
        "  DOUBLON SUSPECTÉ de #{original}",
        "  SUSPECTED DUPLICATE of #{original}",
    ),
    "store.show_report": (
        "Rapport de contrôle du {created_at} : {verdict} (couches : {layers})",
        "Validation report of {created_at}: {verdict} (layers: {layers})",
    ),
    "store.show_no_report": (
        "Aucun rapport de contrôle",
        "No validation report",
    ),
    "store.show_history": (
        "Historique (piste d'audit) :",
        "History (audit trail):",
    ),
    "store.verdict_valid": ("valide", "valid"),
    "store.verdict_invalid": ("non valide", "invalid"),
    "store.opt_anchor": (
        "un fichier d'ancres (export, rapport de `demat run`, fichier d'ancres) : chaque "
        "enregistrement ancré doit être encore là, inchangé ; plusieurs fois possible",
        "an anchors file (an export, a `demat run` report, the anchors file): every anchored "
        "record must still be there, unchanged; may be given several times",
    ),
    "store.verdict_not_checked": (
        "contrôle impossible, à refaire (`demat revalidate`)",
        "not checked, to be done again (`demat revalidate`)",
    ),
    "store.help_revalidate": (
        "Contrôle de nouveau les factures enregistrées : celles dont le contrôle n'a pas pu "
        "aboutir (--all) ou celles dont on donne le numéro.",
        "Check stored invoices again: those whose check could not be completed (--all), "
        "or the ones whose ids are given.",
    ),
    "store.opt_revalidate_all": (
        "toutes les factures en attente d'un verdict (état « non contrôlée »)",
        "every invoice awaiting a verdict (status 'not checked')",
    ),
    "store.revalidate_what": (
        "Donnez des numéros de facture ou --all.",
        "Give invoice ids or --all.",
    ),
    "store.revalidate_none": (
        "Aucune facture n'attend de contrôle.",
        "No invoice awaits a check.",
    ),
    # ---------------------------------------------------------------- audit
    "store.audit_ok": (
        "piste d'audit intègre : {count} enregistrement(s), tête n° {seq} {hash}",
        "audit trail intact: {count} record(s), head #{seq} {hash}",
    ),
    "store.audit_broken": (
        "PISTE D'AUDIT ROMPUE à l'enregistrement n° {seq} : {problem} ({detail}) ; "
        "{count} enregistrement(s) intègre(s) avant",
        "AUDIT TRAIL BROKEN at record #{seq}: {problem} ({detail}); {count} intact record(s) "
        "before it",
    ),
    "store.audit_problem_edited": (
        "contenu modifié (ne correspond plus à son empreinte) ou déplacé",
        "content edited (no longer matches its hash) or moved",
    ),
    "store.audit_problem_broken_link": (
        "lien rompu avec l'enregistrement précédent (insertion ou suppression)",
        "link to the previous record broken (insertion or deletion)",
    ),
    "store.audit_problem_gap": (
        "numéro manquant avant celui-ci (enregistrement supprimé)",
        "a sequence number is missing before it (record deleted)",
    ),
    "store.audit_problem_out_of_order": (
        "numéro répété ou en arrière (enregistrements réordonnés ou insérés)",
        "sequence number repeated or going back (records reordered or inserted)",
    ),
    "store.audit_problem_head_mismatch": (
        "la chaîne ne finit pas là où la tête l'indique (derniers enregistrements "
        "supprimés ou ajoutés)",
        "the chain does not end where its head says (newest records deleted or added)",
    ),
    "store.audit_problem_bad_export": (
        "fichier d'export invalide",
        "invalid export file",
    ),
    "store.audit_exported": (
        "{count} enregistrement(s) exporté(s) vers {file} ; tête n° {seq} {hash}",
        "{count} record(s) exported to {file}; head #{seq} {hash}",
    ),
    "store.audit_export_failed": (
        "{file} : export impossible ({reason})",
        "{file}: cannot export ({reason})",
    ),
    "store.audit_export_unreadable": (
        "{file} : export illisible ({reason})",
        "{file}: cannot read the export ({reason})",
    ),
    "store.bad_date": (
        "date invalide « {value} » : attendu AAAA-MM-JJ ou AAAA-MM-JJTHH:MM[:SS]",
        "invalid date '{value}': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]",
    ),
    "store.audit_empty": (
        "aucun enregistrement",
        "no records",
    ),
    # ---------------------------------------------------------------- CLI help
    "store.help_ingest": (
        "Reçoit des factures (fichiers ou dossiers) : lecture, contrôle, archivage, piste d'audit.",
        "Receive invoices (files or folders): read, validate, store, audit.",
    ),
    "store.help_list": ("Liste les documents reçus.", "List the documents received."),
    "store.help_show": (
        "Affiche un document reçu : facture, rapport de contrôle, historique.",
        "Show a received document: invoice, validation report, history.",
    ),
    "store.help_audit": ("Piste d'audit fiable.", "Tamper-evident audit trail."),
    "store.help_audit_verify": (
        "Vérifie la chaîne d'empreintes (base ou fichier d'export).",
        "Check the hash chain (database or export file).",
    ),
    "store.help_audit_log": ("Affiche la piste d'audit.", "Show the audit trail."),
    "store.help_audit_export": (
        "Exporte la piste d'audit dans un fichier vérifiable sans la base.",
        "Export the audit trail to a file that can be checked without the database.",
    ),
    "store.help_db": ("Base de données.", "Database."),
    "store.help_db_upgrade": (
        "Met le schéma de la base à jour.",
        "Bring the database schema up to date.",
    ),
    "store.opt_db": (
        "URL de la base (sqlite:///FICHIER ou postgresql+psycopg://...) ; "
        "par défaut DEMAT_DB, sinon un fichier SQLite dans le dossier de données.",
        "Database URL (sqlite:///FILE or postgresql+psycopg://...); default DEMAT_DB, "
        "else an SQLite file in the data directory.",
    ),
    "store.opt_json": ("Sortie JSON.", "JSON output."),
    "store.opt_status": (
        "Seulement cet état (répétable).",
        "Only this status (repeatable).",
    ),
    "store.opt_limit": ("Nombre maximal de lignes.", "Maximum number of lines."),
    "store.opt_fr": (
        "Applique aussi les règles françaises (BR-FR).",
        "Also apply the French rules (BR-FR).",
    ),
    "store.opt_chorus": (
        "Applique aussi les règles de dépôt Chorus Pro.",
        "Also apply the Chorus Pro deposit rules.",
    ),
    "store.opt_structures": (
        "Fichier JSON des structures publiques destinataires (règles Chorus Pro).",
        "JSON file of the recipient public structures (Chorus Pro rules).",
    ),
    "store.opt_invoice": ("Seulement ce document.", "Only this document."),
    "store.opt_since": (
        "Seulement à partir de cette date (AAAA-MM-JJ, UTC).",
        "Only from this date on (YYYY-MM-DD, UTC).",
    ),
    "store.opt_export": (
        "Vérifie un fichier déjà exporté (par « demat audit export FICHIER ») au lieu "
        "de la base ; ce fichier est lu, jamais écrit.",
        "Check a file exported earlier (by 'demat audit export FILE') instead of the "
        "database; the file is read, never written.",
    ),
}

#: Column headers of ``demat list`` and ``demat audit log``.
MESSAGES |= {
    "store.col_id": ("N°", "ID"),
    "store.col_status": ("État", "Status"),
    "store.col_valid": ("Valide", "Valid"),
    "store.col_number": ("Facture", "Invoice"),
    "store.col_seller": ("Vendeur", "Seller"),
    "store.col_siret": ("SIRET vendeur", "Seller SIRET"),
    "store.col_date": ("Date", "Date"),
    "store.col_amount": ("Montant", "Amount"),
    "store.col_currency": ("Devise", "Currency"),
    "store.col_file": ("Fichier", "File"),
    "store.col_seq": ("N°", "No."),
    "store.col_at": ("Date (UTC)", "Date (UTC)"),
    "store.col_actor": ("Par", "By"),
    "store.col_event": ("Événement", "Event"),
    "store.col_object": ("Objet", "Object"),
    "store.col_details": ("Détails", "Details"),
}
