"""Fixtures of the demo tests: the samples script, whose list of samples the demo must show."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="session")
def make_samples() -> ModuleType:
    """``samples/make_samples.py`` as a module (``samples/`` is not a package)."""
    spec = importlib.util.spec_from_file_location("demat_demo_make_samples",
                                                  SAMPLES_DIR / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
