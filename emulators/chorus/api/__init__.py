"""The Chorus Pro operations: one handler per path, grouped by API (one module each).

:data:`ROUTES` maps the path a client calls (after ``/cpro/``) to its handler; the server
decodes the request, builds a :class:`~emulators.chorus.api.common.Call` and turns the
handler's answer (or :class:`~emulators.chorus.api.common.Answer`) into HTTP.
"""

from __future__ import annotations

from emulators.chorus.api.common import Answer, Call, Handler
from emulators.chorus.api.recipient import (
    consulter_recipiendaire,
    rechercher_recipiendaire,
    telecharger_groupe,
    traiter_recue,
)
from emulators.chorus.api.structures import (
    engagements_rechercher,
    rattachements,
    structures_consulter,
    structures_rechercher,
    structures_service,
    structures_services,
)
from emulators.chorus.api.supplier import (
    ajouter_fichier,
    completer,
    consulter_fournisseur,
    consulter_historique,
    deposer_flux,
    deposer_pdf,
    rechercher_fournisseur,
    recycler,
    soumettre,
    traiter_rejet,
)
from emulators.chorus.api.transverses import (
    active_structures,
    consulter_cr,
    consulter_cr_detaille,
    etats_traitement,
    taux_tva,
)
from emulators.chorus.api.travaux import rechercher as travaux_rechercher
from emulators.chorus.clock import minute
from emulators.chorus.entities import FLOW_WAITING

#: path (after ``/cpro/``) -> handler.  Every one is a POST with a JSON body.
ROUTES: dict[str, Handler] = {
    "factures/v1/deposer/flux": deposer_flux,
    "factures/v1/deposer/pdf": deposer_pdf,
    "factures/v1/soumettre": soumettre,
    "transverses/v1/ajouter/fichier": ajouter_fichier,
    "factures/v1/rechercher/fournisseur": rechercher_fournisseur,
    "factures/v1/consulter/fournisseur": consulter_fournisseur,
    "factures/v1/consulter/historique": consulter_historique,
    "factures/v1/completer": completer,
    "factures/v1/recycler": recycler,
    "factures/v1/traiterRejet": traiter_rejet,
    "factures/v1/rechercher/recipiendaire": rechercher_recipiendaire,
    "factures/v1/consulter/recipiendaire": consulter_recipiendaire,
    "factures/v1/telecharger/groupe": telecharger_groupe,
    "factures/v1/traiter/recue": traiter_recue,
    "facturesTravaux/v1/rechercher": travaux_rechercher,
    "transverses/v1/consulterCRDetaille": consulter_cr_detaille,
    "transverses/v1/consulterCR": consulter_cr,
    "transverses/v1/recuperer/etats/traitement": etats_traitement,
    "transverses/v1/recuperer/structures/actives/destinataire": lambda c: active_structures(
        c, "DESTINATAIRE"
    ),
    "transverses/v1/recuperer/structures/actives/fournisseur": lambda c: active_structures(
        c, "FOURNISSEUR"
    ),
    "transverses/v1/recuperer/tauxtva": taux_tva,
    "structures/v1/rechercher": structures_rechercher,
    "structures/v1/consulter": structures_consulter,
    "structures/v1/rechercher/services": structures_services,
    "structures/v1/consulter/service": structures_service,
    "engagementsJuridiques/v1/rechercher": engagements_rechercher,
    "utilisateurs/v1/monCompte/recuperer/rattachements": rattachements,
}
#: The one GET of the API (answer shape of API.md 5.8).
HEALTH = "transverses/v1/health-check"

__all__ = ["FLOW_WAITING", "HEALTH", "ROUTES", "Answer", "Call", "minute"]
