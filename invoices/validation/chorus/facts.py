"""What Chorus Pro accepts, as the rules need it: identifier schemes, size limits,
attachment extensions, type codes, frameworks, payment means, flow syntaxes.

The platform's own tables come from ``platforms/chorus`` (one copy, read by our
client and the emulator too); what is ours alone (the extensions, the frameworks a
supplier flow may carry) stays here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from invoices.identifiers import siren, siret
from invoices.syntax import Profile, Syntax
from platforms.chorus import tables

SCHEME_SIRET = siret.SCHEME
SCHEME_SIREN = siren.SCHEME

#: One attachment (API.md 5.7: "< 10 MB").
MAX_ATTACHMENT_BYTES = tables.limits().max_attachment_bytes
#: The invoice and all its attachments ("dossier de facturation").
MAX_INVOICE_BYTES = tables.limits().max_invoice_bytes
#: ``deposer/flux`` per file (an unverified reading of the AIFE annex; the emulator
#: enforces it by default, hence a warning rather than silence).
MAX_FLOW_FILE_BYTES = tables.limits().max_flow_file_bytes
MAX_ATTACHMENT_NAME = tables.limits().max_attachment_name
MAX_ENGAGEMENT = tables.limits().max_engagement
#: AIFE, "pièces jointes dans Chorus Pro : quelques règles à respecter".
ALLOWED_EXTENSIONS = frozenset(
    {
        "bmp",
        "gif",
        "fax",
        "odt",
        "ppt",
        "tiff",
        "xls",
        "bz2",
        "gz",
        "jpeg",
        "p7s",
        "rtf",
        "txt",
        "xml",
        "csv",
        "gzip",
        "jpg",
        "pdf",
        "svg",
        "xhtml",
        "xlsx",
        "doc",
        "htm",
        "odp",
        "png",
        "tgz",
        "xlc",
        "zip",
        "docx",
        "html",
        "ods",
        "pps",
        "tif",
        "xlm",
        "pptx",
    }
)

#: UNTDID 1001 codes Chorus Pro takes, and the ``typeFacture`` each becomes (swagger:
#: FACTURE, AVOIR, ACOMPTE; 384 corrected and 389 self-billed invoices are invoices).
#: The emulator reads the same file (platforms/chorus/invoice_types.json).
ACCEPTED_TYPE_CODES: Mapping[str, str] = tables.invoice_types()
#: Frameworks (BT-23) a supplier invoice flow may carry (swagger ``soumettre``:
#: A1, A2, A9, A12); the other A-codes belong to works, justice or MOA/MOE spaces.
ACCEPTED_FRAMEWORKS: Mapping[str, str] = {
    "A1": "A1_FACTURE_FOURNISSEUR",
    "A2": "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE",
    "A9": "A9_FACTURE_SOUSTRAITANT",
    "A12": "A12_FACTURE_COTRAITANT",
}
_FRAMEWORK_CODE = re.compile(r"^A([1-9]|1[0-9]|2[0-5])(_[A-Z_]+)?$")
#: UNTDID 4461 payment means that are credit transfers (Chorus wants an IBAN for them).
CREDIT_TRANSFER_MEANS = tables.credit_transfer_means()
#: Syntaxes a ``deposer/flux`` flow can carry (API.md 2.3), with their ``syntaxeFlux``.
FLOW_SYNTAXES: Mapping[Syntax, str] = {Syntax(k): v for k, v in tables.deposit_syntaxes().items()}
#: Profiles whose acceptance on direct deposit is not confirmed (API.md 9, #15).
UNCONFIRMED_PROFILES = frozenset({Profile.EXTENDED, Profile.EXTENDED_CTC_FR})
