"""What every report says about the payment guard while it does not run."""

from __future__ import annotations

from invoices.i18n import t


def guard_notice() -> str | None:
    """The warning every report carries while the gate does not run, else ``None``."""
    from invoices.guard import load_guard

    settings = load_guard()
    if not settings.enabled:
        return t("guard.off")
    if not settings.commune_siret:
        return t("guard.no_commune")
    return None
