"""The supplier's calls beyond ``deposer/flux``, shaped as the official Swagger says.

Beside :class:`connectors.chorus.client.ChorusClient` (whose HTTP layer they use) so
that the client stays one module per side.  Each function is one platform operation:

* ``deposer/pdf`` then ``soumettre`` (``modeDepot = DEPOT_PDF_API``): a plain PDF the
  commune issues, with the data its clerk entered (the platform has no flow syntax for
  a plain PDF, API.md 2.3);
* ``transverses/v1/ajouter/fichier`` + ``completer``: a ``SUSPENDUE`` invoice completed
  with a comment and supporting documents;
* ``recycler``: an ``A_RECYCLER`` invoice sent to another service (or structure, or
  engagement);
* ``consulter/fournisseur``: the platform's view of one invoice we issued.

``soumettre``, ``completer`` and ``recycler`` are writes: sent once, never retried
(``write=True``); a lost answer is :class:`ChorusOutcomeUnknown` for the caller to
reconcile.  ``deposer/pdf`` and ``ajouter/fichier`` only upload a file that no invoice
names yet, so repeating them after a failure creates nothing on the platform.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from connectors.chorus.client import MAX_FLOW_BYTES, ChorusClient
from connectors.chorus.errors import ChorusOutcomeUnknown, ChorusUnavailable
from invoices.errors import InputError
from invoices.pipeline import EnteredInvoice

DEPOSIT_PDF = "factures/v1/deposer/pdf"
SUBMIT = "factures/v1/soumettre"
ADD_FILE = "transverses/v1/ajouter/fichier"
COMPLETE = "factures/v1/completer"
RECYCLE = "factures/v1/recycler"
CONSULT = "factures/v1/consulter/fournisseur"
#: ``pieceJointeNom`` is at most 50 characters, extension included (API.md 2.9).
MAX_ATTACHMENT_NAME = 50


@dataclass(frozen=True)
class Submitted:
    """``soumettre``'s answer: the invoice the platform created at once."""

    invoice_id: int
    number: str
    status: str
    deposit_date: str


def _file(data: bytes, name: str) -> str:
    if len(data) > MAX_FLOW_BYTES:
        raise InputError("chorus.flow_too_large", file=name, size=len(data), limit=MAX_FLOW_BYTES)
    return base64.b64encode(data).decode("ascii")


def deposit_pdf(client: ChorusClient, data: bytes, file_name: str) -> int:
    """``deposer/pdf``: the PDF uploaded; its ``pieceJointeId`` for ``soumettre``."""
    answer = client.http.post(
        DEPOSIT_PDF,
        {
            "fichierFacture": _file(data, file_name),
            "nomFichier": file_name,
            "formatDepot": "PDF_NON_SIGNE",
        },
        bare=True,  # its model alone has no codeRetour; a refusal is an HTTP 400
    )
    ident = answer.get("pieceJointeId")
    if not isinstance(ident, int) or isinstance(ident, bool):
        raise ChorusUnavailable("chorus.bad_answer", url=client.http.url(DEPOSIT_PDF))
    return ident


def _money(value: Decimal) -> float:
    """The Swagger's ``number``: JSON has no decimal, two decimals are exact enough here."""
    return float(value.quantize(Decimal("0.01")))


def submit_body(
    invoice: EnteredInvoice, piece_id: int, supplier_id: int, name: str
) -> dict[str, Any]:
    """The ``SoumettreFactureParam`` of a deposited PDF (``DEPOT_PDF_API``)."""
    recipient: dict[str, Any] = {"codeDestinataire": invoice.buyer_siret}
    if invoice.service_code:
        recipient["codeServiceExecutant"] = invoice.service_code
    references: dict[str, Any] = {
        "deviseFacture": invoice.currency,
        "typeFacture": "AVOIR" if invoice.credit_note else "FACTURE",
        "typeTva": invoice.vat_regime,
        "modePaiement": "VIREMENT",
    }
    if invoice.engagement:
        references["numeroBonCommande"] = invoice.engagement
    body: dict[str, Any] = {
        "modeDepot": "DEPOT_PDF_API",
        "numeroFactureSaisi": invoice.number,
        "dateFacture": invoice.issue_date.isoformat(),
        "destinataire": recipient,
        "fournisseur": {"idFournisseur": supplier_id},
        "cadreDeFacturation": {"codeCadreFacturation": "A1_FACTURE_FOURNISSEUR"},
        "references": references,
        "montantTotal": {
            "montantHtTotal": _money(invoice.total_ht),
            "montantTVA": _money(invoice.total_vat),
            "montantTtcTotal": _money(invoice.total_ttc),
            "montantAPayer": _money(invoice.due),
        },
        "pieceJointePrincipale": {
            "pieceJointePrincipaleDesignation": name[:MAX_ATTACHMENT_NAME],
            "pieceJointePrincipaleId": piece_id,
        },
    }
    if invoice.comment:
        body["commentaire"] = invoice.comment
    return body


