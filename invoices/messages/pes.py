"""Messages of PES V2 / Hélios: the mandate file, building, validating and acknowledgements
(``demat pes ...``)."""

MESSAGES = {
    # ---------------------------------------------------------------- settings
    "pes.settings_invalid": (
        "{file} : réglages Hélios illisibles ({reason})",
        "{file}: unreadable Hélios settings ({reason})",
    ),
    "pes.settings_unknown": (
        "{file} : réglages inconnus dans [helios] : {names}",
        "{file}: unknown settings in [helios]: {names}",
    ),
    "pes.settings_missing": (
        "réglages Hélios manquants : {names} (table [helios] de {file} ou variables "
        "d'environnement)",
        "missing Hélios settings: {names} ([helios] table of {file} or environment variables)",
    ),
    "pes.settings_bad": (
        "réglage Hélios {name} invalide : « {value} »",
        "invalid Hélios setting {name}: '{value}'",
    ),
    # ---------------------------------------------------------------- mandate file
    "pes.mandates_refused": (
        "{file} : {count} problème(s) dans le fichier de mandats ; aucun PES n'a été produit",
        "{file}: {count} problem(s) in the mandate file; no PES was built",
    ),
    "pes.row_at": (
        "{file}, ligne {line}, colonne {column} : {reason}",
        "{file}, line {line}, column {column}: {reason}",
    ),
    "pes.entry_at": (
        "{file}, entrée {line}, champ {column} : {reason}",
        "{file}, entry {line}, field {column}: {reason}",
    ),
    "pes.row_not_utf8": (
        "le fichier n'est pas en UTF-8",
        "the file is not UTF-8",
    ),
    "pes.row_none": ("aucune ligne de mandat", "no mandat line"),
    "pes.row_too_long": (
        "plus de valeurs que de colonnes dans l'en-tête",
        "more values than header columns",
    ),
    "pes.row_bad_json": ("JSON illisible ({reason})", "unreadable JSON ({reason})"),
    "pes.row_not_object": (
        "chaque entrée doit être un objet {{...}}",
        "each entry must be an object {{...}}",
    ),
    "pes.row_unknown_column": (
        "colonne(s) inconnue(s) : {names}",
        "unknown column(s): {names}",
    ),
    "pes.row_missing_column": (
        "colonne(s) obligatoire(s) absente(s) : {names}",
        "required column(s) missing: {names}",
    ),
    "pes.row_empty": ("valeur obligatoire vide", "required value is empty"),
    "pes.row_bad_number": (
        "« {value} » n'est pas un numéro valable (entier positif de la bonne longueur)",
        "'{value}' is not a valid number (a positive integer of the right length)",
    ),
    "pes.row_bad_code": (
        "« {value} » n'est pas un code valable (chiffres seulement)",
        "'{value}' is not a valid code (digits only)",
    ),
    "pes.row_bad_amount": (
        "« {value} » n'est pas un montant (ex. 1234.56, au plus deux décimales, positif)",
        "'{value}' is not an amount (e.g. 1234.56, at most two decimals, positive)",
    ),
    "pes.row_line_twice": (
        "la ligne figure deux fois pour le mandat {mandat}",
        "the line appears twice for mandat {mandat}",
    ),
    "pes.row_two_bordereaux": (
        "le mandat {mandat} figure dans deux bordereaux",
        "mandat {mandat} appears in two bordereaux",
    ),
    "pes.row_mandat_two_invoices": (
        "le mandat {mandat} paie déjà une autre facture (un mandat par facture)",
        "mandat {mandat} already pays another invoice (one mandat per invoice)",
    ),
    "pes.row_invoice_twice": (
        "la facture est déjà mandatée dans ce fichier (mandat {mandat})",
        "the invoice is already mandated in this file (mandat {mandat})",
    ),
    "pes.row_unknown_invoice": (
        "facture « {value} » introuvable (numéro de la base, ou numéro@SIRET du vendeur)",
        "invoice '{value}' not found (store id, or number@seller SIRET)",
    ),
    "pes.row_ambiguous_invoice": (
        "« {value} » désigne plusieurs factures : utilisez le numéro de la base",
        "'{value}' matches several invoices: use the store id",
    ),
    "pes.row_unpayable": (
        "la facture n° {id} ne peut pas être mandatée (état {status})",
        "invoice #{id} cannot be mandated (status {status})",
    ),
    "pes.row_already_mandated": (
        "la facture n° {id} est déjà mandatée (mandat {mandat}, exercice {exercice}) ; "
        "--correction pour la mandater de nouveau",
        "invoice #{id} is already mandated (mandat {mandat}, exercice {exercice}); "
        "use --correction to mandate it again",
    ),
    "pes.row_mandat_used": (
        "le mandat n° {mandat} a déjà été envoyé pour cet exercice (Hélios le refuserait "
        "en doublon)",
        "mandat number {mandat} was already sent for this exercice (Hélios would refuse it "
        "as a duplicate)",
    ),
    "pes.row_bordereau_used": (
        "le bordereau n° {bordereau} a déjà été envoyé pour cet exercice (Hélios le "
        "refuserait en doublon)",
        "bordereau number {bordereau} was already sent for this exercice (Hélios would "
        "refuse it as a duplicate)",
    ),
    "pes.row_negative": (
        "la facture {number} a un total négatif (avoir) : pas de mandat pour un avoir",
        "invoice {number} has a negative total (credit note): no mandat for a credit note",
    ),
    "pes.row_amounts_needed": (
        "le mandat {mandat} a plusieurs lignes : chaque ligne doit donner ses montants",
        "mandat {mandat} has several lines: each line must give its amounts",
    ),
    "pes.row_sum_mismatch": (
        "les lignes totalisent {total} au lieu de {expected} (écart {difference})",
        "the lines add up to {total} instead of {expected} (difference {difference})",
    ),
    "pes.invoice_unreadable": (
        "{file} : la facture archivée ne se relit plus",
        "{file}: the stored invoice can no longer be read",
    ),
    # ---------------------------------------------------------------- file content (French)
    "pes.pj_description": (
        "Facture {number} de {seller}",
        "Invoice {number} from {seller}",
    ),
    "pes.mandat_object": ("Facture {number} {seller}", "Invoice {number} {seller}"),
    "pes.line_label": ("FACTURE {number}", "INVOICE {number}"),
    # ---------------------------------------------------------------- build
    "pes.built": (
        "{file} : {bordereaux} bordereau(x), {mandats} mandat(s), {pjs} pièce(s) jointe(s)",
        "{file}: {bordereaux} bordereau(x), {mandats} mandat(s), {pjs} attachment(s)",
    ),
    "pes.built_pj": (
        "  IdUnique {id_unique} : facture n° {invoice}, mandat {mandat}",
        "  IdUnique {id_unique}: invoice #{invoice}, mandat {mandat}",
    ),
    "pes.write_failed": (
        "{file} : écriture impossible ({reason})",
        "{file}: cannot write ({reason})",
    ),
    "pes.file_unreadable": (
        "{file} : lecture impossible ({reason})",
        "{file}: cannot read ({reason})",
    ),
    # ---------------------------------------------------------------- validation rules
    "pes.rule_size": (
        "fichier de {size} octets, au-delà de la limite du tiers de télétransmission "
        "({limit} octets)",
        "file of {size} bytes, over the limit of the tiers de télétransmission ({limit} bytes)",
    ),
    "pes.rule_encoding": (
        "encodage déclaré « {value} » : S²LOW exige ISO-8859-1 sur la première ligne",
        "declared encoding '{value}': S²LOW requires ISO-8859-1 on the first line",
    ),
    "pes.rule_root": (
        "« {root} » n'est pas un fichier PES (PES_Aller, PES_ACQUIT...)",
        "'{root}' is not a PES file (PES_Aller, PES_ACQUIT...)",
    ),
    "pes.no_schema": (
        "{root} : aucun schéma de ce message dans le lot PES ; reconnu, non vérifié",
        "{root}: no schema for this message in the PES bundle; recognised, not checked",
    ),
    "pes.rule_flux_empty": (
        "PES vide : ni bordereau ni pièce jointe (refusé par le tiers de télétransmission)",
        "empty PES: no bordereau and no attachment (refused by the tiers de télétransmission)",
    ),
    "pes.rule_pj_empty": (
        "pièce jointe vide : Hélios rejette la PJ",
        "empty attachment: Hélios rejects the PJ",
    ),
    "pes.rule_pj_unreadable": (
        "pièce jointe illisible : le contenu doit être compressé gzip puis encodé base64",
        "unreadable attachment: the content must be gzip-compressed then base64-encoded",
    ),
    "pes.rule_pj_idver": (
        "EnTetePES_PJ/IdVer vaut {value} : seule la valeur 1 est acceptée par Hélios",
        "EnTetePES_PJ/IdVer is {value}: Hélios accepts 1 only",
    ),
    "pes.rule_depense_idver": (
        "EnTeteDepense/IdVer vaut {value} ; l'annotation du schéma demande 2",
        "EnTeteDepense/IdVer is {value}; the schema annotation asks for 2",
    ),
    "pes.rule_idunique_twice": (
        "IdUnique {id} porté par deux pièces jointes du fichier",
        "IdUnique {id} carried by two attachments of the file",
    ),
    "pes.rule_idunique_sent": (
        "IdUnique {id} déjà envoyé par la collectivité dans un autre fichier : "
        "Hélios rejette la PJ",
        "IdUnique {id} already sent by the commune in another file: Hélios rejects the PJ",
    ),
    "pes.rule_nomfic": (
        "NomFic « {name} » déjà utilisé par un autre fichier : refusé par le tiers de "
        "télétransmission",
        "NomFic '{name}' already used by another file: refused by the tiers de télétransmission",
    ),
    "pes.rule_domaine_typepj": (
        "RefCompta Domaine {domaine} incompatible avec TypePJ {type}",
        "RefCompta Domaine {domaine} does not go with TypePJ {type}",
    ),
    "pes.rule_refcompta_id": (
        "RefCompta sans Identifiant (numéro du mandat) : Hélios ne peut rattacher la PJ",
        "RefCompta without Identifiant (the mandat number): Hélios cannot attach the PJ",
    ),
    "pes.rule_pj_unattached": (
        "pièce jointe {id} sans PJRef dans le fichier ni RefCompta : rattachée à rien",
        "attachment {id} has no PJRef in the file and no RefCompta: attached to nothing",
    ),
    "pes.rule_pjref_elsewhere": (
        "PJRef {id} sans sa pièce jointe dans ce fichier : elle doit venir dans un autre "
        "fichier, avec RefCompta",
        "PJRef {id} without its attachment in this file: it must come in another file, "
        "with RefCompta",
    ),
    "pes.rule_pjref_paper": (
        "PJRef {id} sur support {support} (papier ou CD) : aucune pièce jointe ne peut "
        "l'accompagner",
        "PJRef {id} on support {support} (paper or disc): no attachment may go with it",
    ),
    "pes.rule_nbrpce": (
        "NbrPce vaut {declared} pour {count} pièce(s) dans le bordereau",
        "NbrPce is {declared} for {count} piece(s) in the bordereau",
    ),
    "pes.rule_mtbordht": (
        "MtBordHT vaut {declared}, les lignes totalisent {sum}",
        "MtBordHT is {declared}, the lines add up to {sum}",
    ),
    "pes.layer_helios": ("Règles d'Hélios (PES V2)", "Hélios rules (PES V2)"),
    # ---------------------------------------------------------------- acknowledgements
    "pes.acquit_unknown_root": (
        "{file} : « {root} » n'est pas un acquittement Hélios",
        "{file}: '{root}' is not a Hélios acknowledgement",
    ),
    "pes.acquit_no_file": (
        "{file} : aucun fichier PES de ce nom dans la base",
        "{file}: no PES file of that name in the store",
    ),
    "pes.acquit_bad_state": (
        "{file} : EtatAck « {value} » (attendu 0 ou 1)",
        "{file}: EtatAck '{value}' (expected 0 or 1)",
    ),
    # ---------------------------------------------------------------- CLI
    "pes.cli_help": (
        "Fichiers PES V2 pour Hélios (Trésor public) : construire, valider.",
        "PES V2 files for Hélios (Trésor public): build, validate.",
    ),
    "pes.cli_build_help": (
        "Construire un PES_Aller (mandats et factures en pièces jointes) depuis un "
        "fichier de mandats (CSV ou JSON).",
        "Build a PES_Aller (mandats and their invoices as attachments) from a mandate "
        "file (CSV or JSON).",
    ),
    "pes.opt_mandats": (
        "fichier de mandats : une ligne par ligne de mandat",
        "mandate file: one row per mandat line",
    ),
    "pes.opt_out": (
        "fichier (ou dossier) où écrire le PES ; par défaut son NomFic ici",
        "file (or folder) to write the PES to; by default its NomFic here",
    ),
    "pes.opt_pj_only": (
        "PES_PJ seul (avec RefCompta), pour un logiciel financier qui envoie ses mandats",
        "PES_PJ only (with RefCompta), for finance software that sends its own mandats",
    ),
    "pes.opt_correction": (
        "correction : mandater de nouveau des factures déjà mandatées (l'ancien mandat "
        "est marqué remplacé)",
        "correction: mandate invoices already mandated again (the earlier mandat is "
        "marked replaced)",
    ),
    "pes.cli_validate_help": (
        "Valider des fichiers PES (schéma 5.30 et règles d'Hélios).",
        "Validate PES files (5.30 schema and Hélios rules).",
    ),
    # TypBord / TypPce / NatPce (invoices/validation/pes/triplets.py)
    "pes.rule_typbord_04": (
        "TypBord 04 n'existe qu'en retour : Hélios rejette ce bordereau dans un PES_Aller",
        "TypBord 04 exists only in returns: Hélios rejects this bordereau in a PES_Aller",
    ),
    "pes.rule_triplet_correctif": (
        "Mandat correctif (TypPce 02) avec TypBord {typbord} et NatPce {natpce} : les seuls "
        "triplets connus sont 02 02 06, 02 02 10 et 01 02 09 (bordereau rejeté)",
        "Correcting mandat (TypPce 02) with TypBord {typbord} and NatPce {natpce}: the only "
        "known triplets are 02 02 06, 02 02 10 and 01 02 09 (bordereau rejected)",
    ),
    "pes.rule_triplet_annulation": (
        "Un bordereau d'annulation (TypBord 02) ne contient que des mandats correctifs "
        "02 02 06 ou 02 02 10, pas TypPce {typpce} NatPce {natpce} (bordereau rejeté)",
        "An annulation bordereau (TypBord 02) holds only correcting mandats 02 02 06 or "
        "02 02 10, not TypPce {typpce} NatPce {natpce} (bordereau rejected)",
    ),
    "pes.rule_triplet_nature": (
        "NatPce {natpce} est une nature de correction, sur une pièce qui n'est pas un "
        "mandat correctif (TypPce {typpce}) : triplet {typbord} {typpce} {natpce} inconnu",
        "NatPce {natpce} is a correction nature, on a piece that is not a correcting "
        "mandat (TypPce {typpce}): triplet {typbord} {typpce} {natpce} unknown",
    ),
    "pes.rule_triplet_ordre": (
        "Un ordre de paiement (TypPce 11) va dans un bordereau d'ordres de paiement "
        "(TypBord 03), et lui seul : ici TypBord {typbord}, TypPce {typpce}",
        "An ordre de paiement (TypPce 11) goes in a bordereau of ordres de paiement "
        "(TypBord 03), and only it does: here TypBord {typbord}, TypPce {typpce}",
    ),
    "pes.rule_rattach_missing": (
        "Triplet {triplet} : la ligne {line} doit porter un bloc RattachPiece complet "
        "(NatPceOrig {allowed}) (bordereau rejeté)",
        "Triplet {triplet}: line {line} must carry a complete RattachPiece block "
        "(NatPceOrig {allowed}) (bordereau rejected)",
    ),
    "pes.rule_rattach_nature": (
        "Triplet {triplet}, ligne {line} : NatPceOrig {value}, attendu {allowed} "
        "(bordereau rejeté)",
        "Triplet {triplet}, line {line}: NatPceOrig {value}, expected {allowed} "
        "(bordereau rejected)",
    ),
    "pes.rule_rattach_line": (
        "Ligne {line} : avec NatPceOrig {value}, IdLigneOrig vaut {id} (au moins 1 pour "
        "01, 02 et 05 ; absent ou 0 pour 03 et 04)",
        "Line {line}: with NatPceOrig {value}, IdLigneOrig is {id} (at least 1 for 01, 02 "
        "and 05; absent or 0 for 03 and 04)",
    ),
    "pes.rule_exerrat_same": (
        "Triplet {triplet}, ligne {line} : ExerRat {year} doit être l'exercice du flux "
        "({exercice})",
        "Triplet {triplet}, line {line}: ExerRat {year} must be the file's exercice ({exercice})",
    ),
    "pes.rule_exerrat_earlier": (
        "Triplet {triplet}, ligne {line} : ExerRat {year} doit être un exercice antérieur "
        "à celui du flux ({exercice})",
        "Triplet {triplet}, line {line}: ExerRat {year} must be an exercice before the "
        "file's ({exercice})",
    ),
    "pes.rule_recette_typbord": (
        "Bordereau de recette de TypBord {typbord} : seules les valeurs 01, 02, 03 et 06 "
        "sont possibles dans un PES_Aller (flux rejeté)",
        "Recette bordereau of TypBord {typbord}: only 01, 02, 03 and 06 are possible in a "
        "PES_Aller (file rejected)",
    ),
    "pes.rule_recette_typpce": (
        "Titre de TypPce {typpce} : les TypPce 08 et 13 ne sont pas possibles (bordereau rejeté)",
        "Titre of TypPce {typpce}: TypPce 08 and 13 are not possible (bordereau rejected)",
    ),
}
