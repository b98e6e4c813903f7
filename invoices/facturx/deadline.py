"""Run a call with a wall-clock bound, for libraries that may loop on hostile input.

pypdf repairs broken PDFs with heuristics that can spin for a very long time on
a crafted file; a nightly batch must not hang on one attachment.  On the main
thread of a POSIX process the bound is a ``SIGALRM`` timer (the call is really
interrupted); elsewhere (worker threads) the call runs in a daemon thread and
the caller stops waiting for it, so the caller never hangs either way.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Expired(BaseException):
    """Raised inside the bounded call.  A BaseException on purpose: the recovery code
    of the libraries we bound catches ``Exception`` and would swallow it."""


def call_with_deadline(fn: Callable[[], T], seconds: float) -> T:
    """``fn()``, or :class:`Expired` if it runs longer than ``seconds``."""
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        return _with_alarm(fn, seconds)
    return _with_thread(fn, seconds)


def _with_alarm(fn: Callable[[], T], seconds: float) -> T:
    def expire(_signum: int, _frame: Any) -> None:
        raise Expired()

    previous_handler = signal.signal(signal.SIGALRM, expire)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:  # someone else's timer was running: give it back
            remaining = previous_timer[0] - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001), previous_timer[1])


def _with_thread(fn: Callable[[], T], seconds: float) -> T:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="demat-bounded", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise Expired()
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value
