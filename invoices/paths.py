"""Where the project keeps its files on the user's machine.

One place decides it, so the database, the document store and the installed
official artefacts always sit together.  ``DEMAT_DATA_DIR`` overrides the
platform's user data directory (tests and batch jobs point it elsewhere).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "mairie-demat"


def data_dir() -> Path:
    """The user's data directory for mairie-demat (created on first use)."""
    override = os.environ.get("DEMAT_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Where the configuration file lives (``DEMAT_CONFIG_DIR`` overrides)."""
    override = os.environ.get("DEMAT_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))
