"""Typed Chorus Pro operations over :class:`connectors.chorus.http.ChorusHttp`.

One method per platform operation the connector needs, with the request shaped as
real clients send it (API.md sections 2 to 5) and the answer turned into the types
of :mod:`connectors.chorus.models`.  No business decision lives here: the connector
decides what to send and when; this module only speaks the protocol.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from connectors.chorus.config import ChorusConfig, load_config
from connectors.chorus.errors import ChorusOutcomeUnknown, ChorusUnavailable
from connectors.chorus.http import ChorusHttp, Observer
from connectors.chorus.models import (
    Deposit,
    FlowReport,
    History,
    InvoiceSummary,
    Paging,
    SearchPage,
    ServiceInfo,
    StructureDetail,
    StructureRef,
    Treatment,
    as_list,
)
from invoices.errors import InputError
from invoices.syntax import Syntax
from platforms.chorus import tables

#: ``syntaxeFlux`` per detected syntax (API.md 2.3).  A plain PDF has no flow syntax
#: (it goes through ``deposer/pdf`` + ``soumettre``), ZUGFeRD 1 is not accepted.
SYNTAX_FLUX: dict[Syntax, str] = {Syntax(k): v for k, v in tables.deposit_syntaxes().items()}
#: "No result" answers of the searches (API.md 5.4).
NO_RESULT = frozenset({tables.return_code("NO_RESULT")})
#: Largest flow file accepted (API.md 5.7, 10 MB per file).
MAX_FLOW_BYTES = tables.limits().max_flow_file_bytes
PAGE_SIZE = 100


def syntax_flux(syntax: Syntax, file: str | None = None) -> str:
    """The ``syntaxeFlux`` to declare for a document of this syntax."""
    try:
        return SYNTAX_FLUX[syntax]
    except KeyError:
        raise InputError("chorus.syntax_unsupported", file=file, syntax=str(syntax)) from None


class ChorusClient:
    """The Chorus Pro API as one technical account sees it."""

    def __init__(
        self,
        config: ChorusConfig | None = None,
        transport: httpx.BaseTransport | None = None,
        *,
        observer: Observer | None = None,
        sleep: Callable[[float], None] = time.sleep,
        backoff_base: float = 0.5,
    ) -> None:
        self.config = config if config is not None else load_config()
        self.http = ChorusHttp(
            self.config, transport, observer=observer, sleep=sleep, backoff_base=backoff_base
        )
        self._sleep = sleep

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> ChorusClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ supplier side

    def deposit(self, data: bytes, file_name: str, syntax: str) -> Deposit:
        """``deposer/flux``: sent exactly once; never retried (see ChorusHttp.post)."""
        if len(data) > MAX_FLOW_BYTES:
            raise InputError(
                "chorus.flow_too_large", file=file_name, size=len(data), limit=MAX_FLOW_BYTES
            )
        body = {
            "fichierFlux": base64.b64encode(data).decode("ascii"),
            "nomFichier": file_name,
            "syntaxeFlux": syntax,
            "avecSignature": False,
        }
        answer = self.http.post("factures/v1/deposer/flux", body, write=True)
        deposit = Deposit.from_json(answer)
        if not deposit.flow_id:
            # Accepted without a flow number: we cannot follow it, and it may exist.
            raise ChorusOutcomeUnknown(
                "chorus.outcome_unknown", operation="deposer/flux", reason="no numeroFluxDepot"
            )
        return deposit

    def flow_report(self, flow_id: str, syntax: str | None = None) -> FlowReport:
        body: dict[str, Any] = {"numeroFluxDepot": flow_id}
        if syntax:
            body["syntaxeFlux"] = syntax
        return FlowReport.from_json(self.http.post("transverses/v1/consulterCRDetaille", body))

    def wait_flow(
        self,
        flow_id: str,
        syntax: str | None = None,
        *,
        interval: float | None = None,
        timeout: float | None = None,
    ) -> FlowReport:
        """Poll ``consulterCRDetaille`` until the flow reaches a terminal state.

        Returns the last report when the deadline passes (the caller keeps the
        transmission "sent" and polls again later): a slow platform is not a failure.
        """
        interval = self.config.poll_interval if interval is None else interval
        timeout = self.config.poll_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        delay = min(interval, 0.05)
        while True:
            report = self.flow_report(flow_id, syntax)
            if report.terminal or time.monotonic() + delay > deadline:
                return report
            self._sleep(delay)
            delay = min(interval, delay * 2)

    def search_supplier(
        self,
        *,
        flow_id: str | None = None,
        number: str | None = None,
        page: int = 1,
        per_page: int = PAGE_SIZE,
        **criteria: Any,
    ) -> SearchPage:
        """``rechercher/fournisseur`` (paging in ``parametresRetour``)."""
        body: dict[str, Any] = dict(criteria)
        if flow_id:
            body["numeroFluxDepot"] = flow_id
        if number:
            body["numeroFacture"] = number
        body["rechercheFactureParFournisseur"] = {
            "pageResultatDemandee": page,
            "nbResultatsParPage": per_page,
            "triSens": "Descendant",
            "triColonne": "DateDepot",
        }
        answer = self.http.post("factures/v1/rechercher/fournisseur", body, empty_codes=NO_RESULT)
        items = tuple(
            InvoiceSummary.from_json(i)
            for i in as_list(answer.get("listeFactures"))
            if isinstance(i, dict)
        )
        return SearchPage(items, Paging.from_json(answer.get("parametresRetour")))

    def history(self, invoice_id: int) -> History:
        """``consulter/historique``: current status and every status change."""
        answer = self.http.post(
            "factures/v1/consulter/historique", {"idFacture": invoice_id, "nbResultatsMaximum": 100}
        )
        return History.from_json(answer)

    # ------------------------------------------------------------ recipient side

    def search_recipient(
        self, *, page: int = 1, per_page: int = PAGE_SIZE, **criteria: Any
    ) -> SearchPage:
        """``rechercher/recipiendaire`` (paging at the root; 20000 = empty)."""
        body: dict[str, Any] = {"typeDemandePaiement": "FACTURE", **criteria}
        body["paramRecherche"] = {
            "pageResultatDemandee": page,
            "nbResultatsParPage": per_page,
            "triSens": "Ascendant",
            "triColonne": "DateDepot",
        }
        answer = self.http.post("factures/v1/rechercher/recipiendaire", body, empty_codes=NO_RESULT)
        items = tuple(
            InvoiceSummary.from_json(i)
            for i in as_list(answer.get("listeFactures"))
            if isinstance(i, dict)
        )
        paging = Paging.from_json(answer)
        if items and paging.pages == 0:
            raise ChorusUnavailable(
                "chorus.bad_answer", url=self.http.url("factures/v1/rechercher/recipiendaire")
            )
        return SearchPage(items, paging)

    def iter_recipient(
        self, *, start_page: int = 1, per_page: int = PAGE_SIZE, **criteria: Any
    ) -> Iterator[SearchPage]:
        """Every page from ``start_page`` on, while ``pageCourante < pages``."""
        page = start_page
        while True:
            result = self.search_recipient(page=page, per_page=per_page, **criteria)
            yield result
            if not result.items or result.paging.last:
                return
            page += 1

    def download(self, invoice_ids: list[int], fmt: str = "PDF") -> bytes:
        """``telecharger/groupe``: the file as deposited (``PDF``) or the ``PIVOT``."""
        answer = self.http.post(
            "factures/v1/telecharger/groupe",
            {
                "listeFacture": [{"idFacture": i} for i in invoice_ids],
                "format": fmt,
                "avecPiecesJointesComplementaires": "NON",
            },
        )
        content = answer.get("fichierResultat")
        if not isinstance(content, str) or not content:
            raise ChorusUnavailable(
                "chorus.bad_answer", url=self.http.url("factures/v1/telecharger/groupe")
            )
        try:
            return base64.b64decode(content, validate=True)
        except ValueError:
            raise ChorusUnavailable(
                "chorus.bad_answer", url=self.http.url("factures/v1/telecharger/groupe")
            ) from None

    def process_received(
        self, invoice_id: int, status: str, *, motif: str | None = None, mandate: str | None = None
    ) -> Treatment:
        """``traiter/recue``: set the recipient's decision (a write: sent once)."""
        body: dict[str, Any] = {"idFacture": invoice_id, "nouveauStatut": status}
        if motif:
            body["motif"] = motif
        if mandate:
            body["numeroDPMandat"] = mandate
        return Treatment.from_json(self.http.post("factures/v1/traiter/recue", body, write=True))

    def possible_statuses(self, current: str) -> list[str]:
        """``recuperer/etats/traitement``: what the platform lets us set from ``current``."""
        answer = self.http.post(
            "transverses/v1/recuperer/etats/traitement", {"statutCourant": current}
        )
        return [
            str(e.get("statutPossiblePourTraitement"))
            for e in as_list(answer.get("listeStatutsPossiblesPourTraitement"))
            if isinstance(e, dict) and e.get("statutPossiblePourTraitement")
        ]

    # ------------------------------------------------------------ structures

    def find_structure(self, siret: str) -> StructureRef | None:
        """``structures/v1/rechercher`` by SIRET; None when the platform knows none."""
        answer = self.http.post(
            "structures/v1/rechercher",
            {
                "structure": {"identifiantStructure": siret, "typeIdentifiantStructure": "SIRET"},
                "restreindreStructuresPrivees": False,
                "parametres": {"pageResultatDemandee": 1, "nbResultatsParPage": 10},
            },
            empty_codes=NO_RESULT,
        )
        found = [
            StructureRef.from_json(s)
            for s in as_list(answer.get("listeStructures"))
            if isinstance(s, dict)
        ]
        exact = [s for s in found if s.siret == siret]
        return exact[0] if exact else None

    def structure(self, structure_id: int) -> StructureDetail:
        return StructureDetail.from_json(
            self.http.post(
                "structures/v1/consulter", {"idStructureCPP": structure_id, "codeLangue": "FR"}
            )
        )

    def services(self, structure_id: int) -> list[ServiceInfo]:
        """``structures/v1/rechercher/services``, every page."""
        out: list[ServiceInfo] = []
        page = 1
        while True:
            answer = self.http.post(
                "structures/v1/rechercher/services",
                {
                    "idStructure": structure_id,
                    "parametresRechercherServicesStructure": {
                        "pageResultatDemandee": page,
                        "nbResultatsParPage": 1000,
                    },
                },
                empty_codes=NO_RESULT,
            )
            items = [
                ServiceInfo.from_json(s)
                for s in as_list(answer.get("listeServices"))
                if isinstance(s, dict)
            ]
            out.extend(items)
            paging = Paging.from_json(answer.get("parametresRetour"))
            if not items or paging.last:
                return out
            page += 1

    def service_requires_engagement(self, structure_id: int, service_id: int) -> bool:
        answer = self.http.post(
            "structures/v1/consulter/service",
            {"idStructure": structure_id, "idService": service_id, "codeLangue": "FR"},
        )
        params = answer.get("parametres") or {}
        return isinstance(params, dict) and params.get("numeroEngagement") is True
