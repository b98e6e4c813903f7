"""Helpers shared by the writers' tests (imported by name: tests are not a package)."""

from __future__ import annotations

import dataclasses
from typing import Any


def _is_empty(value: Any) -> bool:
    return value is None or value == () or value == ""


def assert_subset(got: Any, written: Any, path: str = "invoice") -> None:
    """Everything read back was written, with the same value (a profile may drop terms)."""
    if dataclasses.is_dataclass(got):
        assert dataclasses.is_dataclass(written), path
        for f in dataclasses.fields(got):
            value = getattr(got, f.name)
            if not _is_empty(value):
                assert_subset(value, getattr(written, f.name), f"{path}.{f.name}")
    elif isinstance(got, tuple):
        assert isinstance(written, tuple) and len(got) <= len(written), path
        for i, (a, b) in enumerate(zip(got, written, strict=False)):
            assert_subset(a, b, f"{path}[{i}]")
    else:
        assert got == written, f"{path}: read {got!r}, wrote {written!r}"
