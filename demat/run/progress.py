"""Progress per step: a ``rich`` bar (count, rate, time left) on a terminal, nothing in
a log file or under ``--quiet``."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Protocol


class Progress(Protocol):
    def start(self, label: str, total: int | None) -> None: ...
    def advance(self, note: str = "") -> None: ...
    def finish(self) -> None: ...


class Silent:
    def start(self, label: str, total: int | None) -> None:
        pass

    def advance(self, note: str = "") -> None:
        pass

    def finish(self) -> None:
        pass


class Bars:
    """One ``rich`` progress bar per step, on stderr."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._bars = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task: int | None = None
        self._started = False

    def __enter__(self) -> Bars:
        self._bars.start()
        self._started = True
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._bars.stop()

    def start(self, label: str, total: int | None) -> None:
        self._task = int(self._bars.add_task(label, total=total, rate=""))

    def advance(self, note: str = "") -> None:
        if self._task is None:
            return
        task = self._bars.tasks[-1]
        speed = task.speed
        rate = f"{speed:.1f}/s" if speed else ""
        self._bars.update(self._task, advance=1, rate=rate)  # type: ignore[arg-type]

    def echo(self, text: str) -> None:
        """A line printed above the bars (never a mark-up interpretation of it)."""
        self._bars.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def finish(self) -> None:
        if self._task is not None:
            task = self._bars.tasks[-1]
            self._bars.update(self._task, total=task.completed)  # type: ignore[arg-type]
        self._task = None


def on_terminal() -> bool:
    return sys.stderr.isatty()
