"""The names and fixed codes of PES V2 5.30, in one place (see ``../shared/pes/README.md``)."""

from __future__ import annotations

import re

ALLER_NS = "http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller"
ACQUIT_NS = "http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour/v2"
ACQUIT_RETOUR_NS = "http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller/ack"
#: The encoding S²LOW requires on the first line of every file it forwards.
ENCODING = "ISO-8859-1"
#: ``Enveloppe/Parametres``: what every S²LOW fixture and Hélios file carries.
VERSION = "2"
TYP_FIC = "PESALR2"
#: ``EnTeteDepense/IdVer`` (annotation: "put 2") and ``EnTetePES_PJ/IdVer`` (only 1).
DEPENSE_ID_VER = "2"
PJ_ID_VER = "1"
#: Bordereau ordinaire, mandat ordinaire, nature "fonctionnement" (TypBord/TypPce/NatPce).
TYP_BORD = "01"
TYP_PCE = "01"
NAT_PCE = "01"
#: NatPce "investissement": a supplier invoice imputed on class 2 accounts (M14/M57).
NAT_PCE_INVESTISSEMENT = "02"
#: The account class of the investment section (``Nature`` starting with it).
CLASSE_INVESTISSEMENT = "2"
#: PJ of a dépense; RefCompta domain dépense, object "bordereau ordinaire".
TYPE_PJ = "003"
DOMAINE_DEPENSE = "01"
TYPE_OBJET = "01"
#: PJRef support "électronique" (02 paper / 03 disc forbid a PJ block).
SUPPORT_ELECTRONIQUE = "01"
#: Tiers: SIRET, "personne morale de droit privé", "société".
NAT_ID_TIERS_SIRET = "01"
CAT_TIERS = "50"
NAT_JUR = "03"
#: Payment by transfer: needs the CpteBancaire block (annotation of TCodePaiement).
MOD_REGL_VIREMENT = "03"
#: ``Base_Alphanum50`` of ``IdUnique``.
ID_UNIQUE = re.compile(r"[0-9a-zA-Z]{1,50}")
#: Domaine of a RefCompta -> the TypePJ it may justify (Class_PJ.xsd annotations).
DOMAINE_TYPES_PJ = {
    "01": frozenset({"003", "004", "005", "006"}),
    "02": frozenset({"002", "006", "007", "008", "010", "011", "014"}),
    "04": frozenset({"001", "012", "013"}),
    "06": frozenset({"009"}),
}
#: Largest file S²LOW accepts ("enveloppe" over 128 MB is refused).
MAX_FILE_BYTES = 128 * 1024 * 1024
