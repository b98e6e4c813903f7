"""Messages of the payment guard: the supplier register and the bank-detail gate
(``demat supplier ...``)."""

MESSAGES = {
    # ---------------------------------------------------------------- settings
    "guard.setting_bad": (
        "{file} : valeur « {value} » invalide pour {name} (on ou off)",
        "{file}: bad value '{value}' for {name} (on or off)",
    ),
    "guard.config_invalid": (
        "{file} : réglages illisibles ({reason})",
        "{file}: unreadable settings ({reason})",
    ),
    "guard.off": (
        "ATTENTION : contrôle des coordonnées bancaires désactivé ([guard] enabled / "
        "DEMAT_GUARD) : aucune facture n'est mise à vérifier",
        "WARNING: bank-detail check turned off ([guard] enabled / DEMAT_GUARD): no invoice is held",
    ),
    "guard.no_commune": (
        "ATTENTION : contrôle des coordonnées bancaires inactif : SIRET de la commune "
        "inconnu ([commune] siret, DEMAT_COMMUNE_SIRET ou DEMAT_CHORUS_SIRET)",
        "WARNING: bank-detail check inactive: the commune's SIRET is not set "
        "([commune] siret, DEMAT_COMMUNE_SIRET or DEMAT_CHORUS_SIRET)",
    ),
    # ---------------------------------------------------------------- gate
    "guard.held_refused": (
        "la facture n° {id} est à vérifier : le compte bancaire du fournisseur {seller} "
        "n'est pas confirmé ; {step} refusé (demat supplier show {seller})",
        "invoice #{id} is held: the bank account of supplier {seller} is not confirmed; "
        "{step} refused (demat supplier show {seller})",
    ),
    "guard.reason.new-supplier": ("nouveau fournisseur", "new supplier"),
    "guard.reason.unconfirmed-account": ("compte non confirmé", "account not confirmed"),
    "guard.reason.bad-iban": ("IBAN invalide", "invalid IBAN"),
    # ---------------------------------------------------------------- register
    "guard.iban_invalid": (
        "{file} : IBAN « {iban} » invalide (clé ou format)",
        "{file}: invalid IBAN '{iban}' (check digits or format)",
    ),
    "guard.bic_invalid": ("{file} : BIC « {bic} » invalide", "{file}: invalid BIC '{bic}'"),
    "guard.confirm_needs_who_how": (
        "{file} : dites qui confirme (--by) et comment (--how)",
        "{file}: say who confirms (--by) and how (--how)",
    ),
    "guard.same_person": (
        "{file} : {by} a déjà confirmé {iban} ; une seconde personne doit confirmer",
        "{file}: {by} already confirmed {iban}; a second person must confirm",
    ),
    "guard.unknown_supplier": ("fournisseur inconnu : {file}", "unknown supplier: {file}"),
    "guard.confirmed": (
        "{iban} confirmé pour {seller} par {by}",
        "{iban} confirmed for {seller} by {by}",
    ),
    "guard.needs_more": (
        "encore {left} confirmation(s) d'une autre personne avant paiement",
        "{left} more confirmation(s) by another person needed before payment",
    ),
    "guard.released": (
        "factures libérées : {ids}",
        "invoices released: {ids}",
    ),
    "guard.demo_how": (
        "démonstration : rappel au numéro connu du fournisseur",
        "demo: callback to the supplier's known number",
    ),
    "guard.none": ("aucun fournisseur enregistré", "no supplier registered"),
    "guard.list_line": (
        "{seller}  {name}  comptes : {accounts}, confirmés : {confirmed}",
        "{seller}  {name}  accounts: {accounts}, confirmed: {confirmed}",
    ),
    "guard.show_head": ("Fournisseur {seller} {name}", "Supplier {seller} {name}"),
    "guard.show_account": ("  {iban} {bic} : {state}", "  {iban} {bic}: {state}"),
    "guard.show_confirmation": (
        "    confirmé par {by} le {at} ({how}){forged}",
        "    confirmed by {by} on {at} ({how}){forged}",
    ),
    "guard.state_confirmed": ("confirmé", "confirmed"),
    "guard.state_unconfirmed": ("NON confirmé", "NOT confirmed"),
    "guard.forged_mark": (
        " — SANS trace au journal d'audit, non reconnu",
        " — NO audit record, not trusted",
    ),
    "guard.verify_ok": (
        "registre des fournisseurs : {count} confirmation(s), toutes tracées au journal",
        "supplier register: {count} confirmation(s), each with its audit record",
    ),
    "guard.verify_forged": (
        "confirmation n° {id} de {iban} pour {seller} par {by} : aucune trace au journal "
        "d'audit (écrite hors de demat ?)",
        "confirmation #{id} of {iban} for {seller} by {by}: no audit record "
        "(written outside demat?)",
    ),
    # ---------------------------------------------------------------- help
    "guard.help": (
        "Registre des fournisseurs et comptes bancaires confirmés.",
        "Supplier register and confirmed bank accounts.",
    ),
    "guard.help_confirm": (
        "Confirmer un IBAN d'un fournisseur (après vérification hors ligne).",
        "Confirm a supplier's IBAN (after checking it out of band).",
    ),
    "guard.help_list": ("Lister les fournisseurs.", "List the suppliers."),
    "guard.help_show": (
        "Comptes d'un fournisseur et qui les a confirmés.",
        "A supplier's accounts and who confirmed them.",
    ),
    "guard.help_verify": (
        "Vérifier que chaque confirmation a sa trace au journal d'audit.",
        "Check that every confirmation has its audit record.",
    ),
    "guard.opt_by": ("Qui confirme (nom de la personne).", "Who confirms (the person's name)."),
    "guard.opt_how": (
        "Comment (rappel au numéro connu, courrier...).",
        "How (callback to the known number, letter...).",
    ),
    "guard.opt_bic": ("BIC du compte.", "BIC of the account."),
}
