"""Shared pieces of the Chorus Pro tests: seed-world names, a Swagger-checking
transport, and invoices addressed to the emulator's seed world.

:class:`SwaggerChecked` is a genuine transport that forwards every request unchanged
and records how the ``factures`` request bodies depart from the official Swagger, so
any test can also assert that the client speaks the published model.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import httpx

from connectors.chorus import swagger

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

COMMUNE = "21750011500019"
SYNDICAT = "21690123100011"
COLLINES = "21130055300016"  # service code required
CCAS = "21330063500017"  # engagement required
OPH = "21310555400017"  # service code OR engagement
DEPARTEMENT = "21440109300015"  # service code AND engagement
UNKNOWN_SIRET = "21999999900017"
NAMES = {
    COMMUNE: "Commune de Saint-Exemple",
    SYNDICAT: "Syndicat des eaux du Val",
    COLLINES: "Communauté de communes des Collines",
    CCAS: "Centre communal d'action sociale de Saint-Exemple",
    OPH: "Office public de l'habitat du Val",
    DEPARTEMENT: "Département de l'Exemple",
}


class SwaggerChecked(httpx.BaseTransport):
    """Forwards to a real HTTP transport; notes each ``factures`` body's Swagger errors."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.checked: list[str] = []
        self.errors: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith("/cpro/factures/"):
            body = json.loads(request.read() or b"{}")
            self.checked.append(path)
            self.errors += [f"{path}: {e}" for e in swagger.request_errors(path, body)]
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


# ------------------------------------------------------------------ invoices


def sample_invoice() -> Any:
    from invoices.reading import read

    return read(SAMPLES / "ubl-invoice.xml")


def make_invoice(
    number: str,
    *,
    buyer: str = SYNDICAT,
    service: str | None = None,
    engagement: str | None = None,
    base: Any = None,
) -> Any:
    """The UBL sample re-addressed: new number, recipient SIRET, service code, EJ.

    By default to the Syndicat des eaux (no requirement): not to the commune, which
    is our own structure (``DEMAT_CHORUS_SIRET``) and receives rather than sends.
    """
    from invoices.model import Identifier

    invoice = base or sample_invoice()
    party = dataclasses.replace(
        invoice.buyer,
        name=NAMES.get(buyer, "Structure inconnue"),
        legal_id=Identifier(buyer, "0009"),
        vat_id=None,
        electronic_address=Identifier(buyer, "0009"),
        identifiers=(),
    )
    return dataclasses.replace(
        invoice, number=number, buyer=party, buyer_reference=service, purchase_order=engagement
    )


def write_invoice(invoice: Any, syntax: str, folder: Path) -> Path:
    """The invoice written by the project's own writers as ``ubl`` / ``cii`` / ``facturx``."""
    from invoices.syntax import Profile
    from invoices.write import to_cii, to_facturx_pdf, to_ubl

    folder.mkdir(parents=True, exist_ok=True)
    if syntax == "ubl":
        path, data = folder / f"{invoice.number}.xml", to_ubl(invoice)
    elif syntax == "cii":
        path, data = folder / f"{invoice.number}-cii.xml", to_cii(invoice, Profile.EN16931)
    else:
        path, data = folder / f"{invoice.number}.pdf", to_facturx_pdf(invoice, Profile.EN16931)
    path.write_bytes(data)
    return path


def ingest_one(store: Any, path: Path) -> int:
    """Store one invoice (validated) and return its id; the test fails if it is not valid."""
    from invoices.pipeline import ingest

    outcome = next(iter(ingest([path], store=store, source="test")))
    assert outcome.document_id is not None and outcome.valid is True, outcome.to_json()
    return outcome.document_id
