"""Return codes and labels the emulator answers with, from ``platforms/chorus/return_codes.json``.

Only a handful are confirmed from real traffic (0, 20000, 20002, 20007; API.md 5.4);
the others are our choice, kept in that one table (shared with the client) so that a
client maps codes, never wording.  Clients must treat any non-zero ``codeRetour`` as an
error.
"""

from __future__ import annotations

from emulators.chorus.platform import return_codes

_TABLE = return_codes()

OK = _TABLE["OK"][0]
NO_RESULT = _TABLE["NO_RESULT"][0]
FILE_TOO_LARGE = _TABLE["FILE_TOO_LARGE"][0]
ILLEGAL_TRANSITION = _TABLE["ILLEGAL_TRANSITION"][0]
INVALID_PARAMETER = _TABLE["INVALID_PARAMETER"][0]
UNKNOWN_INVOICE = _TABLE["UNKNOWN_INVOICE"][0]
MOTIF_REQUIRED = _TABLE["MOTIF_REQUIRED"][0]
UNATTACHED = _TABLE["UNATTACHED"][0]
MANDATE_NOT_ALLOWED = _TABLE["MANDATE_NOT_ALLOWED"][0]
ACTION_REFUSED = _TABLE["ACTION_REFUSED"][0]
UNKNOWN_FLOW = _TABLE["UNKNOWN_FLOW"][0]
UNKNOWN_STRUCTURE = _TABLE["UNKNOWN_STRUCTURE"][0]
UNKNOWN_SERVICE = _TABLE["UNKNOWN_SERVICE"][0]
MALFORMED_BODY = _TABLE["MALFORMED_BODY"][0]
WORKS_NO_RESULT = _TABLE["WORKS_NO_RESULT"][0]

LABELS: dict[int, str] = {code: label for code, label in _TABLE.values()}


def label(code: int, **params: object) -> str:
    return LABELS[code].format(**params) if params else LABELS[code]


def answer(code: int, **params: object) -> dict[str, object]:
    """The two members every answer carries."""
    return {"codeRetour": code, "libelle": label(code, **params)}