def submit(client: ChorusClient, body: dict[str, Any]) -> Submitted:
    """``soumettre``: sent once.  An answer without the invoice's id is an unknown outcome."""
    answer = client.http.post(SUBMIT, body, write=True)
    ident = answer.get("identifiantFactureCPP")
    if not isinstance(ident, int) or isinstance(ident, bool):
        raise ChorusOutcomeUnknown(
            "chorus.outcome_unknown", operation="soumettre", reason="no identifiantFactureCPP"
        )
    return Submitted(
        ident,
        str(answer.get("numeroFacture") or ""),
        str(answer.get("statutFacture") or ""),
        str(answer.get("dateDepot") or ""),
    )


def add_file(client: ChorusClient, data: bytes, file_name: str, mime: str) -> int:
    """``ajouter/fichier``: a supporting document uploaded; its ``pieceJointeId``."""
    stem, dot, ext = file_name.rpartition(".")
    if not dot:
        stem, ext = file_name, "PDF"
    name = f"{stem[: MAX_ATTACHMENT_NAME - len(ext) - 1]}.{ext}"
    answer = client.http.post(
        ADD_FILE,
        {
            "pieceJointeFichier": _file(data, file_name),
            "pieceJointeNom": name,
            "pieceJointeTypeMime": mime,
            "pieceJointeExtension": ext.upper(),
        },
    )
    ident = answer.get("pieceJointeId")
    if not isinstance(ident, int) or isinstance(ident, bool):
        raise ChorusUnavailable("chorus.bad_answer", url=client.http.url(ADD_FILE))
    return ident


def complete(
    client: ChorusClient, invoice_id: int, comment: str | None, pieces: list[tuple[int, str]]
) -> str:
    """``completer`` (a write): the comment and the uploaded pieces (id, name) joined.

    Returns the platform's processing date.
    """
    body: dict[str, Any] = {"identifiantFactureCPP": invoice_id}
    if comment:
        body["commentaire"] = comment
    if pieces:
        body["pieceJointeComplementaire"] = [
            {
                "pieceJointeComplementaireId": ident,
                "pieceJointeComplementaireDesignation": name[:MAX_ATTACHMENT_NAME],
                "pieceJointeComplementaireType": "02",
            }
            for ident, name in pieces
        ]
    answer = client.http.post(COMPLETE, body, write=True)
    return str(answer.get("dateTraitement") or "")


def recycle(
    client: ChorusClient,
    invoice_id: int,
    *,
    service_code: str | None,
    recipient: str | None = None,
    engagement: str | None = None,
    comment: str | None = None,
) -> str:
    """``recycler`` (a write): routed again; returns the status the platform gives it."""
    body: dict[str, Any] = {"identifiantFactureCPP": invoice_id}
    target: dict[str, Any] = {}
    if recipient:
        target["codeDestinataire"] = recipient
    if service_code:
        target["codeServiceExecutant"] = service_code
    if target:
        body["destinataire"] = target
    if engagement:
        body["reference"] = {"numeroBonCommande": engagement}
    if comment:
        body["commentaire"] = comment
    answer = client.http.post(RECYCLE, body, write=True)
    return str(answer.get("statutFacture") or "")


@dataclass(frozen=True)
class PlatformView:
    """What ``consulter/fournisseur`` shows of an invoice we issued."""

    invoice_id: int
    number: str
    status: str
    recipient: str
    service_code: str
    engagement: str
    total_ttc: str
    raw: dict[str, Any]


def _part(sheet: dict[str, Any], name: str) -> dict[str, Any]:
    value = sheet.get(name)
    return value if isinstance(value, dict) else {}


def consult(client: ChorusClient, invoice_id: int) -> PlatformView:
    """``consulter/fournisseur``: the platform's sheet of one invoice we issued."""
    answer = client.http.post(CONSULT, {"identifiantFactureCPP": invoice_id})
    sheet = answer.get("facture")
    if not isinstance(sheet, dict):
        raise ChorusUnavailable("chorus.bad_answer", url=client.http.url(CONSULT))
    recipient, refs, totals = (
        _part(sheet, k) for k in ("destinataire", "references", "montantTotal")
    )
    return PlatformView(
        invoice_id=invoice_id,
        number=str(sheet.get("numeroFacture") or ""),
        status=str(sheet.get("statutFacture") or ""),
        recipient=str(recipient.get("codeDestinataire") or ""),
        service_code=str(recipient.get("codeServiceExecutant") or ""),
        engagement=str(refs.get("numeroBonCommande") or ""),
        total_ttc=str(totals.get("montantTtcTotal") or ""),
        raw=sheet,
    )
