"""Resident memory of a process and all its descendants, sampled from ``/proc`` (Linux).

The benchmark's peak is the largest SUM of ``VmRSS`` seen over the tree at one time
(what the machine must hold at once), and per process name the largest ``VmHWM``
(each process's own peak, which the kernel keeps even between two samples).
"""

from __future__ import annotations

import threading
from pathlib import Path


def _status(pid: int) -> dict[str, str]:
    fields: dict[str, str] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    except OSError:
        pass
    return fields


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        for task in tasks:
            text = (task / "children").read_text(encoding="ascii")
            found += [int(c) for c in text.split()]
    except OSError:
        pass
    return found


def _label(pid: int, name: str) -> str:
    """``demat`` for the run itself, ``worker`` for the rest of its tree (the Saxon
    workers: once SaxonC is loaded their ``cmdline`` no longer reads as it started)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "worker"
    return "demat" if b"demat.cli" in command else "worker"


def _kb(value: str | None) -> int:
    return int(value.split()[0]) if value else 0


class TreeSampler:
    def __init__(self, root: int, interval: float = 0.1, *, count_root: bool = False) -> None:
        self.root = root
        #: Whether the root's own memory counts (not when it is the benchmark itself).
        self.count_root = count_root
        self.interval = interval
        self.peak_sum_kb = 0
        self._hwm: dict[int, tuple[str, int]] = {}
        self._done = threading.Event()

    @property
    def seen(self) -> int:
        return len(self._hwm)

    def sample(self) -> None:
        todo, total = [self.root], 0
        while todo:
            pid = todo.pop()
            status = _status(pid)
            if not status:
                continue
            if pid != self.root or self.count_root:
                total += _kb(status.get("VmRSS"))
            name = _label(pid, status.get("Name", "?"))
            hwm = _kb(status.get("VmHWM"))
            old = self._hwm.get(pid, (name, 0))[1]
            self._hwm[pid] = (name, max(old, hwm))
            todo += _children(pid)
        self.peak_sum_kb = max(self.peak_sum_kb, total)

    def run(self) -> None:
        while not self._done.is_set():
            self.sample()
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()

    def hwm_by_name(self) -> dict[str, int]:
        """The largest own peak per process kind (``python3.11`` main, workers...)."""
        peaks: dict[str, int] = {}
        for pid, (name, kb) in self._hwm.items():
            label = "benchmark" if pid == self.root else name
            peaks[label] = max(peaks.get(label, 0), kb)
        return peaks
