"""Messages of the honest-duplicates rule: a suspected duplicate that is also invalid,
and the corrections linked to the refused or rejected invoices they correct."""

MESSAGES = {
    "duplicates.outcome_duplicate_invalid": (
        "DOUBLON ?   #{id} {file} : facture {number} déjà reçue sous #{original} (même "
        "vendeur, numéro et année) ET non valide : {reason} ; archivée et signalée",
        "DUPLICATE?  #{id} {file}: invoice {number} already received as #{original} (same "
        "seller, number and year) AND invalid: {reason}; stored and flagged",
    ),
    "duplicates.status_and_invalid": ("{status}, non valide", "{status}, invalid"),
    "duplicates.duplicate_of": ("{status} (de #{id})", "{status} (of #{id})"),
    "duplicates.corrects": ("{status}, corrige #{id}", "{status}, corrects #{id}"),
    "duplicates.corrected_by": ("{status}, corrigée par #{ids}", "{status}, corrected by #{ids}"),
}
