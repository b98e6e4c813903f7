"""Our own technical rule ids, and which of them leave a verdict unreached.

Official rules keep their official ids; ours all start with ``DEMAT-`` so a reader
(or a filter in accounting software) tells "the invoice breaks a rule" from "the
check itself had a problem".  Kept in one place because the pipeline, the outputs
and the layers all need the same names.
"""

from __future__ import annotations

import re

TECHNICAL_PREFIX = "DEMAT-"
UNREADABLE = "DEMAT-UNREADABLE"
NO_INVOICE = "DEMAT-NO-INVOICE"
MODEL = "DEMAT-MODEL"
ARTEFACT_MISSING = "DEMAT-ARTEFACT-MISSING"
ARTEFACT_TAMPERED = "DEMAT-ARTEFACT-TAMPERED"
FACTURX_VERSION = "DEMAT-FACTURX-VERSION"
NO_SCHEMATRON = "DEMAT-NO-SCHEMATRON"
NOT_RUN = "DEMAT-NOT-RUN"
LAYER_ERROR = "DEMAT-LAYER-ERROR"

#: Findings that describe the installation, not the document: nothing a supplier
#: did can cause them, and re-checking after the fix gives the real verdict.
ENVIRONMENT = frozenset({ARTEFACT_MISSING, ARTEFACT_TAMPERED, FACTURX_VERSION})

#: XPath/XSLT *dynamic* errors raised while an official stylesheet evaluates the
#: document's own data (a text where a number must be: XPTY0004, FORG0001...).
#: The official validators fail on the same documents with the same stylesheets, so
#: such an error is a verdict on the document ("invalid"), not a failure of ours.
#: Static and compile errors (XPST, XTSE...) and a missing code are engine trouble.
_DATA_ERROR = re.compile(r"^(XPTY|XPDY|FO[A-Z]{2})\d{4}$")


def caused_by_document(code: str) -> bool:
    """Whether an engine error code is the document's doing (see :data:`_DATA_ERROR`)."""
    return bool(_DATA_ERROR.match(code))
