"""The official artefacts as the library finds them: :mod:`schemas.catalogue`, rooted here.

``schemas`` pins and locates artefacts under whatever folder it is given; where that
folder is on the user's machine is the project's decision (beside the database and
the document store, :func:`invoices.paths.data_dir`), so it is made once here and the
validation layers, the CLI and the installer all ask this module.
"""

from __future__ import annotations

import os
from pathlib import Path

from invoices.paths import data_dir
from schemas import catalogue
from schemas.catalogue import (
    ARTEFACTS,
    CEN_DIRNAME,
    FACTURX_VERSION,
    Artefact,
    ArtefactError,
    ArtefactMissing,
    ArtefactTampered,
    facturx_installed_version,
    forget_verified,
    priming_document,
)

__all__ = [
    "ARTEFACTS",
    "CEN_DIRNAME",
    "FACTURX_VERSION",
    "Artefact",
    "ArtefactError",
    "ArtefactMissing",
    "ArtefactTampered",
    "artefacts_dir",
    "cen_root",
    "facturx_installed_version",
    "forget_verified",
    "locate",
    "priming_document",
    "status",
]


def artefacts_dir() -> Path:
    """Where the CEN release is installed (``DEMAT_ARTEFACTS_DIR`` overrides, for CI and tests).

    Read at every call, not remembered: tests and batch jobs point it elsewhere.
    """
    override = os.environ.get("DEMAT_ARTEFACTS_DIR")
    return Path(override) if override else data_dir() / "artefacts"


def cen_root() -> Path:
    """The installed CEN release folder (it may not exist yet)."""
    return catalogue.cen_root(artefacts_dir())


def locate(key: str) -> Path:
    """The main file of ``key``, checked against its pins (:func:`schemas.catalogue.locate`)."""
    return catalogue.locate(key, artefacts_dir())


def status(key: str) -> str:
    """``ok``, ``missing`` or ``tampered``, for ``demat artefacts list``."""
    return catalogue.status(key, artefacts_dir())
