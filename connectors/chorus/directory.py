"""The pre-deposit recipient check, fed by the platform's own directory.

Chorus Pro rejects at integration an invoice whose recipient is unknown or inactive,
or that lacks a service code or legal-commitment number the recipient requires.
Asking the directory first (API.md 4.2, the algorithm Odoo runs) turns those late,
asynchronous rejections into immediate findings.  The answers are shaped as
:class:`invoices.validation.structures.Structures`, the same objects the ``chorus``
validation layer reads from a file, so one rule set judges both.
"""

from __future__ import annotations

from connectors.chorus.client import ChorusClient
from invoices.validation import (
    PUBLIC_INVOICES_SERVICE,
    Service,
    Structure,
    Structures,
)

SOURCE = "Chorus Pro directory"


class Directory:
    """Structures looked up on the platform, each SIRET at most once per instance."""

    def __init__(self, client: ChorusClient) -> None:
        self._client = client
        self._known: dict[str, Structure | None] = {}

    def lookup(self, siret: str) -> Structure | None:
        """The recipient as the platform describes it; None when it does not know it."""
        siret = siret.replace(" ", "")
        if siret in self._known:
            return self._known[siret]
        ref = self._client.find_structure(siret)
        structure: Structure | None = None
        if ref is not None:
            detail = self._client.structure(ref.structure_id)
            services = []
            for info in self._client.services(ref.structure_id):
                needs_ej = False
                if info.active and info.code != PUBLIC_INVOICES_SERVICE:
                    needs_ej = self._client.service_requires_engagement(
                        ref.structure_id, info.service_id
                    )
                services.append(
                    Service(
                        code=info.code,
                        name=info.label or None,
                        active=info.active,
                        engagement_required=needs_ej,
                    )
                )
            structure = Structure(
                siret=siret,
                name=ref.name or detail.name or None,
                active=ref.active and detail.public,
                service_code_required=detail.service_required,
                engagement_required=detail.engagement_required,
                service_or_engagement=detail.engagement_or_service,
                services=tuple(services),
            )
        self._known[siret] = structure
        return structure

    def structures(self, sirets: list[str]) -> Structures:
        """The known structures among ``sirets`` (unknown ones are simply absent)."""
        found = [s for s in (self.lookup(siret) for siret in sirets if siret) if s is not None]
        return Structures(found, source=SOURCE)
