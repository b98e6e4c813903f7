"""A test hook, and only that: ``DEMAT_RUN_TEST_KILL=POINT:N`` makes the run kill itself
with SIGKILL at the N-th passage at ``POINT`` (``after-commit``: a file's outcome is
committed and the file not moved yet), the one moment an outside kill cannot aim at.
Unset in production, it costs one dictionary lookup per file."""

from __future__ import annotations

import os
import signal

TEST_KILL_ENV = "DEMAT_RUN_TEST_KILL"
_seen: dict[str, int] = {}


def test_kill_point(point: str) -> None:
    wanted = os.environ.get(TEST_KILL_ENV)
    if not wanted:
        return
    name, _, count = wanted.partition(":")
    if name != point:
        return
    _seen[point] = _seen.get(point, 0) + 1
    if _seen[point] >= int(count or "1"):
        os.kill(os.getpid(), signal.SIGKILL)
