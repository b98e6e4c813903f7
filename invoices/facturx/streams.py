"""Sizes a PDF announces for a stream, read before anything is decompressed."""

from __future__ import annotations

from typing import Any

from pypdf.generic import DictionaryObject, StreamObject


def declared_size(stream: StreamObject) -> int:
    """The largest size the file's dictionaries announce (decoded or encoded)."""
    sizes: list[Any] = []
    params = stream.get("/Params")
    params = params.get_object() if params is not None else None
    if isinstance(params, DictionaryObject):
        sizes.append(params.get("/Size"))
    sizes.append(stream.get("/DL"))
    sizes.append(stream.get("/Length"))
    numbers = []
    for size in sizes:
        try:
            numbers.append(int(size.get_object() if hasattr(size, "get_object") else size))
        except (TypeError, ValueError):
            continue
    return max(numbers, default=0)
