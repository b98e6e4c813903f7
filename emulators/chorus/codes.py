"""Return codes and labels the emulator answers with.

Only a handful are confirmed from real traffic (0, 20000, 20002, 20007; API.md 5.4);
the others are our choice, kept here in one table so that a client maps codes, never
wording.  Clients must treat any non-zero ``codeRetour`` as an error.
"""

from __future__ import annotations

OK = 0
NO_RESULT = 20000  # TRA_MSG_00.015, confirmed (Pastell)
FILE_TOO_LARGE = 20001  # GDP_MSG_11.022, (L)
ILLEGAL_TRANSITION = 20002  # confirmed (Pastell fake data)
INVALID_PARAMETER = 20004  # (L) missing / invalid request field
UNKNOWN_INVOICE = 20005  # (L) GDP_MSG_11.008 wording
MOTIF_REQUIRED = 20006  # (L)
UNATTACHED = 20008  # (L) technical account not attached to the structure
MANDATE_NOT_ALLOWED = 20009  # (L) numeroDPMandat only with MANDATEE
ACTION_REFUSED = 20010  # (L) completer/recycler from a wrong status
UNKNOWN_FLOW = 20011  # (L)
UNKNOWN_STRUCTURE = 20012  # (L)
UNKNOWN_SERVICE = 20013  # (L)
MALFORMED_BODY = 20014  # (L) HTTP 400 body

LABELS: dict[int, str] = {
    OK: "TRA_MSG_00.000",
    NO_RESULT: "TRA_MSG_00.015",
    FILE_TOO_LARGE: "GDP_MSG_11.022",
    ILLEGAL_TRANSITION: (
        "Incohérence au niveau du statut d'origine ou de destination de la facture."
    ),
    INVALID_PARAMETER: "Paramètre obligatoire absent ou invalide : {field}",
    UNKNOWN_INVOICE: "La demande de paiement est inconnue du système.",
    MOTIF_REQUIRED: "Le motif est obligatoire pour le statut {status}.",
    UNATTACHED: "Le compte technique n'est pas rattaché à la structure {structure}.",
    MANDATE_NOT_ALLOWED: "Le numéro de mandat n'est accepté qu'avec le statut MANDATEE.",
    ACTION_REFUSED: "Action impossible au statut {status}.",
    UNKNOWN_FLOW: "Le flux {flow} est inconnu.",
    UNKNOWN_STRUCTURE: "La structure est inconnue.",
    UNKNOWN_SERVICE: "Le service est inconnu.",
    MALFORMED_BODY: "Le corps de la requête n'est pas un objet JSON valide.",
}


def label(code: int, **params: object) -> str:
    return LABELS[code].format(**params) if params else LABELS[code]


def answer(code: int, **params: object) -> dict[str, object]:
    """The two members every answer carries."""
    return {"codeRetour": code, "libelle": label(code, **params)}
