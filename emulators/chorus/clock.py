"""The emulator's clock: real time, scaled, plus whatever the tests add.

Integration, routing and token expiry are all measured on this clock, so a test can
make an hour pass in a millisecond (``advance``) or freeze time entirely
(``scale=0``) and still see the platform behave as it would over that hour.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

#: Chorus Pro stamps its dates in French local time.
PARIS = ZoneInfo("Europe/Paris")


class Clock:
    def __init__(self, start: datetime | None = None, scale: float = 1.0) -> None:
        self._lock = threading.Lock()
        self._origin = (start or datetime.now(PARIS)).astimezone(PARIS)
        self._real_origin = time.monotonic()
        self._scale = scale
        self._added = 0.0

    def now(self) -> datetime:
        with self._lock:
            elapsed = (time.monotonic() - self._real_origin) * self._scale + self._added
        return self._origin + timedelta(seconds=elapsed)

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("the emulator clock never goes back")
        with self._lock:
            self._added += seconds
        return self.now()

    def set_scale(self, scale: float) -> None:
        """Change the speed without jumping: the current instant becomes the new origin."""
        if scale < 0:
            raise ValueError("clock scale must be >= 0")
        with self._lock:
            real = time.monotonic()
            self._added += (real - self._real_origin) * self._scale
            self._real_origin = real
            self._scale = scale


def iso_ms(moment: datetime) -> str:
    """``2019-03-27T11:12:24.777+01:00``: the shape of CR and state timestamps."""
    return moment.astimezone(PARIS).isoformat(timespec="milliseconds")


def day(moment: datetime) -> str:
    """``YYYY-MM-DD``: deposit, invoice and processing dates in answers."""
    return moment.astimezone(PARIS).strftime("%Y-%m-%d")


def minute(moment: datetime) -> str:
    """``YYYY-MM-DD HH:MM``: status history and service dates."""
    return moment.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")
