"""The demo on a fresh machine: fetch the official CEN artefacts it needs, or say why not.

A failure is an announced notice, never a stop: only the samples that need these
artefacts are affected, and the rest of the demo still has much to show.
"""

from __future__ import annotations

from collections.abc import Callable

from invoices.errors import SetupError
from invoices.i18n import t


def missing_cen_artefacts() -> list[str]:
    """The CEN artefacts (stand-alone CII) that are not installed, as the catalogue says."""
    from invoices import artefacts as catalogue

    return [
        key
        for key, artefact in catalogue.ARTEFACTS.items()
        if artefact.origin == "cen" and catalogue.status(key) == "missing"
    ]


def ensure_cen_artefacts(echo: Callable[[str], None], *, mirror: str | None = None) -> bool:
    """Fetch the official CEN archives when they are missing; False when still missing."""
    missing = missing_cen_artefacts()
    if not missing:
        return True
    from demat.artefacts_fetch import fetch
    from schemas.catalogue import cen_urls

    echo(t("demo.artefacts_missing", names=", ".join(missing)))
    try:
        done = fetch(cen_urls(mirror))
    except SetupError as exc:
        echo(t("demo.artefacts_notice", reason=exc.message()))
        return False
    echo(t("demo.artefacts_fetched", count=done.files, path=str(done.target)))
    return True
