"""The inbox's files on disk: which are ready, and moving them out once committed.

A move never loses a file and never leaves two: the reason file is written before
the invoice is moved (a kill in between leaves a reason the next run rewrites);
a move across filesystems copies to a hidden temporary name, renames it into
place, then removes the source, so a kill leaves at worst the same bytes in both
places, which the next run sees (same name, same content) and settles by removing
the inbox copy.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

#: Names a writer uses while a file is not complete yet.
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload")
REASON_SUFFIX = ".reason.txt"


def _skipped_name(name: str) -> bool:
    return name.startswith(".") or name.lower().endswith(PARTIAL_SUFFIXES)


def scan(inbox: Path, exclude: Iterable[Path]) -> Iterator[Path]:
    """Every candidate file under ``inbox``, sorted; hidden and ``.part`` names left out,
    and so are the archive and rejected folders should they be configured inside it."""
    excluded = {p.absolute() for p in exclude}
    for root, dirs, names in os.walk(inbox):
        here = Path(root)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (here / d).absolute() not in excluded
        )
        for name in sorted(names):
            if not _skipped_name(name) and not name.endswith(REASON_SUFFIX):
                yield here / name


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def settled(paths: list[Path], interval: float) -> tuple[list[Path], list[Path]]:
    """``(ready, still_written)``: a file whose size or date changes over ``interval``
    seconds (or that changed within it) is being written and waits for the next run."""
    before = {p: _signature(p) for p in paths}
    if interval > 0 and paths:
        time.sleep(interval)
    now_ns = time.time_ns()
    ready: list[Path] = []
    busy: list[Path] = []
    for path in paths:
        after = _signature(path)
        if after is None:
            continue  # vanished: nothing to do
        young = now_ns - after[1] < interval * 1e9
        (busy if after != before[path] or young else ready).append(path)
    return ready, busy


def archive_folder(archive: Path, day: date) -> Path:
    return archive / f"{day.year:04d}" / f"{day.month:02d}"


def _same_bytes(a: Path, b: Path) -> bool:
    def digest(p: Path) -> str:
        h = hashlib.sha256()
        with p.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()

    return a.stat().st_size == b.stat().st_size and digest(a) == digest(b)


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    stem, suffix = target.stem, target.suffix
    n = 1
    while target.exists():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target


def move(source: Path, folder: Path, *, reason: str | None = None) -> Path:
    """Move ``source`` into ``folder`` (with ``NAME.reason.txt`` beside it when given)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    if target.exists() and _same_bytes(source, target):
        pass  # an earlier move was cut short after the copy: only the source is left over
    else:
        target = _free_name(folder, source.name)
    if reason is not None:
        _write_atomic(folder / (target.name + REASON_SUFFIX), reason.rstrip() + "\n")
    if target.exists():
        source.unlink()
        return target
    try:
        os.rename(source, target)
    except OSError:  # another filesystem: copy, fsync, rename into place, remove
        temporary = folder / f".{target.name}.moving"
        shutil.copyfile(source, temporary)
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        source.unlink()
    return target


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.writing")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
